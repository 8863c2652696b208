"""Comments analysis at scale: time and memory for 10k, 30k and 100k comments, side by side.

    .venv/bin/python bench/comments_scale.py             # 10k, 30k, 100k
    .venv/bin/python bench/comments_scale.py 2000 6000   # other sizes (quicker look)

The comments are the two samples' real comments (English and Korean) repeated with a serial
number appended, so texts stay distinct, and spread over authors, likes and time. Each size
runs in a fresh process: the models are loaded and the input built first, then the analysis
is timed; memory is the process's peak RSS, and its growth over the RSS just before the
analysis. Near-linear time means seconds per 1,000 comments stays about flat.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from services.comments.domain import CommentsRequest  # noqa: E402
from services.comments.engines.local.analysis import analyze_comments  # noqa: E402
from tubelens.bundles import load_bundle  # noqa: E402
from tubelens.domain import Comment  # noqa: E402

SIZES = (10_000, 30_000, 100_000)


def synthetic_comments(count: int) -> tuple[tuple[Comment, ...], object]:
    bundles = [load_bundle(ROOT / "samples" / name) for name in ("en-sourdough", "ko-homecafe")]
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


def measure(count: int) -> dict[str, float]:
    """Run in a child process: seconds, peak RSS and RSS growth of one analysis."""
    warm_up = synthetic_comments(300)  # both samples, so the Korean analyser loads too
    analyze_comments(CommentsRequest(comments=warm_up[0], video=warm_up[1]))
    comments, video = synthetic_comments(count)
    before = _rss_mb()
    started = time.perf_counter()
    analysis = analyze_comments(CommentsRequest(comments=comments, video=video))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    assert analysis.analyzed_comments > 0
    return {"seconds": seconds, "peak": peak, "growth": max(peak - before, 0.0)}


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(measure(int(sys.argv[2]))))
        return
    sizes = tuple(int(arg) for arg in sys.argv[1:]) or SIZES
    print(f"{'comments':>9} {'seconds':>8} {'ms/comment':>10} {'peak RSS MB':>11} {'growth MB':>9}")
    rows = []
    for count in sizes:
        child = [sys.executable, __file__, "--child", str(count)]
        result = json.loads(subprocess.run(child, capture_output=True, check=True).stdout)
        rows.append((count, result))
        print(
            f"{count:>9} {result['seconds']:>8.1f} {result['seconds'] / count * 1000:>10.2f} "
            f"{result['peak']:>11.0f} {result['growth']:>9.0f}",
            flush=True,
        )
    (small, first), (large, last) = rows[0], rows[-1]
    print(
        f"{large / small:.0f}x the comments took {last['seconds'] / first['seconds']:.1f}x the "
        f"time; RSS growth went from {first['growth']:.0f} MB to {last['growth']:.0f} MB"
    )


if __name__ == "__main__":
    main()
