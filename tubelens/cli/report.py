"""Renders an analysis as a readable report in the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from tubelens.cli.refs import format_offset
from tubelens.server.status import error_reason
from tubelens.v1 import comments_pb2, common_pb2, gateway_pb2, summary_pb2, thumbnail_pb2


def render(
    console: Console, video: common_pb2.VideoMetadata, results: list[gateway_pb2.TaskResult]
) -> None:
    duration = format_offset(video.duration.ToNanoseconds() / 1e9)
    console.rule(f"[bold]{escape(video.title)}[/bold]")
    console.print(
        f"{escape(video.channel_title)} · {duration} · {video.view_count:,} views · "
        f"{video.comment_count:,} comments"
    )
    for result in sorted(results, key=lambda r: r.task):
        name = gateway_pb2.Task.Name(result.task).removeprefix("TASK_").title()
        console.rule(name)
        if result.status.code != 0:
            reason = error_reason(result.status)
            console.print(
                f"[red]failed[/red] ({reason or result.status.code}): "
                f"{escape(result.status.message)}"
            )
            continue
        kind = result.WhichOneof("result")
        {"summary": _summary, "comments": _comments, "thumbnail": _thumbnail}[kind](
            console, getattr(result, kind)
        )
        notes = escape("; ".join(result.provenance.notes))
        console.print(
            f"[dim]{result.provenance.model} {result.provenance.prompt_version}"
            f"{' · ' + notes if notes else ''}[/dim]"
        )


def _summary(console: Console, summary: summary_pb2.SummaryResult) -> None:
    console.print(f"[bold]TL;DR[/bold] {escape(summary.tldr)}\n")
    console.print("[bold]Key points[/bold]")
    for point in summary.key_points:
        console.print(
            f"  [cyan]{format_offset(point.start.ToNanoseconds() / 1e9):>7}[/cyan] "
            f"{escape(point.text)}"
        )
    origin = summary_pb2.ChapterOrigin.Name(summary.chapter_origin).removeprefix("CHAPTER_ORIGIN_")
    console.print(f"\n[bold]Chapters[/bold] [dim](from {origin.lower()})[/dim]")
    for chapter in summary.chapters:
        console.print(
            f"  [cyan]{format_offset(chapter.start.ToNanoseconds() / 1e9):>7}[/cyan] "
            f"{escape(chapter.title)}"
        )
    if summary.HasField("comment_summary"):
        console.print(f"\n[bold]Comment section[/bold] {escape(summary.comment_summary.text)}")
    _video(console, summary)


def _video(console: Console, summary: summary_pb2.SummaryResult) -> None:
    """The video file's shots and key frames (the frames themselves are in --json)."""
    if not summary.shots:
        return
    cuts = [format_offset(shot.start.ToNanoseconds() / 1e9) for shot in summary.shots[1:]]
    shown = ", ".join(cuts[:12]) + (f", … ({len(cuts) - 12} more)" if len(cuts) > 12 else "")
    console.print(
        f"\n[bold]Shots[/bold] {len(summary.shots)}" + (f": cuts at {shown}" if cuts else "")
    )
    for frame in summary.key_frames:
        index = frame.chapter_index
        where = escape(summary.chapters[index].title) if 0 <= index < len(summary.chapters) else ""
        console.print(
            f"  [cyan]{format_offset(frame.time.ToNanoseconds() / 1e9):>7}[/cyan] key frame "
            f"({len(frame.image_jpeg) // 1024} KB, quality {frame.quality:.2f})"
            f"{' · ' + where if where else ''}"
        )


def _shares(distribution: comments_pb2.SentimentDistribution) -> str:
    return (
        f"[green]{distribution.positive:.0%} positive[/green], "
        f"{distribution.neutral:.0%} neutral, [red]{distribution.negative:.0%} negative[/red]"
    )


def _comments(console: Console, analysis: comments_pb2.CommentsResult) -> None:
    console.print(
        f"{analysis.analyzed_comments} of {analysis.total_comments} comments analysed; "
        f"spam {analysis.spam_share:.0%}"
    )
    console.print(f"Sentiment: {_shares(analysis.sentiment)}")
    console.print(f"Weighted by likes: {_shares(analysis.like_weighted_sentiment)}")
    mix = ", ".join(f"{m.language} {m.share:.0%}" for m in analysis.language_mix[:5])
    console.print(f"Languages: {mix}\n\n[bold]Themes[/bold]")
    for theme in analysis.themes:
        console.print(
            f"  {theme.share:>4.0%}  [bold]{escape(theme.label)}[/bold] "
            f"[dim]({escape(', '.join(theme.keywords[:5]))})[/dim]"
        )
    console.print("\n[bold]Viewer questions[/bold]")
    for question in analysis.questions[:5]:
        console.print(f"  ♥{question.like_count:<5} {escape(_short(question.text))}")


def _thumbnail(console: Console, review: thumbnail_pb2.ThumbnailResult) -> None:
    console.print(
        f"[bold]Score {review.score}/100[/bold] · {review.width}x{review.height} · "
        f"brightness {review.brightness:.2f} · contrast {review.contrast:.2f} · "
        f"colourfulness {review.colorfulness:.0f} · faces {len(review.faces)}"
    )
    console.print("Palette: " + " ".join(f"{c.hex} {c.share:.0%}" for c in review.palette))
    for finding in review.findings:
        severity = (
            thumbnail_pb2.FindingSeverity.Name(finding.severity)
            .removeprefix("FINDING_SEVERITY_")
            .lower()
        )
        console.print(
            f"  {escape('[' + severity + ']')} {escape(finding.message)}"
            f"{' → ' + escape(finding.suggestion) if finding.suggestion else ''}"
        )
    if review.frame_suggestions:
        console.print("[bold]Frames of the video that would make good thumbnails[/bold]")
    for frame in review.frame_suggestions:
        console.print(
            f"  [cyan]{format_offset(frame.time.ToNanoseconds() / 1e9):>7}[/cyan] "
            f"{frame.score:.0f}/100 {escape(frame.reason)}"
        )


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
