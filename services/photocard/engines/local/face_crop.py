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


def best_face(faces: list[DetectedFace]) -> DetectedFace:
    """The largest face: in a portrait, the subject is the one nearest the camera."""
    return max(faces, key=lambda f: f.width * f.height)


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
