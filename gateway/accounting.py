"""Quotas before, the usage ledger after: what each gateway call spends, and GetUsage.

Usage is written when a call ends, however it ends (a caller that leaves mid-stream still pays
for the tasks that finished); the write is shielded, so a cancellation cannot lose it.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date

from google.type import date_pb2

from gateway.access.callers import ANONYMOUS, Caller, Quotas
from gateway.access.gate import current_caller
from gateway.access.ledger import DayUsage
from gateway.access.quotas import utc_today
from gateway.access.setup import Access
from gateway.access.usage import analysis_usage
from tubelens.errors import InvalidInput, PermissionDenied
from tubelens.logs import get_logger
from tubelens.v1 import gateway_pb2, usage_pb2

log = get_logger("tubelens.gateway")
_NOBODY = Caller(ANONYMOUS, frozenset(), False, Quotas())
MAX_USAGE_DAYS = 366
_MODEL_FIELDS = ("input_tokens", "output_tokens", "total_tokens", "model_calls")


@dataclass(slots=True)
class Tally:
    """What one analysis produced so far, filled in by the servicer as results arrive."""

    started: bool = False  # False: the call was refused before any work; nothing is recorded
    results: list[gateway_pb2.TaskResult] = field(default_factory=list)
    youtube_units: int = 0
    photo_card: Counter[str] | None = None  # set by CreatePhotoCard instead of the results

    def counters(self) -> Counter[str]:
        if not self.started:
            return Counter()
        if self.photo_card is not None:
            return self.photo_card
        return analysis_usage(self.results, self.youtube_units)


class Accounts:
    def __init__(self, access: Access | None) -> None:
        self._access = access  # None: no quotas, nothing recorded (in-process tests)

    def caller(self) -> Caller:
        return current_caller.get() or _NOBODY

    @asynccontextmanager
    async def analysis(self) -> AsyncIterator[Tally]:
        """The caller's quotas are checked (QuotaExceeded), and one of its concurrent analyses
        held while the body runs; what the body puts in the tally is recorded at the end.
        Photo cards count as analyses for the quotas."""
        tally = Tally()
        if self._access is None:
            yield tally
            return
        caller = current_caller.get() or _NOBODY
        async with self._access.quotas.analysis(caller):
            try:
                yield tally
            finally:
                await asyncio.shield(self.record(caller.name, tally.counters()))

    async def record(self, caller: str, counters: Counter[str]) -> None:
        if self._access is None:
            return
        try:
            await self._access.ledger.add(caller, utc_today(), counters)
        except Exception as exc:  # noqa: BLE001 - a ledger outage must not fail the call
            log.error("usage_not_recorded", caller=caller, error=str(exc), usage=dict(counters))

    async def usage(self, request: usage_pb2.GetUsageRequest) -> usage_pb2.GetUsageResponse:
        if self._access is None:
            return usage_pb2.GetUsageResponse()
        caller = current_caller.get() or _NOBODY
        whose = request.caller or caller.name
        if whose != caller.name and not caller.admin:
            raise PermissionDenied(
                f"Caller {caller.name!r} may read only its own usage; reading {whose!r} needs "
                "admin = true in the access file.",
                reason="USAGE_NOT_OWN",
                metadata={"caller": caller.name},
            )
        first = _day(request.start_date) if request.HasField("start_date") else utc_today()
        last = _day(request.end_date) if request.HasField("end_date") else first
        if last < first or (last - first).days >= MAX_USAGE_DAYS:
            raise InvalidInput(
                f"end_date must be on or after start_date and at most {MAX_USAGE_DAYS - 1} "
                "days later.",
                reason="INVALID_DATE_RANGE",
            )
        days = await self._access.ledger.read(None if whose == "*" else whose, first, last)
        return usage_pb2.GetUsageResponse(records=[_record(day) for day in days])


def _day(value: date_pb2.Date) -> date:
    try:
        return date(value.year, value.month, value.day)
    except ValueError:
        raise InvalidInput(
            f"{value.year:04}-{value.month:02}-{value.day:02} is not a date.",
            reason="INVALID_DATE",
        ) from None


def _record(day: DayUsage) -> usage_pb2.UsageRecord:
    counters = day.counters
    models: dict[str, usage_pb2.ModelUsage] = {}
    for name, value in counters.items():
        if name.startswith("model/"):
            model, _, counter = name.removeprefix("model/").rpartition("/")
            entry = models.setdefault(model, usage_pb2.ModelUsage(model=model))
            if counter == "cost_usd":
                entry.estimated_cost_usd = value
            elif counter in _MODEL_FIELDS:
                setattr(entry, counter, round(value))
    return usage_pb2.UsageRecord(
        caller=day.caller,
        date=date_pb2.Date(year=day.day.year, month=day.day.month, day=day.day.day),
        analyses=round(counters.get("analyses", 0)),
        tasks=round(counters.get("tasks", 0)),
        failed_tasks=round(counters.get("failed_tasks", 0)),
        cache_hits=round(counters.get("cache_hits", 0)),
        youtube_quota_units=round(counters.get("youtube_units", 0)),
        photo_cards=round(counters.get("photo_cards", 0)),
        gemini_tokens=round(counters.get("gemini_tokens", 0)),
        estimated_cost_usd=counters.get("gemini_cost_usd", 0.0),
        models=[models[name] for name in sorted(models)],
    )
