"""Frontal face (and smile) detection with OpenCV's bundled Haar cascades.

One detector for every service: the thumbnail review counts and sizes faces, the photo card
crops around the largest one. Boxes come back both in pixels and as fractions of the image.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import cv2
import numpy as np

from tubelens.domain import Box
from tubelens.errors import FailedPrecondition

FACE_CASCADE = "haarcascade_frontalface_default.xml"
SMILE_CASCADE = "haarcascade_smile.xml"
DETECTION_SIDE = 1280  # faces are searched on a copy at most this large, for speed
MIN_FACE_SHARE = 0.03  # ignore "faces" narrower than 3% of the short side (noise, textures)
RELATIVE_MIN_WIDTH = 0.3  # and faces under 30% of the largest face's width
SMILE_VOTES = 80  # neighbouring smile-cascade hits needed to call a mouth smiling

_local = threading.local()  # CascadeClassifier is not safe to share across threads


@dataclass(frozen=True, slots=True)
class DetectedFace:
    x: int  # pixels in the analysed image
    y: int
    width: int
    height: int
    box: Box  # the same rectangle as fractions of the image

    @property
    def area_share(self) -> float:
        return self.box.area


def detect_faces(
    image: np.ndarray,
    max_side: int = DETECTION_SIDE,
    scale_step: float = 1.1,
    min_share: float = MIN_FACE_SHARE,
) -> list[DetectedFace]:
    """Frontal faces in a BGR or grayscale image, largest first, overlapping hits merged.

    The search runs on a copy at most `max_side` large: 640 finds faces down to about 4% of
    a thumbnail's height four times faster than 1280. A coarser `scale_step` (window growth
    between passes) is faster again and still finds large faces. A larger `min_share` (the
    smallest face width as a share of the short side) skips the many small windows, the
    bulk of the search, when only a large face is wanted (a portrait).
    """
    gray = _gray(image)
    height, width = gray.shape
    scale = min(1.0, max_side / max(height, width))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    # Local (CLAHE) rather than global equalisation: a large flat background would
    # otherwise squeeze the face's own contrast and hide it from the cascade.
    small = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(small)
    min_side = max(24, round(min_share * min(small.shape)))
    found, votes = _cascade(FACE_CASCADE).detectMultiScale2(
        small, scaleFactor=scale_step, minNeighbors=6, minSize=(min_side, min_side)
    )
    candidates = sorted(
        zip(np.asarray(found).reshape(-1, 4).tolist(), np.ravel(votes).tolist(), strict=True),
        key=lambda item: item[1],
        reverse=True,
    )
    # Overlapping boxes describe one face (a duplicate, or a false hit around a real face);
    # keep the one more detector windows agreed on.
    kept: list[tuple[int, int, int, int]] = []
    for (x, y, w, h), _ in candidates:
        rect = (round(x / scale), round(y / scale), round(w / scale), round(h / scale))
        if all(_overlap_share(rect, other) < 0.5 for other in kept):
            kept.append(rect)
    kept.sort(key=lambda r: r[2] * r[3], reverse=True)
    # Far smaller "faces" beside a clear one are mostly texture hits (badges, prints).
    kept = [r for r in kept if r[2] >= RELATIVE_MIN_WIDTH * kept[0][2]]
    return [
        DetectedFace(x, y, w, h, Box(x / width, y / height, w / width, h / height))
        for x, y, w, h in kept
    ]


def is_smiling(image: np.ndarray, face: DetectedFace) -> bool:
    """True when the smile cascade fires in the lower half of the face."""
    gray = _gray(image)
    mouth = gray[face.y + face.height // 2 : face.y + face.height, face.x : face.x + face.width]
    if mouth.size == 0:
        return False
    # Normalise the face to ~120 px so the vote threshold means the same at any size. The
    # smile cascade fires loosely; a clear smile gathers hundreds of votes, a closed or
    # blurred mouth a few dozen, so demand SMILE_VOTES.
    scale = 120 / max(face.width, 1)
    mouth = cv2.equalizeHist(cv2.resize(mouth, None, fx=scale, fy=scale))
    smiles = _cascade(SMILE_CASCADE).detectMultiScale(
        mouth, scaleFactor=1.1, minNeighbors=SMILE_VOTES, minSize=(30, 12)
    )
    return len(smiles) > 0


def warm_up() -> None:
    """Loads this thread's face and smile detectors now rather than on the first image."""
    _cascade(FACE_CASCADE)
    _cascade(SMILE_CASCADE)


def _overlap_share(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Share of the smaller rectangle's area that lies inside the other."""
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    inter = max(0, x1 - x0) * max(0, y1 - y0)
    return inter / max(1, min(a[2] * a[3], b[2] * b[3]))


def _gray(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def _cascade(name: str) -> cv2.CascadeClassifier:
    cache: dict[str, cv2.CascadeClassifier] = _local.__dict__.setdefault("cascades", {})
    if name not in cache:
        classifier = cv2.CascadeClassifier(cv2.data.haarcascades + name)
        if classifier.empty():
            raise FailedPrecondition(
                f"The face detector could not load {name}; reinstall opencv-python-headless 4.x.",
                reason="DETECTOR_UNAVAILABLE",
            )
        cache[name] = classifier
    return cache[name]
