"""Upstream bytes and billed input tokens per analysis on the Gemini path, before and after.

    .venv/bin/python bench/gemini_ingest.py

Issue 13: each input at most once per analysis. The summary and thumbnail Gemini engines run
against the fake Gemini server (tests/fakes/gemini_server.py, real google-genai SDK) for a
10-minute and a 1-hour video: a synthetic transcript at ~150 words a minute, the sample's
metadata and thumbnail, a YouTube URL. "Before" runs the engines as they are at git HEAD (their
source from `git show HEAD:...`, executed in place so prompts resolve); "after" runs the tree.
Bytes are the request bodies as compact JSON. Tokens are estimated from each request: video from
videoMetadata fps and offsets over the known duration (66 tokens a frame at low resolution, 258
otherwise, 32 a second of audio, as video_plan.py documents), an image at 258, text at ~4
characters a token. Comments are left out (no comments in the request): their text is sent the
same way before and after here.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from services.summary.domain import SummaryRequest  # noqa: E402
from services.summary.engines.gemini import GeminiSummaryEngine  # noqa: E402
from services.thumbnail.domain import ThumbnailRequest  # noqa: E402
from services.thumbnail.engines.gemini import GeminiThumbnailEngine  # noqa: E402
from tests.fakes.gemini_server import FakeGemini, Recorded, Reply, json_reply  # noqa: E402
from tubelens.bundles import load_bundle  # noqa: E402
from tubelens.domain import Transcript, TranscriptCue  # noqa: E402
from tubelens.gemini import GeminiCaller, GeminiSettings  # noqa: E402

SAMPLE = ROOT / "samples" / "en-sourdough"
WORDS = "the dough rests while we fold it again and check the rise before shaping a loaf"
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


def head_module(path: str, name: str) -> ModuleType:
    """The HEAD version of `path`, executed with the tree's file name so its prompts resolve."""
    source = subprocess.run(
        ["git", "show", f"HEAD:{path}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    module = ModuleType(name)
    module.__file__ = str(ROOT / path)
    exec(compile(source, path, "exec"), module.__dict__)
    return module


def transcript(minutes: int) -> Transcript:
    """~150 words a minute in 5-second cues (12.5 words each)."""
    cues = []
    for i in range(minutes * 12):
        words = [WORDS.split()[(i + k) % 16] for k in range(12 + i % 2)]
        cues.append(TranscriptCue(start=i * 5.0, end=i * 5.0 + 5.0, text=" ".join(words)))
    return Transcript(language="en", cues=tuple(cues))


def seconds(offset: str | None, default: float) -> float:
    return float(re.sub(r"s$", "", offset)) if offset else default


def estimate(call: Recorded, duration: float) -> int:
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


def respond(call: Recorded) -> Reply:
    fields = call.generation_config["responseSchema"]["properties"]
    return json_reply(READING if "small_size_clarity" in fields else SUMMARY)


async def analysis(summary_cls: Any, thumbnail_cls: Any, minutes: int) -> dict[str, int]:
    bundle = load_bundle(SAMPLE)
    video = replace(bundle.metadata, duration_seconds=minutes * 60.0)
    fake = FakeGemini(respond).start()
    try:
        caller = GeminiCaller(GeminiSettings(api_key="bench", base_url=fake.base_url))
        await summary_cls(caller).summarize(SummaryRequest(video, transcript(minutes), (), "en"))
        await thumbnail_cls(caller).analyze(
            ThumbnailRequest(bundle.thumbnail, video.title, video, "en")
        )
        calls = fake.calls()
    finally:
        fake.stop()
    body = sum(len(json.dumps(c.body, separators=(",", ":")).encode()) for c in calls)
    return {"bytes": body, "tokens": sum(estimate(c, minutes * 60.0) for c in calls)}


def main() -> None:
    summary_head = head_module("services/summary/engines/gemini/engine.py", "summary_head")
    thumbnail_head = head_module("services/thumbnail/engines/gemini/engine.py", "thumbnail_head")
    rows = ["| video | measure | before (HEAD) | after | after / before |", "|---|---|---|---|---|"]
    for minutes in (10, 60):
        before = asyncio.run(
            analysis(
                summary_head.GeminiSummaryEngine, thumbnail_head.GeminiThumbnailEngine, minutes
            )
        )
        after = asyncio.run(analysis(GeminiSummaryEngine, GeminiThumbnailEngine, minutes))
        for key, label in (("bytes", "request bytes upstream"), ("tokens", "billed input tokens")):
            ratio = after[key] / before[key]
            rows.append(
                f"| {minutes} min | {label} | {before[key]:,} | {after[key]:,} | {ratio:.2f} |"
            )
    print("\n".join(rows))  # after the caller's per-try log lines


if __name__ == "__main__":
    main()
