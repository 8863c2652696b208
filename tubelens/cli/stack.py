"""Runs the six servers as local processes: `tubelens up`, the demo and the integration tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tubelens.servers import GATEWAY, behind_gateway
from tubelens.servers import SERVERS as DECLARED

# (name, module, offset from the base port), from the declaration (tubelens.servers); the
# gateway listens on the base port.
SERVERS = tuple((server.name, server.module, server.port - DECLARED[0].port) for server in DECLARED)


WEB = "web"  # not a gRPC server: an HTTP front of the gateway, started after it


class StackError(RuntimeError):
    """A server did not come up; the message says which and shows the end of its log."""


@dataclass
class Stack:
    host: str = "127.0.0.1"
    base_port: int = 50051
    extra_env: dict[str, str] = field(default_factory=dict)
    only: tuple[str, ...] = ()  # start just these servers (tests); empty: all of them
    log_dir: Path | None = None  # one log file per server; None: inherit this process's stderr
    web_port: int = 0  # the HTTP/JSON API and the page (python -m web) on it; 0: not started
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    # A second SIGTERM could land after the server's loop has closed and kill it mid-exit.
    _terminated: set[str] = field(default_factory=set)

    def address(self, name: str) -> str:
        offset = next(offset for server, _, offset in SERVERS if server == name)
        return f"{self.host}:{self.base_port + offset}"

    def start(self, timeout: float = 60.0) -> None:
        for name, module, _ in SERVERS:
            if not self.only or name in self.only:
                self.start_one(name, module)
        if self.web_port:
            self.start_one(WEB, WEB)
        try:
            for name in self.processes:
                if name == WEB:
                    self.wait_web(timeout)
                else:
                    self.wait_serving(name, timeout)
        except BaseException:
            self.stop()
            raise

    def start_one(self, name: str, module: str | None = None) -> None:
        module = module or next(m for server, m, _ in SERVERS if server == name)
        env = {**os.environ, **self._env_for(name)}
        log = None
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            log = (self.log_dir / f"{name}.log").open("a", encoding="utf-8")
        try:
            self.processes[name] = subprocess.Popen(
                [sys.executable, "-m", module], env=env, stdout=subprocess.DEVNULL, stderr=log
            )
        finally:
            if log is not None:
                log.close()  # the child holds its own copy of the descriptor

    @property
    def web_url(self) -> str:
        return f"http://{self.host}:{self.web_port}/"

    def wait_web(self, timeout: float) -> None:
        """Until the web server answers /healthz."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.processes[WEB].poll() is not None:
                raise StackError(f"The web server exited.{self.log_tail(WEB)}")
            try:
                with urllib.request.urlopen(self.web_url + "healthz", timeout=1) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise StackError(f"The web server did not answer within {timeout:.0f} s.")

    def _env_for(self, name: str) -> dict[str, str]:
        if name == WEB:
            return {
                "TUBELENS_WEB_HOST": self.host,
                "TUBELENS_WEB_PORT": str(self.web_port),
                "TUBELENS_WEB_GATEWAY_TARGET": self.address(GATEWAY),
                **self.extra_env,
            }
        host, port = self.address(name).rsplit(":", 1)
        env = {"TUBELENS_HOST": host, "TUBELENS_PORT": port, **self.extra_env}
        if name == GATEWAY:
            for server in behind_gateway():
                env.setdefault(f"TUBELENS_{server.name.upper()}_TARGET", self.address(server.name))
        return env

    def wait_serving(self, name: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with grpc.insecure_channel(self.address(name)) as channel:
            stub = health_pb2_grpc.HealthStub(channel)
            while time.monotonic() < deadline:
                process = self.processes[name]
                if process.poll() is not None:
                    raise StackError(
                        f"The {name} server exited with code {process.returncode}."
                        f"{self.log_tail(name)}"
                    )
                try:
                    reply = stub.Check(health_pb2.HealthCheckRequest(), timeout=1)
                    if reply.status == health_pb2.HealthCheckResponse.SERVING:
                        return
                except grpc.RpcError:
                    pass
                time.sleep(0.1)
        raise StackError(f"The {name} server did not report SERVING within {timeout:.0f} s.")

    def stop_one(self, name: str, timeout: float = 15.0) -> int | None:
        process = self.processes.pop(name, None)
        if process is None:
            return None
        already_terminated = name in self._terminated
        self._terminated.discard(name)
        if process.poll() is None:
            if not already_terminated:
                process.terminate()  # SIGTERM: drain, then exit 0
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        return process.returncode

    def log_tail(self, name: str, chars: int = 2000) -> str:
        if self.log_dir is None or not (self.log_dir / f"{name}.log").is_file():
            return ""
        return "\n" + (self.log_dir / f"{name}.log").read_text(encoding="utf-8")[-chars:]

    def stop(self) -> dict[str, int | None]:
        for name, process in self.processes.items():
            if process.poll() is None:
                process.terminate()  # all at once, so they drain in parallel
                self._terminated.add(name)
        return {name: self.stop_one(name) for name in list(self.processes)}

    def exited(self) -> list[str]:
        return [name for name, process in self.processes.items() if process.poll() is not None]


def free_base_port(count: int = 6) -> int:
    """A port p such that p..p+count-1 are free right now."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base + count > 65535:
            continue
        try:
            sockets = []
            for port in range(base, base + count):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise RuntimeError("no run of free ports found")
