"""The file types an upload may carry, told by their first bytes (never by what the caller
says alone): the declared type must agree with the bytes, or the upload is refused."""

from __future__ import annotations

from tubelens.errors import InvalidInput

_ISO_BOXES = (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip")  # MP4 / QuickTime
_EBML = b"\x1a\x45\xdf\xa3"  # Matroska / WebM
VIDEO_FILES = {  # MIME type: the bundle's file name
    "video/mp4": "video.mp4",
    "video/quicktime": "video.mov",
    "video/webm": "video.webm",
    "video/x-matroska": "video.mkv",
}
THUMBNAIL_FILES = {
    "image/jpeg": "thumbnail.jpg",
    "image/png": "thumbnail.png",
    "image/webp": "thumbnail.webp",
}
SNIFF_BYTES = 12  # enough to tell every type above


def _matches(mime: str, head: bytes) -> bool:
    if mime in ("video/mp4", "video/quicktime"):
        return head[4:8] in _ISO_BOXES
    if mime in ("video/webm", "video/x-matroska"):
        return head.startswith(_EBML)
    if mime == "image/jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if mime == "image/png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if mime == "image/webp":
        return head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    return False


def check_declared(mime: str, allowed: dict[str, str], what: str) -> str:
    """The bundle file name for a declared type; InvalidInput for a type not accepted."""
    if mime not in allowed:
        raise InvalidInput(
            f"The {what} type {mime or '(none)'!r} is not accepted; send one of: "
            f"{', '.join(allowed)}.",
            reason="UPLOAD_TYPE_UNSUPPORTED",
        )
    return allowed[mime]


def check_head(mime: str, head: bytes, what: str) -> None:
    """InvalidInput unless the file's first bytes are what `mime` says."""
    if not _matches(mime, head):
        raise InvalidInput(
            f"The {what} does not start like a {mime} file; check the file and its type.",
            reason="UPLOAD_TYPE_MISMATCH",
        )
