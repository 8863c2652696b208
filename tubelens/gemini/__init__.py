"""Shared Gemini runtime: settings, the one client, limits, retries, prompts, parsing, usage."""

from tubelens.gemini.caller import GeminiCaller, process_caller
from tubelens.gemini.prompts import Prompt, data_block, language_tag, load_prompt
from tubelens.gemini.settings import GeminiSettings
from tubelens.gemini.usage import Usage, usage_of_error

__all__ = [
    "GeminiCaller",
    "GeminiSettings",
    "Prompt",
    "Usage",
    "data_block",
    "language_tag",
    "load_prompt",
    "process_caller",
    "usage_of_error",
]
