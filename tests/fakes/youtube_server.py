"""A fake YouTube on loopback that speaks the real wire formats, for tests.

One HTTP server plays three hosts:
- the Data API v3 (`/youtube/v3/videos`, `/commentThreads`, `/comments`): JSON list responses
  with `items`, `nextPageToken` and `pageInfo`, API-key checks, quota counting and Google's
  error bodies (`{"error": {"code", "message", "errors": [{"domain", "reason"}]}}`);
- the thumbnail host (`/vi/{id}/{size}.jpg`), answering 404 with a placeholder image when a size
  is missing, as i.ytimg.com does;
- the youtube.com pages youtube-transcript-api reads: `/watch` (with INNERTUBE_API_KEY), the
  innertube `/youtubei/v1/player` call (playabilityStatus and captionTracks) and
  `/api/timedtext` (caption XML), so transcript failures are simulated at its HTTP layer.

Videos are scripted as FakeVideo objects (youtube_data.py); every request is recorded in
`requests`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

from tests.fakes.youtube_data import (
    FakeComment,
    FakeThread,
    FakeTrack,
    FakeVideo,
    error_body,
    fake_from_bundle,
    made_up_reply,
    made_up_thread,
    make_threads,
    thread_resource,
    video_resource,
)

__all__ = [
    "FakeComment",
    "FakeThread",
    "FakeTrack",
    "FakeVideo",
    "FakeYouTube",
    "fake_from_bundle",
    "make_threads",
]

API_KEY = "fake-youtube-key"
INNERTUBE_KEY = "fake-innertube-key"
PLACEHOLDER_JPEG = b"\xff\xd8\xff\xe0placeholder\xff\xd9"


@dataclass
class FakeYouTube:
    videos: dict[str, FakeVideo] = field(default_factory=dict)
    quota_left: int | None = None  # None: unlimited
    # Cleared: commentThreads.list waits until it is set again (tests of what runs in parallel).
    comments_open: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.comments_open.set()

    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)  # of each request, in order
    _server: ThreadingHTTPServer | None = None

    def add(self, video: FakeVideo) -> FakeVideo:
        self.videos[video.video_id] = video
        return video

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() the fake first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def settings_env(self) -> dict[str, str]:
        """TUBELENS_YOUTUBE_* variables that point a gateway at this fake."""
        return {
            "TUBELENS_YOUTUBE_API_KEY": API_KEY,
            "TUBELENS_YOUTUBE_API_BASE_URL": f"{self.base_url}/youtube/v3",
            "TUBELENS_YOUTUBE_THUMBNAIL_BASE_URL": self.base_url,
            "TUBELENS_YOUTUBE_WATCH_BASE_URL": self.base_url,
        }

    def calls(self, path_prefix: str) -> list[dict[str, str]]:
        return [query for _, path, query in self.requests if path.startswith(path_prefix)]

    def start(self) -> FakeYouTube:
        fake = self

        class Handler(_Handler):
            state = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        self.comments_open.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


class _Handler(BaseHTTPRequestHandler):
    state: FakeYouTube
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes: don't wait 40 ms

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        self.body = json.loads(self.rfile.read(length) or b"{}")
        self._route("POST")

    def _route(self, method: str) -> None:
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        self.state.requests.append((method, parts.path, query))
        self.state.headers.append({key.lower(): value for key, value in self.headers.items()})
        path = parts.path
        if path.startswith("/youtube/v3/"):
            self._data_api(path.removeprefix("/youtube/v3/"), query)
        elif path.startswith("/vi/"):
            self._thumbnail(path)
        elif path == "/watch":
            self._watch_page(query.get("v", ""))
        elif path == "/youtubei/v1/player" and method == "POST":
            self._player(query, self.body)
        elif path == "/api/timedtext":
            self._timedtext(query)
        else:
            self._send(404, b"not found", "text/plain")

    # --- the Data API -------------------------------------------------------------------
    def _data_api(self, resource: str, query: dict[str, str]) -> None:
        if self.headers.get("x-goog-api-key", query.get("key")) != API_KEY:
            return self._json(
                400, error_body(400, "API key not valid.", "usageLimits", "keyInvalid")
            )
        if self.state.quota_left is not None:
            if self.state.quota_left <= 0:
                message = "The request cannot be completed because you have exceeded your quota."
                return self._json(403, error_body(403, message, "youtube.quota", "quotaExceeded"))
            self.state.quota_left -= 1
        if resource == "videos":
            return self._videos(query)
        if resource == "commentThreads":
            return self._comment_threads(query)
        if resource == "comments":
            return self._replies(query)
        self._json(404, error_body(404, "Not Found", "global", "notFound"))

    def _videos(self, query: dict[str, str]) -> None:
        video = self.state.videos.get(query.get("id", ""))
        items = [video_resource(video)] if video and not video.private else []
        self._json(200, _listing("youtube#videoListResponse", items, len(items), ""))

    def _comment_threads(self, query: dict[str, str]) -> None:
        self.state.comments_open.wait(timeout=30)
        video = self.state.videos.get(query.get("videoId", ""))
        if video is None or video.private:
            message = "The video identified by the videoId parameter could not be found."
            return self._json(
                404, error_body(404, message, "youtube.commentThread", "videoNotFound")
            )
        if video.comments_disabled:
            message = "The video identified by the videoId parameter has disabled comments."
            return self._json(
                403, error_body(403, message, "youtube.commentThread", "commentsDisabled")
            )
        threads = video.threads
        if query.get("order") == "time":
            threads = sorted(threads, key=lambda t: t.top.published_at, reverse=True)
        page, token = _page(threads, query, video.page_size, video.paging, made_up_thread)
        items = [thread_resource(video.video_id, t) for t in page]
        self._json(200, _listing("youtube#commentThreadListResponse", items, len(items), token))

    def _replies(self, query: dict[str, str]) -> None:
        parent = query.get("parentId", "")
        video, thread = next(
            ((v, t) for v in self.state.videos.values() for t in v.threads if t.top.id == parent),
            (None, None),
        )
        replies = thread.replies if thread else []
        size, paging = (video.page_size, video.reply_paging) if video else (100, "honest")
        page, token = _page(replies, query, size, paging, lambda n: made_up_reply(parent, n))
        items = [reply.resource(video_id="", parent_id=parent) for reply in page]
        self._json(200, _listing("youtube#commentListResponse", items, len(items), token))

    # --- the thumbnail host -------------------------------------------------------------
    def _thumbnail(self, path: str) -> None:
        _, _, video_id, name = path.split("/", 3)
        video = self.state.videos.get(video_id)
        found = video.thumbnails.get(name.removesuffix(".jpg")) if video else None
        if found is None:
            return self._send(404, PLACEHOLDER_JPEG, "image/jpeg")
        content_type, data = found
        self._send(200, data, content_type)

    # --- youtube.com, as youtube-transcript-api reads it --------------------------------
    def _watch_page(self, video_id: str) -> None:
        video = self.state.videos.get(video_id)
        if video is not None and video.captions_failure == "ip_blocked":
            return self._send(429, b"Too Many Requests", "text/html")
        html = (
            f'<html><script>var cfg = {{"INNERTUBE_API_KEY": "{INNERTUBE_KEY}"}};</script></html>'
        )
        self._send(200, html.encode(), "text/html; charset=utf-8")

    def _player(self, query: dict[str, str], body: dict[str, Any]) -> None:
        video = self.state.videos.get(str(body.get("videoId", "")))
        if query.get("key") != INNERTUBE_KEY or video is None or video.private:
            status = {"status": "ERROR", "reason": "This video is unavailable"}
            return self._json(200, {"playabilityStatus": status})
        failure = video.captions_failure
        if failure == "blocked":
            status = {"status": "LOGIN_REQUIRED", "reason": "Sign in to confirm you’re not a bot"}
            return self._json(200, {"playabilityStatus": status})
        if failure == "age_restricted":
            reason = "This video may be inappropriate for some users."
            return self._json(
                200, {"playabilityStatus": {"status": "LOGIN_REQUIRED", "reason": reason}}
            )
        answer: dict[str, Any] = {"playabilityStatus": {"status": "OK"}}
        if failure != "disabled":
            answer["captions"] = {"playerCaptionsTracklistRenderer": video.caption_list()}
        self._json(200, answer)

    def _timedtext(self, query: dict[str, str]) -> None:
        video = self.state.videos.get(query.get("v", ""))
        track = video.track(query.get("lang", ""), query.get("kind") == "asr") if video else None
        if track is None:
            return self._send(404, b"", "text/xml")
        # A translated track is marked, so tests can tell it from the original.
        mark = f"[{query['tlang']}] " if "tlang" in query else ""
        rows = "".join(
            f'<text start="{start}" dur="{duration}">{escape(mark + text)}</text>'
            for start, duration, text in track.cues
        )
        self._send(
            200,
            f'<?xml version="1.0" encoding="utf-8" ?><transcript>{rows}</transcript>'.encode(),
            "text/xml; charset=UTF-8",
        )

    # --- plumbing -----------------------------------------------------------------------
    def _json(self, status: int, body: Any) -> None:
        self._send(status, json.dumps(body).encode(), "application/json; charset=UTF-8")

    def _send(self, status: int, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _page(
    items: list, query: dict[str, str], size: int, paging: str, made_up: Callable[[int], Any]
) -> tuple[list, str]:
    """One page of `items` and its nextPageToken, paged as FakeVideo.paging describes."""
    start = int(query.get("pageToken") or 0)
    end = start + min(int(query.get("maxResults") or 20), 100, size)
    page = items[start:end]
    if end < len(items) or paging in {"empty", "endless"}:
        if paging == "endless":
            page += [made_up(n) for n in range(max(start, len(items)), end)]
        return page, str(end)
    return page, (str(start) if paging == "stuck" else "")


def _listing(kind: str, items: list, total: int, token: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": kind,
        "etag": "fake-etag",
        "pageInfo": {"totalResults": total, "resultsPerPage": len(items)},
        "items": items,
    }
    if token:
        body["nextPageToken"] = token
    return body
