"""A bundle carrying a video file, through the real gateway and services: the summary reports
its shots and a key frame per chapter, the thumbnail review suggests frames of it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest

from tubelens import convert
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc

pytestmark = pytest.mark.integration

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
CHAPTER_STARTS = [0, 10, 20, 30, 40, 50, 60, 70]  # written into the copied sample's description
LENGTH = 80
FACE_CHAPTER = 5  # the astronaut's portrait fills this chapter's shot


def write_film(path: Path) -> Path:
    """An 80-s film at 2 frames a second (small and quick to scan): one coloured, textured
    shot per chapter, cut exactly where the chapters start; one shot shows a face."""
    portrait = cv2.imread(str(SAMPLES / "portrait" / "astronaut.png"))
    face = cv2.resize(portrait, (150, 180), interpolation=cv2.INTER_AREA)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 2, (320, 180))
    rng = np.random.default_rng(3)
    ends = [*CHAPTER_STARTS[1:], LENGTH]
    for index, (start, end) in enumerate(zip(CHAPTER_STARTS, ends, strict=True)):
        hsv = np.uint8([[[index * 22 % 180, 220, 230 if index % 2 == 0 else 90]]])
        colour = cv2.cvtColor(hsv, cv2.COLOR_HSV2BGR)[0, 0].astype(np.int16)
        for _ in range(2 * (end - start)):
            frame = colour + rng.integers(-20, 20, (180, 320, 1), dtype=np.int16)
            frame = np.clip(frame, 0, 255).astype(np.uint8)
            if index == FACE_CHAPTER:
                frame[:, 85:235] = face
            writer.write(frame)
    writer.release()
    return path


@pytest.fixture(scope="module")
def film_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_film_bundle(tmp_path_factory.mktemp("b") / "film")


def make_film_bundle(target: Path) -> Path:
    """The English sample, without its comments, with the film and chapters that match it."""
    bundle = video_bundle(target)
    header = json.loads((bundle / "video.json").read_text())
    chapters = "".join(
        f"{start // 60}:{start % 60:02d} Part {i + 1}\n" for i, start in enumerate(CHAPTER_STARTS)
    )
    header["description"] = re.sub(
        r"CHAPTERS\n(?:\d+:\d\d .*\n)+", "CHAPTERS\n" + chapters, header["description"]
    )
    header["duration"] = "PT1M20S"
    (bundle / "video.json").write_text(json.dumps(header))
    write_film(bundle / "video.mp4")
    return bundle


def video_bundle(target: Path) -> Path:
    """The English sample without its comments (the video's path does not touch them)."""
    bundle = shutil.copytree(SAMPLES / "en-sourdough", target)
    (bundle / "comments.jsonl").unlink()
    return bundle


def analyze(gateway: gateway_pb2_grpc.GatewayServiceStub, bundle: Path, *tasks: int) -> dict:
    tasks = tasks or (gateway_pb2.TASK_SUMMARY, gateway_pb2.TASK_THUMBNAIL)
    response = gateway.Analyze(
        gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(bundle=str(bundle)), tasks=tasks),
        timeout=90,
    )
    results = {r.task: r for r in response.results}
    assert all(r.status.code == 0 for r in results.values()), [r.status for r in results.values()]
    return results


def test_the_summary_and_thumbnail_review_use_the_bundles_video(
    gateway: gateway_pb2_grpc.GatewayServiceStub, film_bundle: Path
) -> None:
    results = analyze(gateway, film_bundle)
    summary = results[gateway_pb2.TASK_SUMMARY]
    shots = summary.summary.shots
    assert [round(convert.seconds_of(s.start)) for s in shots] == CHAPTER_STARTS
    frames = summary.summary.key_frames
    assert [f.chapter_index for f in frames] == list(range(8))
    for frame, start, end in zip(
        frames, CHAPTER_STARTS, [*CHAPTER_STARTS[1:], LENGTH], strict=True
    ):
        assert start <= convert.seconds_of(frame.time) < end
        image = cv2.imdecode(np.frombuffer(frame.image_jpeg, np.uint8), cv2.IMREAD_COLOR)
        assert image.shape == (180, 320, 3)
    assert any("video.mp4 scanned in" in note for note in summary.provenance.notes)

    thumbnail = results[gateway_pb2.TASK_THUMBNAIL].thumbnail
    suggestions = thumbnail.frame_suggestions
    assert len(suggestions) == 5
    best = convert.seconds_of(suggestions[0].time)
    assert CHAPTER_STARTS[FACE_CHAPTER] <= best < CHAPTER_STARTS[FACE_CHAPTER + 1]
    assert suggestions[0].faces >= 1

    again = analyze(gateway, film_bundle, gateway_pb2.TASK_SUMMARY)[gateway_pb2.TASK_SUMMARY]
    assert any("gateway's cache" in note for note in again.provenance.notes)
    assert list(again.summary.shots) == list(shots)


def test_a_broken_video_file_leaves_the_analysis_intact(
    gateway: gateway_pb2_grpc.GatewayServiceStub, tmp_path: Path
) -> None:
    bundle = video_bundle(tmp_path / "broken")
    (bundle / "video.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00garbage" * 200)
    results = analyze(gateway, bundle)
    summary = results[gateway_pb2.TASK_SUMMARY]
    assert not summary.summary.shots and not summary.summary.key_frames
    assert any("No shots or key frames" in note for note in summary.provenance.notes)
    assert not results[gateway_pb2.TASK_THUMBNAIL].thumbnail.frame_suggestions
