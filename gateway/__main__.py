"""python -m gateway: the public GatewayService."""

from __future__ import annotations

import asyncio

from google.longrunning.operations_pb2_grpc import add_OperationsServicer_to_server
from pydantic import ValidationError

from gateway.access.setup import open_access
from gateway.clients import connect
from gateway.operations import servicer as operations_servicer
from gateway.operations.setup import open_operations
from gateway.result_cache import ResultCache
from gateway.result_store import open_store
from gateway.servicer import SERVICE_NAME, GatewayServicer
from gateway.uploads.bucket import UploadBucket
from gateway.uploads.gemini import GeminiFiles
from gateway.uploads.service import Uploads
from gateway.uploads.settings import UploadSettings
from gateway.uploads.store import UploadStore
from gateway.youtube.fetcher import YouTubeFetcher
from gateway.youtube.settings import YouTubeSettings
from tubelens.gemini.settings import GeminiSettings
from tubelens.logs import get_logger
from tubelens.server.runner import ServiceBinding, run_server, serve
from tubelens.settings import GatewaySettings, ResultCacheSettings, StartupError
from tubelens.v1.gateway_pb2_grpc import add_GatewayServiceServicer_to_server

log = get_logger("tubelens.gateway")


def main() -> None:
    settings = GatewaySettings()

    async def start() -> None:
        access = open_access(settings.host)
        downstream = connect(settings)
        youtube = _youtube()
        results = _results()
        operations = open_operations()
        uploads = _uploads()
        sweeper = asyncio.create_task(uploads.sweep_every(600))
        servicer = GatewayServicer(
            downstream, settings, youtube, results, access, operations, uploads
        )
        polling = operations_servicer.OperationsServicer(operations)

        async def stop() -> None:
            sweeper.cancel()
            await servicer.close()
            await downstream.close()
            if youtube is not None:
                await youtube.close()
            if results is not None:
                await results.store.close()
            await operations.close()  # before the ledger: ending operations record usage
            await access.close()

        bindings = [
            ServiceBinding(
                SERVICE_NAME, lambda server: add_GatewayServiceServicer_to_server(servicer, server)
            ),
            ServiceBinding(
                operations_servicer.SERVICE_NAME,
                lambda server: add_OperationsServicer_to_server(polling, server),
            ),
        ]
        port = settings.port_for("gateway")
        await serve(bindings, settings, port, on_stop=stop, gate=access.gate.admit)

    run_server(start, settings, "gateway")


def _youtube() -> YouTubeFetcher | None:
    """The YouTube reader, or None (links refused) when no API key is set."""
    try:
        youtube_settings = YouTubeSettings()
    except ValidationError as exc:
        raise StartupError(f"A TUBELENS_YOUTUBE_* setting is invalid: {exc}") from None
    log.info("youtube_input", enabled=youtube_settings.configured)
    return YouTubeFetcher(youtube_settings) if youtube_settings.configured else None


def _uploads() -> Uploads:
    """The upload store, and the Gemini Files API when uploads are to be handed to it."""
    try:
        settings = UploadSettings()
        bucket = (
            UploadBucket(settings.bucket_url, settings.s3_endpoint_url)
            if settings.bucket_url
            else None
        )
        store = UploadStore(settings, bucket)
        gemini = GeminiFiles(GeminiSettings()) if settings.gemini_files else None
    except (ValidationError, ValueError) as exc:
        raise StartupError(f"A TUBELENS_UPLOADS_/GEMINI_ setting is invalid: {exc}") from None
    except OSError as exc:
        raise StartupError(f"The upload store cannot be opened: {exc}") from None
    where = settings.bucket_url or str(store.root)
    log.info("uploads", store=where, gemini_files=gemini is not None)
    return Uploads(store, gemini)


def _results() -> ResultCache | None:
    """The result cache (in this process, or the Redis every replica shares), or None."""
    try:
        settings = ResultCacheSettings()
        store = open_store(settings)
    except (ValidationError, ValueError) as exc:
        raise StartupError(f"A TUBELENS_RESULT_CACHE_* setting is invalid: {exc}") from None
    log.info("result_cache", store="redis" if settings.url else "memory", enabled=bool(store))
    return ResultCache(store, settings) if store is not None else None


if __name__ == "__main__":
    main()
