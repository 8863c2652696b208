"""Per-caller quotas: a minute's analyses, analyses at once, daily spend from the ledger."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from google.rpc import error_details_pb2

from gateway.access.callers import Caller, Quotas
from gateway.access.ledger import SqliteLedger
from gateway.access.quotas import QuotaKeeper, rate_storage, utc_today
from tubelens.errors import QuotaExceeded
from tubelens.server.status import status_from_error


def _caller(name: str, **quotas: float) -> Caller:
    return Caller(name, frozenset({"analyze"}), False, Quotas(**quotas))


@pytest.fixture
async def keeper(tmp_path: Path):
    ledger = SqliteLedger(tmp_path / "usage.sqlite3")
    yield QuotaKeeper(ledger, rate_storage()), ledger
    await ledger.close()


async def test_the_minute_quota_refuses_the_next_call_with_when_to_retry(keeper) -> None:
    quotas, _ = keeper
    limited, other = _caller("limited", analyses_per_minute=2), _caller("other")
    for _ in range(2):
        async with quotas.analysis(limited):
            pass
    with pytest.raises(QuotaExceeded) as refused:
        async with quotas.analysis(limited):
            pass
    assert 0 < refused.value.retry_after_seconds <= 60
    assert refused.value.subject == "caller:limited"
    assert refused.value.metadata["quota"] == "analyses_per_minute"
    for _ in range(5):  # another caller is not touched by it
        async with quotas.analysis(other):
            pass


async def test_concurrent_analyses_are_counted_while_they_run(keeper) -> None:
    quotas, _ = keeper
    caller = _caller("busy", concurrent_analyses=1)
    release = asyncio.Event()

    async def long_analysis() -> None:
        async with quotas.analysis(caller):
            await release.wait()

    running = asyncio.create_task(long_analysis())
    await asyncio.sleep(0)
    with pytest.raises(QuotaExceeded) as refused:
        async with quotas.analysis(caller):
            pass
    assert refused.value.retry_after_seconds is None  # nothing to wait for that we know
    release.set()
    await running
    async with quotas.analysis(caller):  # its turn came back
        pass


@pytest.mark.parametrize(
    ("quota", "counter", "spent"),
    [
        ("youtube_units_per_day", "youtube_units", 10),
        ("gemini_tokens_per_day", "gemini_tokens", 5000),
        ("gemini_cost_usd_per_day", "gemini_cost_usd", 0.5),
    ],
)
async def test_a_daily_quota_refuses_once_the_days_spend_reached_it(
    keeper, quota: str, counter: str, spent: float
) -> None:
    quotas, ledger = keeper
    caller = _caller("team", **{quota: spent})
    await ledger.add("team", utc_today(), {counter: spent * 0.9})
    async with quotas.analysis(caller):  # under: allowed
        pass
    await ledger.add("team", utc_today(), {counter: spent * 0.1})
    with pytest.raises(QuotaExceeded) as refused:
        async with quotas.analysis(caller):
            pass
    assert refused.value.metadata["quota"] == quota
    assert 0 < refused.value.retry_after_seconds <= 86400  # the next UTC midnight


def test_a_quota_refusal_becomes_quota_failure_retry_info_and_error_info() -> None:
    error = QuotaExceeded(
        "over",
        subject="caller:team",
        description="analyses_per_minute = 2",
        retry_after_seconds=30,
    )
    status = status_from_error(error)
    assert status.code == 8  # RESOURCE_EXHAUSTED
    failure, retry, info = (
        error_details_pb2.QuotaFailure(),
        error_details_pb2.RetryInfo(),
        error_details_pb2.ErrorInfo(),
    )
    assert any(detail.Unpack(failure) for detail in status.details)
    assert any(detail.Unpack(retry) for detail in status.details)
    assert any(detail.Unpack(info) for detail in status.details)
    assert failure.violations[0].subject == "caller:team"
    assert retry.retry_delay.seconds == 30
    assert info.reason == "QUOTA_EXCEEDED"
