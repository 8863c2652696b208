"""Local thumbnail review time per sample, before and after, side by side in one run.

    .venv/bin/python bench/thumbnail_speed.py [--before c8d42b3] [--runs 12] [--rounds 3]

The revision `--before` is checked out into a temporary `git worktree`; each tree is imported in
its own child process, which loads the models once (as a running worker has) and reviews each
sample thumbnail (`samples/*/thumbnail.jpg`, with its video's title and language) `--runs`
times. The trees take turns `--rounds` times so that load from other work on the machine falls
on both alike. Printed: medians of wall and CPU time (this process, all its threads), their
ratios, whether both trees found the same words, score and findings, and the current tree's
stage times (wall, medians).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from worktree import checked_out

TREE = Path(__file__).resolve().parents[1]
BEFORE = "c8d42b3"
SAMPLES = ("en-sourdough", "ko-homecafe")
TIMES = ("wall", "cpu", "stages")
CHILD = """
import json, os, statistics, sys, time
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
sys.path.insert(0, TREE)
from services.thumbnail.domain import ThumbnailRequest
import services.thumbnail.engines.local as local
out = {}
for name in SAMPLES:
    bundle = os.path.join(SAMPLE_DIR, name)
    video = json.load(open(os.path.join(bundle, "video.json"), encoding="utf-8"))
    request = ThumbnailRequest(
        image=open(os.path.join(bundle, "thumbnail.jpg"), "rb").read(),
        title=video["title"],
        language=video.get("default_language", ""),
    )
    review = local.review_thumbnail(request)  # models loaded, caches warm
    wall, cpu, stages = [], [], []
    for _ in range(RUNS):
        started, used = time.perf_counter(), time.process_time()
        review = local.review_thumbnail(request)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
        if hasattr(local, "timed_review"):
            stages.append(local.timed_review(request)[1])
    out[name] = {
        "wall": wall, "cpu": cpu, "stages": stages, "score": review.score,
        "words": [t.text for t in review.texts],
        "findings": sorted(f.code for f in review.findings),
    }
print(json.dumps(out))
"""


def measure_in(tree: Path, runs: int) -> dict[str, dict]:
    """The samples reviewed `runs` times each in a child process importing from `tree`."""
    setup = f"TREE = {str(tree)!r}; SAMPLE_DIR = {str(TREE / 'samples')!r}; "
    setup += f"SAMPLES = {SAMPLES!r}; RUNS = {runs}\n"
    done = subprocess.run(
        [sys.executable, "-c", setup + CHILD], cwd=tree, check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default=BEFORE, help="the revision to compare against")
    parser.add_argument("--runs", type=int, default=12, help="reviews per sample per round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    runs: dict[str, dict[str, dict]] = {"before": {}, "after": {}}
    with tempfile.TemporaryDirectory() as scratch, checked_out(args.before, scratch) as old:
        for _ in range(args.rounds):
            for label, tree in (("before", old), ("after", TREE)):
                for name, found in measure_in(tree, args.runs).items():
                    kept = runs[label].setdefault(name, found | dict.fromkeys(TIMES, ()))
                    kept |= {key: [*kept[key], *found[key]] for key in TIMES}
    print(table(runs, args.before, args.runs * args.rounds))


def table(runs: dict[str, dict[str, dict]], before: str, count: int) -> str:
    rows = [
        f"| sample | median of {count} | before ({before}) | after | after / before |",
        "|---|---|---|---|---|",
    ]
    for name in SAMPLES:
        old, new = runs["before"][name], runs["after"][name]
        for key, label in (("wall", "review, wall ms"), ("cpu", "review, CPU ms")):
            a, b = statistics.median(old[key]), statistics.median(new[key])
            rows.append(f"| {name} | {label} | {a:.0f} | {b:.0f} | {b / a:.2f} |")
        same = all(old[k] == new[k] for k in ("words", "score", "findings"))
        rows.append(
            f"| {name} | same words, score and findings | | {'yes' if same else 'NO'} "
            f"({len(new['words'])} words, score {new['score']}) | |"
        )
    rows += ["", "Stage times of the current tree (wall ms, medians):", ""]
    for name in SAMPLES:
        stages = runs["after"][name]["stages"]
        if stages:
            medians = {k: statistics.median(s[k] for s in stages) for k in stages[0]}
            rows.append(f"- {name}: " + ", ".join(f"{k} {v:.0f}" for k, v in medians.items()))
    return "\n".join(rows)


if __name__ == "__main__":
    main()
