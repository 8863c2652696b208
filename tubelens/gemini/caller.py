"""One object per process that makes every Gemini call: limits, retries, coalescing, parsing.

One retry budget per logical call: `settings.max_attempts` HTTP requests in all, re-asks of an
invalid structured answer included. Every request is counted in the call's Usage, and a failed
call's Usage rides on the raised TubeLensError (see usage.usage_of_error).
"""

from __future__ import annotations

import asyncio
import copy
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from google import genai
from google.genai import errors as genai_errors
from google.genai import types
from pydantic import BaseModel

from tubelens.errors import DeadlineExceeded, ModelOutputInvalid, TubeLensError
from tubelens.gemini.client import make_client
from tubelens.gemini.coalesce import Coalescer, request_key
from tubelens.gemini.concurrency import record_cancelled
from tubelens.gemini.configs import NO_TOOL_LOOP, structured_config
from tubelens.gemini.limits import ModelLimits
from tubelens.gemini.output import (
    OutputProblem,
    image_of,
    parse_structured,
    refuse_if_blocked,
)
from tubelens.gemini.prompts import Prompt
from tubelens.gemini.retries import (
    TRANSPORT_ERRORS,
    RetryAfterTooLong,
    backoff_seconds,
    domain_error,
    error_kind,
    is_retryable,
)
from tubelens.gemini.settings import GeminiSettings, OutputLimit
from tubelens.gemini.usage import SHARED, Usage, usage_of, usage_of_error
from tubelens.logs import get_logger, request_id
from tubelens.observability import metrics
from tubelens.observability.tracing import set_attributes, span, trace_headers

log = get_logger(__name__)
M = TypeVar("M", bound=BaseModel)
STRUCTURED_ASKS = 2  # an invalid answer is asked for once more, if the retry budget allows


@dataclass
class _Budget:
    """HTTP requests a logical call may still make."""

    left: int


@dataclass(frozen=True)
class _Outcome:
    """What one shared ask came to; an error is returned, not raised, so each waiter can be
    given its own copy (the coalescer would hand every waiter the same object)."""

    response: types.GenerateContentResponse | None
    usage: Usage
    tries: int
    error: TubeLensError | None = None


class GeminiCaller:
    def __init__(self, settings: GeminiSettings, client: genai.Client | None = None) -> None:
        self.settings = settings
        self._client = client or make_client(settings)
        self._aio = self._client.aio  # the one async client of the process
        self._limits = ModelLimits(settings)
        self._coalescer: Coalescer[_Outcome] = Coalescer()

    async def structured(
        self,
        model: str,
        prompt: Prompt,
        parts: list[types.Part],
        schema: type[M],
        *,
        media_resolution: str | None = None,
        max_output_tokens: int | None = None,
        thinking_budget: int | None = None,
    ) -> tuple[M, Usage]:
        """The answer as `schema`, validated; an invalid answer is asked for once more if the
        retry budget allows, then MODEL_OUTPUT_INVALID. Output caps default to the settings'
        values for this prompt."""
        cap, thinking = self.settings.output_limit(prompt.name, own_limits(prompt))
        config = structured_config(
            prompt.system_instruction(),
            schema,
            media_resolution,
            max_output_tokens or cap,
            thinking if thinking_budget is None else thinking_budget,
        )
        budget, usage, problem = _Budget(self.settings.max_attempts), Usage(), None
        try:
            for _ in range(STRUCTURED_ASKS):
                if budget.left <= 0:
                    break
                response, spent = await self._generate(
                    model, parts, config, budget, schema_name=schema.__qualname__
                )
                usage += spent
                refuse_if_blocked(response, model)
                try:
                    return parse_structured(response, schema), usage
                except OutputProblem as exc:
                    problem = exc
        except TubeLensError as exc:
            exc.usage = usage + (usage_of_error(exc) or Usage())
            raise
        error = ModelOutputInvalid(
            f"Gemini ({model}) did not give a usable answer for {prompt.name} within "
            f"{self.settings.max_attempts} requests: {problem}.",
            metadata={"model": model, "prompt_version": prompt.version},
        )
        error.usage = usage
        raise error

    async def image(
        self,
        model: str,
        prompt: Prompt,
        parts: list[types.Part],
        *,
        max_output_tokens: int | None = None,
    ) -> tuple[bytes, Usage]:
        """An image answer's bytes; MODEL_NO_IMAGE when the model sends none."""
        cap, _ = self.settings.output_limit(prompt.name, own_limits(prompt))
        config = types.GenerateContentConfig(
            system_instruction=prompt.system_instruction(),
            response_modalities=["TEXT", "IMAGE"],
            automatic_function_calling=NO_TOOL_LOOP,
            max_output_tokens=max_output_tokens or cap,
        )
        usage = Usage()
        try:
            response, usage = await self._generate(
                model, parts, config, _Budget(self.settings.max_attempts)
            )
            refuse_if_blocked(response, model)
            data, _ = image_of(response, model)
        except TubeLensError as exc:
            exc.usage = usage_of_error(exc) or usage
            raise
        return data, usage

    async def generate(
        self, model: str, parts: list[types.Part], config: types.GenerateContentConfig
    ) -> types.GenerateContentResponse:
        """One logical call with its own retry budget (its usage is not reported)."""
        response, _ = await self._generate(
            model, parts, config, _Budget(self.settings.max_attempts)
        )
        return response

    async def _generate(
        self,
        model: str,
        parts: list[types.Part],
        config: types.GenerateContentConfig,
        budget: _Budget,
        *,
        schema_name: str = "",
    ) -> tuple[types.GenerateContentResponse, Usage]:
        """One ask: shared with identical asks in flight, retried within `budget`, time-limited.

        The ask that made the requests reports their usage; one that shared it reports SHARED,
        so identical concurrent calls are counted once.
        """
        key = request_key(
            model,
            *map(_part_key, parts),
            config.model_dump(mode="json", exclude_none=True, exclude={"response_schema"}),
            schema_name,
        )
        attempts = budget.left
        outcome, shared = await self._coalescer.run(
            key, lambda: self._call(model, parts, config, attempts)
        )
        budget.left -= outcome.tries
        if outcome.error is not None:
            # One error object per waiter: the one that made the requests carries their usage.
            raise _shared_copy(outcome.error) if shared else outcome.error
        assert outcome.response is not None
        return outcome.response, SHARED if shared else outcome.usage

    async def _call(
        self,
        model: str,
        parts: list[types.Part],
        config: types.GenerateContentConfig,
        attempts: int,
    ) -> _Outcome:
        s = self.settings
        price = s.price_for(model)
        usage, tries = Usage(), 0
        try:
            async with asyncio.timeout(s.timeout_seconds):
                while True:
                    tries += 1
                    try:
                        async with self._limits.slot(model):
                            usage += Usage(calls=1)  # the request is sent: count it
                            with span("gemini.generate_content", model=model, attempt=tries):
                                response = await self._aio.models.generate_content(
                                    model=model,
                                    contents=[types.Content(role="user", parts=parts)],
                                    config=_with_trace_headers(config),
                                )
                                _trace_tokens(response.usage_metadata)
                    except (genai_errors.APIError, *TRANSPORT_ERRORS) as exc:
                        last = tries >= attempts or not is_retryable(exc)
                        wait = (
                            None
                            if last
                            else backoff_seconds(
                                exc, tries, s.retry_initial_seconds, s.retry_max_seconds
                            )
                        )
                        _log_try(model, tries, error_kind(exc), wait, None)
                        if wait is None:
                            raise
                        await asyncio.sleep(wait)
                        continue
                    spent = usage_of(response.usage_metadata, price, calls=0)
                    usage += spent
                    _log_try(model, tries, "200", None, spent)
                    return _Outcome(response, usage, tries)
        except TimeoutError as exc:
            metrics.record_upstream("gemini", model, "timeout")
            error: TubeLensError = DeadlineExceeded(
                f"Gemini ({model}) did not answer within {s.timeout_seconds:g} s.",
                reason="GEMINI_TIMEOUT",
                metadata={"model": model},
            )
            error.__cause__ = exc
            error.usage = usage
            return _Outcome(None, usage, tries, error)
        except asyncio.CancelledError:
            log.info(
                "gemini_cancelled", model=model, attempt=tries, calls=usage.calls,
                request_id=request_id(),
            )  # fmt: skip
            record_cancelled(usage)  # billed all the same (tubelens.gemini.concurrency)
            raise
        except (genai_errors.APIError, RetryAfterTooLong, *TRANSPORT_ERRORS) as exc:
            error = domain_error(exc, model, s.retry_max_seconds)
            error.__cause__ = exc
            error.usage = usage
            return _Outcome(None, usage, tries, error)


def _with_trace_headers(config: types.GenerateContentConfig) -> types.GenerateContentConfig:
    """The request carries the trace context, so Gemini's side can be joined to ours."""
    headers = trace_headers()
    if not headers:
        return config
    options = (config.http_options or types.HttpOptions()).model_copy()
    options.headers = {**(options.headers or {}), **headers}
    return config.model_copy(update={"http_options": options})


def _trace_tokens(metadata: types.GenerateContentResponseUsageMetadata | None) -> None:
    if metadata is not None:
        set_attributes(
            input_tokens=metadata.prompt_token_count,
            output_tokens=metadata.candidates_token_count,
            thinking_tokens=metadata.thoughts_token_count,
            cached_tokens=metadata.cached_content_token_count,
        )


def _log_try(
    model: str, attempt: int, status: str, wait: float | None, spent: Usage | None
) -> None:
    metrics.record_upstream("gemini", model, status, retried=wait is not None)
    if spent is not None:
        tokens = {
            "input": spent.input_tokens,
            "output": spent.output_tokens,
            "thinking": spent.thinking_tokens,
        }
        metrics.record_gemini_usage(model, tokens, spent.cost_usd)
    log.info(
        "gemini_try",
        model=model,
        attempt=attempt,
        status=status,
        wait_seconds=None if wait is None else round(wait, 3),
        input_tokens=spent.input_tokens if spent else 0,
        output_tokens=spent.output_tokens if spent else 0,
        thinking_tokens=spent.thinking_tokens if spent else 0,
        request_id=request_id(),
    )


def _shared_copy(exc: TubeLensError) -> TubeLensError:
    """The error a waiter that shared a failed call sees: the same, but billed elsewhere."""
    shared = copy.copy(exc)
    shared.usage = SHARED
    return shared


def _part_key(part: types.Part) -> bytes | dict:
    """A part as request_key hashes it. A plain text part is its UTF-8 with its length in front
    (no two part lists hash alike); JSON-encoding a big text first cost more than the hash."""
    if part.text is not None and part.model_fields_set == {"text"}:
        data = part.text.encode()
        return b"text:%d:" % len(data) + data
    return part.model_dump(mode="json", exclude_none=True)


@cache
def process_caller() -> GeminiCaller:
    """The process's one caller (and so one client), made from the environment on first use.

    Services call this while building their engine, before listening, so missing credentials
    stop the server at start-up with a message naming the variable.
    """
    return GeminiCaller(GeminiSettings())


def own_limits(prompt: Prompt) -> OutputLimit:
    """The output cap and thinking budget the prompt file sets for its task."""
    return OutputLimit(
        max_output_tokens=prompt.max_output_tokens, thinking_budget=prompt.thinking_budget
    )
