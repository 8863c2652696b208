"""Findings about the text, the composition and the title match, with the numbers behind them.

Thresholds: text unreadable when its tallest word is under 8 px at 168x94 (see text.py);
contrast under 3:1 (WCAG large text); more than five words; the duration-badge corner
(last 20% of width and height) holding a word, a face, or 1.5x its share of saliency;
the salient centre more than 0.15 of the frame from every rule-of-thirds point.
"""

from __future__ import annotations

from services.thumbnail.domain import Composition, Face, Finding, Severity, ThumbnailText
from services.thumbnail.domain import TitleMatch as TitleMatchResult
from services.thumbnail.engines.local.advice_messages import ADVICE_TEMPLATES, BADGE_OBJECTS
from services.thumbnail.engines.local.text import MIN_CONTRAST_RATIO, MIN_DISPLAY_LETTER_PX
from tubelens.domain import Box
from tubelens.vision.saliency import Composition as Salience
from tubelens.vision.youtube_display import BADGE_CORNER

MAX_WORDS = 5
BADGE_SALIENCE = 1.5
THIRDS_NEAR = 0.15


def compose(
    found: Salience, faces: tuple[Face, ...], texts: tuple[ThumbnailText, ...], edges: float
) -> Composition:
    """Saliency-based composition (`found`, from tubelens.vision.saliency.composition), with
    what the duration badge would cover."""
    covers = []
    if any(_in_badge(t.box) for t in texts):
        covers.append("text")
    if any(_in_badge(f.box) for f in faces):
        covers.append("face")
    if found.badge_salience >= BADGE_SALIENCE:
        covers.append("subject")
    x, y, w, h = found.peak_box
    return Composition(
        centre=found.centre,
        salient_box=Box(round(x, 3), round(y, 3), round(w, 3), round(h, 3)),
        thirds_distance=found.thirds_distance,
        edge_density=round(edges, 4),
        badge_salience=found.badge_salience,
        badge_covers=tuple(covers),
    )


def advise(
    texts: tuple[ThumbnailText, ...],
    text_share: float,
    reading_available: bool,
    layout: Composition,
    title: TitleMatchResult | None,
    faces: tuple[Face, ...],
    image_height: int,
    language: str,
) -> list[Finding]:
    lang = "ko" if language.lower().startswith("ko") else "en"
    found: list[Finding] = []

    def add(code: str, severity: Severity, **values: object) -> None:
        message, suggestion = ADVICE_TEMPLATES[code][lang]
        found.append(Finding(code, severity, message.format(**values), suggestion.format(**values)))

    if reading_available and not texts:
        add("NO_TEXT", Severity.INFO)
    if texts:
        small = [t for t in texts if t.height_at_small < MIN_DISPLAY_LETTER_PX]
        if small:
            tallest = max(t.height_at_small for t in small)
            need = MIN_DISPLAY_LETTER_PX / 94 * image_height
            severe = Severity.CRITICAL if len(small) == len(texts) else Severity.WARNING
            add(
                "TEXT_TOO_SMALL",
                severe,
                words=_quote(small),
                share=sum(t.box.area for t in small),
                px=tallest,
                need=need,
            )
        weakest = min(texts, key=lambda t: t.contrast_ratio)
        if weakest.contrast_ratio < MIN_CONTRAST_RATIO:
            add(
                "TEXT_LOW_CONTRAST",
                Severity.WARNING,
                words=weakest.text,
                ratio=weakest.contrast_ratio,
            )
        readable = [t for t in texts if t.legible_small]
        if readable:
            share = sum(t.box.area for t in readable)
            add("TEXT_READABLE", Severity.INFO, words=_quote(readable), share=share)
        if len(texts) > MAX_WORDS:
            add("TOO_MANY_WORDS", Severity.WARNING, count=len(texts))
    for what in layout.badge_covers[:1]:  # the most important thing covered is enough
        add("BADGE_COVERS", Severity.WARNING, what=BADGE_OBJECTS[what][lang])
    x, y = layout.centre
    near = layout.thirds_distance <= THIRDS_NEAR
    add("ON_THIRDS" if near else "OFF_THIRDS", Severity.INFO, x=x, y=y)
    if title is not None and title.verdict == "echoes":
        add("TITLE_ECHOES", Severity.INFO, shared=", ".join(title.shared_words[:4]))
    elif title is not None and title.verdict == "complements":
        add("TITLE_COMPLEMENTS", Severity.INFO)
    elif title is not None and title.verdict == "repeats_title":
        add("TITLE_REPEATS", Severity.WARNING, count=len(texts))
    if faces and faces[0].smiling:
        add("FACE_SMILING", Severity.INFO)
    return found


def _quote(texts: list[ThumbnailText]) -> str:
    words = [t.text for t in texts]
    return " ".join(words[:6]) + (" …" if len(words) > 6 else "")


def _in_badge(box: Box) -> bool:
    """True when the box's centre lies in the duration badge's corner."""
    return box.x + box.width / 2 >= BADGE_CORNER[0] and box.y + box.height / 2 >= BADGE_CORNER[1]
