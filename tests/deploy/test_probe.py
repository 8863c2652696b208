"""The health probe every image runs: exit 0 only when the server reports SERVING."""

from __future__ import annotations

import http.server
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent import futures

import grpc
import pytest
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from tubelens.server import probe


@pytest.fixture
def health_server() -> Iterator[tuple[int, health.HealthServicer]]:
    servicer = health.HealthServicer()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield port, servicer
    server.stop(None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serving_exits_zero(health_server, capsys) -> None:
    port, servicer = health_server
    servicer.set("", health_pb2.HealthCheckResponse.SERVING)
    assert probe.main(["--port", str(port)]) == 0
    assert "SERVING" in capsys.readouterr().out


def test_not_serving_exits_one_and_says_so(health_server, capsys) -> None:
    port, servicer = health_server
    servicer.set("", health_pb2.HealthCheckResponse.NOT_SERVING)
    assert probe.main(["--port", str(port)]) == 1
    assert "NOT_SERVING" in capsys.readouterr().err


def test_a_named_service_is_probed(health_server) -> None:
    port, servicer = health_server
    servicer.set("", health_pb2.HealthCheckResponse.SERVING)
    servicer.set("tubelens.v1.SummaryService", health_pb2.HealthCheckResponse.NOT_SERVING)
    assert probe.main(["--port", str(port), "--service", "tubelens.v1.SummaryService"]) == 1
    assert probe.main(["--port", str(port), "--service", "tubelens.v1.Unknown"]) == 1


def test_nothing_listening_fails_within_the_timeout(capsys) -> None:
    assert probe.main(["--port", str(free_port()), "--timeout", "0.5"]) == 1
    err = capsys.readouterr().err
    assert "UNAVAILABLE" in err or "DEADLINE_EXCEEDED" in err


def test_server_flag_follows_the_servers_own_port_setting(monkeypatch) -> None:
    monkeypatch.setenv("TUBELENS_HOST", "0.0.0.0")
    assert probe.probe_address(None, None, "thumbnail") == "127.0.0.1:50054"
    monkeypatch.setenv("TUBELENS_PORT", "7001")
    assert probe.probe_address(None, None, "thumbnail") == "127.0.0.1:7001"
    monkeypatch.setenv("TUBELENS_HOST", "::1")
    assert probe.probe_address(None, 5, None) == "[::1]:5"


def test_runs_as_a_module_like_the_images_health_check(health_server) -> None:
    port, servicer = health_server
    servicer.set("", health_pb2.HealthCheckResponse.SERVING)
    command = [sys.executable, "-m", "tubelens.server.probe", "--port", str(port)]
    assert subprocess.run(command, capture_output=True, timeout=30).returncode == 0
    servicer.set("", health_pb2.HealthCheckResponse.NOT_SERVING)
    done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert done.returncode == 1 and "NOT_SERVING" in done.stderr


class _Health(http.server.BaseHTTPRequestHandler):
    answer = 200

    def do_GET(self) -> None:
        code = self.answer if self.path == "/healthz" else 404
        self.send_response(code)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize(("answer", "exit_code"), [(200, 0), (503, 1)])
def test_the_web_front_is_probed_over_http(monkeypatch, answer: int, exit_code: int) -> None:
    handler = type("Answering", (_Health,), {"answer": answer})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("TUBELENS_SERVER", "web")  # as the web image sets it
        monkeypatch.setenv("TUBELENS_WEB_HOST", "0.0.0.0")
        monkeypatch.setenv("TUBELENS_WEB_PORT", str(server.server_address[1]))
        assert probe.main([]) == exit_code
        assert probe.main(["--server", "web"]) == exit_code
    finally:
        server.shutdown()
        server.server_close()
