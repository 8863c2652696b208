"""`tubelens load` against the shared test stack: every call it made is counted once under its
code, and the report's figures agree with each other."""

from __future__ import annotations

import asyncio

import pytest
from typer.testing import CliRunner

from tubelens.cli.load import run_load
from tubelens.cli.main import app
from tubelens.cli.refs import video_ref
from tubelens.v1 import gateway_pb2

pytestmark = pytest.mark.integration


def test_a_closed_loop_run_counts_every_call(stack) -> None:
    requests = [
        gateway_pb2.AnalyzeRequest(video=video_ref("ko-homecafe")),
        gateway_pb2.AnalyzeRequest(video=video_ref("no-such-sample")),  # NOT_FOUND
    ]
    report = asyncio.run(
        run_load(stack.address("gateway"), requests, concurrency=2, calls=6, deadline=60)
    )
    assert report.calls == len(report.latencies) == 6
    assert report.codes == {"OK": 3, "NOT_FOUND": 3}
    assert 0 < report.percentile(0.5) <= report.percentile(0.99) <= max(report.latencies)


def test_the_command_prints_throughput_percentiles_and_codes(stack) -> None:
    result = CliRunner().invoke(
        app, ["load", "ko-homecafe", "--target", stack.address("gateway"), "--calls", "3"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("calls        3 in ")
    assert lines[1].startswith("latency (s)  p50 ") and " max " in lines[1]
    assert lines[2] == "codes        OK 3"
