"""Starts a grpc.aio server with health, reflection and graceful shutdown.

On SIGTERM or SIGINT every service's health turns NOT_SERVING, in-flight calls get
`grace_seconds` to finish, and the process exits 0.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_health.v1._async import HealthServicer
from grpc_reflection.v1alpha import reflection

from tubelens.logs import configure_logging, get_logger
from tubelens.observability.metrics import name_server, start_metrics
from tubelens.observability.tracing import configure_tracing, server_interceptors, stop_tracing
from tubelens.server.held_requests import HeldRequests
from tubelens.server.interceptor import CallGate, ServiceInterceptor
from tubelens.server.tls import server_credentials
from tubelens.settings import ServerSettings, ServiceSettings, StartupError
from tubelens.workers import Offload, WorkerPool, WorkerSettings

log = get_logger("tubelens.server")


@dataclass(frozen=True, slots=True)
class ServiceBinding:
    """A servicer and the generated function that adds it to a server."""

    name: str  # full service name, e.g. "tubelens.v1.SummaryService"
    add_to_server: Callable[[grpc.aio.Server], None]


def server_options(settings: ServerSettings) -> list[tuple[str, int]]:
    return [
        ("grpc.max_receive_message_length", settings.max_message_bytes),
        ("grpc.max_send_message_length", settings.max_message_bytes),
        # Closing connections after a while makes round-robin clients re-resolve and spread
        # load onto replicas added since they connected. New calls go to a new connection at
        # once; calls in flight on the old one may run to the longest call allowed.
        ("grpc.max_connection_age_ms", int(settings.max_connection_age_seconds * 1000)),
        ("grpc.max_connection_age_grace_ms", int(settings.max_call_seconds * 1000)),
        ("grpc.server.max_pending_requests", settings.max_pending_calls),
        ("grpc.server.max_pending_requests_hard_limit", 3 * settings.max_pending_calls),
        ("grpc.keepalive_time_ms", 60_000),
        ("grpc.keepalive_permit_without_calls", 1),
    ]


async def serve(
    bindings: Sequence[ServiceBinding],
    settings: ServerSettings,
    port: int,
    on_stop: Callable[[], Awaitable[None]] | None = None,
    gate: CallGate | None = None,
) -> None:
    credentials = server_credentials(settings)  # read before anything starts: a bad file stops us
    interceptor = ServiceInterceptor(
        HeldRequests(settings.requests_bytes), max_call_seconds=settings.max_call_seconds, gate=gate
    )
    server = grpc.aio.server(
        interceptors=[*server_interceptors(), interceptor], options=server_options(settings)
    )
    for binding in bindings:
        binding.add_to_server(server)
    health = HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health, server)
    names = [binding.name for binding in bindings]
    if settings.reflection:
        reflection.enable_server_reflection(
            [
                *names,
                health_pb2.DESCRIPTOR.services_by_name["Health"].full_name,
                reflection.SERVICE_NAME,
            ],
            server,
        )
    # Handlers go in before the server reports SERVING, so a SIGTERM is never missed.
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    address = f"{settings.host}:{port}"
    if credentials is not None:
        bound = server.add_secure_port(address, credentials)
    else:
        bound = server.add_insecure_port(address)
    if bound == 0:
        raise StartupError(f"Cannot listen on {address}; is the port already in use?")
    await server.start()
    start_metrics(settings.host, settings.metrics_port_for(port))
    for name in ["", *names]:
        await health.set(name, health_pb2.HealthCheckResponse.SERVING)
    log.info("server_started", address=address, services=names, tls=credentials is not None)

    await stopping.wait()

    log.info("server_draining", grace_seconds=settings.grace_seconds)
    await health.enter_graceful_shutdown()
    await server.stop(settings.grace_seconds)
    if on_stop is not None:
        await on_stop()
    log.info("server_stopped")


def run_server(main: Callable[[], Awaitable[None]], settings: ServerSettings, service: str) -> None:
    """Runs a server's async main; a StartupError ends the process with its message and code 2.

    Logging and tracing are set up first: the server and its channels, made in `main`, pick
    up the tracing interceptors when tracing is on."""
    configure_logging(settings.log_level, settings.log_format, service)
    configure_tracing(service)
    name_server(service)
    try:
        asyncio.run(main())
    except StartupError as exc:
        log.error("startup_failed", error=str(exc))
        print(f"tubelens: {exc}", file=sys.stderr)
        sys.exit(2)
    finally:
        stop_tracing()  # spans still batched go out before the process exits


def run_service(
    key: str,
    service_name: str,
    add_servicer: Callable[[object, grpc.aio.Server], None],
    build_servicer: Callable[[ServiceSettings, Offload], object],
    preload: Sequence[str] = (),
    worker_settings: WorkerSettings | None = None,
) -> None:
    """The whole `__main__` of an analysis service: settings, worker pool, engine, server.

    `preload` names the modules the worker processes need loaded (see tubelens.workers)."""
    settings = ServiceSettings()

    async def main() -> None:
        workers = WorkerPool(key, worker_settings or WorkerSettings(), preload)
        servicer = build_servicer(settings, workers.run)  # fails before listening if it can't
        await workers.start()  # models load now, before the server reports SERVING
        log.info("workers_started", workers=workers.workers, queue_limit=workers.queue_limit)
        binding = ServiceBinding(service_name, lambda server: add_servicer(servicer, server))
        await serve([binding], settings, settings.port_for(key), on_stop=workers.close)

    run_server(main, settings, key)
