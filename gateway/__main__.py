"""python -m gateway: the public GatewayService."""

from __future__ import annotations

from gateway.clients import connect
from gateway.servicer import SERVICE_NAME, GatewayServicer
from tubelens.server.runner import ServiceBinding, run_server, serve
from tubelens.settings import GatewaySettings
from tubelens.v1.gateway_pb2_grpc import add_GatewayServiceServicer_to_server


def main() -> None:
    settings = GatewaySettings()

    async def start() -> None:
        downstream = connect(settings)
        servicer = GatewayServicer(downstream, settings)
        binding = ServiceBinding(
            SERVICE_NAME, lambda server: add_GatewayServiceServicer_to_server(servicer, server)
        )
        await serve([binding], settings, settings.port_for("gateway"), on_stop=downstream.close)

    run_server(start, settings)


if __name__ == "__main__":
    main()
