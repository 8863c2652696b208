"""Upstream bytes and billed input tokens per analysis on the Gemini path, before and after.

    .venv/bin/python bench/gemini_ingest.py [--before REV]

Issue 13: each input at most once per analysis at full rate. One analysis (summary with its
comment-section part, comments, thumbnail) runs its three Gemini engines against the fake Gemini
server (tests/fakes/gemini_server.py, real google-genai SDK) for a 10-minute and a 1-hour video:
the sample's metadata and thumbnail, a YouTube URL, a synthetic transcript at ~150 words a minute
and 4,000 synthetic comments (more than the comment budget takes). "Before" is the same
measurement run against REV's engines (default: 5238099, the tree before issue 13) checked out in
a temporary git worktree; "after" is this tree. Default settings on both sides.

Bytes are the request bodies as compact JSON. Input tokens are estimated from each request:
video from videoMetadata fps and offsets over the known duration (66 tokens a frame at low
resolution, 258 otherwise, 32 a second of audio, as video_plan.py documents), an image at 258,
text at ~4 characters a token. The fake answers every request, so no retries are counted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from worktree import checked_out

TREE = Path(__file__).resolve().parents[1]
BEFORE = "5238099"
SPOKEN = "the dough rests while we fold it again and check the rise before shaping a loaf"
WORDS = SPOKEN.split()
COMMENTS = 4_000
SUMMARY = {
    "tldr": "A loaf.",
    "key_points": [{"text": "Bake it.", "start_seconds": 1, "source": "video"}],
    "chapters": [{"title": "Bake", "start_seconds": 0}],
    "language": "en",
}
READING = {
    "description": "A loaf.",
    "text_on_image": [],
    "faces": [],
    "small_size_clarity": 80,
    "small_size_note": "",
    "title_match": 90,
    "title_match_note": "",
    "video_match": 70,
    "video_match_note": "",
}
FRAME_TOKENS = {"MEDIA_RESOLUTION_LOW": 66}
DEFAULT_FRAME_TOKENS = 258
AUDIO_TOKENS_PER_SECOND = 32
IMAGE_TOKENS = 258
ROWS = re.compile(r'<data name="comments">\n(.*?)\n</data>', re.S)


def seconds(offset: str | None, default: float) -> float:
    return float(re.sub(r"s$", "", offset)) if offset else default


def estimate(call: Any, duration: float) -> int:
    per_frame = FRAME_TOKENS.get(
        call.generation_config.get("mediaResolution", ""), DEFAULT_FRAME_TOKENS
    )
    tokens = len(call.system) / 4
    for content in call.body.get("contents", []):
        for part in content.get("parts", []):
            if "text" in part:
                tokens += len(part["text"]) / 4
            elif "inlineData" in part:
                tokens += IMAGE_TOKENS
            elif "fileData" in part:
                meta = part.get("videoMetadata", {})
                start = seconds(meta.get("startOffset", meta.get("start_offset")), 0.0)
                end = min(
                    seconds(meta.get("endOffset", meta.get("end_offset")), duration), duration
                )
                fps = meta.get("fps", 1.0)
                tokens += (end - start) * (fps * per_frame + AUDIO_TOKENS_PER_SECOND)
    return round(tokens)


def task_of(call: Any) -> str:
    """Which part of the analysis a request belongs to, from the schema it asks for."""
    fields = set(call.generation_config["responseSchema"]["properties"])
    if "small_size_clarity" in fields:
        return "thumbnail"
    if "tldr" in fields:
        return "summary (video)"
    if "judgements" in fields:
        return "comments task"
    return "comment-section summary"


def respond(call: Any) -> Any:
    """A well-formed answer for whichever schema the request asks for."""
    from tests.fakes.gemini_server import json_reply

    fields = set(call.generation_config["responseSchema"]["properties"])
    found = ROWS.search(call.text)
    ids = [row["id"] for row in json.loads(found.group(1))] if found else []
    if "small_size_clarity" in fields:
        return json_reply(READING)
    if "tldr" in fields:
        return json_reply(SUMMARY)
    if "judgements" in fields:
        judged = [{"id": i, "sentiment": "positive", "is_question": False} for i in ids]
        theme = {"label": "bread", "keywords": ["bread"], "comment_ids": ids[:5]}
        return json_reply({"judgements": judged, "themes": [theme]})
    if "praise_ids" in fields:
        return json_reply(
            {
                "text": "Viewers like the loaf.",
                "topics": ["bread"],
                "praise_ids": ids[:2],
                "criticism_ids": [],
                "question_ids": [],
            }
        )
    return json_reply({"text": "Viewers like the loaf.", "topics": ["bread"]})  # a combine


async def measure(minutes: int) -> dict[str, int]:
    """One analysis's upstream requests, with whatever `services` and `tubelens` are importable."""
    from services.comments.domain import CommentsRequest
    from services.comments.engines.gemini import GeminiCommentsEngine
    from services.summary.domain import SummaryRequest
    from services.summary.engines.gemini import GeminiSummaryEngine
    from services.thumbnail.domain import ThumbnailRequest
    from services.thumbnail.engines.gemini import GeminiThumbnailEngine
    from tests.fakes.gemini_server import FakeGemini
    from tubelens.bundles import load_bundle
    from tubelens.domain import Comment, Transcript, TranscriptCue
    from tubelens.gemini import GeminiCaller, GeminiSettings

    bundle = load_bundle(TREE / "samples" / "en-sourdough")
    video = replace(bundle.metadata, duration_seconds=minutes * 60.0)
    cues = tuple(
        TranscriptCue(i * 5.0, i * 5.0 + 5.0, " ".join(WORDS[(i + k) % 16] for k in range(12)))
        for i in range(minutes * 12)
    )
    comments = tuple(
        Comment(f"c{i}", f"comment {i}: " + " ".join(WORDS[(i + k) % 16] for k in range(9)), "", i)
        for i in range(COMMENTS)
    )
    fake = FakeGemini(respond).start()
    try:
        caller = GeminiCaller(GeminiSettings(api_key="bench", base_url=fake.base_url))
        transcript = Transcript(language="en", cues=cues)
        await asyncio.gather(
            GeminiSummaryEngine(caller).summarize(
                SummaryRequest(video, transcript, comments, "en")
            ),
            GeminiCommentsEngine(caller).analyze(CommentsRequest(comments, video, "en")),
            GeminiThumbnailEngine(caller).analyze(
                ThumbnailRequest(bundle.thumbnail, video.title, video, "en")
            ),
        )
        calls = fake.calls()
    finally:
        fake.stop()
    figures = {
        "requests": len(calls),
        "bytes": sum(len(json.dumps(c.body, separators=(",", ":")).encode()) for c in calls),
        "tokens": sum(estimate(c, minutes * 60.0) for c in calls),
    }
    for call in calls:
        key = f"tokens: {task_of(call)}"
        figures[key] = figures.get(key, 0) + estimate(call, minutes * 60.0)
    return figures


def measure_in(tree: Path, minutes: int) -> dict[str, int]:
    """`measure` in a child process whose imports come from `tree`."""
    code = (
        f"import sys, json, asyncio; sys.path.insert(0, {str(tree)!r}); "
        f"sys.path.insert(1, {str(TREE / 'bench')!r}); import gemini_ingest as bench; "
        f"bench.TREE = __import__('pathlib').Path({str(tree)!r}); "
        f"print(json.dumps(asyncio.run(bench.measure({minutes}))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tree, check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default=BEFORE, help="the revision to compare against")
    args = parser.parse_args()
    rows = [
        f"| video | measure | before ({args.before}) | after | after / before |",
        "|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as scratch, checked_out(args.before, scratch) as old:
        for minutes in (10, 60):
            before, after = measure_in(old, minutes), measure_in(TREE, minutes)
            labels = {
                "requests": "requests upstream",
                "bytes": "request bytes upstream",
                "tokens": "billed input tokens",
            }
            labels |= {key: f"input {key}" for key in sorted(after) if ":" in key}
            for key, label in labels.items():
                ratio = after[key] / before[key]
                rows.append(
                    f"| {minutes} min | {label} | {before[key]:,} | {after[key]:,} | {ratio:.2f} |"
                )
    print("\n".join(rows))


if __name__ == "__main__":
    main()
