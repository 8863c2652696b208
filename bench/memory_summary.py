"""Local summary at scale: seconds and peak memory of build_summary as the transcript grows.

    .venv/bin/python bench/memory_summary.py                    # 500 ... 20,000 cues
    .venv/bin/python bench/memory_summary.py 1000 6000          # other sizes
    .venv/bin/python bench/memory_summary.py 20000 --words-per-cue 17   # ~1.85 M characters
    .venv/bin/python bench/memory_summary.py 500 --comments 200 --comment-chars 10000
    .venv/bin/python bench/memory_summary.py --hostile          # inputs that defeat patterns

The inputs come from bench/summary_input.py. Each runs in a fresh process, capped by RLIMIT_AS
(--max-memory-mb: address space, which runs about 1 GB above RSS once the models are loaded)
and a timeout, so an input that would eat the machine fails cleanly instead. The process loads
the models and builds the input first; "before" is its RSS just before the call, "peak" its
peak RSS overall (ru_maxrss), and "growth" the difference: what one call adds.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

SIZES = ("500", "1000", "3000", "6000", "10000", "20000")


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 2**20


def child(case: str, options: argparse.Namespace) -> dict:
    """In a fresh process: models loaded and input built, then one build_summary timed."""
    cap = options.max_memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    from summary_input import hostile_request, synthetic_request

    from services.summary.engines.local.summarizer import build_summary
    from tubelens.text import warm_up

    warm_up()  # the text models and the Korean analyser, loaded as a server loads them
    if options.hostile:
        request = hostile_request(case)
    else:
        request = synthetic_request(
            int(case), options.comments, options.comment_chars, options.words_per_cue
        )
    result = {"before": _rss_mb(), "chars": sum(len(cue.text) for cue in request.transcript.cues)}
    started = time.perf_counter()
    try:
        summary = build_summary(request)
        result["outcome"] = (
            f"{len(summary.key_points)} key points, {len(summary.chapters)} chapters"
        )
    except MemoryError:
        result["outcome"] = f"MemoryError ({options.max_memory_mb} MB address-space cap)"
    result["seconds"] = time.perf_counter() - started
    result["peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", help="transcript cues (or, with --hostile, names)")
    parser.add_argument("--words-per-cue", type=int, default=8, help="on average")
    parser.add_argument("--comments", type=int, default=300)
    parser.add_argument("--comment-chars", type=int, default=0, help="lengthen each to this")
    parser.add_argument("--hostile", action="store_true", help="summary_input.HOSTILE inputs")
    parser.add_argument("--max-memory-mb", type=int, default=6_000, help="RLIMIT_AS per run")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per run")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps(child(options.cases[0], options)))
        return
    from summary_input import HOSTILE

    cases = options.cases or (HOSTILE if options.hostile else SIZES)
    print(
        f"{options.words_per_cue} words a cue, {options.comments} comments"
        f"{f' of {options.comment_chars} characters' if options.comment_chars else ''}; "
        f"address space capped at {options.max_memory_mb} MB, {options.timeout:.0f} s a run"
    )
    width = max(len(case) for case in cases)
    print(
        f"{'input':>{width}} {'chars':>10} {'seconds':>8} {'before MB':>9} "
        f"{'peak RSS MB':>11} {'growth MB':>9}  outcome"
    )
    for case in cases:
        # The child reads the same options, with its one case first.
        command = [sys.executable, __file__, "--child", case, *_option_args(options)]
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=options.timeout)
        except subprocess.TimeoutExpired:
            print(f"{case:>{width}} {'':>10} {f'>{options.timeout:.0f}':>8}  timed out", flush=True)
            continue
        if run.returncode != 0:
            last = (run.stderr.strip().splitlines() or ["no output"])[-1]
            print(f"{case:>{width}}  failed (exit {run.returncode}): {last}", flush=True)
            continue
        got = json.loads(run.stdout.strip().splitlines()[-1])
        print(
            f"{case:>{width}} {got['chars']:>10,} {got['seconds']:>8.1f} {got['before']:>9.0f} "
            f"{got['peak']:>11.0f} {max(got['peak'] - got['before'], 0):>9.0f}  {got['outcome']}",
            flush=True,
        )


def _option_args(options: argparse.Namespace) -> list[str]:
    names = ("words_per_cue", "comments", "comment_chars", "max_memory_mb")
    pairs = [(f"--{name.replace('_', '-')}", str(getattr(options, name))) for name in names]
    return [part for pair in pairs for part in pair] + (["--hostile"] if options.hostile else [])


if __name__ == "__main__":
    main()
