"""Data API resources (JSON) -> domain types. Missing or hidden fields become defaults: YouTube
omits likeCount when likes are hidden and commentCount when comments are off."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tubelens.bundles import parse_iso_duration, parse_time
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
            view_count=int(stats.get("viewCount", 0)),
            like_count=int(stats.get("likeCount", 0)),
            comment_count=int(stats.get("commentCount", 0)),
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
            like_count=int(snippet.get("likeCount", 0)),
            published_at=parse_time(snippet.get("publishedAt")),
            parent_id=str(snippet.get("parentId", "")),
        )
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise _unreadable("a comment", video_id, exc) from exc


def _unreadable(what: str, video_id: str, exc: Exception) -> Unavailable:
    return Unavailable(
        f"YouTube's answer for {what} of video {video_id} could not be read: {exc}",
        reason="YOUTUBE_BAD_RESPONSE",
        metadata={"video_id": video_id},
    )
