"""Memory a pod needs: each server alone, idle, then under its worst accepted calls at once.

    .venv/bin/python bench/pod_memory.py                 # every server
    .venv/bin/python bench/pod_memory.py comments video  # some
    TUBELENS_WORKERS=4 .venv/bin/python bench/pod_memory.py comments

Each server runs as `tubelens up` runs it, worker pool included, with the default limits. It
gets one worst-case call per worker plus a full queue (workers x TUBELENS_QUEUE_PER_WORKER more),
all at once; memory is the proportional set size (PSS) of its whole process tree (server, fork
server, workers), sampled every 0.1 s, so pages the workers share with the fork server (the
models) count once, as the kernel charges them to the pod. "per call" is what a worker holds on
top of what it shares, at the peak.

The worst cases: summary, 20,000 cues and 10,000 comments; comments, 10,000 comments of 3,000
characters (30 MB, under the 32 MiB message limit); thumbnail, a 32 MP RGBA PNG with 48 stills;
photo card, a 32 MP PNG portrait; video, a 6-minute 640x360 film cut every 0.6 s (more candidate
stills than the scan keeps); gateway, analyses of a bundle with 100,000 comments (the bundle
limit), 32 at once, its services absent so that only the gateway's own reading is measured.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import grpc
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.memory_images import AT_CAP, pillow_file, png_of_zeros, portrait_on_canvas  # noqa: E402
from tubelens.cli.stack import Stack  # noqa: E402
from tubelens.workers import WorkerSettings  # noqa: E402

MB = 1e6
GATEWAY_CALLS = 32  # the gateway has no worker pool: this many analyses at once
WORDS = [
    "bread",
    "crumb",
    "oven",
    "starter",
    "flour",
    "water",
    "salt",
    "proof",
    "bake",
    "loaf",
    "crust",
    "dough",
    "yeast",
]


def tree_memory(pid: int) -> tuple[float, float]:
    """(PSS of the whole tree, largest USS of a worker) in MB."""
    root = psutil.Process(pid)
    pss, worker = 0.0, 0.0
    for index, process in enumerate([root, *root.children(recursive=True)]):
        try:
            info = process.memory_full_info()
        except psutil.NoSuchProcess:
            continue
        pss += info.pss
        if index > 0:
            worker = max(worker, info.uss)
    return pss / MB, worker / MB


def summary_call(stub_of: Callable) -> Callable:
    from bench.summary_input import synthetic_request
    from tubelens import convert
    from tubelens.v1 import summary_pb2, summary_pb2_grpc

    request = synthetic_request(20_000, 10_000, 200)
    message = summary_pb2.SummarizeRequest(
        video=convert.metadata_to_proto(request.video),
        transcript=convert.transcript_to_proto(request.transcript),
        comments=[convert.comment_to_proto(c) for c in request.comments],
    )
    return lambda: stub_of(summary_pb2_grpc.SummaryServiceStub).Summarize(message, timeout=600)


def comments_call(stub_of: Callable) -> Callable:
    from tubelens.v1 import comments_pb2, comments_pb2_grpc, common_pb2

    comments = [
        common_pb2.Comment(
            id=f"c{i}",
            text=" ".join(WORDS[(i + k) % len(WORDS)] for k in range(600))[:2990] + f" {i}",
            like_count=i % 50,
        )
        for i in range(10_000)
    ]
    message = comments_pb2.AnalyzeCommentsRequest(comments=comments, language="en")
    stub = comments_pb2_grpc.CommentsServiceStub
    return lambda: stub_of(stub).AnalyzeComments(message, timeout=600)


def thumbnail_call(stub_of: Callable) -> Callable:
    from tubelens.v1 import thumbnail_pb2, thumbnail_pb2_grpc

    still = (ROOT / "samples" / "en-sourdough" / "thumbnail.jpg").read_bytes()
    frames = [thumbnail_pb2.CandidateFrame(image=still) for _ in range(48)]
    message = thumbnail_pb2.AnalyzeThumbnailRequest(
        image=png_of_zeros(AT_CAP, AT_CAP, "RGBA"), title="A title", candidate_frames=frames
    )
    stub = thumbnail_pb2_grpc.ThumbnailServiceStub
    return lambda: stub_of(stub).AnalyzeThumbnail(message, timeout=600)


def photocard_call(stub_of: Callable) -> Callable:
    from tubelens.v1 import photocard_pb2, photocard_pb2_grpc

    photo = pillow_file(portrait_on_canvas(AT_CAP, 2400), "PNG")
    message = photocard_pb2.CreatePhotoCardRequest(photo=photo, prompt="Hello")
    stub = photocard_pb2_grpc.PhotoCardServiceStub
    return lambda: stub_of(stub).CreatePhotoCard(message, timeout=600)


def video_call(stub_of: Callable) -> Callable:
    import cv2
    import numpy as np

    from tubelens.v1 import video_pb2, video_pb2_grpc

    path = Path(tempfile.mkdtemp()) / "film.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 25, (640, 360))
    rng = np.random.default_rng(1)
    for index in range(6 * 60 * 25):
        shot = index // 15  # a cut every 0.6 s
        frame = np.full((360, 640, 3), ((shot * 53) % 256, (shot * 97) % 256, 90), np.uint8)
        frame[::8, ::8] = rng.integers(0, 255, (45, 80, 3), dtype=np.uint8)
        writer.write(frame)
    writer.release()
    data = path.read_bytes()
    shutil.rmtree(path.parent)

    def messages():
        yield video_pb2.ScanVideoRequest(
            header=video_pb2.VideoFileHeader(file_name="film.mp4", size_bytes=len(data))
        )
        for start in range(0, len(data), 1 << 20):
            yield video_pb2.ScanVideoRequest(chunk=data[start : start + (1 << 20)])

    stub = video_pb2_grpc.VideoServiceStub
    return lambda: stub_of(stub).ScanVideo(messages(), timeout=600)


def gateway_call(stub_of: Callable) -> Callable:
    from tubelens.v1 import gateway_pb2, gateway_pb2_grpc

    message = gateway_pb2.AnalyzeRequest(
        video=gateway_pb2.VideoRef(bundle="big"), tasks=[gateway_pb2.TASK_COMMENTS]
    )
    stub = gateway_pb2_grpc.GatewayServiceStub
    return lambda: stub_of(stub).Analyze(message, timeout=600)


def big_bundle(root: Path) -> None:
    from dataclasses import replace

    from tubelens import bundles

    sample = bundles.load_bundle(ROOT / "samples" / "en-sourdough")
    comments = tuple(
        replace(c, id=f"b{i}", text=f"{c.text} #{i}", parent_id="")
        for i, c in zip(range(100_000), sample.comments * 500, strict=False)
    )
    bundles.write_bundle(root / "big", sample.metadata, sample.transcript, comments, None)


CALLS = {
    "summary": summary_call,
    "comments": comments_call,
    "thumbnail": thumbnail_call,
    "photocard": photocard_call,
    "video": video_call,
    "gateway": gateway_call,
}


def measure(server: str, calls: int) -> dict:
    work = Path(tempfile.mkdtemp())
    env = {"TUBELENS_MAX_MESSAGE_MB": "64"}
    if server == "gateway":
        big_bundle(work)
        env |= {"TUBELENS_BUNDLE_ROOTS": str(work), "TUBELENS_COMMENTS_TARGET": "127.0.0.1:9"}
    stack = Stack(base_port=47151, only=(server,), log_dir=work / "logs", extra_env=env)
    stack.start(timeout=180)
    options = [("grpc.max_send_message_length", 64 << 20)]
    channel = grpc.insecure_channel(stack.address(server), options=options)
    try:
        call = CALLS[server](lambda stub: stub(channel))
        pid = stack.processes[server].pid
        time.sleep(2)
        idle, _ = tree_memory(pid)
        peak, per_call, outcomes = idle, 0.0, []
        threads = [threading.Thread(target=_run, args=(call, outcomes)) for _ in range(calls)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        while any(thread.is_alive() for thread in threads):
            total, worker = tree_memory(pid)
            peak, per_call = max(peak, total), max(per_call, worker)
            time.sleep(0.1)
        return {
            "idle": idle,
            "peak": peak,
            "per_call": per_call,
            "seconds": time.monotonic() - started,
            "outcomes": sorted(set(outcomes)),
        }
    finally:
        channel.close()
        stack.stop()
        shutil.rmtree(work, ignore_errors=True)


def _run(call: Callable, outcomes: list) -> None:
    try:
        call()
        outcomes.append("OK")
    except grpc.RpcError as exc:
        outcomes.append(exc.code().name)


def main() -> None:
    servers = sys.argv[1:] or list(CALLS)
    settings = WorkerSettings()
    workers = settings.worker_count()
    calls = workers * (1 + settings.queue_per_worker)
    print(f"{workers} workers per service, {calls} worst-case calls at once (queue full)")
    print(f"{'server':>10} {'idle MB':>8} {'peak MB':>8} {'per call MB':>11} {'s':>6}  outcomes")
    for server in servers:
        row = measure(server, GATEWAY_CALLS if server == "gateway" else calls)
        print(
            f"{server:>10} {row['idle']:>8.0f} {row['peak']:>8.0f} {row['per_call']:>11.0f} "
            f"{row['seconds']:>6.1f}  {json.dumps(row['outcomes'])}",
            flush=True,
        )


if __name__ == "__main__":
    main()
