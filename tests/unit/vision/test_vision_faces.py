"""The shared Haar face detector on the sample portrait and on images without faces."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tubelens.vision.faces import detect_faces, is_smiling


@pytest.fixture(scope="module")
def astronaut(samples):
    image = cv2.imread(str(samples / "portrait" / "astronaut.png"))
    assert image is not None
    return image


def test_astronaut_has_exactly_one_plausible_face(astronaut):
    faces = detect_faces(astronaut)
    assert len(faces) == 1
    box = faces[0].box
    centre_x, centre_y = box.x + box.width / 2, box.y + box.height / 2
    # The face is upper-centre in the 512x512 portrait and about a fifth of its width.
    assert 0.35 < centre_x < 0.55 and 0.12 < centre_y < 0.35
    assert 0.12 < box.width < 0.3 and 0.12 < box.height < 0.3
    assert faces[0].area_share == pytest.approx(box.width * box.height)


def test_boxes_are_fractions_that_do_not_depend_on_resolution(astronaut):
    small = cv2.resize(astronaut, (384, 384), interpolation=cv2.INTER_AREA)
    full, reduced = detect_faces(astronaut)[0].box, detect_faces(small)[0].box
    assert reduced.x == pytest.approx(full.x, abs=0.03)
    assert reduced.width == pytest.approx(full.width, abs=0.03)


def test_grayscale_input_works(astronaut):
    assert len(detect_faces(cv2.cvtColor(astronaut, cv2.COLOR_BGR2GRAY))) == 1


@pytest.mark.parametrize("value", [0, 128, 255])
def test_flat_images_have_no_faces(value):
    assert detect_faces(np.full((400, 600, 3), value, np.uint8)) == []


def test_faces_come_largest_first(astronaut):
    canvas = np.full((720, 1280, 3), 200, np.uint8)
    canvas[100:612, 60:572] = astronaut
    small = cv2.resize(astronaut, (320, 320), interpolation=cv2.INTER_AREA)
    canvas[200:520, 800:1120] = small
    faces = detect_faces(canvas)
    assert len(faces) == 2
    assert faces[0].area_share > faces[1].area_share
    assert faces[0].box.x < 0.5 < faces[1].box.x


def test_the_astronaut_is_smiling(astronaut):
    assert is_smiling(astronaut, detect_faces(astronaut)[0])


def test_a_blurred_mouth_is_not_called_smiling(astronaut):
    face = detect_faces(astronaut)[0]
    top, bottom = face.y + int(face.height * 0.62), face.y + int(face.height * 0.85)
    left, right = face.x + face.width // 4, face.x + 3 * face.width // 4
    hidden = astronaut.copy()
    hidden[top:bottom, left:right] = cv2.GaussianBlur(astronaut, (0, 0), 12)[top:bottom, left:right]
    assert not is_smiling(hidden, face)


def test_a_minimum_face_share_keeps_large_faces_and_skips_small_ones(astronaut):
    # The photo card searches only faces at least 12% of the short side wide (speed): the
    # astronaut's ~19% face comes back as the same box, but once the portrait is pasted small
    # into a larger canvas (face ~5% of the side) it is below the share and not searched for.
    default, portrait = detect_faces(astronaut), detect_faces(astronaut, min_share=0.12)
    assert [f.box for f in portrait] == [f.box for f in default]
    canvas = np.full((1536, 1536, 3), 128, np.uint8)
    canvas[512:1024, 512:1024] = astronaut
    assert len(detect_faces(canvas, max_side=1536)) == 1
    assert detect_faces(canvas, max_side=1536, min_share=0.12) == []
