"""Issue 14's figures before and after, side by side: the path a user takes, on this machine.

    .venv/bin/python bench/throughput.py [--before REV] [--quick]

Each side (BEFORE = REV, default c8d42b3, checked out in a temporary `git worktree add
--detach`; AFTER = this working tree) runs in its own child process whose imports come from its
tree. It starts the six servers as processes (tubelens.cli.stack.Stack) with TUBELENS_ENGINE=gemini
against the fake Gemini REST server (tests/fakes/gemini_server.py, real google-genai SDK, the
ModelLike responder of tests/integration/test_gemini_gateway.py, --delay seconds of model
latency, Gemini per-model concurrency and rate limits raised so the fake model is never the
bottleneck) and drives it with real gRPC clients; then the thumbnail and photo card services on
the local engine. Both sides get the same inputs: distinct bundles generated once from
samples/en-sourdough (own video id, comment ids and texts, first cue, thumbnail bytes), so no
cache or coalescing hides work except where a figure repeats an input on purpose.

1 CPU per Analyze: CPU time (psutil, each server process with its worker processes) over N
  distinct analyses at 4 in flight, divided by N.
2 Throughput: 16 callers in a closed loop for --seconds, cycling distinct bundles with
  `fresh` set where the revision has it, against 16 callers of grpc.health.v1 Check for 5 s.
3 Gateway overhead: per pair, Analyze latency minus the slowest of the three direct service calls
  (made at once, requests built by the tree's gateway.task_requests) for an equal, distinct
  bundle, the path that goes first alternating (p99 of 20 pairs is their maximum); at 100 in
  flight, wall time of M analyses through the gateway / M direct triples.
4 --burst analyses of distinct bundles at once (4 channels), model latency 1 s, 30 s deadline:
  each analysis counted OK when all three tasks are, else by its worst code.
5 Identical request repeated (default options): medians over --repeats bundles.
6 AnalyzeThumbnail on the service directly, local engine: median of --runs per sample.
7 CreatePhotoCard on the service directly, local engine: median CPU per card.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from worktree import checked_out

TREE = Path(__file__).resolve().parents[1]
BEFORE = "c8d42b3"
ROWS = (  # (label, key, decimals)
    ("CPU per Analyze, gemini path: summary (ms)", "cpu_summary", 1),
    ("CPU per Analyze: comments (ms)", "cpu_comments", 1),
    ("CPU per Analyze: thumbnail (ms)", "cpu_thumbnail", 1),
    ("CPU per Analyze: gateway (ms)", "cpu_gateway", 1),
    ("CPU per Analyze: video (ms)", "cpu_video", 1),
    ("CPU per Analyze: all processes (ms)", "cpu_total", 1),
    ("Analyze throughput, 16 callers (fully OK/s)", "analyses_per_s", 1),
    ("health checks, 16 callers (/s)", "checks_per_s", 0),
    ("Analyze rate / health-check rate (%)", "analyses_share", 2),
    ("gateway overhead over slowest direct call, 1 in flight, p50 (ms)", "overhead_p50_ms", 1),
    ("gateway overhead, 1 in flight, p99 (ms)", "overhead_p99_ms", 1),
    ("gateway path / direct path time, 100 in flight (x)", "overhead_100_ratio", 2),
    ("burst, 1 s model, 30 s deadline: fully OK", "burst_OK", 0),
    ("burst: RESOURCE_EXHAUSTED", "burst_RESOURCE_EXHAUSTED", 0),
    ("burst: DEADLINE_EXCEEDED", "burst_DEADLINE_EXCEEDED", 0),
    ("burst: CANCELLED", "burst_CANCELLED", 0),
    ("burst: other", "burst_OTHER", 0),
    ("burst: time until all answered (s)", "burst_seconds", 1),
    ("identical request: first (ms)", "repeat_first_ms", 1),
    ("identical request: second (ms)", "repeat_second_ms", 1),
    ("identical request: model calls of the first", "repeat_first_calls", 0),
    ("identical request: model calls of the second", "repeat_second_calls", 0),
    ("thumbnail review, local, 1280x720 with text (en-sourdough) (ms)", "thumb_en_ms", 0),
    ("thumbnail review, local, Korean sample (ko-homecafe) (ms)", "thumb_ko_ms", 0),
    ("photo card, local: CPU per card (ms)", "photocard_cpu_ms", 0),
)


def make_inputs(out: Path, args: argparse.Namespace) -> dict[str, list[str]]:
    """The distinct bundles each figure uses, the same for both sides."""
    from throughput_inputs import make_bundles

    sample = TREE / "samples" / "en-sourdough"
    counts = {
        "warm": 4,
        "cpu": args.analyses,
        "tput": args.pool,
        "ovg": args.pairs,
        "ovd": args.pairs,
        "hig": args.many,
        "hid": args.many,
        "rep": args.repeats,
        "burst": args.burst,
    }
    return {prefix: make_bundles(sample, out, prefix, n) for prefix, n in counts.items()}


def run_side(tree: Path, work: Path, label: str) -> dict:
    """One side's figures, from a child process importing `tree`'s code."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(tree), "--work", str(work)],
        cwd=tree,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"the {label} side failed (exit {done.returncode}); see stderr above")
    return json.loads(done.stdout.strip().splitlines()[-1])


def child(tree: Path, work: Path) -> None:
    """Runs in a side's child process: both stacks, every figure; JSON on the last line."""
    sys.path.insert(0, str(tree))
    import asyncio

    from throughput_calls import log
    from throughput_gemini import Gemini
    from throughput_local import photocard_cpu_ms, thumbnail_ms

    from tests.fakes.gemini_server import FakeGemini
    from tests.integration.conftest import free_base_port, gemini_env
    from tests.integration.test_gemini_gateway import ModelLike
    from tubelens.cli.stack import Stack

    config = json.loads((work / "config.json").read_text(encoding="utf-8"))
    samples = tree / "samples"
    roots = json.dumps([str(samples), str(work / "bundles")])
    model = ModelLike()
    model.delay = config["delay"]
    fake = FakeGemini(model).start()
    limits = {"MAX_CONCURRENCY": "100000", "REQUESTS_PER_MINUTE": "1000000000"}
    side = tree.name
    stack = Stack(
        base_port=free_base_port(),
        log_dir=work / f"logs-{side}-gemini",
        extra_env={**gemini_env(fake.base_url, **limits), "TUBELENS_BUNDLE_ROOTS": roots},
    )
    log(f"{side}: starting the stack on the gemini engine")
    stack.start(timeout=180)
    bench = Gemini(stack, fake, model, work / "bundles", config["bundles"])
    try:
        asyncio.run(bench.run(config["seconds"], config["delay"]))
    finally:
        stack.stop()
        fake.stop()
    log(f"{side}: starting thumbnail and photo card on the local engine")
    local = Stack(
        base_port=free_base_port(),
        log_dir=work / f"logs-{side}-local",
        extra_env={"TUBELENS_ENGINE": "local", "TUBELENS_BUNDLE_ROOTS": roots},
        only=("thumbnail", "photocard"),
    )
    local.start(timeout=180)
    try:
        log("6/7 thumbnail review, local")
        bench.figures |= thumbnail_ms(local, samples, config["runs"])
        log("7/7 photo card CPU, local")
        bench.figures |= photocard_cpu_ms(local, samples, config["cards"])
    finally:
        local.stop()
    print(json.dumps({"figures": bench.figures, "notes": bench.notes}))


def cell(value: float | None, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value:,.{decimals}f}"


def table(before: dict, after: dict, rev: str) -> str:
    lines = [f"| figure | before ({rev}) | after (working tree) | after/before |"]
    lines.append("|---|---|---|---|")
    for label, key, decimals in ROWS:
        old, new = before["figures"].get(key), after["figures"].get(key)
        both_positive = old is not None and new is not None and old > 0 and new >= 0
        ratio = f"{new / old:.2f}" if both_positive else "n/a"
        lines.append(f"| {label} | {cell(old, decimals)} | {cell(new, decimals)} | {ratio} |")
    for name, side in (("before", before), ("after", after)):
        lines += [f"- {name}: {note}" for note in side["notes"]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default=BEFORE, help="the revision to compare against")
    parser.add_argument("--analyses", type=int, default=60, help="figure 1: distinct analyses")
    parser.add_argument("--seconds", type=float, default=15, help="figure 2: closed-loop seconds")
    parser.add_argument("--pool", type=int, default=600, help="figure 2: distinct bundles")
    parser.add_argument("--pairs", type=int, default=20, help="figure 3: pairs at 1 in flight")
    parser.add_argument("--many", type=int, default=150, help="figure 3: analyses at 100")
    parser.add_argument("--burst", type=int, default=2000, help="figure 4: analyses at once")
    parser.add_argument("--repeats", type=int, default=5, help="figure 5: repeated bundles")
    parser.add_argument("--runs", type=int, default=7, help="figure 6: calls per sample")
    parser.add_argument("--cards", type=int, default=3, help="figure 7: cards per portrait")
    parser.add_argument("--delay", type=float, default=0.05, help="fake model latency (s)")
    parser.add_argument("--quick", action="store_true", help="small counts, to try it out")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.work)
        return
    if args.quick:
        args.analyses, args.seconds, args.pool, args.pairs, args.many = 12, 5, 100, 8, 30
        args.burst, args.repeats, args.runs, args.cards = 200, 2, 2, 1
    with tempfile.TemporaryDirectory(prefix="throughput-") as scratch:
        work = Path(scratch)
        print("[throughput] writing the bundles", file=sys.stderr, flush=True)
        config = {k: getattr(args, k) for k in ("seconds", "delay", "runs", "cards")}
        config["bundles"] = make_inputs(work / "bundles", args)
        (work / "config.json").write_text(json.dumps(config), encoding="utf-8")
        with checked_out(args.before, work) as old:
            before = run_side(old, work, "before")
            after = run_side(TREE, work, "after")
    print(__doc__.split("\n\n", 2)[2].strip())
    print(f"\nModel latency {args.delay} s; counts: {vars(args)}\n")
    print(table(before, after, args.before))


if __name__ == "__main__":
    main()
