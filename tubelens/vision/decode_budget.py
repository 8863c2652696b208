"""What decoding an upload will allocate, judged from its header before any pixel is decoded.

The budget counts bitmap pixels at 4 bytes each, the most Pillow keeps a pixel in. PNG decodes
at full size into one bitmap; Pillow's WebP decoder holds four (libwebp's canvas and its
disposed copy, the frame as bytes, Pillow's image). A JPEG can be decoded at 1/2, 1/4 or 1/8
scale, so only its reduced size counts, unless it is progressive or keeps its colours in
separate scans: then libjpeg holds every DCT coefficient of the full image (2 bytes each).
Lossless JPEGs cannot be scaled. bench/memory_images.py measures all of these.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from tubelens.errors import InvalidInput
from tubelens.settings import ENV_PREFIX

BITMAP_BYTES = 4
WEBP_BITMAPS = 4
COEFFICIENT_BYTES = 2
SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
PROGRESSIVE_SOF = frozenset({0xC2, 0xC6, 0xCA, 0xCE})
LOSSLESS_SOF = frozenset({0xC3, 0xC7, 0xCB, 0xCF})
SETTING = f"{ENV_PREFIX}IMAGE_MAX_MEGAPIXELS"
FORMAT_NAMES = {"WEBP": "WebP"}


class ImageLimits(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=f"{ENV_PREFIX}IMAGE_", env_file=None, extra="ignore"
    )

    # Bitmap pixels one photo or thumbnail may decode to: 32 MP is 128 MB of bitmap, which
    # keeps decoding below what the photo card's own work on a 2048-pixel photo takes.
    max_megapixels: float = Field(default=32.0, gt=0)

    @property
    def max_pixels(self) -> int:
        return int(self.max_megapixels * 1e6)


@dataclass(frozen=True, slots=True)
class DecodePlan:
    format: str  # JPEG, PNG or WEBP as the header says
    declared: tuple[int, int]
    decoded: tuple[int, int]  # the bitmap the decoder fills (smaller for a scaled JPEG)
    cost: float  # bitmap pixels (4 bytes each) the decoder holds at its peak
    whole: str  # why the declared size counts ("" when the decoder scales it down)


def plan_decode(image: Image.Image, data: bytes, fit: tuple[int, int] | None) -> DecodePlan:
    """Read the cost off a lazily opened image; a scalable JPEG is set (draft) to decode at the
    smallest scale that still covers `fit`."""
    declared = image.size
    area = declared[0] * declared[1]
    if image.format == "WEBP":
        return DecodePlan("WEBP", declared, declared, WEBP_BITMAPS * area, "WebP images are")
    if image.format not in ("JPEG", "MPO"):
        return DecodePlan(image.format or "", declared, declared, area, "PNG images are")
    sof, scan_components = _jpeg_markers(data)
    if sof in LOSSLESS_SOF:
        return DecodePlan("JPEG", declared, declared, area, "lossless JPEGs are")
    if fit:
        image.draft("RGB", fit)
    decoded = image.size
    cost = decoded[0] * decoded[1]
    whole = ""
    if sof in PROGRESSIVE_SOF:
        whole = "progressive JPEGs are"
    elif scan_components < getattr(image, "layers", 1):
        whole = "JPEGs with their colours in separate scans are"
    if whole:
        cost += _coefficient_bytes(image, declared) / BITMAP_BYTES
    return DecodePlan("JPEG", declared, decoded, cost, whole)


def check_plan(plan: DecodePlan, max_pixels: int, setting: str | None = None) -> None:
    """Raise InvalidInput (IMAGE_TOO_LARGE) naming the limit, and the setting that sets it if
    any, when the plan is over budget."""
    if plan.cost <= max_pixels:
        return
    named = f" ({setting})" if setting else ""
    width, height = plan.declared
    name = FORMAT_NAMES.get(plan.format, plan.format)
    said = f"The {name} declares {width}x{height} pixels ({width * height / 1e6:.1f} MP)"
    if plan.whole:
        accepted = max_pixels * width * height / plan.cost / 1e6
        remedy = "save it as a baseline JPEG" if plan.format == "JPEG" else "send a JPEG"
        message = (
            f"{said}; {plan.whole} decoded at full size, so at most {accepted:.1f} MP are "
            f"accepted{named}. Scale the image down or {remedy}."
        )
    else:
        scale = round(width / plan.decoded[0])
        scaled = f", and even at 1/{scale} scale it decodes to {plan.cost / 1e6:.1f} MP"
        message = (
            f"{said}{scaled if scale > 1 else ''}; at most {max_pixels / 1e6:.1f} MP are "
            f"decoded{named}. Scale the image down."
        )
    raise InvalidInput(
        message,
        reason="IMAGE_TOO_LARGE",
        metadata={"limit": str(max_pixels), **({"setting": setting} if setting else {})},
    )


def webp_over_pillow_limit(max_pixels: int, setting: str | None = None) -> InvalidInput:
    """The error for a WebP canvas over Pillow's own limit, which it refuses while opening."""
    pillow_limit = 2 * (Image.MAX_IMAGE_PIXELS or 0) / 1e6
    named = f" ({setting})" if setting else ""
    return InvalidInput(
        f"The WebP declares more than {pillow_limit:.0f} MP; WebP images are decoded at full "
        f"size, so at most {max_pixels / WEBP_BITMAPS / 1e6:.1f} MP are accepted{named}. "
        "Scale the image down or send a JPEG.",
        reason="IMAGE_TOO_LARGE",
        metadata={"limit": str(max_pixels), **({"setting": setting} if setting else {})},
    )


def _coefficient_bytes(image: Image.Image, size: tuple[int, int]) -> float:
    """What libjpeg's whole-image coefficient buffer takes, from the components' sampling."""
    sampling = [(h, v) for _, h, v, _ in getattr(image, "layer", [])] or [(1, 1)]
    h_max, v_max = max(h for h, _ in sampling), max(v for _, v in sampling)
    blocks = sum(
        -(-size[0] * h // (8 * h_max)) * -(-size[1] * v // (8 * v_max)) for h, v in sampling
    )
    return blocks * 64 * COEFFICIENT_BYTES


def _jpeg_markers(data: bytes) -> tuple[int, int]:
    """(start-of-frame marker, components in the first scan) from the segments before the
    first scan, which Pillow reads past without keeping; (0, 0) when the header is cut short."""
    pos, sof = 2, 0
    while pos + 4 < len(data):
        if data[pos] != 0xFF or data[pos + 1] == 0xFF:  # junk or fill bytes, as Pillow skips
            pos += 1
            continue
        marker = data[pos + 1]
        if marker == 0xDA:
            return sof, data[pos + 4]
        if marker in SOF_MARKERS:
            sof = marker
        pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
    return sof, 0
