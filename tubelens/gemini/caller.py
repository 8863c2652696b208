"""One object per process that makes every Gemini call: limits, retries, coalescing, parsing."""

from __future__ import annotations

import asyncio
from functools import cache
from typing import Any, TypeVar

import httpx
from google import genai
from google.genai import errors as genai_errors
from google.genai import types
from pydantic import BaseModel

from tubelens.errors import DeadlineExceeded, ModelOutputInvalid
from tubelens.gemini.client import make_client
from tubelens.gemini.coalesce import Coalescer, request_key
from tubelens.gemini.limits import ModelLimits
from tubelens.gemini.output import (
    OutputProblem,
    image_of,
    parse_structured,
    refuse_if_blocked,
)
from tubelens.gemini.prompts import Prompt
from tubelens.gemini.retries import RetryAfterTooLong, domain_error, retrying
from tubelens.gemini.settings import GeminiSettings
from tubelens.gemini.usage import Usage, usage_of

M = TypeVar("M", bound=BaseModel)
STRUCTURED_TRIES = 2  # an invalid answer is asked for once more
RESOLUTIONS = {
    "low": types.MediaResolution.MEDIA_RESOLUTION_LOW,
    "medium": types.MediaResolution.MEDIA_RESOLUTION_MEDIUM,
    "high": types.MediaResolution.MEDIA_RESOLUTION_HIGH,
}


class GeminiCaller:
    def __init__(self, settings: GeminiSettings, client: genai.Client | None = None) -> None:
        self.settings = settings
        self._client = client or make_client(settings)
        self._aio = self._client.aio  # the one async client of the process
        self._limits = ModelLimits(settings)
        self._coalescer: Coalescer[types.GenerateContentResponse] = Coalescer()

    async def structured(
        self,
        model: str,
        prompt: Prompt,
        parts: list[types.Part],
        schema: type[M],
        *,
        media_resolution: str | None = None,
    ) -> tuple[M, Usage]:
        """The answer as `schema`, validated; retried once, then MODEL_OUTPUT_INVALID."""
        config = types.GenerateContentConfig(
            system_instruction=prompt.system_instruction(),
            response_mime_type="application/json",
            response_schema=schema,
            media_resolution=RESOLUTIONS[media_resolution] if media_resolution else None,
            temperature=0.2,
        )
        usage, problem = Usage(), None
        for _ in range(STRUCTURED_TRIES):
            response = await self.generate(model, parts, config)
            usage += usage_of(response.usage_metadata)
            refuse_if_blocked(response, model)
            try:
                return parse_structured(response, schema), usage
            except OutputProblem as exc:
                problem = exc
        raise ModelOutputInvalid(
            f"Gemini ({model}) did not give a usable answer for {prompt.name} after "
            f"{STRUCTURED_TRIES} tries: {problem}.",
            metadata={"model": model, "prompt_version": prompt.version},
        )

    async def image(
        self, model: str, prompt: Prompt, parts: list[types.Part]
    ) -> tuple[bytes, Usage]:
        """An image answer's bytes; MODEL_NO_IMAGE when the model sends none."""
        config = types.GenerateContentConfig(
            system_instruction=prompt.system_instruction(),
            response_modalities=["TEXT", "IMAGE"],
        )
        response = await self.generate(model, parts, config)
        refuse_if_blocked(response, model)
        data, _ = image_of(response, model)
        return data, usage_of(response.usage_metadata)

    async def generate(
        self, model: str, parts: list[types.Part], config: types.GenerateContentConfig
    ) -> types.GenerateContentResponse:
        """One logical call: shared with identical calls in flight, retried, time-limited."""
        key = request_key(
            model,
            [part.model_dump(mode="json", exclude_none=True) for part in parts],
            config.model_dump(mode="json", exclude_none=True, exclude={"response_schema"}),
            _schema_name(config.response_schema),
        )
        response, _ = await self._coalescer.run(key, lambda: self._call(model, parts, config))
        return response

    async def _call(
        self, model: str, parts: list[types.Part], config: types.GenerateContentConfig
    ) -> types.GenerateContentResponse:
        s = self.settings
        try:
            async with asyncio.timeout(s.timeout_seconds):
                async for attempt in retrying(
                    s.max_attempts, s.retry_initial_seconds, s.retry_max_seconds
                ):
                    with attempt:
                        async with self._limits.slot(model):
                            return await self._aio.models.generate_content(
                                model=model,
                                contents=[types.Content(role="user", parts=parts)],
                                config=config,
                            )
        except TimeoutError as exc:
            raise DeadlineExceeded(
                f"Gemini ({model}) did not answer within {s.timeout_seconds:g} s.",
                reason="GEMINI_TIMEOUT",
                metadata={"model": model},
            ) from exc
        except (genai_errors.APIError, httpx.TransportError, RetryAfterTooLong) as exc:
            raise domain_error(exc, model) from exc
        raise AssertionError("unreachable: tenacity either returns or raises")


def _schema_name(schema: Any) -> str:
    return getattr(schema, "__qualname__", "") if schema is not None else ""


@cache
def process_caller() -> GeminiCaller:
    """The process's one caller (and so one client), made from the environment on first use.

    Services call this while building their engine, before listening, so missing credentials
    stop the server at start-up with a message naming the variable.
    """
    return GeminiCaller(GeminiSettings())
