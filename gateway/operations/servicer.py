"""google.longrunning.Operations over gRPC, for AnalyzeAsync's operations (AIP-151).

ListOperations reads the caller's own operations, newest first; `filter` takes `done=true` or
`done=false` (or nothing); pages are cut by `page_size` (default 50, at most 500) and the
`page_token` is the offset a previous page returned.
"""

from __future__ import annotations

import grpc
from google.longrunning import operations_pb2, operations_pb2_grpc
from google.protobuf import empty_pb2

from gateway.access.gate import current_caller
from gateway.operations.runner import Operations
from tubelens.errors import InvalidInput

SERVICE_NAME = operations_pb2.DESCRIPTOR.services_by_name["Operations"].full_name
_FILTERS = {"": None, "done=true": True, "done=false": False}  # spaces ignored
MAX_PAGE = 500


def _owner() -> str:
    caller = current_caller.get()
    return caller.name if caller is not None else "anonymous"


class OperationsServicer(operations_pb2_grpc.OperationsServicer):
    def __init__(self, operations: Operations) -> None:
        self._operations = operations

    async def GetOperation(
        self, request: operations_pb2.GetOperationRequest, context: grpc.aio.ServicerContext
    ) -> operations_pb2.Operation:
        return await self._operations.get(_owner(), request.name)

    async def ListOperations(
        self, request: operations_pb2.ListOperationsRequest, context: grpc.aio.ServicerContext
    ) -> operations_pb2.ListOperationsResponse:
        wanted = request.filter.replace(" ", "").lower()
        if wanted not in _FILTERS:
            raise InvalidInput(
                "filter must be empty, done=true or done=false.", reason="INVALID_FILTER"
            )
        done = _FILTERS[wanted]
        size = request.page_size or 50
        if size < 0 or not (request.page_token or "0").isdigit():
            raise InvalidInput(
                "page_size must be positive and page_token one a previous page returned.",
                reason="INVALID_PAGE",
            )
        start = int(request.page_token or 0)
        found = [
            operation
            for operation in await self._operations.list(_owner())
            if done is None or operation.done == done
        ]
        page = found[start : start + min(size, MAX_PAGE)]
        after = start + len(page)
        return operations_pb2.ListOperationsResponse(
            operations=page, next_page_token=str(after) if after < len(found) else ""
        )

    async def CancelOperation(
        self, request: operations_pb2.CancelOperationRequest, context: grpc.aio.ServicerContext
    ) -> empty_pb2.Empty:
        await self._operations.cancel(_owner(), request.name)
        return empty_pb2.Empty()

    async def DeleteOperation(
        self, request: operations_pb2.DeleteOperationRequest, context: grpc.aio.ServicerContext
    ) -> empty_pb2.Empty:
        await self._operations.delete(_owner(), request.name)
        return empty_pb2.Empty()

    async def WaitOperation(
        self, request: operations_pb2.WaitOperationRequest, context: grpc.aio.ServicerContext
    ) -> operations_pb2.Operation:
        timeout = (
            request.timeout.ToTimedelta().total_seconds() if request.HasField("timeout") else 60
        )
        remaining = context.time_remaining()
        if remaining is not None:
            timeout = min(timeout, max(remaining - 0.5, 0))
        return await self._operations.wait(_owner(), request.name, timeout)
