"""python -m web: the HTTP/JSON API and the page, in front of the gateway (uvicorn)."""

from __future__ import annotations

import sys

import uvicorn
from pydantic import ValidationError

from tubelens.logs import configure_logging, get_logger
from tubelens.observability.metrics import start_metrics
from web.app import create_app
from web.settings import WebSettings

log = get_logger("tubelens.web")


def main() -> None:
    try:
        settings = WebSettings()
    except ValidationError as exc:
        print(f"tubelens: a TUBELENS_WEB_* setting is invalid: {exc}", file=sys.stderr)
        sys.exit(2)
    configure_logging("INFO", "json", "web")
    log.info(
        "web_started",
        url=f"http://{settings.host}:{settings.port}/",
        gateway=settings.gateway_target,
    )
    start_metrics(settings.host, settings.metrics_port_to_serve())
    # uvicorn drains connections on SIGTERM (timeout_graceful_shutdown), then the app closes
    # its channel to the gateway.
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level="warning",
        timeout_graceful_shutdown=10,
    )


if __name__ == "__main__":
    main()
