"""The probe prompt and answer schema the caller tests ask the fake Gemini about."""

from __future__ import annotations

from google.genai import types
from pydantic import BaseModel

from tubelens.gemini import Prompt

PROMPT = Prompt("probe", "probe-7", "You answer probes.", "Answer.")
PARTS = [types.Part(text="Answer the probe.")]
GOOD = {"answer": "yes", "score": 3}


class ProbeOut(BaseModel):
    answer: str
    score: int
