"""Figures 6-7 of bench/throughput.py: the thumbnail and photo card services on the local engine,
called directly over gRPC, each request's image bytes distinct (same picture) so no cache
answers a repeat."""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

import grpc
from throughput_inputs import cpu_seconds, tag_jpeg, tag_png


def thumbnail_ms(stack: Any, samples: Path, runs: int) -> dict[str, float]:
    """Median AnalyzeThumbnail latency per sample (after one warm-up call each)."""
    from tubelens import convert
    from tubelens.bundles import load_header
    from tubelens.v1 import thumbnail_pb2, thumbnail_pb2_grpc

    figures = {}
    with grpc.insecure_channel(stack.address("thumbnail")) as channel:
        stub = thumbnail_pb2_grpc.ThumbnailServiceStub(channel)
        for key, name in (("thumb_en_ms", "en-sourdough"), ("thumb_ko_ms", "ko-homecafe")):
            metadata, _ = load_header(samples / name)
            image = (samples / name / "thumbnail.jpg").read_bytes()
            times = []
            for run in range(runs + 1):
                request = thumbnail_pb2.AnalyzeThumbnailRequest(
                    image=tag_jpeg(image, f"run{run}-{time.time_ns()}"),
                    title=metadata.title,
                    language=metadata.default_language,
                    video=convert.metadata_to_proto(metadata),
                )
                started = time.monotonic()
                stub.AnalyzeThumbnail(request, timeout=60)
                times.append(time.monotonic() - started)
            figures[key] = statistics.median(times[1:]) * 1000
    return figures


def photocard_cpu_ms(stack: Any, samples: Path, runs: int) -> dict[str, float]:
    """Median CPU of the photo card process and its workers per CreatePhotoCard, per portrait."""
    from tubelens.v1 import photocard_pb2, photocard_pb2_grpc

    pid = stack.processes["photocard"].pid
    per_card = []
    with grpc.insecure_channel(stack.address("photocard")) as channel:
        stub = photocard_pb2_grpc.PhotoCardServiceStub(channel)
        for portrait in sorted((samples / "portrait").glob("*.png")):
            photo = portrait.read_bytes()
            for run in range(runs + 1):
                request = photocard_pb2.CreatePhotoCardRequest(
                    photo=tag_png(photo, f"run{run}-{time.time_ns()}"),
                    prompt="Hello",
                    layout=photocard_pb2.CARD_LAYOUT_SQUARE,
                )
                before = cpu_seconds(pid)
                stub.CreatePhotoCard(request, timeout=120)
                if run:  # the first call warms the worker
                    per_card.append(cpu_seconds(pid) - before)
    return {"photocard_cpu_ms": statistics.median(per_card) * 1000}
