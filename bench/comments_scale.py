"""Comments analysis at scale: time and memory for 10k, 30k and 100k comments, side by side
with an older revision's engine in the same run.

    nice .venv/bin/python bench/comments_scale.py                      # 10k, 30k, 100k
    nice .venv/bin/python bench/comments_scale.py 2000 --before HEAD~1  # quicker look
    nice .venv/bin/python bench/comments_scale.py --before ""          # this tree alone

The comments are the two samples' real comments (English and Korean) repeated with a serial
number appended, so texts stay distinct, and spread over authors, likes and time. Each size
and revision runs in a fresh process: the models are loaded and the input built first, then
the analysis is timed; memory is the process's peak RSS, and its growth over the RSS just
before the analysis. The older revision is a git worktree (bench/worktree.py). Near-linear
time means seconds per 1,000 comments stays about flat.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from worktree import checked_out  # noqa: E402

SIZES = (10_000, 30_000, 100_000)


def synthetic_comments(count: int, root: Path = ROOT) -> tuple[tuple, object]:
    from tubelens.bundles import load_bundle

    bundles = [load_bundle(root / "samples" / name) for name in ("en-sourdough", "ko-homecafe")]
    pool = [comment for bundle in bundles for comment in bundle.comments]
    published = bundles[0].metadata.published_at
    comments = []
    for index in range(count):
        base = pool[index % len(pool)]
        comments.append(
            replace(
                base,
                id=f"s{index:07d}",
                author=f"@viewer{index % 40_000}",
                text=f"{base.text} #{index}",
                like_count=(index * 7919) % 500,
                published_at=published + timedelta(minutes=(index * 37) % 200_000),
                parent_id=f"s{index - 1:07d}" if base.parent_id and index else "",
            )
        )
    return tuple(comments), bundles[0].metadata


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 1e6


def measure(root: Path, count: int) -> dict[str, float]:
    """Run in a child process: seconds, peak RSS and RSS growth of one analysis."""
    sys.path.insert(0, str(root))
    from services.comments.domain import CommentsRequest
    from services.comments.engines.local.analysis import analyze_comments

    warm_up = synthetic_comments(300, root)  # both samples, so the Korean analyser loads too
    analyze_comments(CommentsRequest(comments=warm_up[0], video=warm_up[1]))
    comments, video = synthetic_comments(count, root)
    before = _rss_mb()
    started = time.perf_counter()
    analysis = analyze_comments(CommentsRequest(comments=comments, video=video))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    assert analysis.analyzed_comments > 0
    return {"seconds": seconds, "peak": peak, "growth": max(peak - before, 0.0)}


def _row(label: str, root: Path, count: int) -> dict[str, float]:
    child = [sys.executable, __file__, "--child", str(root), str(count)]
    result = json.loads(subprocess.run(child, capture_output=True, check=True).stdout)
    per_comment = result["seconds"] / count * 1000
    print(
        f"{label:>9} {count:>9} {result['seconds']:>8.1f} {per_comment:>10.2f} "
        f"{result['peak']:>11.0f} {result['growth']:>9.0f}",
        flush=True,
    )
    return result


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(measure(Path(sys.argv[2]), int(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--before", default="440b764", help='older revision; "" for none')
    args = parser.parse_args()
    print(
        f"{'revision':>9} {'comments':>9} {'seconds':>8} {'ms/comment':>10} "
        f"{'peak RSS MB':>11} {'growth MB':>9}"
    )
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        old = checked_out(args.before, scratch) if args.before else None
        with old if old else _nothing() as tree:
            for count in args.sizes:
                if tree is not None:
                    _row(args.before[:9], tree, count)
                rows.append((count, _row("now", ROOT, count)))
    (small, first), (large, last) = rows[0], rows[-1]
    print(
        f"now: {large / small:.0f}x the comments took {last['seconds'] / first['seconds']:.1f}x "
        f"the time; RSS growth went from {first['growth']:.0f} MB to {last['growth']:.0f} MB"
    )


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


if __name__ == "__main__":
    main()
