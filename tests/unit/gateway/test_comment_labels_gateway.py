"""The gateway's side of per-comment labels: the option is validated and keyed, the comments
task's labels reach the summary only within one analysis, and the caller gets its page."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from gateway import label_handoff
from gateway.fanout import plan_analysis, run_tasks
from gateway.inputs import InputReport
from gateway.label_handoff import LabelHandoff, hand_over, labels_to_ask, note_engine
from gateway.result_keys import InputIdentity, result_key
from tubelens.domain import Comment, VideoMetadata
from tubelens.errors import InvalidInput, Unavailable
from tubelens.v1 import comments_pb2, common_pb2, gateway_pb2, summary_pb2

SUMMARY, COMMENTS = gateway_pb2.TASK_SUMMARY, gateway_pb2.TASK_COMMENTS
Options = comments_pb2.CommentLabelsOptions


@pytest.fixture(autouse=True)
def engines_local(monkeypatch) -> None:
    """Each test starts as a gateway that has seen both services answer with the local engine."""
    local = common_pb2.ENGINE_LOCAL
    monkeypatch.setattr(label_handoff, "_engines", {"summary": local, "comments": local})


def plan(labels: Options | None = None, tasks: tuple[int, ...] = (SUMMARY, COMMENTS)):
    return plan_analysis(list(tasks), "en", 0, 100, "r", comment_labels=labels)


def test_the_option_is_validated_and_defaulted() -> None:
    assert plan().labels is None
    assert plan(Options(include=False, limit=5)).labels is None
    assert plan(Options(include=True)).labels == (0, 10_000)
    assert plan(Options(include=True, offset=20, limit=5)).labels == (20, 5)
    for bad in (Options(include=True, offset=-1), Options(limit=-2), Options(limit=100_001)):
        with pytest.raises(InvalidInput, match=r"options\.comment_labels") as caught:
            plan(bad)
        assert caught.value.status_code == "INVALID_ARGUMENT"


def test_the_labels_page_is_part_of_the_comments_result_key_only() -> None:
    identity = InputIdentity("bundle", "x")

    def key(task: int, labels: tuple[int, int] | None) -> str:
        return result_key("", identity, task, "en", 100, "e", labels)

    assert key(COMMENTS, None) == result_key("", identity, COMMENTS, "en", 100, "e")
    assert len({key(COMMENTS, None), key(COMMENTS, (0, 10)), key(COMMENTS, (10, 10))}) == 3
    assert key(SUMMARY, None) == key(SUMMARY, (0, 10))


def labels(count: int) -> comments_pb2.CommentsResult:
    result = comments_pb2.CommentsResult(
        comment_labels=[comments_pb2.CommentLabels(comment_id=f"c{i}") for i in range(count)]
    )
    result.comment_labels_page.total = count
    return result


async def test_the_summary_gets_every_label_and_the_caller_its_page() -> None:
    handoff = LabelHandoff()
    asked = labels_to_ask((2, 3), handoff, 10)
    assert (asked.include, asked.offset, asked.limit) == (True, 0, 10)
    result = labels(10)
    hand_over(result, (2, 3), handoff)
    assert [label.comment_id for label in await handoff.labels()] == [f"c{i}" for i in range(10)]
    assert [label.comment_id for label in result.comment_labels] == ["c2", "c3", "c4"]
    page = result.comment_labels_page
    assert (page.total, page.offset, page.truncated, page.next_offset) == (10, 2, True, 5)
    unasked = labels(4)
    hand_over(unasked, None, LabelHandoff())
    assert not unasked.comment_labels and not unasked.HasField("comment_labels_page")


async def test_without_a_handoff_only_the_callers_page_is_asked() -> None:
    assert labels_to_ask(None, None, 10) is None
    asked = labels_to_ask((5, 7), None, 10)
    assert (asked.offset, asked.limit) == (5, 7)
    too_many = LabelHandoff()
    assert labels_to_ask(None, too_many, 100_001) is None
    assert await too_many.labels() is None  # the summary reads them itself, without waiting


class Source:
    metadata = VideoMetadata(video_id="dQw4w9WgXcQ", title="t")
    video_file = None  # watched by its YouTube link

    async def comments(self) -> tuple[Comment, ...]:
        return (Comment(id="c1", text="great video", like_count=1),)

    async def transcript(self) -> None:
        return None

    async def video_digest(self, seconds: float) -> None:
        return None

    def report(self, parts) -> InputReport:
        return InputReport()


class Services:
    def __init__(self, comments_fail: bool = False) -> None:
        self.comments_fail = comments_fail
        self.summary_labels: list[str] | None = None
        self.comments_asked: comments_pb2.CommentLabelsOptions | None = None

    async def AnalyzeComments(self, request, timeout, metadata):  # noqa: N802 (gRPC's name)
        await asyncio.sleep(0.05)  # the summary request is built meanwhile, and must wait
        self.comments_asked = request.labels
        if self.comments_fail:
            raise Unavailable("comments down", reason="SERVICE_UNAVAILABLE")
        result = labels(1)
        result.comment_labels[0].comment_id = "c1"
        return comments_pb2.AnalyzeCommentsResponse(result=result)

    async def Summarize(self, request, timeout, metadata):  # noqa: N802 (gRPC's name)
        self.summary_labels = [label.comment_id for label in request.comment_labels]
        return summary_pb2.SummarizeResponse()


@pytest.mark.parametrize(("fail", "handed"), [(False, ["c1"]), (True, [])])
async def test_the_summary_waits_for_the_comments_task_only_while_it_runs(
    fail: bool, handed: list[str]
) -> None:
    services = Services(comments_fail=fail)
    downstream = SimpleNamespace(summary=services, comments=services)
    deadline = asyncio.get_running_loop().time() + 5
    results = [r async for r in run_tasks(Source(), plan(), downstream, deadline)]
    assert sorted(r.task for r in results) == [SUMMARY, COMMENTS]
    assert services.summary_labels == handed
    comments = next(r for r in results if r.task == COMMENTS)
    assert not comments.comments.comment_labels  # the caller asked for none
    assert services.comments_asked.include and services.comments_asked.limit == 1


async def test_no_waiting_before_the_services_engines_are_known(monkeypatch) -> None:
    monkeypatch.setattr(label_handoff, "_engines", {})
    services = Services()
    downstream = SimpleNamespace(summary=services, comments=services)
    deadline = asyncio.get_running_loop().time() + 5
    results = [r async for r in run_tasks(Source(), plan(), downstream, deadline)]
    assert [r.task for r in results] == [SUMMARY, COMMENTS]  # the summary did not wait
    assert services.summary_labels == [] and not services.comments_asked.include


@pytest.mark.parametrize("service", ["summary", "comments"])
async def test_no_waiting_once_a_service_is_seen_answering_with_gemini(service: str) -> None:
    note_engine(service, common_pb2.ENGINE_GEMINI)
    services = Services()
    downstream = SimpleNamespace(summary=services, comments=services)
    deadline = asyncio.get_running_loop().time() + 5
    results = [r async for r in run_tasks(Source(), plan(), downstream, deadline)]
    assert [r.task for r in results] == [SUMMARY, COMMENTS]  # the summary did not wait
    assert services.summary_labels == [] and not services.comments_asked.include


async def test_a_comments_result_from_the_cache_is_not_waited_for() -> None:
    services = Services()
    downstream = SimpleNamespace(summary=services, comments=services)
    hit = gateway_pb2.TaskResult(task=COMMENTS)

    async def compute(task, run, deadline):
        return await run()

    cached = SimpleNamespace(hits={COMMENTS: hit}, compute=compute)
    deadline = asyncio.get_running_loop().time() + 5
    results = [r async for r in run_tasks(Source(), plan(), downstream, deadline, cached)]
    assert [r.task for r in results] == [COMMENTS, SUMMARY]
    assert services.summary_labels == [] and services.comments_asked is None  # not called
