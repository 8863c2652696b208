"""A real redis-server of a test's own (Debian package redis-server, scripts/system-deps.sh):
a free port, a temporary directory, no persistence. Use as a pytest plugin:
`pytest_plugins = ["tests.fakes.redis_server"]` gives the module-scoped `redis_url` fixture,
which skips the test, saying why, where redis-server is not installed."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest

NOT_INSTALLED = (
    "redis-server is not installed (apt-get install redis-server, or make setup as root)"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a redis-server started for this test module, stopped after it; the test is
    skipped, saying why, where the binary is missing."""
    if shutil.which("redis-server") is None:
        pytest.skip(NOT_INSTALLED)
    port, work = _free_port(), tmp_path_factory.mktemp("redis")
    options = {"port": str(port), "bind": "127.0.0.1", "dir": str(work), "save": ""}
    options |= {"appendonly": "no", "daemonize": "no"}
    server = subprocess.Popen(
        [
            "redis-server",
            *(part for name, value in options.items() for part in (f"--{name}", value)),
        ],
        stdout=(work / "redis.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    else:
        server.kill()
        pytest.fail("redis-server did not start; see " + str(work / "redis.log"))
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(10)
