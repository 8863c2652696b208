import subprocess
import sys

import pytest

from services.summary.engines import build_engine
from tubelens.settings import GatewaySettings, ServiceSettings, StartupError


def test_settings_come_from_the_prefixed_environment(monkeypatch) -> None:
    monkeypatch.setenv("TUBELENS_PORT", "6001")
    monkeypatch.setenv("TUBELENS_SUMMARY_TARGET", "dns:///summary:50052")
    settings = GatewaySettings()
    assert settings.port_for("gateway") == 6001
    assert settings.summary_target == "dns:///summary:50052"


def test_default_ports_per_server() -> None:
    settings = ServiceSettings()
    assert [settings.port_for(s) for s in ("gateway", "summary", "photocard")] == [
        50051,
        50052,
        50055,
    ]


def test_gemini_without_credentials_is_refused_naming_the_variable(monkeypatch) -> None:
    for name in ("TUBELENS_GEMINI_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(StartupError) as caught:
        build_engine(ServiceSettings(engine="gemini"))
    assert "TUBELENS_GEMINI_API_KEY" in str(caught.value)


def test_a_server_that_cannot_start_exits_with_a_message() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "services.summary"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"TUBELENS_ENGINE": "gemini", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 2
    assert "TUBELENS_GEMINI_API_KEY" in done.stderr
