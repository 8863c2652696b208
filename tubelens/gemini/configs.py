"""Request configs for structured calls, built once per kind of call rather than once per call.

Building a GenerateContentConfig validates every field (about 0.3 ms with a schema), and given a
pydantic class the SDK rebuilds its JSON schema on every call (about 1 ms). A config here is
shared by every call of its kind; nothing mutates it (the SDK works on a deep copy).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from google.genai import _transformers as sdk_transformers
from google.genai import types
from pydantic import BaseModel

# TubeLens declares no tools: with automatic function calling left on, the SDK runs its tool
# loop around every call, deep-copying the config once more each time.
NO_TOOL_LOOP = types.AutomaticFunctionCallingConfig(disable=True)
RESOLUTIONS = {
    "low": types.MediaResolution.MEDIA_RESOLUTION_LOW,
    "medium": types.MediaResolution.MEDIA_RESOLUTION_MEDIUM,
    "high": types.MediaResolution.MEDIA_RESOLUTION_HIGH,
}
TEMPERATURE = 0.2


@cache
def sdk_schema(schema: type[BaseModel]) -> dict[str, Any]:
    """`schema` as the SDK sends it, converted once per process. Given this plain dict, the SDK
    only re-reads it (it processes its own copy of the config, and processing a converted schema
    again changes nothing) and does not validate every answer into the class a second time
    (parse_structured does that); the request it sends is the same."""
    converted = sdk_transformers.t_schema(None, schema)
    assert converted is not None  # a pydantic class always converts
    return converted.model_dump(exclude_unset=True)


@lru_cache(maxsize=256)
def structured_config(
    system_instruction: str,
    schema: type[BaseModel],
    media_resolution: str | None,
    max_output_tokens: int,
    thinking_budget: int | None,
) -> types.GenerateContentConfig:
    """The config of a structured call: JSON in `schema`'s shape, with these caps."""
    return types.GenerateContentConfig(
        system_instruction=system_instruction,
        response_mime_type="application/json",
        response_schema=sdk_schema(schema),
        automatic_function_calling=NO_TOOL_LOOP,
        media_resolution=RESOLUTIONS[media_resolution] if media_resolution else None,
        temperature=TEMPERATURE,
        max_output_tokens=max_output_tokens,
        thinking_config=types.ThinkingConfig(thinking_budget=thinking_budget),
    )
