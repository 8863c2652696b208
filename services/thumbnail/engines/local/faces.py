"""Faces in a thumbnail as domain objects, using the shared detector."""

from __future__ import annotations

import numpy as np

from services.thumbnail.domain import Face
from tubelens.vision.faces import detect_faces


def find_faces(image: np.ndarray) -> tuple[Face, ...]:
    """Frontal faces, largest first; area_share is the face box's share of the frame."""
    return tuple(Face(box=face.box, area_share=face.area_share) for face in detect_faces(image))
