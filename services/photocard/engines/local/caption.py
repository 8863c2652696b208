"""An honest one-sentence caption: only what the engine measured in the photo.

It says how many faces were found, whether the smile detector fired on the main face, the
dominant colours just below that face (usually clothing) and around the person, and whether
the photo is bright or dim. Nothing else: no age, gender, mood, place or activity.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.photocard.engines.local.colour_names import localised


@dataclass(frozen=True, slots=True)
class Observations:
    people: int  # faces detected
    smiling: bool  # smile cascade fired inside the main face
    clothing: tuple[str, ...]  # colour names (keys of NAMES) below the face, main first
    background: str | None  # colour name around the person
    brightness: float  # mean luma of the photo, 0..1


def write_caption(seen: Observations, language: str) -> str:
    lang = "ko" if language.lower().startswith("ko") else "en"
    return _korean(seen) if lang == "ko" else _english(seen)


def _light(brightness: float) -> str | None:
    return "bright" if brightness > 0.6 else "dim" if brightness < 0.3 else None


def _english(seen: Observations) -> str:
    colours = " and ".join(localised(c, "en") for c in seen.clothing)
    if seen.people == 1:
        text = "One smiling person" if seen.smiling else "One person"
        text += f" in {colours}" if colours else ""
    else:
        details = (["smiling"] if seen.smiling else []) + ([f"in {colours}"] if colours else [])
        text = f"{seen.people} people"
        text += ", the main one " + " and ".join(details) if details else ""
    if seen.background:
        text += f", against a {localised(seen.background, 'en')} background"
    light = _light(seen.brightness)
    if light:
        text += "; brightly lit" if light == "bright" else "; dimly lit"
    return text + "."


def _korean(seen: Observations) -> str:
    if seen.people == 1:
        parts = ["웃고 있는 한 사람" if seen.smiling else "한 사람"]
    else:
        parts = [f"{seen.people}명의 사람" + (", 중심 인물은 웃는 얼굴" if seen.smiling else "")]
    if seen.clothing:
        # Every colour name ends in 색 (final consonant), so the joining particle is 과.
        parts.append("과 ".join(localised(c, "ko") for c in seen.clothing) + " 옷차림")
    if seen.background:
        parts.append(f"{localised(seen.background, 'ko')} 배경")
    light = _light(seen.brightness)
    if light:
        parts.append("밝은 조명" if light == "bright" else "어두운 조명")
    return ", ".join(parts) + "."
