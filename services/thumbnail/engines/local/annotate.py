"""Draw a review onto its thumbnail, for a person to look at (the `tubelens examples` command).

Left: the thumbnail with the rule-of-thirds grid, the salient region (blue), the duration-badge
corner (orange), faces (yellow, "smile" when the detector fired) and every word read (green
when readable at 168x94, red when not). Right: the score, the criteria, the worst findings, and
the thumbnail at YouTube's two small sizes, shown at their true pixel size.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from services.thumbnail.domain import Severity, ThumbnailReview
from tubelens.domain import Box
from tubelens.vision.youtube_display import BADGE_CORNER

FONT = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
BOLD = "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf"
PANEL = 560
COLOURS = {Severity.CRITICAL: (220, 40, 40), Severity.WARNING: (230, 140, 0)}


def annotate(image_bytes: bytes, review: ThumbnailReview) -> bytes:
    """PNG of the thumbnail (scaled to 1280x720) with the review drawn on and beside it."""
    thumb = Image.open(io.BytesIO(image_bytes)).convert("RGB").resize((1280, 720))
    canvas = Image.new("RGB", (1280 + PANEL, 720), (248, 246, 242))
    canvas.paste(thumb, (0, 0))
    overlay = Image.new("RGBA", (1280, 720), (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for third in (1 / 3, 2 / 3):
        draw.line([(third * 1280, 0), (third * 1280, 720)], fill=(255, 255, 255, 110), width=2)
        draw.line([(0, third * 720), (1280, third * 720)], fill=(255, 255, 255, 110), width=2)
    x0, y0 = BADGE_CORNER[0] * 1280, BADGE_CORNER[1] * 720
    draw.rectangle([x0, y0, 1279, 719], fill=(255, 140, 0, 60), outline=(255, 140, 0, 255), width=3)
    if review.composition:
        draw.rectangle(_rect(review.composition.salient_box), outline=(60, 140, 255, 255), width=4)
        cx, cy = review.composition.centre
        draw.ellipse(
            [cx * 1280 - 10, cy * 720 - 10, cx * 1280 + 10, cy * 720 + 10], fill=(60, 140, 255, 255)
        )
    small = ImageFont.truetype(BOLD, 22)
    for face in review.faces:
        draw.rectangle(_rect(face.box), outline=(255, 220, 0, 255), width=4)
        if face.smiling:
            x, y, _, _ = _rect(face.box)
            draw.text((x + 4, y - 28), "smile", font=small, fill=(255, 220, 0, 255))
    for word in review.texts:
        colour = (40, 200, 80, 255) if word.legible_small else (230, 40, 40, 255)
        draw.rectangle(_rect(word.box), outline=colour, width=3)
    canvas.paste(overlay, (0, 0), overlay)
    _panel(ImageDraw.Draw(canvas), review)
    for height, top in ((94, 470), (180, 470)):
        width = round(height * 16 / 9)
        left = 1280 + 24 if height == 94 else 1280 + 24 + 168 + 24
        canvas.paste(thumb.resize((width, height), Image.Resampling.LANCZOS), (left, top))
    out = io.BytesIO()
    canvas.save(out, format="PNG")
    return out.getvalue()


def _panel(draw: ImageDraw.ImageDraw, review: ThumbnailReview) -> None:
    x = 1280 + 24
    draw.text(
        (x, 20), f"Score {review.score}/100", font=ImageFont.truetype(BOLD, 40), fill=(30, 30, 30)
    )
    font = ImageFont.truetype(FONT, 19)
    y = 76
    for c in review.criteria:
        draw.text(
            (x, y), f"{c.name:<12} {c.score:5.1f}  x{c.weight:.2f}", font=font, fill=(60, 60, 60)
        )
        draw.rectangle([x + 300, y + 4, x + 300 + round(2 * c.score), y + 18], fill=(90, 150, 230))
        y += 24
    y += 8
    for finding in [f for f in review.findings if f.severity in COLOURS][:4]:
        for line in _wrap(finding.message, font, PANEL - 48)[:3]:
            draw.text((x, y), line, font=font, fill=COLOURS[finding.severity])
            y += 23
        y += 6
    draw.text((x, 444), "At 168x94 and 320x180 (true size):", font=font, fill=(60, 60, 60))


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) > width and line:
            lines.append(line)
            candidate = word
        line = candidate
    return [*lines, line] if line else lines


def _rect(box: Box) -> list[float]:
    x, y = box.x * 1280, box.y * 720
    return [x, y, x + box.width * 1280, y + box.height * 720]
