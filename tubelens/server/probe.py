"""A gRPC health probe: `python -m tubelens.server.probe --port 50052` exits 0 when SERVING.

Container images run it as their HEALTHCHECK, so no probe binary is downloaded at build time.
With `--server NAME` instead of `--port`, the port is the one that server listens on under the
same environment (TUBELENS_PORT, else the server's default), so an overridden port stays probed;
with neither, the server is the one TUBELENS_SERVER names (every image sets it). The web front
speaks HTTP: for it the probe asks GET /healthz on TUBELENS_WEB_PORT instead.
"""

from __future__ import annotations

import argparse
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Sequence

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tubelens.servers import WEB
from tubelens.settings import DEFAULT_PORTS, ENV_PREFIX, ServerSettings

# A server bound to every interface is reached through loopback from inside its own container.
_WILDCARD_HOSTS = {"", "0.0.0.0", "::", "[::]"}


def _local_host(setting: str) -> str:
    configured = os.environ.get(f"{ENV_PREFIX}{setting}", "")
    return "127.0.0.1" if configured in _WILDCARD_HOSTS else configured


def probe_address(host: str | None, port: int | None, server: str | None) -> str:
    """Where to probe: explicit flags first, then the server's own settings."""
    if host is None:
        host = _local_host("HOST")
    if port is None:
        # Neither flag: the server this image runs (TUBELENS_SERVER, set by the Dockerfile).
        server = server or os.environ.get(f"{ENV_PREFIX}SERVER") or None
        if server is None:
            raise ValueError("give --port or --server, or set TUBELENS_SERVER")
        port = ServerSettings().port_for(server)
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 literal
    return f"{host}:{port}"


def check(address: str, service: str = "", timeout: float = 3.0) -> tuple[bool, str]:
    """Asks the gRPC health service once; True when `service` reports SERVING."""
    with grpc.insecure_channel(address) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        try:
            reply = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=timeout)
        except grpc.RpcError as exc:
            return False, f"{address}: {exc.code().name}: {exc.details()}"
    status = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
    return reply.status == health_pb2.HealthCheckResponse.SERVING, f"{address}: {status}"


def web_url(host: str | None) -> str:
    """The web front's /healthz under its own settings (TUBELENS_WEB_HOST, TUBELENS_WEB_PORT)."""
    host = host or _local_host("WEB_HOST")
    port = os.environ.get(f"{ENV_PREFIX}WEB_PORT") or str(WEB.port)
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/healthz"


def check_http(url: str, timeout: float = 3.0) -> tuple[bool, str]:
    """GETs `url` once; True on a 200 answer."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status == 200, f"{url}: HTTP {answer.status}"
    except urllib.error.HTTPError as exc:
        return False, f"{url}: HTTP {exc.code}"
    except OSError as exc:
        return False, f"{url}: {exc}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tubelens.server.probe", description=__doc__)
    where = parser.add_mutually_exclusive_group()  # neither: TUBELENS_SERVER's port
    where.add_argument("--port", type=int, help="port of the server to probe")
    where.add_argument(
        "--server", choices=sorted({*DEFAULT_PORTS, WEB.name}), help="probe this server's port"
    )
    parser.add_argument("--host", help="default: TUBELENS_HOST, or 127.0.0.1 when it is a wildcard")
    parser.add_argument("--service", default="", help="health service name; default: the server")
    parser.add_argument("--timeout", type=float, default=3.0, help="seconds to wait for a reply")
    args = parser.parse_args(argv)
    named = args.server or (None if args.port else os.environ.get(f"{ENV_PREFIX}SERVER"))
    if named == WEB.name:
        serving, detail = check_http(web_url(args.host), args.timeout)
    else:
        address = probe_address(args.host, args.port, args.server)
        serving, detail = check(address, args.service, args.timeout)
    print(detail, file=sys.stdout if serving else sys.stderr)
    return 0 if serving else 1


if __name__ == "__main__":
    sys.exit(main())
