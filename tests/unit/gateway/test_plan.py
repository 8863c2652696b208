from pathlib import Path

import pytest

from gateway.fanout import ALL_TASKS, plan_analysis
from gateway.sources import BundleSource
from gateway.task_requests import comments_request, most_liked, summary_request
from tubelens import convert
from tubelens.bundles import load_bundle
from tubelens.domain import Comment
from tubelens.errors import InvalidInput
from tubelens.settings import DEFAULT_SAMPLES_DIR
from tubelens.v1 import gateway_pb2


def test_empty_task_list_means_all_three_in_order() -> None:
    plan = plan_analysis([], "", 0, default_max_comments=500, request_id="r")
    assert plan.tasks == ALL_TASKS
    assert plan.max_comments == 500


def test_duplicates_are_dropped_keeping_request_order() -> None:
    tasks = [gateway_pb2.TASK_THUMBNAIL, gateway_pb2.TASK_SUMMARY, gateway_pb2.TASK_THUMBNAIL]
    plan = plan_analysis(tasks, "ko", 10, default_max_comments=500, request_id="r")
    assert plan.tasks == (gateway_pb2.TASK_THUMBNAIL, gateway_pb2.TASK_SUMMARY)
    assert (plan.language, plan.max_comments) == ("ko", 10)


@pytest.mark.parametrize(
    ("tasks", "max_comments", "language"),
    [([gateway_pb2.TASK_UNSPECIFIED], 0, ""), ([99], 0, ""), ([], -1, ""), ([], 0, "x" * 40)],
)
def test_invalid_plans_are_refused(tasks, max_comments, language) -> None:
    with pytest.raises(InvalidInput):
        plan_analysis(tasks, language, max_comments, default_max_comments=5, request_id="r")


def test_comment_cap_keeps_the_most_liked() -> None:
    comments = tuple(Comment(id=str(n), text="t", like_count=n) for n in range(10))
    assert [c.id for c in most_liked(comments, 3)] == ["9", "8", "7"]
    assert len(most_liked(comments, 50)) == 10


async def test_the_summary_and_comments_requests_convert_the_comments_once(monkeypatch) -> None:
    bundle = load_bundle(DEFAULT_SAMPLES_DIR / "en-sourdough")
    source = BundleSource(Path("unused"), bundle.metadata, "")
    monkeypatch.setattr(source, "transcript", _returning(bundle.transcript))
    monkeypatch.setattr(source, "comments", _returning(bundle.comments))
    monkeypatch.setattr(source, "video_digest", lambda time_left: _returning(None)())
    converted = []
    original = convert.comment_to_proto
    monkeypatch.setattr(
        convert, "comment_to_proto", lambda c: converted.append(c.id) or original(c)
    )
    plan = plan_analysis([], "en", 0, default_max_comments=500, request_id="r")

    summary = await summary_request(source, plan)
    comments = await comments_request(source, plan)

    assert len(converted) == len(bundle.comments) == len(summary.comments)
    assert list(summary.comments) == list(comments.comments)


def _returning(value):
    async def get(*_args):
        return value

    return get
