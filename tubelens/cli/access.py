"""`tubelens usage` (a caller's usage from the gateway) and `tubelens keys new` (a team's key)."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated

import grpc
import typer
from google.protobuf.json_format import MessageToJson
from google.type import date_pb2
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gateway.access.callers import key_digest, new_api_key
from tubelens.cli.connection import gateway_channel
from tubelens.v1 import gateway_pb2_grpc, usage_pb2

console = Console()
err = Console(stderr=True)
keys = typer.Typer(help="API keys for the gateway's access file.", no_args_is_help=True)


def usage(
    caller: Annotated[
        str, typer.Option(help="Whose usage: empty for yours; a name or '*' needs admin.")
    ] = "",
    start: Annotated[str, typer.Option(help="First UTC day, YYYY-MM-DD (default: today).")] = "",
    end: Annotated[str, typer.Option(help="Last UTC day, YYYY-MM-DD (default: --start).")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print the response as JSON.")] = False,
    target: Annotated[str, typer.Option(help="The gateway's address.")] = "127.0.0.1:50051",
) -> None:
    """Print usage per caller and UTC day: analyses, tasks, YouTube units, tokens, cost.

    The API key comes from TUBELENS_API_KEY (and TLS from TUBELENS_CLIENT_CA_FILE)."""
    request = usage_pb2.GetUsageRequest(caller=caller)
    if start:
        request.start_date.CopyFrom(_date(start))
    if end:
        request.end_date.CopyFrom(_date(end))
    try:
        response = asyncio.run(_get_usage(request, target))
    except grpc.aio.AioRpcError as exc:
        err.print(f"[red]{exc.code().name}[/red]: {escape(exc.details() or '')}")
        raise typer.Exit(1) from None
    if as_json:
        print(MessageToJson(response, indent=2))
        return
    table = Table(title="TubeLens usage (UTC days)")
    for column in ("day", "caller", "analyses", "tasks", "failed", "cache hits", "YouTube units"):
        table.add_column(column, justify="left" if column in ("day", "caller") else "right")
    table.add_column("photo cards", justify="right")
    table.add_column("Gemini tokens", justify="right")
    table.add_column("est. USD", justify="right")
    for record in response.records:
        day = date(record.date.year, record.date.month, record.date.day).isoformat()
        table.add_row(
            day,
            escape(record.caller),
            *(
                f"{value:,}"
                for value in (
                    record.analyses,
                    record.tasks,
                    record.failed_tasks,
                    record.cache_hits,
                    record.youtube_quota_units,
                    record.photo_cards,
                    record.gemini_tokens,
                )
            ),
            f"{record.estimated_cost_usd:.4f}",
        )
    console.print(table if response.records else "No usage recorded for those days.")


async def _get_usage(request: usage_pb2.GetUsageRequest, target: str) -> usage_pb2.GetUsageResponse:
    async with gateway_channel(target) as channel:
        return await gateway_pb2_grpc.GatewayServiceStub(channel).GetUsage(request, timeout=30)


def _date(text: str) -> date_pb2.Date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a YYYY-MM-DD date") from None
    return date_pb2.Date(year=day.year, month=day.month, day=day.day)


@keys.command("new")
def new_key(
    caller: Annotated[str, typer.Argument(help="The caller (team) the key is for.")],
) -> None:
    """Print a new API key (give it to the team once; it is not stored) and the line that
    registers its digest in the access file."""
    key = new_api_key()
    console.print(f"API key for {escape(caller)} (shown once): {key}", soft_wrap=True)
    console.print("Add to the access file:", soft_wrap=True)
    print(f'\n[callers.{caller}]\napi_key_sha256 = ["{key_digest(key)}"]')
