"""python -m services.summary: the summary server."""

from services.summary.engines import WORKER_PRELOAD, build_engine
from services.summary.servicer import SERVICE_NAME, SummaryServicer
from tubelens.server.runner import run_service
from tubelens.v1.summary_pb2_grpc import add_SummaryServiceServicer_to_server

if __name__ == "__main__":
    run_service(
        "summary",
        SERVICE_NAME,
        add_SummaryServiceServicer_to_server,
        lambda settings, offload: SummaryServicer(build_engine(settings, offload)),
        WORKER_PRELOAD,
    )
