"""The cap on calls in flight: refused at once past it, freed when a call ends however it ends."""

from __future__ import annotations

import pytest

from tubelens.errors import ResourceExhausted
from tubelens.server.in_flight import InFlight


def test_past_the_cap_a_call_is_refused_naming_the_setting() -> None:
    cap = InFlight(2, "analyses", "TUBELENS_MAX_ANALYSES")
    with cap.hold(), cap.hold():
        with pytest.raises(ResourceExhausted) as caught, cap.hold():
            pass
        assert caught.value.reason == "OVERLOADED" and caught.value.retry_after_seconds
        assert "TUBELENS_MAX_ANALYSES" in caught.value.message
    with cap.hold():  # both ended: room again
        assert cap.count == 1


def test_a_call_that_fails_gives_its_place_back() -> None:
    cap = InFlight(1, "files")
    with pytest.raises(ValueError), cap.hold():
        raise ValueError("boom")
    assert cap.count == 0
