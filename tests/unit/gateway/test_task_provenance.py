"""A task's provenance carries the gateway's account of its inputs, partial flag included."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from gateway.inputs import InputReport
from gateway.task_requests import AnalysisPlan
from gateway.tasks import run_task
from tubelens.domain import Comment, VideoMetadata
from tubelens.v1 import comments_pb2, common_pb2, gateway_pb2


class Source:
    """A video source with one comment whose report says an input was cut."""

    metadata = VideoMetadata(video_id="dQw4w9WgXcQ", title="t")

    def __init__(self, report: InputReport) -> None:
        self._report = report

    async def comments(self) -> tuple[Comment, ...]:
        return (Comment(id="c1", text="great video", like_count=1),)

    def report(self, parts) -> InputReport:
        assert tuple(parts) == ("comments",)
        return self._report


class Comments:
    async def AnalyzeComments(self, request, timeout, metadata):  # noqa: N802 (gRPC's name)
        assert [c.id for c in request.comments] == ["c1"]
        return comments_pb2.AnalyzeCommentsResponse(
            provenance=common_pb2.Provenance(model="m", notes=["service note"])
        )


async def analyse(report: InputReport) -> gateway_pb2.TaskResult:
    plan = AnalysisPlan(
        tasks=(gateway_pb2.TASK_COMMENTS,), language="en", max_comments=10, request_id="r"
    )
    downstream = SimpleNamespace(comments=Comments())
    deadline = asyncio.get_running_loop().time() + 5
    return await run_task(gateway_pb2.TASK_COMMENTS, Source(report), plan, downstream, deadline)


async def test_an_input_cut_for_this_call_marks_the_result_partial() -> None:
    cut = InputReport(
        quota_units=2, notes=("Comments unavailable (QUOTA_EXCEEDED): x",), partial=True
    )
    result = await analyse(cut)
    assert result.status.code == 0
    assert result.provenance.partial and result.provenance.youtube_quota_units == 2
    assert list(result.provenance.notes) == ["service note", cut.notes[0]]


async def test_complete_inputs_leave_it_unset() -> None:
    result = await analyse(InputReport(notes=("video.mp4 scanned in 1.0 s.",)))
    assert result.status.code == 0 and not result.provenance.partial
