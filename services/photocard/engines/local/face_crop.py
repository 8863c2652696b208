"""Pick the face to draw and frame a head-and-shoulders crop around it."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from tubelens.vision.faces import DetectedFace

CROP_FACE_WIDTHS = 3.0  # crop side in face widths: hair, ears and shoulders fit
CENTRE_DROP = 0.3  # crop centre sits this many face heights below the face centre
PORTRAIT_SIDE = 768  # the character is drawn at this size


@dataclass(frozen=True, slots=True)
class Crop:
    x: int
    y: int
    width: int
    height: int

    def take(self, image: np.ndarray) -> np.ndarray:
        return image[self.y : self.y + self.height, self.x : self.x + self.width]


def best_face(faces: list[DetectedFace], image: np.ndarray | None = None) -> DetectedFace:
    """The largest, most frontal face: in a portrait, the subject is nearest the camera and
    looks into it. Frontal means left-right symmetric; with `image`, a face's area is weighted
    by 0.5 + 0.5 x its symmetry, so a turned head loses to a slightly smaller frontal one."""
    if image is None:
        return max(faces, key=lambda f: f.width * f.height)
    return max(faces, key=lambda f: f.width * f.height * (0.5 + 0.5 * symmetry(image, f)))


def symmetry(image: np.ndarray, face: DetectedFace) -> float:
    """Correlation of the face box with its mirror image, 0..1: high for a frontal face,
    near 0 for a turned head (its features sit off the box's centre line)."""
    crop = image[face.y : face.y + face.height, face.x : face.x + face.width]
    if crop.size == 0:
        return 0.0
    small = cv2.resize(crop, (64, 64), interpolation=cv2.INTER_AREA)
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY).astype(np.float32)
    gray = (gray - gray.mean()) / (gray.std() + 1e-6)
    return float(np.clip((gray * gray[:, ::-1]).mean(), 0.0, 1.0))


def square_crop(face: DetectedFace, image_width: int, image_height: int) -> Crop:
    """A square around the face with margin, shifted (then shrunk if needed) to stay inside."""
    side = min(round(face.width * CROP_FACE_WIDTHS), image_width, image_height)
    centre_x = face.x + face.width / 2
    centre_y = face.y + face.height / 2 + CENTRE_DROP * face.height
    x = _clamp(round(centre_x - side / 2), 0, image_width - side)
    y = _clamp(round(centre_y - side / 2), 0, image_height - side)
    return Crop(x, y, side, side)


def portrait(image: np.ndarray, face: DetectedFace) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """The head-and-shoulders crop at PORTRAIT_SIDE square, and the face (x, y, w, h) in it."""
    height, width = image.shape[:2]
    crop = square_crop(face, width, height)
    scale = PORTRAIT_SIDE / crop.width
    interpolation = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA
    resized = cv2.resize(
        crop.take(image), (PORTRAIT_SIDE, PORTRAIT_SIDE), interpolation=interpolation
    )
    x, y, w, h = face.x - crop.x, face.y - crop.y, face.width, face.height
    return resized, (round(x * scale), round(y * scale), round(w * scale), round(h * scale))


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, high))
