"""Data API resources (JSON) -> domain types. Missing or hidden fields become defaults: YouTube
omits likeCount when likes are hidden and commentCount when comments are off. Values the protos
cannot carry (a count beyond int64, a duration beyond 30 days, a time outside the years 1-9999)
make the answer unreadable rather than break the response later."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tubelens.bundles import MAX_COUNT, parse_iso_duration, parse_time
from tubelens.domain import Comment, VideoMetadata
from tubelens.errors import FailedPrecondition, Unavailable


@dataclass(frozen=True, slots=True)
class YouTubeVideo:
    """A video as videos.list describes it, plus what decides whether it can be analysed."""

    metadata: VideoMetadata
    audio_language: str  # snippet.defaultAudioLanguage: the spoken language, "" when unknown
    broadcast: str  # snippet.liveBroadcastContent: "none", "live" or "upcoming"
    age_restricted: bool


def parse_video(item: dict[str, Any], video_id: str) -> YouTubeVideo:
    try:
        snippet = item.get("snippet") or {}
        details = item.get("contentDetails") or {}
        stats = item.get("statistics") or {}
        audio = str(snippet.get("defaultAudioLanguage", ""))
        metadata = VideoMetadata(
            video_id=str(item.get("id") or video_id),
            title=str(snippet.get("title", "")),
            channel_title=str(snippet.get("channelTitle", "")),
            channel_id=str(snippet.get("channelId", "")),
            description=str(snippet.get("description", "")),
            duration_seconds=parse_iso_duration(details["duration"])
            if details.get("duration")
            else 0.0,
            published_at=parse_time(snippet.get("publishedAt")),
            default_language=audio or str(snippet.get("defaultLanguage", "")),
            view_count=_count(stats.get("viewCount", 0)),
            like_count=_count(stats.get("likeCount", 0)),
            comment_count=_count(stats.get("commentCount", 0)),
            tags=tuple(str(tag) for tag in snippet.get("tags", ())),
        )
        rating = (details.get("contentRating") or {}).get("ytRating", "")
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise _unreadable("videos.list", video_id, exc) from exc
    return YouTubeVideo(
        metadata=metadata,
        audio_language=audio,
        broadcast=str(snippet.get("liveBroadcastContent", "none")),
        age_restricted=rating == "ytAgeRestricted",
    )


def require_analysable(video: YouTubeVideo) -> None:
    """Live and upcoming broadcasts have no finished video; age-restricted ones need sign-in."""
    video_id = video.metadata.video_id
    if video.broadcast in {"live", "upcoming"}:
        state = "is live right now" if video.broadcast == "live" else "has not premiered yet"
        raise FailedPrecondition(
            f"Video {video_id} {state}; analyse it once the broadcast has ended.",
            reason="VIDEO_LIVE",
            metadata={"video_id": video_id, "broadcast": video.broadcast},
        )
    if video.age_restricted:
        raise FailedPrecondition(
            f"Video {video_id} is age-restricted: YouTube shows it only to signed-in adults, "
            "so its captions and pictures cannot be read by this server.",
            reason="VIDEO_AGE_RESTRICTED",
            metadata={"video_id": video_id},
        )


def parse_comment(item: dict[str, Any], video_id: str) -> Comment:
    """A youtube#comment resource (top-level or reply)."""
    try:
        snippet = item["snippet"]
        text = snippet.get("textOriginal") or snippet.get("textDisplay") or ""
        return Comment(
            id=str(item["id"]),
            text=str(text),
            author=str(snippet.get("authorDisplayName", "")),
            like_count=_count(snippet.get("likeCount", 0)),
            published_at=parse_time(snippet.get("publishedAt")),
            parent_id=str(snippet.get("parentId", "")),
        )
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise _unreadable("a comment", video_id, exc) from exc


def _count(value: object) -> int:
    """A count as the protos carry it (int64); ValueError for anything else. The Data API
    writes counts as decimal strings."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"a count must be a whole number, not {type(value).__name__}")
    count = int(value)
    if not 0 <= count <= MAX_COUNT:
        raise ValueError(f"count {count} is outside 0..{MAX_COUNT}")
    return count


def _unreadable(what: str, video_id: str, exc: Exception) -> Unavailable:
    return Unavailable(
        f"YouTube's answer for {what} of video {video_id} could not be read: {exc}",
        reason="YOUTUBE_BAD_RESPONSE",
        metadata={"video_id": video_id},
    )
