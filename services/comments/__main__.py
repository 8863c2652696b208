"""python -m services.comments: the comment-analysis server."""

from services.comments.engines import WORKER_PRELOAD, build_engine
from services.comments.servicer import SERVICE_NAME, CommentsServicer
from tubelens.server.runner import run_service
from tubelens.v1.comments_pb2_grpc import add_CommentsServiceServicer_to_server

if __name__ == "__main__":
    run_service(
        "comments",
        SERVICE_NAME,
        add_CommentsServiceServicer_to_server,
        lambda settings, offload: CommentsServicer(build_engine(settings, offload)),
        WORKER_PRELOAD,
    )
