"""Operations: started at once, finished in the background with their response or error,
progress in the metadata, cancelled here or from another replica, visible only to the owner."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from google.rpc import code_pb2

from gateway.operations.runner import Operations
from gateway.operations.settings import OperationSettings
from gateway.operations.store import SqliteOperations
from tubelens.errors import InvalidInput, NotFound, ResourceExhausted
from tubelens.v1 import gateway_pb2

REQUEST = gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(bundle="en-sourdough"))


class Analysis:
    """A stand-in analysis: two tasks, each released by the test."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.release = asyncio.Event()
        self.fail = fail
        self.cancelled = False
        self.cleaned = 0

    async def __call__(self, request, seconds, progress) -> gateway_pb2.AnalyzeResponse:
        try:
            await progress(gateway_pb2.TaskResult(task=gateway_pb2.TASK_SUMMARY))
            await self.release.wait()
            if self.fail is not None:
                raise self.fail
            await progress(gateway_pb2.TaskResult(task=gateway_pb2.TASK_COMMENTS))
            return gateway_pb2.AnalyzeResponse(request_id="r-1")
        except asyncio.CancelledError:
            self.cancelled = True
            raise

    async def cleanup(self) -> None:
        self.cleaned += 1


def _settings(**values: float) -> OperationSettings:
    return OperationSettings(cancel_poll_seconds=0.05, **values)


@pytest.fixture
async def operations(tmp_path: Path) -> AsyncIterator[Operations]:
    running = Operations(SqliteOperations(tmp_path / "state.sqlite3"), _settings())
    yield running
    await running.close()


async def _done(operations: Operations, owner: str, name: str):
    return await operations.wait(owner, name, timeout=10)


async def test_an_operation_reports_progress_then_its_response(operations) -> None:
    analysis = Analysis()
    started = await operations.start("team-a", REQUEST, 2, "r-1", analysis, analysis.cleanup)
    assert started.name.startswith("operations/") and not started.done

    await asyncio.sleep(0.05)
    running = await operations.get("team-a", started.name)
    metadata = gateway_pb2.AnalyzeOperationMetadata()
    running.metadata.Unpack(metadata)
    assert (metadata.requested_tasks, metadata.finished_tasks) == (2, 1)
    assert (metadata.caller, metadata.request_id) == ("team-a", "r-1")
    assert not running.done

    analysis.release.set()
    done = await _done(operations, "team-a", started.name)
    response = gateway_pb2.AnalyzeResponse()
    assert done.done and done.response.Unpack(response) and response.request_id == "r-1"
    done.metadata.Unpack(metadata)
    assert metadata.finished_tasks == 2 and metadata.HasField("end_time")
    assert analysis.cleaned == 1  # the caller's analysis slot and usage were released


async def test_a_failed_analysis_ends_with_its_status(operations) -> None:
    analysis = Analysis(fail=InvalidInput("No bundle named x.", reason="UNKNOWN_BUNDLE"))
    started = await operations.start("team-a", REQUEST, 2, "r-1", analysis, analysis.cleanup)
    analysis.release.set()
    done = await _done(operations, "team-a", started.name)
    assert done.error.code == code_pb2.INVALID_ARGUMENT
    assert done.error.message == "No bundle named x."


async def test_cancel_stops_the_analysis_and_the_operation_ends_cancelled(operations) -> None:
    analysis = Analysis()
    started = await operations.start("team-a", REQUEST, 2, "r-1", analysis, analysis.cleanup)
    await asyncio.sleep(0.05)
    await operations.cancel("team-a", started.name)
    done = await _done(operations, "team-a", started.name)
    metadata = gateway_pb2.AnalyzeOperationMetadata()
    done.metadata.Unpack(metadata)
    assert analysis.cancelled and done.error.code == code_pb2.CANCELLED
    assert metadata.cancel_requested and analysis.cleaned == 1


async def test_a_cancel_asked_on_another_replica_reaches_the_running_one(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    here = Operations(SqliteOperations(path), _settings())
    there = Operations(SqliteOperations(path), _settings())
    analysis = Analysis()
    started = await here.start("team-a", REQUEST, 2, "r-1", analysis, analysis.cleanup)
    await there.cancel("team-a", started.name)  # `there` does not run it
    done = await there.wait("team-a", started.name, timeout=10)
    assert analysis.cancelled and done.done and done.error.code == code_pb2.CANCELLED
    await here.close()
    await there.close()


async def test_only_the_owner_sees_an_operation(operations) -> None:
    analysis = Analysis()
    started = await operations.start("team-a", REQUEST, 2, "r-1", analysis, analysis.cleanup)
    for call in (operations.get, operations.cancel, operations.delete):
        with pytest.raises(NotFound):
            await call("team-b", started.name)
    assert await operations.list("team-b") == []
    assert [op.name for op in await operations.list("team-a")] == [started.name]


async def test_deleting_a_running_operation_stops_it_and_forgets_it(operations) -> None:
    analysis = Analysis()
    started = await operations.start("team-a", REQUEST, 2, "r-1", analysis, analysis.cleanup)
    await asyncio.sleep(0.05)
    await operations.delete("team-a", started.name)
    await asyncio.sleep(0.1)
    assert analysis.cancelled and analysis.cleaned == 1
    with pytest.raises(NotFound):
        await operations.get("team-a", started.name)


async def test_beyond_running_at_once_a_new_operation_is_refused(tmp_path: Path) -> None:
    operations = Operations(SqliteOperations(tmp_path / "s.sqlite3"), _settings(running_at_once=1))
    first = Analysis()
    await operations.start("team-a", REQUEST, 2, "r-1", first, first.cleanup)
    with pytest.raises(ResourceExhausted) as refused:
        second = Analysis()
        await operations.start("team-a", REQUEST, 2, "r-2", second, second.cleanup)
    assert refused.value.reason == "OPERATIONS_AT_CAPACITY"
    await operations.close()
    assert first.cancelled  # closing the gateway stops what still runs
