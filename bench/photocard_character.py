"""The character look beside a single cv2.stylization call, timed side by side in one run.

    .venv/bin/python bench/photocard_character.py [photo] [-o out/bench/character.png]

Saves photo | cv2.stylization (OpenCV's one-call "painted" filter) | the TubeLens character on a
gray backdrop, same crop, so a person can compare, and prints the time each takes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.photocard.engines.local.character import draw_character
from services.photocard.engines.local.face_crop import best_face, portrait
from services.photocard.engines.local.segment import subject_alpha
from tubelens.vision.faces import detect_faces

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "photo", nargs="?", type=Path, default=ROOT / "samples/portrait/astronaut.png"
    )
    parser.add_argument(
        "-o", "--output", type=Path, default=ROOT / "out/bench/character-vs-stylization.png"
    )
    args = parser.parse_args()
    photo = cv2.imread(str(args.photo))
    head, face_box = portrait(photo, best_face(detect_faces(photo), photo))

    started = time.perf_counter()
    stylised = cv2.stylization(head, sigma_s=60, sigma_r=0.45)
    stylization_ms = (time.perf_counter() - started) * 1000

    started = time.perf_counter()
    rgba = draw_character(head, subject_alpha(head, face_box))
    character_ms = (time.perf_counter() - started) * 1000

    alpha = rgba[:, :, 3:4].astype(np.float32) / 255.0
    ours = cv2.cvtColor(rgba[:, :, :3], cv2.COLOR_RGB2BGR) * alpha + 200 * (1 - alpha)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(args.output), np.hstack([head, stylised, ours.astype(np.uint8)]))
    print(f"cv2.stylization: {stylization_ms:7.1f} ms")
    print(f"tubelens character (cut-out + drawing): {character_ms:7.1f} ms")
    print(f"saved {args.output}")


if __name__ == "__main__":
    main()
