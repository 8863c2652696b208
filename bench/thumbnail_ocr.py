"""Thumbnail text reading: word accuracy on rendered thumbnails, and time per review.

    .venv/bin/python bench/thumbnail_ocr.py [--count 80] [--seeds held-out|tuning]

Renders `count` 1280x720 thumbnails with known words (half English, half Korean; busy
backgrounds, outlined, banner and coloured text; see tubelens/vision/synthetic_text.py) and
reports, per language and overall, word accuracy: the share of drawn words read exactly
(order-free, each read word used once). It then times, side by side on the same images:
one plain tesseract call on the whole grayscale image (the naive approach), our reader alone,
and the whole local thumbnail review with text reading, per 1280x720 thumbnail (wall time,
and the review's CPU time, which other work on the machine does not inflate as much).

Two seed sets, kept apart: the reader's settings were tuned looking at the "tuning" images
(seeds 1000...), and the "held-out" images (seeds 5000...) were only scored, never inspected,
so their figure is the honest one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # tesseract's OpenMP only fights the other work
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cv2

from services.thumbnail.domain import ThumbnailRequest
from services.thumbnail.engines.local import review_thumbnail
from tubelens.vision.ocr import read_text
from tubelens.vision.synthetic_text import render

FIRST_SEED = {"tuning": 1000, "held-out": 5000}


def word_hits(expected: tuple[str, ...], read: list[str]) -> int:
    pool = Counter(read)
    hits = 0
    for word in expected:
        if pool[word] > 0:
            pool[word] -= 1
            hits += 1
    return hits


def naive_ms(image) -> float:
    import pytesseract

    started = time.perf_counter()
    pytesseract.image_to_string(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), lang="eng+kor")
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=80)
    parser.add_argument("--seeds", choices=sorted(FIRST_SEED), default="held-out")
    args = parser.parse_args()
    first = FIRST_SEED[args.seeds]
    samples = [render(first + i, "ko" if i % 2 else "en") for i in range(args.count)]
    read_text(samples[0].image)  # load the models once, as a running service has
    totals: dict[str, list[int]] = {"en": [0, 0], "ko": [0, 0]}
    reader_ms, review_ms, review_cpu_ms, plain_ms = [], [], [], []
    for index, sample in enumerate(samples):
        started = time.perf_counter()
        reading = read_text(sample.image)
        reader_ms.append((time.perf_counter() - started) * 1000)
        hits = word_hits(sample.words, [w.text for w in reading.words])
        totals[sample.language][0] += hits
        totals[sample.language][1] += len(sample.words)
        data = cv2.imencode(".jpg", sample.image, [cv2.IMWRITE_JPEG_QUALITY, 92])[1].tobytes()
        started, cpu = time.perf_counter(), time.process_time()
        review_thumbnail(ThumbnailRequest(image=data, title=" ".join(sample.words)))
        review_ms.append((time.perf_counter() - started) * 1000)
        review_cpu_ms.append((time.process_time() - cpu) * 1000)
        if index < 10:
            plain_ms.append(naive_ms(sample.image))
    for language, (hits, words) in totals.items():
        print(f"word accuracy {language}: {hits / words:.3f} ({hits}/{words} words)")
    hits = sum(h for h, _ in totals.values())
    words = sum(w for _, w in totals.values())
    print(f"word accuracy all: {hits / words:.3f} ({hits}/{words} words, {args.count} images,")
    print(f"  {args.seeds} seeds {first}..{first + args.count - 1})")
    print(f"median ms per 1280x720 thumbnail (load average {os.getloadavg()[0]:.1f}):")
    print(f"  one plain tesseract call, whole image: {statistics.median(plain_ms):7.1f}")
    print(f"  tubelens text reader:                  {statistics.median(reader_ms):7.1f}")
    print(f"  whole local review with text reading:  {statistics.median(review_ms):7.1f}")
    print(f"  ... its CPU time (this process only):   {statistics.median(review_cpu_ms):7.1f}")
    print("(the wall times include waiting for a core whenever the load average exceeds 2)")


if __name__ == "__main__":
    main()
