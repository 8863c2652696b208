"""A fake model for the whole stack: answers each Gemini request by the schema it asks for,
from what the request carries (the comment ids sent, the fields wanted), as a model would."""

from __future__ import annotations

import io
import json
import re

from PIL import Image

from tests.fakes.gemini_server import Recorded, Reply, error_reply, image_reply, json_reply


def _png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (48, 48), colour).save(out, format="PNG")
    return out.getvalue()


def _rows(recorded: Recorded) -> list[dict]:
    block = re.search(r'<data name="comments">\n(.*)\n</data>', recorded.text, re.S)
    return json.loads(block.group(1)) if block else []


class ModelLike:
    """Answers by the schema a request asks for; `delay` and `failing` are set by tests."""

    def __init__(self) -> None:
        self.delay = 0.0
        self.failing: set[str] = set()  # models answering 429 for now

    def __call__(self, recorded: Recorded) -> Reply:
        if recorded.model in self.failing:
            return error_reply(429, "Resource has been exhausted (e.g. check quota).")
        reply = self._answer(recorded)
        reply.delay = self.delay
        return reply

    def _answer(self, recorded: Recorded) -> Reply:
        config = recorded.generation_config
        if "IMAGE" in config.get("responseModalities", []):
            return image_reply(_png((40, 90, 200)))
        fields = set(config.get("responseSchema", {}).get("properties", {}))
        rows = _rows(recorded)
        ids = [row["id"] for row in rows]
        if "tldr" in fields:
            return json_reply(
                {
                    "tldr": "A weekend sourdough loaf, step by step.",
                    "key_points": [
                        {"text": "Feed the starter.", "start_seconds": 20, "source": "video"}
                    ],
                    "chapters": [{"title": "Start", "start_seconds": 0}],
                    "language": "en",
                }
            )
        if "praise_ids" in fields:
            return json_reply(
                {
                    "text": "Viewers like the schedule.",
                    "topics": ["schedule"],
                    "praise_ids": ids[:2],
                    "criticism_ids": [],
                    "question_ids": [i for i, r in zip(ids, rows, strict=True) if "?" in r["text"]],
                }
            )
        if "judgements" in fields:
            judged = [
                {"id": row["id"], "sentiment": "positive", "is_question": "?" in row["text"]}
                for row in rows
            ]
            theme = {"label": "Baking", "keywords": ["bread"], "comment_ids": ids}
            return json_reply({"judgements": judged, "themes": [theme]})
        if "small_size_clarity" in fields:
            return json_reply(
                {
                    "description": "A loaf of bread.",
                    "text_on_image": [],
                    "faces": [],
                    "small_size_clarity": 70,
                    "small_size_note": "Clear.",
                    "title_match": 80,
                    "title_match_note": "Matches.",
                    "video_match": 75,
                    "video_match_note": "Delivers.",
                }
            )
        if fields == {"text", "topics"}:  # the comment-section summary's combine step
            return json_reply({"text": "Viewers like the schedule.", "topics": ["schedule"]})
        if "caption" in fields:
            return json_reply({"caption": "An astronaut smiling in the sun"})
        return error_reply(400, f"the fake does not know this schema: {sorted(fields)}")
