"""python -m services.video: the video scan server."""

from pydantic import Field

from services.video.domain import VideoLimits
from services.video.engines import WORKER_PRELOAD, build_engine
from services.video.servicer import SERVICE_NAME, VideoServicer
from tubelens.server.runner import run_service
from tubelens.v1.video_pb2_grpc import add_VideoServiceServicer_to_server
from tubelens.workers import WorkerSettings


class ScanWorkerSettings(WorkerSettings):
    # A scan is long bulk work: where it shares a machine with the other analyses (tubelens up,
    # one compose host) it takes the CPU they leave instead of slowing them down.
    worker_niceness: int = Field(default=19, ge=0, le=19)
    # Each waiting scan holds an uploaded film on disk: fewer wait than for the analyses.
    queue_per_worker: int = Field(default=4, ge=0)


if __name__ == "__main__":
    workers = ScanWorkerSettings()
    run_service(
        "video",
        SERVICE_NAME,
        add_VideoServiceServicer_to_server,
        lambda settings, offload: VideoServicer(
            build_engine(offload),
            VideoLimits(),
            # Files held at once: one per worker plus the queue the pool allows.
            max_uploads=workers.worker_count() * (1 + workers.queue_per_worker),
        ),
        WORKER_PRELOAD,
        workers,
    )
