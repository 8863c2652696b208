"""python -m services.thumbnail: the thumbnail server."""

from services.thumbnail.engines import WORKER_PRELOAD, build_engine
from services.thumbnail.servicer import SERVICE_NAME, ThumbnailServicer
from tubelens.server.runner import run_service
from tubelens.v1.thumbnail_pb2_grpc import add_ThumbnailServiceServicer_to_server

if __name__ == "__main__":
    run_service(
        "thumbnail",
        SERVICE_NAME,
        add_ThumbnailServiceServicer_to_server,
        lambda settings, offload: ThumbnailServicer(build_engine(settings, offload)),
        WORKER_PRELOAD,
    )
