"""CPU per photo card on the local engine, before and after, side by side in one run.

    .venv/bin/python bench/photocard_speed.py [--before REV] [--cards 7] [--rounds 2]

Issue 14: a card in at most 500 ms of CPU with the same output. Every portrait sample
(samples/portrait/*) is made into `--cards` cards per round, alternating a 1080x1350 English card
and a 1080x1080 Korean one, each in a child process that imports `create_card` from its tree:
"before" is REV (default c8d42b3, the tree before this work) checked out in a temporary git
worktree, "after" is this tree. Rounds alternate before/after so drifting load hits both.
CPU is time.process_time around create_card (OpenCV's threads included), after one warm-up card.
Fidelity: SSIM (grayscale, 11x11 Gaussian window) of the after card and character (over gray)
against the before ones, 1.0 meaning identical pixels.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image
from worktree import checked_out

TREE = Path(__file__).resolve().parents[1]
BEFORE = "c8d42b3"
REQUESTS = (
    {"prompt": "Ready for launch!", "language": "en", "layout": "portrait"},
    {"prompt": "발사 준비 완료!", "language": "ko", "layout": "square"},
)


def measure(photo: str, cards: int, out: str) -> dict[str, object]:
    """Run in the child: CPU and wall ms per card; the last card of each kind saved in `out`."""
    from services.photocard.domain import Layout, PhotoCardRequest
    from services.photocard.engines.local import create_card

    data = Path(photo).read_bytes()
    requests = [
        PhotoCardRequest(
            photo=data, prompt=r["prompt"], language=r["language"], layout=Layout(r["layout"])
        )
        for r in REQUESTS
    ]
    create_card(requests[0])  # warm-up: fonts, cascades, first-call allocations
    cpu, wall = [], []
    for index in range(cards):
        request = requests[index % len(requests)]
        started, clock = time.perf_counter(), time.process_time()
        card = create_card(request)
        cpu.append((time.process_time() - clock) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
        kind = request.layout.value
        Path(out, f"card-{kind}.png").write_bytes(card.card_png)
        Path(out, f"character-{kind}.png").write_bytes(card.character_png)
    return {"cpu_ms": cpu, "wall_ms": wall}


def measure_in(tree: Path, photo: Path, cards: int, out: Path) -> dict[str, list[float]]:
    """`measure` in a child process whose imports come from `tree`."""
    code = (
        f"import sys, json; sys.path.insert(0, {str(tree)!r}); "
        f"sys.path.insert(1, {str(TREE / 'bench')!r}); import photocard_speed as bench; "
        f"print(json.dumps(bench.measure({str(photo)!r}, {cards}, {str(out)!r})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tree, check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def on_gray(png: Path) -> np.ndarray:
    rgba = np.asarray(Image.open(io.BytesIO(png.read_bytes())).convert("RGBA"), np.float64)
    alpha = rgba[..., 3:] / 255.0
    rgb = rgba[..., :3] * alpha + 200.0 * (1.0 - alpha)
    return rgb @ np.array([0.299, 0.587, 0.114])


def ssim(before: Path, after: Path) -> float:
    """Mean SSIM (Wang et al. 2004) of two PNGs of the same size, in grayscale."""
    x, y = on_gray(before), on_gray(after)
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2

    def blur(a: np.ndarray) -> np.ndarray:
        return cv2.GaussianBlur(a, (11, 11), 1.5)

    mx, my = blur(x), blur(y)
    vx, vy, cov = blur(x * x) - mx * mx, blur(y * y) - my * my, blur(x * y) - mx * my
    score = ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
    return float(score.mean())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default=BEFORE, help="the revision to compare against")
    parser.add_argument("--cards", type=int, default=7, help="cards per sample per round")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    photos = sorted(p for p in (TREE / "samples/portrait").iterdir() if p.suffix != ".md")
    rows = [
        f"| sample | measure | before ({args.before}) | after | after / before |",
        "|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as scratch, checked_out(args.before, scratch) as old:
        for photo in photos:
            outs = {side: Path(scratch, photo.stem, side) for side in ("before", "after")}
            figures: dict[str, dict[str, list[float]]] = {side: {} for side in outs}
            for out in outs.values():
                out.mkdir(parents=True)
            for _ in range(args.rounds):
                for side, tree in (("before", old), ("after", TREE)):
                    got = measure_in(tree, photo, args.cards, outs[side])
                    for key, values in got.items():
                        figures[side].setdefault(key, []).extend(values)
            count = len(figures["after"]["cpu_ms"])
            for key, label in (("cpu_ms", "CPU ms per card"), ("wall_ms", "wall ms per card")):
                b, a = (statistics.median(figures[s][key]) for s in ("before", "after"))
                rows.append(
                    f"| {photo.name} | median {label} ({count} cards) | {b:.0f} | {a:.0f} "
                    f"| {a / b:.2f} |"
                )
            for kind in ("portrait", "square"):
                for what in ("card", "character"):
                    name = f"{what}-{kind}.png"
                    score = ssim(outs["before"] / name, outs["after"] / name)
                    rows.append(
                        f"| {photo.name} | SSIM of the {kind} {what}, after vs before "
                        f"| 1 | {score:.3f} | |"
                    )
    print("\n".join(rows))


if __name__ == "__main__":
    main()
