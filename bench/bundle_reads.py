"""Memory and time of reading bundle files: an oversized thumbnail refused, and the most
comments a bundle may hold read.

    .venv/bin/python bench/bundle_reads.py          # a sparse 1 GiB thumbnail, 100,000 comments
    .venv/bin/python bench/bundle_reads.py 256      # another thumbnail size, in MiB

The thumbnail is sparse (no disk space), so what is measured is the reader alone: "whole file"
is what the gateway did before (Path.read_bytes; the thumbnail service refused the image
later), "bounded" is tubelens.bundles.load_thumbnail, which checks the size with fstat and
reads nothing. The comments are the English sample's, repeated up to
TUBELENS_BUNDLE_MAX_COMMENT_LINES. Each case runs in a fresh process; memory is its peak RSS,
the growth over the RSS just before the call, and what is still held after it.
"""

from __future__ import annotations

import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MIB = 1024 * 1024
COMMENTS = 100_000


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MIB


def run_one(case: str, bundle: Path) -> dict[str, float | str]:
    """In the child process: one read, measured."""
    from tubelens.bundles import load_comments, load_thumbnail
    from tubelens.errors import InvalidInput

    before = rss_mib()
    started = time.perf_counter()
    try:
        if case == "whole":
            outcome = f"read {len((bundle / 'thumbnail.jpg').read_bytes()) / MIB:,.0f} MiB"
        elif case == "bounded":
            outcome = f"read {len(load_thumbnail(bundle) or b'') / MIB:,.0f} MiB"
        else:
            comments = load_comments(bundle)
            outcome = f"{len(comments):,} comments"
    except InvalidInput as exc:
        outcome = exc.reason
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {
        "outcome": outcome,
        "seconds": seconds,
        "peak": peak,
        "growth": max(peak - before, 0.0),
        "held": max(rss_mib() - before, 0.0),
    }


def measure(case: str, bundle: Path) -> dict[str, float | str]:
    child = subprocess.run(
        [sys.executable, __file__, "--child", case, str(bundle)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(child.stdout)


def main(size_mib: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        bundle = Path(directory)
        (bundle / "video.json").write_text('{"title": "t"}')
        with (bundle / "thumbnail.jpg").open("wb") as file:
            file.truncate(size_mib * MIB)
        sample = (ROOT / "samples" / "en-sourdough" / "comments.jsonl").read_text().splitlines()
        lines = itertools.islice(itertools.cycle(sample), COMMENTS)
        with (bundle / "comments.jsonl").open("w", encoding="utf-8") as file:
            for number, line in enumerate(lines):
                record = json.loads(line)
                record["id"] = f"{record['id']}-{number}"
                file.write(json.dumps(record, ensure_ascii=False) + "\n")
        comments_mib = (bundle / "comments.jsonl").stat().st_size / MIB
        rows = {
            f"thumbnail {size_mib:,} MiB, whole file": measure("whole", bundle),
            f"thumbnail {size_mib:,} MiB, bounded": measure("bounded", bundle),
            f"comments.jsonl {comments_mib:.1f} MiB": measure("comments", bundle),
        }
    print(f"{'case':<34}{'outcome':<24}{'seconds':>8}{'peak MiB':>10}{'growth':>8}{'held':>7}")
    for case, row in rows.items():
        print(
            f"{case:<34}{row['outcome']:<24}{row['seconds']:>8.3f}{row['peak']:>10.1f}"
            f"{row['growth']:>8.1f}{row['held']:>7.1f}"
        )
    whole, bounded, comments = rows.values()
    print(
        f"thumbnail, whole/bounded: peak RSS {whole['peak'] / bounded['peak']:,.1f}x, "
        f"time {whole['seconds'] / max(bounded['seconds'], 1e-6):,.0f}x"
    )
    print(
        f"comments: {comments['growth'] / comments_mib:.1f} MiB of memory per MiB of file, "
        f"{comments['seconds'] / COMMENTS * 1000 * 1000:.1f} ms per 1,000 comments"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(run_one(sys.argv[2], Path(sys.argv[3]))))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 1024)
