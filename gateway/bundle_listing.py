"""ListBundles: the offline bundles a caller may name in VideoRef.bundle, with what their
video.json says, so a page can offer them and a new user can analyse one without a YouTube key."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from tubelens import bundles, convert
from tubelens.errors import TubeLensError
from tubelens.logs import get_logger
from tubelens.v1 import gateway_pb2

MAX_LISTED = 200  # each root's scan stops there too (tubelens.bundles.paths)
log = get_logger("tubelens.gateway")


def offered_bundles(roots: Sequence[Path]) -> gateway_pb2.ListBundlesResponse:
    """Reads each bundle's header (blocking: run it off the event loop). A bundle whose
    video.json cannot be read is left out and logged: analysing it would fail too, and says why."""
    listed = gateway_pb2.ListBundlesResponse()
    max_name_chars = bundles.default_limits().files.max_reference_chars
    for name in bundles.available_samples(roots)[:MAX_LISTED]:
        try:
            path = bundles.find_bundle(name, roots, max_name_chars)
            metadata, language = bundles.load_header(path)
            has_video = bundles.find_video(path) is not None
        except (TubeLensError, OSError) as exc:
            log.warning("bundle_not_listed", bundle=name, why=str(exc))
            continue
        listed.bundles.add(
            name=name,
            title=metadata.title,
            language=language,
            duration=convert.duration(metadata.duration_seconds),
            has_video=has_video,
        )
    return listed


async def list_bundles(roots: Sequence[Path]) -> gateway_pb2.ListBundlesResponse:
    return await asyncio.to_thread(offered_bundles, roots)
