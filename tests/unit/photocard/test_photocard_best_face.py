"""The photo card draws the largest, most frontal face."""

from __future__ import annotations

import cv2

from services.photocard.engines.local.face_crop import best_face, symmetry
from tubelens.vision.faces import DetectedFace, detect_faces


def test_a_frontal_face_beats_a_slightly_larger_turned_one(samples):
    photo = cv2.imread(str(samples / "portrait" / "astronaut.png"))
    frontal = detect_faces(photo)[0]
    # The same face seen off-centre in a slightly larger box stands in for a turned head.
    x, y, w, h = frontal.x + frontal.width // 3, frontal.y, frontal.width + 8, frontal.height + 8
    turned = DetectedFace(x, y, w, h, frontal.box)
    assert symmetry(photo, frontal) > symmetry(photo, turned) + 0.2
    assert best_face([turned, frontal], photo) is frontal
    assert best_face([turned, frontal]) is turned  # without the photo: simply the largest
