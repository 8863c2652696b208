"""The gateway scans a bundle's video once per call, bounded in time, cached, and hands the
digest to the summary (as video_digest) and the thumbnail review (as candidate_frames)."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest

import gateway.video_scans as video_scans
from gateway.sources import BundleSource
from gateway.task_requests import AnalysisPlan, summary_request, thumbnail_request
from gateway.video_scans import VideoScans, VideoScanSettings

SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "en-sourdough"
COLOURS = ((30, 210, 230), (130, 30, 10), (60, 200, 60))  # BGR: yellow, dark blue, green


def write_video(path: Path, seconds_per_shot: float = 1.5, fps: int = 10) -> Path:
    """A short MPEG-4 video: one textured shot per colour, so each change is a cut."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (320, 180))
    rng = np.random.default_rng(7)
    for colour in COLOURS:
        for _ in range(round(seconds_per_shot * fps)):
            frame = np.empty((180, 320, 3), np.uint8)
            frame[:] = colour
            noise = rng.integers(-25, 25, (180, 320, 1), dtype=np.int16)
            frame = np.clip(frame.astype(np.int16) + noise, 0, 255).astype(np.uint8)
            cv2.rectangle(frame, (100, 50), (220, 130), (250, 250, 250), -1)
            writer.write(frame)
    writer.release()
    return path


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_video(tmp_path_factory.mktemp("video") / "video.mp4")


@pytest.fixture
def bundle(tmp_path: Path, video: Path) -> Path:
    copy = shutil.copytree(SAMPLE, tmp_path / "bundle")
    shutil.copy(video, copy / "video.mp4")
    return copy


async def test_scan_finds_the_cuts_and_stills(video: Path) -> None:
    outcome = await VideoScans(VideoScanSettings(cache_size=0)).digest(video, time_left=30)
    digest = outcome.digest
    assert digest is not None, outcome.note
    cuts = [shot.start for shot in digest.shots[1:]]
    assert cuts == pytest.approx([1.5, 3.0], abs=0.11)
    assert digest.duration == pytest.approx(4.4, abs=0.11)
    assert 3 <= len(digest.stills) <= 48
    assert all(still.jpeg.startswith(b"\xff\xd8") for still in digest.stills)
    assert "scanned in" in outcome.note


async def test_a_second_scan_of_the_same_file_comes_from_the_cache(
    video: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = shutil.copy(video, tmp_path / "video.mp4")
    scans = VideoScans(VideoScanSettings(cache_size=4))
    first = await scans.digest(Path(copy), time_left=30)
    calls = []
    real_scan = video_scans._scan
    monkeypatch.setattr(video_scans, "_scan", lambda *a: calls.append(a) or real_scan(*a))
    again = await scans.digest(Path(copy), time_left=30)
    assert again.digest is first.digest and not calls
    assert "cache" in again.note
    stat = os.stat(copy)
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    await scans.digest(Path(copy), time_left=30)  # changed file: scanned again
    assert len(calls) == 1


async def test_a_scan_past_its_time_is_dropped_with_a_note(
    video: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = iter(range(0, 10_000, 5))  # every reading 5 s later: the scan runs out at once
    monkeypatch.setattr(video_scans, "_now", lambda: float(next(clock)))
    outcome = await VideoScans(VideoScanSettings(scan_max_seconds=2)).digest(video, 30)
    assert outcome.digest is None
    assert "more than 2 s" in outcome.note and "TUBELENS_VIDEO_SCAN_MAX_SECONDS" in outcome.note


async def test_no_time_left_and_scanning_off_skip_the_scan(video: Path) -> None:
    late = await VideoScans().digest(video, time_left=0.05)
    off = await VideoScans(VideoScanSettings(scan_max_seconds=0)).digest(video, time_left=30)
    assert late.digest is None and "deadline" in late.note
    assert off.digest is None and "turned off" in off.note


async def test_a_broken_video_file_gives_a_note_not_a_failure(tmp_path: Path) -> None:
    broken = tmp_path / "video.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"not really a video" * 50)
    outcome = await VideoScans().digest(broken, time_left=30)
    assert outcome.digest is None
    assert "video.mp4" in outcome.note and "No shots or key frames" in outcome.note


async def test_both_tasks_share_one_scan_and_get_the_digest(
    bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scanned = []
    real_scan = video_scans._scan
    monkeypatch.setattr(video_scans, "_scan", lambda *a: scanned.append(a) or real_scan(*a))
    source = await BundleSource.open(bundle, VideoScans(VideoScanSettings(cache_size=0)))
    loop = asyncio.get_running_loop()
    plan = AnalysisPlan((1, 3), "en", 100, "test", deadline=loop.time() + 30)
    summary, thumbnail = await asyncio.gather(
        summary_request(source, plan), thumbnail_request(source, plan)
    )
    assert len(scanned) == 1
    assert [round(s.start.ToNanoseconds() / 1e9, 1) for s in summary.video_digest.shots] == [
        0.0,
        1.5,
        3.0,
    ]
    stills = summary.video_digest.stills
    assert stills and all(s.chapter_index == -1 and 0 < s.quality <= 1 for s in stills)
    assert [f.image for f in thumbnail.candidate_frames] == [s.image_jpeg for s in stills]
    assert "scanned in" in source.report(("video",)).notes[0]
    assert source.report(("comments",)).notes == ()


async def test_a_bundle_without_a_video_sends_no_digest(tmp_path: Path) -> None:
    source = await BundleSource.open(shutil.copytree(SAMPLE, tmp_path / "plain"), VideoScans())
    plan = AnalysisPlan((1, 3), "en", 100, "test")
    summary = await summary_request(source, plan)
    thumbnail = await thumbnail_request(source, plan)
    assert not summary.HasField("video_digest") and not thumbnail.candidate_frames
    assert source.report(("video",)).notes == ()


async def test_two_calls_on_the_same_file_at_once_share_one_scan(
    video: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scanned = []
    real_scan = video_scans._scan
    monkeypatch.setattr(video_scans, "_scan", lambda *a: scanned.append(a) or real_scan(*a))
    scans = VideoScans(VideoScanSettings(cache_size=0))
    first, second = await asyncio.gather(scans.digest(video, 30), scans.digest(video, 30))
    assert len(scanned) == 1 and first.digest is second.digest is not None
