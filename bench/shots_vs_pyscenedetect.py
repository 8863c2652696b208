"""Shot detection: TubeLens against PySceneDetect's ContentDetector, side by side, one run.

    .venv/bin/python bench/shots_vs_pyscenedetect.py [video] [--frames out/bench/shots]

Default video: ../shared/data/video/bbb_film.mp4. Prints both wall times, the speed ratio,
the cut counts and the agreement (precision, recall, F1 of our cuts against PySceneDetect's,
matched one-to-one within 0.5 s). With --frames it saves, for every cut only one side found,
the frames 0.3 s before and after it side by side, to judge who is right.
PySceneDetect is for this comparison only (the product never imports it); install it with
`pip install --no-deps scenedetect==0.7.2` so it does not replace OpenCV.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tubelens.vision.shots import cut_times, scan_video

DEFAULT_VIDEO = Path(__file__).resolve().parents[2] / "shared" / "data" / "video" / "bbb_film.mp4"
TOLERANCE = 0.5


def pyscenedetect_cuts(path: Path) -> list[float]:
    from scenedetect import ContentDetector, detect

    scenes = detect(str(path), ContentDetector())
    return [start.seconds for start, _ in scenes[1:]]


def match(ours: list[float], theirs: list[float]) -> tuple[list[float], list[float], int]:
    """Greedy one-to-one matching by time; returns (ours only, theirs only, matched)."""
    unmatched = list(theirs)
    only_ours = []
    for cut in ours:
        nearest = min(unmatched, key=lambda t: abs(t - cut), default=None)
        if nearest is not None and abs(nearest - cut) <= TOLERANCE:
            unmatched.remove(nearest)
        else:
            only_ours.append(cut)
    return only_ours, unmatched, len(ours) - len(only_ours)


def save_frames(path: Path, cuts: list[float], folder: Path, label: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    capture = cv2.VideoCapture(str(path))
    for cut in cuts:
        pair = []
        for moment in (cut - 0.3, cut + 0.3):
            capture.set(cv2.CAP_PROP_POS_MSEC, max(0.0, moment) * 1000)
            ok, image = capture.read()
            pair.append(cv2.resize(image, (480, 270)) if ok else np.zeros((270, 480, 3), np.uint8))
        cv2.imwrite(str(folder / f"{label}_{cut:07.2f}.jpg"), np.hstack(pair))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("video", nargs="?", type=Path, default=DEFAULT_VIDEO)
    parser.add_argument("--frames", type=Path, default=None)
    args = parser.parse_args()
    if not args.video.is_file():
        sys.exit(f"{args.video} is missing (the evaluation data lives in ../shared/data).")
    try:
        import scenedetect
    except ImportError:
        sys.exit(
            "PySceneDetect is NOT installed, so there is nothing to compare against: "
            "pip install --no-deps scenedetect==0.7.2"
        )
    started = time.perf_counter()
    scan = scan_video(args.video)
    ours_seconds = time.perf_counter() - started
    ours = cut_times(scan)
    started = time.perf_counter()
    theirs = pyscenedetect_cuts(args.video)
    theirs_seconds = time.perf_counter() - started

    only_ours, only_theirs, matched = match(ours, theirs)
    precision = matched / max(1, len(ours))
    recall = matched / max(1, len(theirs))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    print(f"video: {args.video.name}, {scan.duration:.0f} s; scenedetect {scenedetect.__version__}")
    print(f"tubelens:     {len(scan.shots):4d} shots in {ours_seconds:6.1f} s")
    print(f"pyscenedetect:{len(theirs) + 1:5d} shots in {theirs_seconds:6.1f} s")
    print(f"speed ratio (pyscenedetect / tubelens): {theirs_seconds / ours_seconds:.2f}x")
    print(
        f"agreement within {TOLERANCE} s: precision {precision:.3f} recall {recall:.3f} "
        f"F1 {f1:.3f} ({matched} matched)"
    )
    print("cuts only tubelens found:", [round(t, 2) for t in only_ours])
    print("cuts only pyscenedetect found:", [round(t, 2) for t in only_theirs])
    if args.frames:
        save_frames(args.video, only_ours, args.frames, "ours")
        save_frames(args.video, only_theirs, args.frames, "theirs")
        print(f"frames around disputed cuts: {args.frames}")


if __name__ == "__main__":
    main()
