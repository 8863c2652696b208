"""A video's thumbnail from the fixed thumbnail host: the largest size that exists.

maxresdefault (1280x720) exists only for HD uploads; i.ytimg.com answers 404 without it, so
sddefault (640x480) and hqdefault (480x360, always present) follow. Every answer must be an
image and stay under the size limit, which is checked while streaming, not after.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from tubelens.errors import FailedPrecondition, ResourceExhausted, Unavailable

SIZES = ("maxresdefault", "sddefault", "hqdefault")
IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp"}


@dataclass(frozen=True, slots=True)
class Thumbnail:
    image: bytes
    size_name: str  # which of SIZES it is


async def fetch_thumbnail(
    http: httpx.AsyncClient, base_url: str, video_id: str, max_bytes: int
) -> Thumbnail:
    tried = []
    for size in SIZES:
        url = f"{base_url}/vi/{video_id}/{size}.jpg"
        try:
            image = await _download(http, url, max_bytes, video_id)
        except httpx.HTTPError as exc:
            raise Unavailable(
                f"The thumbnail host could not be reached for video {video_id}: "
                f"{type(exc).__name__}.",
                reason="YOUTUBE_UNAVAILABLE",
                metadata={"video_id": video_id},
            ) from exc
        if image is not None:
            return Thumbnail(image, size)
        tried.append(size)
    raise FailedPrecondition(
        f"Video {video_id} has no thumbnail image (tried {', '.join(tried)}).",
        reason="THUMBNAIL_MISSING",
        metadata={"video_id": video_id},
    )


async def _download(
    http: httpx.AsyncClient, url: str, max_bytes: int, video_id: str
) -> bytes | None:
    """The image at `url`; None when it is absent or not an image."""
    async with http.stream("GET", url) as response:
        if response.status_code in {404, 410}:
            return None
        if response.status_code != 200:
            raise Unavailable(
                f"The thumbnail host answered HTTP {response.status_code} for video {video_id}.",
                reason="YOUTUBE_UNAVAILABLE",
                metadata={"video_id": video_id},
            )
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in IMAGE_TYPES:
            return None
        declared = int(response.headers.get("content-length") or 0)
        chunks, size = [], 0
        if declared <= max_bytes:
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    break
                chunks.append(chunk)
        if declared > max_bytes or size > max_bytes:
            raise ResourceExhausted(
                f"The thumbnail of video {video_id} is larger than the {max_bytes // 1024} KiB "
                "limit (TUBELENS_YOUTUBE_MAX_THUMBNAIL_MB).",
                reason="THUMBNAIL_TOO_LARGE",
                metadata={"video_id": video_id},
            )
        return b"".join(chunks)
