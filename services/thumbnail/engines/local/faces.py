"""Faces in a thumbnail as domain objects, using the shared detector."""

from __future__ import annotations

import numpy as np

from services.thumbnail.domain import Face
from tubelens.vision.faces import detect_faces, is_smiling

SEARCH_SIDE = 800  # faces down to ~4% of the height are found; smaller ones are lost at 168x94
SMILE_CHECKS = 3  # the smile detector runs on the largest faces only; small ones are unreliable


def find_faces(image: np.ndarray) -> tuple[Face, ...]:
    """Frontal faces, largest first; area_share is the face box's share of the frame."""
    return tuple(
        Face(
            box=face.box,
            area_share=face.area_share,
            smiling=index < SMILE_CHECKS and is_smiling(image, face),
        )
        for index, face in enumerate(detect_faces(image, max_side=SEARCH_SIDE, scale_step=1.2))
    )
