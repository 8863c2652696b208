"""Suggest which stills of the video would make the best thumbnail: sharp, a face, colourful.

Score (0..100) = 40 x sharpness + 35 x face + 25 x colour, where sharpness is the Laplacian
variance on a log scale (600 and above counts as fully sharp), face is 1 when a frontal face
covers at least 2% of the frame (0.5 for a smaller one, 0 for none) and colour is the
Hasler-Süsstrunk colourfulness over 80. Stills come from the caller (see tubelens.vision.stills).
"""

from __future__ import annotations

import cv2
import numpy as np

from services.thumbnail.domain import MAX_CANDIDATE_FRAMES, CandidateFrame, FrameSuggestion
from tubelens.vision.faces import detect_faces
from tubelens.vision.images import MiB, decode_image

MAX_SUGGESTIONS = 5
PROMINENT_FACE = 0.02


def suggest_frames(candidates: tuple[CandidateFrame, ...]) -> tuple[FrameSuggestion, ...]:
    rated = [_rate(frame) for frame in candidates[:MAX_CANDIDATE_FRAMES]]
    best = sorted(rated, key=lambda s: s.score, reverse=True)[:MAX_SUGGESTIONS]
    return tuple(best)


def _rate(frame: CandidateFrame) -> FrameSuggestion:
    image, _ = decode_image(frame.image, max_bytes=4 * MiB, max_pixels=4_000_000, max_side=640)
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    sharpness = float(cv2.Laplacian(gray, cv2.CV_32F).var())
    b, g, r = (image[:, :, i].astype(np.float32) for i in range(3))
    rg, yb = r - g, 0.5 * (r + g) - b
    colour = float(np.hypot(rg.std(), yb.std()) + 0.3 * np.hypot(rg.mean(), yb.mean()))
    faces = detect_faces(image, max_side=640)
    face = 0.0 if not faces else 1.0 if faces[0].area_share >= PROMINENT_FACE else 0.5
    sharp = min(1.0, float(np.log1p(sharpness) / np.log1p(600.0)))
    score = 100.0 * (0.40 * sharp + 0.35 * face + 0.25 * min(1.0, colour / 80.0))
    reasons = [
        "sharp" if sharp > 0.8 else "soft",
        f"{len(faces)} face(s)" if faces else "no face",
        "colourful" if colour >= 59 else "muted" if colour < 20 else "moderately colourful",
    ]
    return FrameSuggestion(
        time=round(frame.time, 2),
        score=round(score, 1),
        sharpness=round(sharpness, 1),
        colorfulness=round(colour, 1),
        faces=len(faces),
        reason=", ".join(reasons),
    )
