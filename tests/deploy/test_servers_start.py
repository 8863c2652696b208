"""Each server, started as a local process exactly as compose or Kubernetes configures it
(command and TUBELENS_* environment; host 127.0.0.1 and a free port instead of the container's,
and files in a temporary directory where the platform mounts a volume or a Secret),
reports SERVING through the gRPC health protocol, passes the image's own health check, and stops
cleanly on SIGTERM."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tubelens.server.probe import check

from .deployfiles import (
    DOCKER_DIR,
    ROOT,
    SERVERS,
    ServerConfig,
    compose_config,
    exec_form,
    k8s_config,
    read_compose,
    read_dockerfile,
    read_k8s,
)

pytestmark = pytest.mark.integration


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


ACCESS_EXAMPLE = ROOT / "deploy" / "access.example.toml"


def local_env(config: ServerConfig, port: int, state: Path) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("TUBELENS_")}
    local = {"TUBELENS_HOST": "127.0.0.1", "TUBELENS_PORT": str(port)}
    if "TUBELENS_USAGE_URL" in config.env:  # the compose volume, or the ledger's Redis
        local["TUBELENS_USAGE_URL"] = f"sqlite:///{state / config.platform / 'usage.sqlite3'}"
    if "TUBELENS_UPLOADS_DIR" in config.env:  # the uploads volume
        local["TUBELENS_UPLOADS_DIR"] = str(state / config.platform / "uploads")
    if "TUBELENS_ACCESS_FILE" in config.env:  # the Secret tubelens-access, as documented
        local["TUBELENS_ACCESS_FILE"] = str(ACCESS_EXAMPLE)
    # No /metrics: with gRPC ports picked at random, one server's metrics port (its gRPC port
    # + 1000, or the deployed fixed one) could take another's gRPC port before it binds.
    # tests/integration/test_prometheus.py covers the endpoints.
    return {**inherited, **config.env, **local, "TUBELENS_METRICS_PORT": "0"}


def start(config: ServerConfig, port: int, log: Path) -> subprocess.Popen:
    argv = list(config.argv)
    assert argv[:2] == ["python", "-m"], argv
    with log.open("w", encoding="utf-8") as stderr:
        return subprocess.Popen(
            [sys.executable, *argv[1:]],
            cwd=ROOT,
            env=local_env(config, port, log.parent),
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )


def wait_serving(process: subprocess.Popen, port: int, timeout: float = 90.0) -> str:
    deadline = time.monotonic() + timeout
    detail = "no answer"
    while time.monotonic() < deadline and process.poll() is None:
        serving, detail = check(f"127.0.0.1:{port}", timeout=1.0)
        if serving:
            return "SERVING"
        time.sleep(0.2)
    return f"exited {process.returncode}" if process.poll() is not None else detail


@dataclass
class Launched:
    config: ServerConfig
    port: int
    process: subprocess.Popen
    log: Path


@pytest.fixture(scope="module")
def fleet(tmp_path_factory) -> Iterator[list[Launched]]:
    """Both platforms' five servers at once: ten processes that start in parallel."""
    compose, k8s = read_compose(), read_k8s()
    configs = [compose_config(compose, s) for s in SERVERS] + [k8s_config(k8s, s) for s in SERVERS]
    logs = tmp_path_factory.mktemp("deployed-servers")
    launched = []
    try:
        for config, port in zip(configs, free_ports(len(configs)), strict=True):
            log = logs / f"{config.platform}-{config.server}.log"
            launched.append(Launched(config, port, start(config, port, log), log))
        yield launched
    finally:
        for server in launched:
            if server.process.poll() is None:
                server.process.kill()
                server.process.wait()


@pytest.mark.parametrize("platform", ["compose", "kubernetes"])
def test_every_server_reports_serving_with_its_deployed_configuration(fleet, platform) -> None:
    servers = [s for s in fleet if s.config.platform == platform]
    states = {s.config.server: wait_serving(s.process, s.port) for s in servers}
    logs = {
        s.config.server: s.log.read_text(encoding="utf-8")[-800:]
        for s in servers
        if states[s.config.server] != "SERVING"
    }
    assert states == dict.fromkeys(SERVERS, "SERVING"), logs

    if platform != "compose":
        return  # Kubernetes probes the health service natively, as wait_serving just did

    # Docker runs the HEALTHCHECK each image declares: run it with the server's environment.
    checks = {}
    for server in servers:
        dockerfile = read_dockerfile(DOCKER_DIR / "Dockerfile")
        argv = exec_form(dockerfile.args("HEALTHCHECK")[0])
        image_env = {"TUBELENS_SERVER": server.config.server}  # the Dockerfile's ENV
        checks[server.config.server] = subprocess.Popen(
            [sys.executable, *argv[1:]],
            cwd=ROOT,
            env={**local_env(server.config, server.port, server.log.parent), **image_env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
    codes = {name: check.wait(timeout=30) for name, check in checks.items()}
    assert codes == dict.fromkeys(SERVERS, 0), {n: c.stderr.read() for n, c in checks.items()}


def test_every_server_drains_and_exits_zero_on_sigterm(fleet) -> None:
    for server in fleet:
        if server.process.poll() is None:
            server.process.terminate()  # SIGTERM, as docker stop and the kubelet send
    codes = {f"{s.config.platform}-{s.config.server}": s.process.wait(timeout=30) for s in fleet}
    assert set(codes.values()) == {0}, codes
