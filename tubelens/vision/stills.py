"""The stills a video scan hands on: to the thumbnail review (as candidates) and to the summary
(as key-frame candidates), as small JPEGs that fit easily in a gRPC message.

Whoever holds the video file (the gateway, reading a bundle) scans it once with
`video_digest` and sends the shots and these stills; no service needs the file itself.
"""

from __future__ import annotations

from pathlib import Path

import cv2

from tubelens.vision.shots import Still, VideoScan, scan_video
from tubelens.vision.video_frames import MAX_VIDEO_SECONDS
from tubelens.vision.video_types import EncodedStill, VideoDigest

JPEG_QUALITY = 85
MAX_STILLS = 48  # 320x180 JPEGs of ~15 KB: under 1 MB in all


def video_digest(
    path: Path, max_seconds: float = MAX_VIDEO_SECONDS, count: int = MAX_STILLS
) -> VideoDigest:
    """Shots and the best stills of the first `max_seconds` of the video file at `path`, in one
    decoding pass."""
    return digest_scan(scan_video(path, max_seconds), count)


def digest_scan(scan: VideoScan, count: int = MAX_STILLS) -> VideoDigest:
    stills = tuple(
        EncodedStill(s.time, jpeg(s), round(s.quality, 3)) for s in best_stills(scan, count)
    )
    return VideoDigest(duration=scan.duration, shots=scan.shots, stills=stills)


def best_stills(scan: VideoScan, count: int = MAX_STILLS) -> list[Still]:
    """The `count` best-looking stills, spread over the video, in time order: first the best
    of each of `count` equal stretches, so a dim chapter still has its own stills to pick a
    key frame from (the best alone would all come from the brightest scenes); then the best
    of the rest."""
    if count <= 0 or not scan.stills:
        return []
    stretch = max(scan.duration, 1e-6) / count
    chosen: dict[int, Still] = {}
    for still in scan.stills:
        slot = min(count - 1, int(still.time / stretch))
        if slot not in chosen or still.quality > chosen[slot].quality:
            chosen[slot] = still
    picked = {id(s): s for s in chosen.values()}
    for still in sorted(scan.stills, key=lambda s: s.quality, reverse=True):
        if len(picked) >= count:
            break
        picked.setdefault(id(still), still)
    return sorted(picked.values(), key=lambda s: s.time)


def jpeg(still: Still) -> bytes:
    ok, data = cv2.imencode(".jpg", still.image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:
        raise ValueError("could not encode a still as JPEG")
    return data.tobytes()
