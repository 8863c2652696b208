"""Turn measurements into findings a creator can act on, worst first.

Thresholds (the score in scoring.py uses smoother ramps around the same anchors):
size below 1280x720 (critical below 640x360); aspect more than 3% off 16:9; brightness
under 0.25 (critical under 0.10) or over 0.80 (critical over 0.92); RMS contrast under 0.12
(critical under 0.05); colourfulness under 20; largest face under 3% of the frame;
more than four faces; edge density over 0.10.
"""

from __future__ import annotations

from services.thumbnail.domain import Face, Finding, Severity
from services.thumbnail.engines.local.messages import TEMPLATES
from services.thumbnail.engines.local.metrics import Measurements
from tubelens.vision.youtube_display import SMALL_SIZE

SMALLEST_DISPLAY_HEIGHT = SMALL_SIZE[1]  # px; YouTube's 168x94 sidebar thumbnail
_ORDER = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}


def build_findings(m: Measurements, faces: tuple[Face, ...], language: str) -> tuple[Finding, ...]:
    lang = "ko" if language.lower().startswith("ko") else "en"
    found: list[Finding] = []

    def add(code: str, severity: Severity, **numbers: float | int) -> None:
        message, suggestion = TEMPLATES[code][lang]
        found.append(Finding(code, severity, message.format(**numbers), suggestion))

    size = {"width": m.width, "height": m.height}
    if not m.meets_recommended_size:
        tiny = m.width < 640 or m.height < 360
        add("LOW_RESOLUTION", Severity.CRITICAL if tiny else Severity.WARNING, **size)
    else:
        add("GOOD_RESOLUTION", Severity.INFO, **size)
    if m.aspect_deviation > 0.03:
        add("WRONG_ASPECT_RATIO", Severity.WARNING, ratio=m.aspect_ratio)

    if m.brightness < 0.25:
        add("TOO_DARK", _worse_if(m.brightness < 0.10), brightness=m.brightness)
    elif m.brightness > 0.80:
        add("TOO_BRIGHT", _worse_if(m.brightness > 0.92), brightness=m.brightness)
    else:
        add("GOOD_EXPOSURE", Severity.INFO, brightness=m.brightness)

    if m.contrast < 0.12:
        add("LOW_CONTRAST", _worse_if(m.contrast < 0.05), contrast=m.contrast)
    elif m.contrast >= 0.20:
        add("GOOD_CONTRAST", Severity.INFO, contrast=m.contrast)

    if m.colorfulness < 20:
        add("DULL_COLORS", Severity.WARNING, colorfulness=m.colorfulness)
    elif m.colorfulness >= 59:
        add("VIVID_COLORS", Severity.INFO, colorfulness=m.colorfulness)

    if not faces:
        add("NO_FACE", Severity.INFO)
    elif faces[0].area_share < 0.03:
        pixels = max(1, round(faces[0].box.height * SMALLEST_DISPLAY_HEIGHT))
        add("SMALL_FACE", Severity.WARNING, share=faces[0].area_share, pixels=pixels)
    else:
        add("FACE_PROMINENT", Severity.INFO, share=faces[0].area_share)
    if len(faces) > 4:
        add("MANY_FACES", Severity.WARNING, count=len(faces))

    if m.edge_density > 0.10:
        add("CLUTTERED", Severity.WARNING, edges=m.edge_density)
    elif m.edge_density < 0.05:
        add("CLEAN_COMPOSITION", Severity.INFO, edges=m.edge_density)

    return tuple(sorted(found, key=lambda f: _ORDER[f.severity]))


def _worse_if(critical: bool) -> Severity:
    return Severity.CRITICAL if critical else Severity.WARNING
