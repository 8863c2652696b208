"""Runs analyses as operations: started at once, run in the background, kept in the store.

The operation's record is written when it starts, after each finished task (the metadata's
progress) and when it ends, with the AnalyzeResponse or the error status. A cancel asked on this
replica stops its task at once; one asked on another replica reaches it through the store
within `cancel_poll_seconds`. Only the owner sees an operation: to anyone else it does not
exist (NOT_FOUND, never PERMISSION_DENIED, which would confirm the name).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import Awaitable, Callable

from google.rpc import code_pb2, status_pb2

from gateway.operations.settings import OperationSettings
from gateway.operations.store import Operation, OperationStore
from tubelens.errors import NotFound, ResourceExhausted, TubeLensError
from tubelens.logs import get_logger
from tubelens.server.status import status_from_error
from tubelens.v1 import gateway_pb2

log = get_logger("tubelens.gateway")
# Runs one analysis with the seconds it may take, calling back with each finished task.
Analyze = Callable[
    [gateway_pb2.AnalyzeRequest, float, Callable[[gateway_pb2.TaskResult], Awaitable[None]]],
    Awaitable[gateway_pb2.AnalyzeResponse],
]
Cleanup = Callable[[], Awaitable[None]]


class Operations:
    def __init__(self, store: OperationStore, settings: OperationSettings) -> None:
        self._store = store
        self._settings = settings
        self._running: dict[str, asyncio.Task] = {}

    async def start(
        self,
        owner: str,
        request: gateway_pb2.AnalyzeRequest,
        requested_tasks: int,
        request_id: str,
        analyze: Analyze,
        cleanup: Cleanup,
    ) -> Operation:
        if len(self._running) >= self._settings.running_at_once:
            raise ResourceExhausted(
                f"This gateway already runs {len(self._running)} operations "
                "(TUBELENS_OPERATIONS_RUNNING_AT_ONCE); retry in a minute.",
                reason="OPERATIONS_AT_CAPACITY",
                retry_after_seconds=60,
            )
        now = time.time()
        metadata = gateway_pb2.AnalyzeOperationMetadata(
            requested_tasks=requested_tasks, request_id=request_id, caller=owner
        )
        metadata.create_time.FromSeconds(int(now))
        metadata.expire_time.FromSeconds(int(now + self._settings.keep_seconds))
        operation = Operation(name=f"operations/{uuid.uuid4().hex}")
        operation.metadata.Pack(metadata)
        await self._store.put(owner, operation, now + self._settings.keep_seconds)
        task = asyncio.create_task(self._run(owner, operation, request, analyze, cleanup))
        self._running[operation.name] = task
        task.add_done_callback(lambda _: self._running.pop(operation.name, None))
        # Let it enter its try block: a task cancelled before its first step never runs its
        # `finally`, and the caller's analysis slot would never be given back.
        await asyncio.sleep(0)
        return operation

    async def _run(
        self,
        owner: str,
        operation: Operation,
        request: gateway_pb2.AnalyzeRequest,
        analyze: Analyze,
        cleanup: Cleanup,
    ) -> None:
        metadata = _metadata(operation)
        expire_at = metadata.expire_time.seconds

        async def progress(result: gateway_pb2.TaskResult) -> None:
            metadata.finished_tasks += 1
            operation.metadata.Pack(metadata)
            await self._store.put(owner, operation, expire_at)

        watcher = asyncio.create_task(self._watch(operation.name, asyncio.current_task()))
        try:
            response = await analyze(request, self._settings.max_seconds, progress)
            operation.response.Pack(response)
        except asyncio.CancelledError:
            operation.error.CopyFrom(
                status_pb2.Status(code=code_pb2.CANCELLED, message="The operation was cancelled.")
            )
        except TubeLensError as exc:
            operation.error.CopyFrom(status_from_error(exc))
        except Exception:  # an operation always ends with a status
            log.exception("operation_failed", operation=operation.name)
            operation.error.CopyFrom(
                status_pb2.Status(code=code_pb2.INTERNAL, message="Internal error.")
            )
        finally:
            watcher.cancel()
            await asyncio.shield(self._finish(owner, operation, metadata, expire_at, cleanup))

    async def _finish(
        self,
        owner: str,
        operation: Operation,
        metadata: gateway_pb2.AnalyzeOperationMetadata,
        expire_at: float,
        cleanup: Cleanup,
    ) -> None:
        await cleanup()
        stored = await self._store.get(operation.name)
        if stored is None:
            return  # deleted while it ran: nothing to keep
        metadata.cancel_requested = _metadata(stored[1]).cancel_requested
        metadata.end_time.FromSeconds(int(time.time()))
        operation.metadata.Pack(metadata)
        operation.done = True
        await self._store.put(owner, operation, expire_at)
        log.info("operation_done", operation=operation.name, code=operation.error.code)

    async def _watch(self, name: str, task: asyncio.Task | None) -> None:
        """Cancels `task` once the stored operation asks for it (or is gone)."""
        while task is not None:
            await asyncio.sleep(self._settings.cancel_poll_seconds)
            stored = await self._store.get(name)
            if stored is None or _metadata(stored[1]).cancel_requested:
                task.cancel()
                return

    async def get(self, owner: str, name: str) -> Operation:
        stored = await self._store.get(name)
        if stored is None or stored[0] != owner:
            raise NotFound(f"No operation {name!r} (or it has expired).", reason="NO_OPERATION")
        return stored[1]

    async def list(self, owner: str) -> list[Operation]:
        return await self._store.list(owner)

    async def cancel(self, owner: str, name: str) -> None:
        operation = await self.get(owner, name)
        if operation.done:
            return  # AIP-151: cancelling a finished operation changes nothing
        metadata = _metadata(operation)
        metadata.cancel_requested = True
        operation.metadata.Pack(metadata)
        await self._store.put(owner, operation, metadata.expire_time.seconds)
        if name in self._running:
            self._running[name].cancel()

    async def delete(self, owner: str, name: str) -> None:
        await self.get(owner, name)
        await self._store.delete(name)
        if name in self._running:
            self._running[name].cancel()

    async def wait(self, owner: str, name: str, timeout: float) -> Operation:
        """The operation once done, or as it is when `timeout` passes."""
        deadline = time.monotonic() + timeout
        while True:
            operation = await self.get(owner, name)
            if operation.done or time.monotonic() >= deadline:
                return operation
            await asyncio.sleep(min(0.5, max(deadline - time.monotonic(), 0)))

    async def close(self) -> None:
        """Stops what still runs (their operations end CANCELLED), then closes the store."""
        for task in list(self._running.values()):
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*self._running.values(), return_exceptions=True)
        await self._store.close()


def _metadata(operation: Operation) -> gateway_pb2.AnalyzeOperationMetadata:
    metadata = gateway_pb2.AnalyzeOperationMetadata()
    operation.metadata.Unpack(metadata)
    return metadata
