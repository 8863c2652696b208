"""The videos the fake YouTube serves, scripted as plain data, and the Data API resources
(youtube#video, youtube#commentThread, youtube#comment, error bodies) built from them in the
shapes the real API answers with."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tubelens.bundles import Bundle, format_iso_duration

EMBEDDED_REPLIES = 5  # commentThreads.list embeds at most this many replies per thread


@dataclass
class FakeComment:
    id: str
    text: str
    author: str = "viewer"
    like_count: int = 0
    published_at: str = "2024-05-01T10:00:00Z"

    def resource(self, video_id: str, parent_id: str = "") -> dict[str, Any]:
        snippet: dict[str, Any] = {
            "channelId": "UCfakechannel000000000000",
            "textDisplay": self.text,
            "textOriginal": self.text,
            "authorDisplayName": self.author,
            "authorProfileImageUrl": "https://yt3.ggpht.com/fake",
            "authorChannelUrl": "http://www.youtube.com/@viewer",
            "authorChannelId": {"value": "UCviewer00000000000000000"},
            "canRate": True,
            "viewerRating": "none",
            "likeCount": self.like_count,
            "publishedAt": self.published_at,
            "updatedAt": self.published_at,
        }
        if video_id:
            snippet["videoId"] = video_id
        if parent_id:
            snippet["parentId"] = parent_id
        return {"kind": "youtube#comment", "etag": "fake-etag", "id": self.id, "snippet": snippet}


@dataclass
class FakeThread:
    top: FakeComment
    replies: list[FakeComment] = field(default_factory=list)


@dataclass
class FakeTrack:
    language_code: str
    name: str
    generated: bool = False
    translatable: bool = True
    cues: list[tuple[float, float, str]] = field(default_factory=list)


@dataclass
class FakeVideo:
    video_id: str
    title: str = "A fake video"
    description: str = "What this video is about."
    duration: str = "PT4M10S"
    audio_language: str = "en"
    channel_title: str = "Fake Channel"
    channel_id: str = "UCfakechannel000000000000"
    published_at: str = "2024-04-30T09:00:00Z"
    tags: list[str] = field(default_factory=lambda: ["fake", "test"])
    view_count: int = 12345
    like_count: int = 678
    comment_count: int | None = None  # None: the comments scripted here
    broadcast: str = "none"  # "live", "upcoming"
    age_restricted: bool = False
    private: bool = False  # listed by nothing: videos.list answers with empty items
    comments_disabled: bool = False
    threads: list[FakeThread] = field(default_factory=list)
    thumbnails: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # size -> (type, data)
    tracks: list[FakeTrack] = field(default_factory=list)
    captions_failure: str = ""  # "", "disabled", "blocked", "ip_blocked", "age_restricted"
    # How commentThreads.list (`paging`) and comments.list (`reply_paging`) page, to play a
    # misbehaving API: at most `page_size` items a page; past the last scripted item, "honest"
    # ends the listing, "empty" sends empty pages with a fresh nextPageToken forever, "endless"
    # makes up new items on every page forever, "stuck" names the page just served as the next.
    page_size: int = 100
    paging: str = "honest"
    reply_paging: str = "honest"

    def track(self, language_code: str, generated: bool) -> FakeTrack | None:
        return next(
            (
                t
                for t in self.tracks
                if t.language_code == language_code and t.generated == generated
            ),
            None,
        )

    def caption_list(self) -> dict[str, Any]:
        tracks = []
        for track in self.tracks:
            url = f"https://www.youtube.com/api/timedtext?v={self.video_id}&lang={track.language_code}"
            entry: dict[str, Any] = {
                "baseUrl": url + ("&kind=asr" if track.generated else "") + "&fmt=srv3",
                "name": {"runs": [{"text": track.name}]},
                "vssId": ("a." if track.generated else ".") + track.language_code,
                "languageCode": track.language_code,
                "isTranslatable": track.translatable,
            }
            if track.generated:
                entry["kind"] = "asr"
            tracks.append(entry)
        languages = [("en", "English"), ("ko", "Korean"), ("fr", "French")]
        return {
            "captionTracks": tracks,
            "translationLanguages": [
                {"languageCode": code, "languageName": {"runs": [{"text": name}]}}
                for code, name in languages
            ],
        }


def video_resource(video: FakeVideo) -> dict[str, Any]:
    details: dict[str, Any] = {
        "duration": video.duration,
        "dimension": "2d",
        "definition": "hd",
        "caption": "true" if video.tracks else "false",
        "licensedContent": False,
        "contentRating": {"ytRating": "ytAgeRestricted"} if video.age_restricted else {},
        "projection": "rectangular",
    }
    statistics = {
        "viewCount": str(video.view_count),
        "likeCount": str(video.like_count),
        "favoriteCount": "0",
    }
    if not video.comments_disabled:
        scripted = sum(1 + len(t.replies) for t in video.threads)
        statistics["commentCount"] = str(video.comment_count or scripted)
    return {
        "kind": "youtube#video",
        "etag": "fake-etag",
        "id": video.video_id,
        "snippet": {
            "publishedAt": video.published_at,
            "channelId": video.channel_id,
            "title": video.title,
            "description": video.description,
            "thumbnails": {},
            "channelTitle": video.channel_title,
            "tags": video.tags,
            "categoryId": "26",
            "liveBroadcastContent": video.broadcast,
            "defaultLanguage": video.audio_language,
            "localized": {"title": video.title, "description": video.description},
            "defaultAudioLanguage": video.audio_language,
        },
        "contentDetails": details,
        "statistics": statistics,
    }


def thread_resource(video_id: str, thread: FakeThread) -> dict[str, Any]:
    """A commentThread with at most five replies embedded, as the real API sends."""
    resource: dict[str, Any] = {
        "kind": "youtube#commentThread",
        "etag": "fake-etag",
        "id": thread.top.id,
        "snippet": {
            "channelId": "UCfakechannel000000000000",
            "videoId": video_id,
            "topLevelComment": thread.top.resource(video_id),
            "canReply": True,
            "totalReplyCount": len(thread.replies),
            "isPublic": True,
        },
    }
    if thread.replies:
        embedded = [r.resource(video_id, thread.top.id) for r in thread.replies[:EMBEDDED_REPLIES]]
        resource["replies"] = {"comments": embedded}
    return resource


def error_body(code: int, message: str, domain: str, reason: str) -> dict[str, Any]:
    return {
        "error": {
            "code": code,
            "message": message,
            "errors": [{"message": message, "domain": domain, "reason": reason}],
        }
    }


def make_threads(
    count: int, replies: dict[int, int] | None = None, prefix: str = "Ugz"
) -> list[FakeThread]:
    """`count` threads; replies[i] gives thread i that many replies. comments.list finds a
    thread by id alone, so videos served together need threads with different prefixes."""
    threads = []
    for n in range(count):
        top = FakeComment(
            id=f"{prefix}{n:06d}topAaABAg",
            text=f"Comment number {n}: great video, thanks!",
            author=f"viewer{n}",
            like_count=(count - n) * 3,
            published_at=f"2024-05-{1 + n % 28:02d}T{n % 24:02d}:00:00Z",
        )
        answers = [
            FakeComment(
                id=f"{top.id}.reply{k:04d}",
                text=f"Reply {k} to comment {n}",
                author=f"replier{k}",
                like_count=k,
                published_at=f"2024-06-01T00:{k % 60:02d}:{k // 60:02d}Z",
            )
            for k in range((replies or {}).get(n, 0))
        ]
        threads.append(FakeThread(top, answers))
    return threads


def made_up_thread(n: int) -> FakeThread:
    """Thread number `n` of an endless listing (FakeVideo.paging == "endless")."""
    return FakeThread(FakeComment(id=f"Ugzmade{n:07d}AaABAg", text=f"Made-up comment {n}"))


def made_up_reply(parent_id: str, n: int) -> FakeComment:
    return FakeComment(id=f"{parent_id}.made{n:07d}", text=f"Made-up reply {n}")


def fake_from_bundle(bundle: Bundle, video_id: str = "") -> FakeVideo:
    """The fake YouTube version of an offline bundle: same metadata, comments (as threads),
    transcript (as a creator caption track) and thumbnail (as maxresdefault)."""
    meta = bundle.metadata
    replies: dict[str, list[FakeComment]] = {}
    tops: list[FakeComment] = []
    for comment in bundle.comments:
        fake = FakeComment(
            id=comment.id,
            text=comment.text,
            author=comment.author,
            like_count=comment.like_count,
            published_at=_rfc3339(comment.published_at),
        )
        (replies.setdefault(comment.parent_id, []) if comment.parent_id else tops).append(fake)
    tracks = []
    if bundle.transcript is not None:
        cues = [(c.start, c.end - c.start, c.text) for c in bundle.transcript.cues]
        language = bundle.transcript.language or meta.default_language
        tracks.append(FakeTrack(language, language, cues=cues))
    return FakeVideo(
        video_id=video_id or meta.video_id,
        title=meta.title,
        description=meta.description,
        duration=format_iso_duration(meta.duration_seconds),
        audio_language=meta.default_language,
        channel_title=meta.channel_title,
        channel_id=meta.channel_id,
        published_at=_rfc3339(meta.published_at),
        tags=list(meta.tags),
        view_count=meta.view_count,
        like_count=meta.like_count,
        comment_count=meta.comment_count,
        threads=[FakeThread(top, replies.get(top.id, [])) for top in tops],
        thumbnails={"maxresdefault": ("image/jpeg", bundle.thumbnail)} if bundle.thumbnail else {},
        tracks=tracks,
    )


def _rfc3339(moment: datetime | None) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else ""
