"""The page draws the duration-badge corner and the small previews from /thumbnail-geometry.json:
the numbers the thumbnail review judges by, not a copy of them in the page's script."""

from __future__ import annotations

from starlette.testclient import TestClient

from services.thumbnail.engines.local import advice, annotate, text
from tubelens.vision import saliency
from web.app import HERE, create_app
from web.settings import WebSettings


def test_the_geometry_is_the_reviews_own() -> None:
    with TestClient(create_app(WebSettings(gateway_target="127.0.0.1:1"))) as client:
        answer = client.get("/thumbnail-geometry.json")
    assert answer.status_code == 200
    geometry = answer.json()
    corner = (geometry["badgeCorner"]["x"], geometry["badgeCorner"]["y"])
    assert corner == saliency.BADGE_CORNER == advice.BADGE_CORNER == annotate.BADGE_CORNER
    small, medium = ((p["width"], p["height"]) for p in geometry["previews"])
    assert (small[1], medium[1]) == (text.SMALL_HEIGHT, text.MEDIUM_HEIGHT)
    assert all(abs(width / height - 16 / 9) < 0.01 for width, height in (small, medium))


def test_the_page_script_holds_no_copy_of_them() -> None:
    script = (HERE / "static" / "thumbnail.js").read_text(encoding="utf-8")
    assert "/thumbnail-geometry.json" in script
    for number in ("0.8", "168", "94", "320", "180"):
        assert number not in script
