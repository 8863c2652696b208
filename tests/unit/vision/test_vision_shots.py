"""Shot detection and stills on a tiny synthetic video, and on the real trailer when present."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from tubelens.errors import InvalidInput
from tubelens.vision.shots import cut_times, scan_frames, scan_video
from tubelens.vision.stills import digest_scan
from tubelens.vision.video_frames import Frame

FPS = 12
SCENES = [((40, 40, 200), 2.0), ((200, 160, 30), 1.5), ((20, 90, 30), 2.5)]  # BGR, seconds


def scene_frame(colour: tuple[int, int, int], step: int) -> np.ndarray:
    """A coloured scene with a slowly moving bright disc (motion, but no cut)."""
    image = np.full((180, 320, 3), colour, np.uint8)
    cv2.circle(image, (60 + 4 * step, 90), 30, (250, 250, 250), -1)
    return image


def synthetic_frames() -> list[Frame]:
    frames, time = [], 0.0
    for colour, seconds in SCENES:
        for step in range(round(seconds * FPS)):
            frames.append(Frame(time, scene_frame(colour, step)))
            time += 1 / FPS
    return frames


@pytest.fixture(scope="module")
def video_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("video") / "three-shots.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), FPS, (320, 180))
    for frame in synthetic_frames():
        writer.write(frame.image)
    writer.release()
    return path


def test_cuts_are_found_where_the_scene_changes():
    scan = scan_frames(synthetic_frames())
    assert cut_times(scan) == pytest.approx([2.0, 3.5], abs=1 / FPS + 1e-6)
    assert scan.shots[0].start == 0.0 and scan.shots[-1].end == pytest.approx(6.0, abs=0.1)


def test_a_video_file_is_decoded_and_cut(video_file):
    scan = scan_video(video_file)
    assert len(scan.shots) == 3
    assert cut_times(scan) == pytest.approx([2.0, 3.5], abs=0.2)
    assert all(still.image.shape == (180, 320, 3) for still in scan.stills)


def test_every_shot_offers_a_still_and_stills_encode_as_jpeg():
    scan = scan_frames(synthetic_frames())
    digest = digest_scan(scan, count=10)
    for shot in scan.shots:
        assert any(shot.start <= s.time < shot.end + 1e-6 for s in digest.stills)
    assert all(s.jpeg[:2] == b"\xff\xd8" and 0 <= s.quality <= 1 for s in digest.stills)


def test_a_blurred_still_rates_lower_than_a_sharp_one():
    sharp = scene_frame((40, 40, 200), 0)
    cv2.putText(sharp, "detail", (120, 120), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (0, 0, 0), 3)
    blurred = cv2.GaussianBlur(sharp, (0, 0), 6)
    scan = scan_frames([Frame(0.0, blurred), Frame(0.3, sharp)])
    assert len(scan.stills) == 1 and scan.stills[0].time == 0.3


def test_a_file_that_is_not_a_video_is_refused(tmp_path):
    fake = tmp_path / "video.mp4"
    fake.write_bytes(b"this is not a video")
    with pytest.raises(InvalidInput):
        scan_video(fake)
    with pytest.raises(InvalidInput):
        scan_video(tmp_path / "missing.mp4")


def test_the_trailer_has_about_ten_shots(shared_data):
    """The data README counts about 10 shots (fades included) in the 55 s trailer."""
    scan = scan_video(shared_data / "video" / "bbb_trailer.mp4")
    assert 8 <= len(scan.shots) <= 12
    assert scan.duration == pytest.approx(55, abs=1.5)
