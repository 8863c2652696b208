"""`tubelens fetch URL -o DIR`: saves a YouTube video as a bundle (the samples/ format), so it
can be analysed offline later and replayed in tests. Reads TUBELENS_YOUTUBE_* like the gateway."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from gateway.links import parse_video_id
from gateway.youtube.comments import ORDERS
from gateway.youtube.fetcher import YouTubeFetcher
from gateway.youtube.settings import YouTubeSettings
from gateway.youtube.source import FetchOptions, YouTubeSource
from tubelens.bundles import METADATA_FILE, write_bundle
from tubelens.errors import TubeLensError

console = Console(stderr=True)
T = TypeVar("T")


def fetch(
    url: Annotated[str, typer.Argument(help="YouTube link or 11-character video id.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Bundle directory to write.")],
    language: Annotated[str, typer.Option(help="Preferred transcript language.")] = "",
    max_comments: Annotated[int, typer.Option(min=0, help="Comments and replies to keep.")] = 2000,
    order: Annotated[str, typer.Option(help="Comment order: relevance or time.")] = "relevance",
    force: Annotated[bool, typer.Option(help="Overwrite an existing bundle.")] = False,
) -> None:
    """Save a YouTube video (metadata, transcript, comments, thumbnail) as a bundle."""
    if order not in ORDERS:
        raise typer.BadParameter(f"choose one of {', '.join(ORDERS)}", param_hint="--order")
    if (output / METADATA_FILE).exists() and not force:
        raise typer.BadParameter(f"{output} already holds a bundle; add --force to replace it")
    settings = YouTubeSettings()
    if not settings.configured:
        console.print("[red]Set TUBELENS_YOUTUBE_API_KEY to a YouTube Data API v3 key.[/red]")
        raise typer.Exit(2)
    try:
        video_id = parse_video_id(url)
        options = FetchOptions(language, order, max_comments)
        written, source = asyncio.run(_save(settings, video_id, options, output))
    except TubeLensError as exc:
        console.print(f"[red]{exc.reason}[/red]: {escape(exc.message)}")
        raise typer.Exit(1) from None
    report = source.report(("transcript", "comments", "thumbnail"))
    console.print(f"Wrote {output}: {', '.join(p.name for p in written)}")
    console.print(f"YouTube Data API quota spent: {report.quota_units} unit(s)")
    if report.transcript_track:
        console.print(f"Transcript track: {escape(report.transcript_track)}")
    for note in report.notes:
        console.print(f"[yellow]note[/yellow]: {escape(note)}")


async def _save(
    settings: YouTubeSettings, video_id: str, options: FetchOptions, output: Path
) -> tuple[list[Path], YouTubeSource]:
    youtube = YouTubeFetcher(settings)
    try:
        source = await YouTubeSource.open(youtube, video_id, options)
        transcript, comments, thumbnail = await asyncio.gather(
            source.transcript(),
            _optional(source.comments(), ()),
            _optional(source.thumbnail(), None),
        )
    finally:
        await youtube.close()
    written = await asyncio.to_thread(
        write_bundle, output, source.metadata, transcript, comments, thumbnail
    )
    return written, source


async def _optional(part: Awaitable[T], default: T) -> T:
    """A part that may be missing (comments off, no thumbnail) becomes `default`; the source's
    report keeps the reason."""
    try:
        return await part
    except TubeLensError:
        return default
