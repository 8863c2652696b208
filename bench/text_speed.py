"""Labelling many comments: today's batch path (label_texts) beside an older revision's
one-text-at-a-time functions, in one run, each size in a fresh process.

    nice .venv/bin/python bench/text_speed.py                  # 10k, 30k, 100k against 440b764
    nice .venv/bin/python bench/text_speed.py 2000 --before HEAD~1
    nice .venv/bin/python bench/text_speed.py 10000 --before 2a4da31 --before-batch

The comments are the two samples' real comments (English and Korean, half each) with a serial
number appended, as in bench/comments_scale.py. The older revision is checked out as a git
worktree (bench/worktree.py) and runs detect_language, read_sentiment, classify_toxicity,
spam_reasons, is_question and is_request per text. Models, the Korean analyser and the input
are loaded first; then one call is timed, in wall time and in CPU time of the whole process
(threads included). Memory: peak RSS, and its growth over the RSS just before the call. Linear
time means ms per 1,000 comments stays about flat.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from worktree import checked_out  # noqa: E402

SIZES = (10_000, 30_000, 100_000)


def _texts(root: Path, count: int) -> list[str]:
    pool = [
        json.loads(line)["text"]
        for name in ("en-sourdough", "ko-homecafe")
        for line in (root / "samples" / name / "comments.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    return [f"{pool[index % len(pool)]} #{index}" for index in range(count)]


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 1e6


def _per_text(texts: list[str]) -> list[tuple]:
    from tubelens.text import (
        classify_toxicity,
        detect_language,
        is_question,
        is_request,
        read_sentiment,
        spam_reasons,
    )

    def one(text: str) -> tuple:
        language = detect_language(text)
        return (
            language,
            read_sentiment(text, language),
            classify_toxicity(text, language),
            spam_reasons(text),
            is_question(text, language),
            is_request(text, language),
        )

    return [one(text) for text in dict.fromkeys(texts)]


def child(root: Path, engine: str, count: int) -> dict[str, float]:
    sys.path.insert(0, str(root))
    if engine == "batch":
        from tubelens.text.labels import label_texts as run
    else:
        run = _per_text
    run(_texts(root, 300))  # models and the Korean analyser load here, untimed
    texts = _texts(root, count)
    before = _rss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    run(texts)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    return {"seconds": seconds, "cpu": cpu, "peak": peak, "growth": max(peak - before, 0.0)}


def _measure(root: Path, engine: str, count: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", str(root), engine, str(count)]
    return json.loads(subprocess.run(command, capture_output=True, check=True).stdout)


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--before", default="440b764", help="the older revision")
    parser.add_argument(
        "--before-batch",
        action="store_true",
        help="run the older revision's label_texts (it must have one) instead of per-text calls",
    )
    args = parser.parse_args()
    before_engine = "batch" if args.before_batch else "per-text"
    header = ("engine", "comments", "seconds", "cpu s", "ms/1k", "peak MB", "growth")
    print("{:>18} {:>9} {:>8} {:>7} {:>7} {:>8} {:>7}".format(*header))
    with tempfile.TemporaryDirectory() as scratch, checked_out(args.before, scratch) as old:
        for count in args.sizes:
            for label, root, engine in ((args.before, old, before_engine), ("now", ROOT, "batch")):
                result = _measure(root, engine, count)
                print(
                    f"{label + ' ' + engine:>18} {count:>9} {result['seconds']:>8.2f} "
                    f"{result['cpu']:>7.2f} "
                    f"{result['seconds'] / count * 1e6:>7.0f} {result['peak']:>8.0f} "
                    f"{result['growth']:>7.0f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
