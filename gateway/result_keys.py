"""What determines an analysis result, as store keys.

A result depends on its inputs' content, the task, the options and the engine of the service
that computed it. The gateway knows the first three before it calls anything; the engine it
learns from each answer's provenance (engine, model, prompt version), which is why the engine
part of a key is an argument here (gateway.result_cache keeps the fingerprints).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from gateway.links import parse_video_id
from gateway.sources import bundle_path
from gateway.youtube.source import FetchOptions
from tubelens.v1 import common_pb2, gateway_pb2

PREFIX = "tubelens:"


@dataclass(frozen=True, slots=True)
class InputIdentity:
    """The identity of a video's inputs: equal identities give the same inputs."""

    kind: str  # "bundle" or "youtube": each has its own TTL
    content: str  # canonical text of what the inputs are made from


def bundle_identity(path: Path) -> InputIdentity:
    """A bundle by its resolved directory and every file's inode, size and modification time
    (nanoseconds): editing, replacing or adding a file gives a new identity. Stats only."""
    files = []
    with os.scandir(path) as entries:
        for entry in entries:
            info = entry.stat(follow_symlinks=False)
            if not entry.is_dir(follow_symlinks=False):
                files.append((entry.name, info.st_ino, info.st_size, info.st_mtime_ns))
    return InputIdentity("bundle", _canonical([str(path), sorted(files)]))


def input_identity(
    kind: str, value: str, roots: Sequence[Path], options: FetchOptions, shaping: str | None
) -> InputIdentity | None:
    """The identity of a VideoRef's inputs (blocking: it stats the bundle's files), or None
    when the reference cannot be cached; resolving it then says what is wrong. `shaping` is
    None when YouTube access is off. Raises what the caller must fix, as resolving would."""
    if kind == "bundle":
        path = bundle_path(value, roots)
        try:
            return bundle_identity(path)
        except OSError:  # gone since it was found
            return None
    if kind == "url" and shaping is not None:
        return youtube_identity(parse_video_id(value), options, shaping)
    return None


def youtube_identity(video_id: str, options: FetchOptions, shaping: str = "") -> InputIdentity:
    """A YouTube video by its id and what shapes the inputs fetched for it: the caption
    language, comment order and cap, and the gateway's own YouTube settings (`shaping`)."""
    fetched = [video_id, options.language, options.comment_order, options.max_comments, shaping]
    return InputIdentity("youtube", _canonical(fetched))


def result_key(
    namespace: str,
    identity: InputIdentity,
    task: int,
    language: str,
    max_comments: int,
    engine: str,
    labels: tuple[int, int] | None = None,
    thumbnail_image: bool = False,
) -> str:
    """The key of one task's result. `language` is the one asked for (empty: the video's own,
    which the identity covers). `labels` is the page of per-comment labels asked for: it shapes
    the comments result only, and keys without it stay what they were before labels existed.
    `thumbnail_image` (the reduced thumbnail asked for) likewise shapes the thumbnail's only."""
    parts = [namespace, identity.kind, identity.content, gateway_pb2.Task.Name(task)]
    parts += [language, max_comments, engine]
    if labels is not None and task == gateway_pb2.TASK_COMMENTS:
        parts.append(["comment_labels", *labels])
    if thumbnail_image and task == gateway_pb2.TASK_THUMBNAIL:
        parts.append(["thumbnail_image"])
    return f"{PREFIX}result:{_digest(parts)}"


def video_key(namespace: str, identity: InputIdentity) -> str:
    """The key of the video's metadata, so a repeat needs no input read at all."""
    return f"{PREFIX}video:{_digest([namespace, identity.kind, identity.content])}"


def engine_key(namespace: str, service: str) -> str:
    """The key of the engine fingerprint last learned from `service`."""
    return f"{PREFIX}engine:{_digest([namespace])}:{service}"


def engine_fingerprint(provenance: common_pb2.Provenance) -> str:
    """What a service's answer says about the engine that made it: engine, model and prompt
    version (services bump the prompt version when the same input gives another output)."""
    return _canonical([provenance.engine, provenance.model, provenance.prompt_version])


def _canonical(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _digest(value: object) -> str:
    return hashlib.sha256(_canonical(value).encode()).hexdigest()
