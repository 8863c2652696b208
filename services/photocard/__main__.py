"""python -m services.photocard: the photo card server."""

from services.photocard.engines import WORKER_PRELOAD, build_engine
from services.photocard.servicer import SERVICE_NAME, PhotoCardServicer
from tubelens.server.runner import run_service
from tubelens.v1.photocard_pb2_grpc import add_PhotoCardServiceServicer_to_server

if __name__ == "__main__":
    run_service(
        "photocard",
        SERVICE_NAME,
        add_PhotoCardServiceServicer_to_server,
        lambda settings, offload: PhotoCardServicer(build_engine(settings, offload)),
        WORKER_PRELOAD,
    )
