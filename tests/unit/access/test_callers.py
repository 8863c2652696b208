"""The access file: callers, their keys (as digests), permissions and quotas."""

from __future__ import annotations

import pytest

from gateway.access.callers import (
    ANONYMOUS,
    AccessConfigError,
    callers_of,
    key_digest,
    new_api_key,
    parse_access,
)

DIGEST = "a" * 64


def test_a_caller_takes_each_unset_quota_from_the_defaults() -> None:
    access = parse_access(
        f"""
        [defaults]
        analyses_per_minute = 60
        youtube_units_per_day = 1000

        [callers.team-a]
        api_key_sha256 = ["{DIGEST}"]
        youtube_units_per_day = 50
        permissions = ["analyze"]
        """,
        "test",
    )
    caller = callers_of(access)["team-a"]
    assert caller.quotas.analyses_per_minute == 60
    assert caller.quotas.youtube_units_per_day == 50
    assert caller.quotas.gemini_tokens_per_day is None  # unlimited: set nowhere
    assert caller.may("analyze") and not caller.may("photocard")
    assert not caller.admin


def test_anonymous_exists_with_the_defaults_when_the_file_does_not_name_it() -> None:
    callers = callers_of(parse_access("[defaults]\nconcurrent_analyses = 3\n", "test"))
    assert callers[ANONYMOUS].quotas.concurrent_analyses == 3


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[callers.a]\napi_key_sha256 = ["abc"]\n', "64 hex digits"),
        ("[callers.a]\npermissions = ['delete_everything']\n", "permissions"),
        ("[callers.a]\nanalyses_per_minte = 3\n", "analyses_per_minte"),  # typo: not ignored
        ("[callers.a\n", "not a valid access file"),
    ],
)
def test_a_wrong_file_is_refused_saying_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(AccessConfigError, match=words):
        parse_access(text, "access.toml")


def test_new_keys_are_random_prefixed_and_their_digest_is_sha256() -> None:
    first, second = new_api_key(), new_api_key()
    assert first != second and first.startswith("tlk_") and len(first) > 40
    assert key_digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
