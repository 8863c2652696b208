"""`tubelens examples -o out/examples`: example outputs of the local vision, for people to look at.

Writes, without any server: each sample bundle's thumbnail with its review drawn on it, photo
cards of the sample portrait (portrait layout in English, square in Korean) and the character
alone; with --video, the video's key frames as a contact sheet with its shots listed, and
which of its stills the thumbnail review would suggest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
PROMPTS = {
    "portrait": ("en", "First woman to command a Space Shuttle. Dream big, then fly higher."),
    "square": ("ko", "우주에서 보낸 하루를 기억하며, 다시 별을 향해 떠날 날을 기다립니다."),
}
console = Console()


def examples(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the images.")] = Path(
        "out/examples"
    ),
    video: Annotated[
        Path | None, typer.Option(help="A video file: key frames and thumbnail suggestions.")
    ] = None,
) -> None:
    """Save an annotated thumbnail review per sample, photo cards and (with --video) key frames."""
    # Imported here: the engines pull in OpenCV and tesseract, which other commands never need.
    from services.photocard.domain import Layout, PhotoCardRequest
    from services.photocard.engines.local import create_card
    from services.thumbnail.domain import ThumbnailRequest
    from services.thumbnail.engines.local import review_thumbnail
    from services.thumbnail.engines.local.annotate import annotate
    from tubelens.bundles import load_bundle

    output.mkdir(parents=True, exist_ok=True)
    for bundle_dir in sorted(p for p in SAMPLES.iterdir() if (p / "video.json").is_file()):
        bundle = load_bundle(bundle_dir)
        if not bundle.thumbnail:
            continue
        request = ThumbnailRequest(bundle.thumbnail, bundle.metadata.title, bundle.metadata)
        review = review_thumbnail(request)
        _save(output / f"thumbnail-{bundle_dir.name}.png", annotate(bundle.thumbnail, review))
    photo = (SAMPLES / "portrait" / "astronaut.png").read_bytes()
    for name, (language, prompt) in PROMPTS.items():
        layout = Layout(name)
        card = create_card(PhotoCardRequest(photo, prompt, language, layout))
        _save(output / f"card-astronaut-{layout.value}-{language}.png", card.card_png)
    _save(output / "character-astronaut.png", card.character_png)
    if video is not None:
        _video_examples(video, output)


def _video_examples(video: Path, output: Path) -> None:
    import cv2
    import numpy as np

    from services.summary.engines.local.video import key_frames
    from services.thumbnail.domain import CandidateFrame, ThumbnailRequest
    from services.thumbnail.engines.local import review_thumbnail
    from tubelens.vision.stills import video_digest

    digest = video_digest(video)
    console.print(f"{video.name}: {len(digest.shots)} shots in {digest.duration:.0f} s")
    console.print("cuts at " + ", ".join(f"{s.start:.1f}" for s in digest.shots[1:]))
    frames = key_frames(digest.stills, [], digest.duration)
    tiles = []
    for frame in frames:
        tile = cv2.imdecode(np.frombuffer(frame.image_jpeg, np.uint8), cv2.IMREAD_COLOR)
        cv2.putText(tile, f"{frame.time:.1f} s", (8, 24), 0, 0.7, (255, 255, 255), 2)
        tiles.append(tile)
    rows = [
        np.hstack(tiles[i : i + 4] + [np.zeros_like(tiles[0])] * (4 - len(tiles[i : i + 4])))
        for i in range(0, len(tiles), 4)
    ]
    cv2.imwrite(str(output / "key-frames.png"), np.vstack(rows))
    console.print(f"saved {output / 'key-frames.png'}")
    first = (SAMPLES / "en-sourdough" / "thumbnail.jpg").read_bytes()
    candidates = tuple(CandidateFrame(s.time, s.jpeg) for s in digest.stills)
    review = review_thumbnail(ThumbnailRequest(first, candidate_frames=candidates))
    for suggestion in review.frame_suggestions:
        console.print(
            f"thumbnail suggestion at {suggestion.time:.1f} s: "
            f"{suggestion.score:.0f}/100 ({suggestion.reason})"
        )


def _save(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    console.print(f"saved {path}")
