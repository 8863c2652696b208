"""The Gemini comments engine fills the labels it knows (the model's sentiment and question
judgement, the spam screen, the language) and leaves the rest unset."""

from __future__ import annotations

import json
import re

from services.comments.domain import CommentsRequest, Sentiment
from services.comments.engines.gemini import GeminiCommentsEngine
from services.comments.label_protos import label_to_proto
from services.comments.labels import LabelsWanted
from tests.fakes.gemini_server import FakeGemini, Recorded, Reply, json_reply
from tubelens.domain import Comment
from tubelens.v1 import comments_pb2

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini, make_caller


def judge(recorded: Recorded) -> Reply:
    """'love' is positive, 'bad' negative, '?' a question."""
    block = re.search(r'<data name="comments">\n(.*)\n</data>', recorded.text, re.S)
    rows = json.loads(block.group(1))
    judgements = [
        {
            "id": row["id"],
            "sentiment": "positive"
            if "love" in row["text"].lower()
            else "negative"
            if "bad" in row["text"].lower()
            else "neutral",
            "is_question": "?" in row["text"],
        }
        for row in rows
    ]
    theme = {"label": "Bread", "keywords": ["bread"], "comment_ids": [r["id"] for r in rows]}
    return json_reply({"judgements": judgements, "themes": [theme]})


COMMENTS = (
    Comment("a", "I love this loaf", "ann", like_count=50),
    Comment("b", "Really bad crust", "bob", like_count=1),
    Comment("c", "How long do you proof it?", "cy", like_count=9),
    Comment("d", "i love   this LOAF", "dup", like_count=0),  # a duplicate of a
    Comment("e", "Check my channel http://spam.example free giveaway, subscribe!!", "spam"),
)


async def test_gemini_labels_hold_what_the_engine_judged(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = judge
    engine = GeminiCommentsEngine(make_caller())
    request = CommentsRequest(COMMENTS, labels=LabelsWanted(0, 10))

    analysis, _ = await engine.analyze(request)

    by_id = {label.comment_id: label for label in analysis.labels_page.labels}
    assert list(by_id) == ["a", "b", "c", "d", "e"]
    assert by_id["a"].sentiment is Sentiment.POSITIVE and by_id["a"].analyzed
    assert by_id["c"].is_question is True and by_id["a"].is_question is False
    assert by_id["a"].language == "en"
    assert by_id["e"].spam and by_id["e"].spam_reasons and not by_id["e"].analyzed
    assert by_id["d"].sentiment is None and not by_id["d"].analyzed  # a duplicate: not judged
    judged = [label for label in by_id.values() if label.analyzed]
    assert len(judged) == analysis.analyzed_comments
    positive = sum(label.sentiment is Sentiment.POSITIVE for label in judged)
    assert analysis.sentiment.positive == positive / len(judged)
    message = label_to_proto(by_id["a"])
    assert message.sentiment == comments_pb2.SENTIMENT_POSITIVE
    assert message.toxicity == comments_pb2.TOXICITY_UNSPECIFIED  # not judged by this engine
    assert not message.HasField("sentiment_score") and not message.HasField("is_request")
    assert message.HasField("is_question")
