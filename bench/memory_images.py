"""Image uploads: peak memory of the photo card and thumbnail paths against the input's size.

    .venv/bin/python bench/memory_images.py                      # every input, both paths
    .venv/bin/python bench/memory_images.py --path photocard     # one path
    .venv/bin/python bench/memory_images.py --only png-rgba      # inputs whose name contains this

Inputs are made once under --work (default /tmp/tubelens-bench-images): real-looking photos (the
sample portrait scaled up, saved as JPEG, PNG and WebP, so the card path runs to the end on its
face) and hostile files: tiny PNGs and WebPs of zeros declaring huge sizes (among them the
reviewer's 346 KB PNG declaring 10900x10900), JPEGs built marker by marker that declare up to
60000x60000 (flat, truncated, progressive, one scan per colour), inputs at the caps the services
had before the decoding budget (120 MP photo, 40 MP thumbnail, 4 MP frame: "photocap",
"thumbcap", "framecap") and the largest each format may be under the default budget ("at-cap").
The "frames" path sends a normal thumbnail plus 60 candidate frames of one input. The unit tests
build their hostile files with png_of_zeros and flat_jpeg from here.

Each (path, input) runs in a fresh process capped by RLIMIT_AS (--max-memory-mb), so a bad case
fails cleanly. The child imports the service's preload module (models warm, as a worker is),
records its RSS ("before"), makes one call and reports its peak RSS (VmHWM, "peak"); "growth"
is the difference, what one call adds to a warm worker. "decoded" is the largest bitmap Pillow
allocated while loading a file during the call (after any JPEG draft scaling).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import resource
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PORTRAIT = ROOT / "samples" / "portrait" / "astronaut.png"
THUMBNAIL = ROOT / "samples" / "en-sourdough" / "thumbnail.jpg"
PATHS = ("photocard", "thumbnail", "frames")
CANDIDATE_FRAMES = 60
# Sides of the largest inputs the default budget accepts (decode_budget.ImageLimits): PNG at
# full size, WebP at a quarter, a 4:4:4 progressive JPEG at 1/1.75 (1.5 for its coefficients,
# 0.25 for its output at 1/2 scale).
CAP = 32_000_000  # TUBELENS_IMAGE_MAX_MEGAPIXELS's default
AT_CAP = math.isqrt(CAP - 1)
WEBP_AT_CAP = math.isqrt(CAP // 4 - 1)
PROGRESSIVE_AT_CAP = math.isqrt(int(CAP / 1.76))  # 1.76: room for whole 8x8 blocks


# --- hostile files, written byte by byte so that no huge bitmap is ever made here -------------


# Adam7 interlacing passes: first column, first row, column step, row step.
ADAM7 = (
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
)


def png_of_zeros(width: int, height: int, mode: str = "RGB", *, interlaced: bool = False):
    """A valid PNG of black (and clear) pixels: zlib squeezes the rows to almost nothing."""
    colour_type, depth, channels = {
        "L": (0, 8, 1),
        "RGB": (2, 8, 3),
        "RGBA": (6, 8, 4),
        "I;16": (0, 16, 1),
        "P": (3, 8, 1),
    }[mode]

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    passes = ADAM7 if interlaced else ((0, 0, 1, 1),)
    raw = 0  # bytes of filtered scanlines: a filter byte and the pixels of each row of each pass
    for x0, y0, dx, dy in passes:
        columns, rows = -(-(width - x0) // dx), -(-(height - y0) // dy)
        if columns > 0 and rows > 0:
            raw += rows * (1 + -(-columns * channels * depth // 8))
    idat = _zlib_of_zeros(raw)
    header = struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, int(interlaced))
    extra = b""
    if mode == "P":  # one palette entry, fully transparent: the alpha-flattening path
        extra = chunk(b"PLTE", bytes(3)) + chunk(b"tRNS", bytes(1))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + extra
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )


def _zlib_of_zeros(length: int, piece: int = 8 << 20) -> bytes:
    """zlib.compress(bytes(length), 9), made quickly: after a full flush deflate starts afresh,
    so every further piece of zeros compresses to the same bytes; only the checksum (Adler-32
    of zeros: 1 and the length) is written by hand."""
    if length <= 2 * piece:
        return zlib.compress(bytes(length), 9)
    squeeze, zeros = zlib.compressobj(9), bytes(piece)
    first = squeeze.compress(zeros) + squeeze.flush(zlib.Z_FULL_FLUSH)
    again = squeeze.compress(zeros) + squeeze.flush(zlib.Z_FULL_FLUSH)
    pieces, rest = divmod(length, piece)
    tail = (squeeze.compress(bytes(rest)) + squeeze.flush())[:-4]
    adler = ((length % 65521) << 16) | 1
    return first + again * (pieces - 1) + tail + struct.pack(">I", adler)


def flat_jpeg(
    width: int,
    height: int,
    *,
    components: int = 1,
    progressive: bool = False,
    separate_scans: bool = False,
    keep: int | None = None,
) -> bytes:
    """A flat JPEG (gray, or 4:4:4 colour) with one-symbol Huffman tables: 2 bits per 8x8
    block, 1 in a progressive DC-only scan. With `separate_scans` each component has its own
    scan. `keep` truncates the scan data to that many bytes."""

    def segment(marker: int, body: bytes) -> bytes:
        return struct.pack(">BBH", 0xFF, marker, len(body) + 2) + body

    def scan(ids: list[int]) -> bytes:
        bits = -(-width // 8) * -(-height // 8) * len(ids) * (1 if progressive else 2)
        data = bytearray(-(-bits // 8))
        if bits % 8:
            data[-1] = (1 << (8 - bits % 8)) - 1  # pad the last byte with 1-bits
        header = bytes([len(ids)]) + b"".join(bytes([i, 0]) for i in ids)
        header += bytes([0, 0 if progressive else 63, 0])
        return segment(0xDA, header) + bytes(data[:keep] if keep is not None else data)

    one_code = bytes([1]) + bytes(15) + b"\x00"  # a single code of length 1, for symbol 0
    tables = segment(0xC4, b"\x00" + one_code)  # DC table 0
    if not progressive:
        tables += segment(0xC4, b"\x10" + one_code)  # AC table 0: symbol 0 is end-of-block
    ids = list(range(1, components + 1))
    frame = struct.pack(">BHHB", 8, height, width, components)
    frame += b"".join(bytes([i, 0x11, 0]) for i in ids)
    scans = [[i] for i in ids] if separate_scans else [ids]
    return (
        b"\xff\xd8"
        + segment(0xDB, b"\x00" + bytes([1]) * 64)
        + segment(0xC2 if progressive else 0xC0, frame)
        + tables
        + b"".join(scan(group) for group in scans)
        + b"\xff\xd9"
    )


def pillow_file(image_of, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image_of().save(out, format=fmt, **options)
    return out.getvalue()


def portrait_at(side: int):
    from PIL import Image

    def make():
        with Image.open(PORTRAIT) as image:
            return image.convert("RGB").resize((side, side), Image.Resampling.BICUBIC)

    return make


def portrait_on_canvas(side: int, portrait_side: int):
    """The portrait on a flat canvas: a PNG at the cap that stays under the byte limit."""
    from PIL import Image

    def make():
        canvas = Image.new("RGB", (side, side), (120, 130, 140))
        canvas.paste(portrait_at(portrait_side)(), ((side - portrait_side) // 2, side // 8))
        return canvas

    return make


def zeros_rgba(side: int):
    from PIL import Image

    return lambda: Image.new("RGBA", (side, side))


INPUTS = {
    "photo-2048.jpg": lambda: pillow_file(portrait_at(2048), "JPEG", quality=90),
    "photo-4000.jpg": lambda: pillow_file(portrait_at(4000), "JPEG", quality=90),
    "photo-8000.jpg": lambda: pillow_file(portrait_at(8000), "JPEG", quality=85),
    "photo-4000-progressive.jpg": lambda: pillow_file(
        portrait_at(4000), "JPEG", quality=90, progressive=True
    ),
    "photo-2048.png": lambda: pillow_file(portrait_at(2048), "PNG"),
    "photo-4000.webp": lambda: pillow_file(portrait_at(4000), "WEBP", quality=85),
    "thumbnail-1280x720.jpg": lambda: THUMBNAIL.read_bytes(),
    "png-rgb-10900.png": lambda: png_of_zeros(10_900, 10_900, "RGB"),
    "png-rgba-10900.png": lambda: png_of_zeros(10_900, 10_900, "RGBA"),
    "png-rgba-10954-photocap.png": lambda: png_of_zeros(10_954, 10_954, "RGBA"),
    "png-rgba-6324-thumbcap.png": lambda: png_of_zeros(6_324, 6_324, "RGBA"),
    "png-rgba-2000-framecap.png": lambda: png_of_zeros(2_000, 2_000, "RGBA"),
    "photo-face-at-cap.png": lambda: pillow_file(portrait_on_canvas(AT_CAP, 2400), "PNG"),
    "png-rgba-at-cap.png": lambda: png_of_zeros(AT_CAP, AT_CAP, "RGBA"),
    "png-rgb-at-cap.png": lambda: png_of_zeros(AT_CAP, AT_CAP, "RGB"),
    "png-p-clear-at-cap.png": lambda: png_of_zeros(AT_CAP, AT_CAP, "P"),
    "png-16bit-at-cap.png": lambda: png_of_zeros(AT_CAP, AT_CAP, "I;16"),
    "png-rgba-interlaced-at-cap.png": lambda: png_of_zeros(AT_CAP, AT_CAP, "RGBA", interlaced=True),
    "webp-rgba-10900.webp": lambda: pillow_file(zeros_rgba(10_900), "WEBP", lossless=True),
    "webp-rgba-at-cap.webp": lambda: pillow_file(zeros_rgba(WEBP_AT_CAP), "WEBP", lossless=True),
    "jpeg-60000-truncated.jpg": lambda: flat_jpeg(60_000, 60_000, keep=4096),
    "jpeg-60000-flat.jpg": lambda: flat_jpeg(60_000, 60_000),
    "jpeg-45000-flat.jpg": lambda: flat_jpeg(45_000, 45_000),
    "jpeg-30000-progressive.jpg": lambda: flat_jpeg(30_000, 30_000, progressive=True),
    "jpeg-progressive-at-cap.jpg": lambda: flat_jpeg(
        PROGRESSIVE_AT_CAP, PROGRESSIVE_AT_CAP, components=3, progressive=True
    ),
    "jpeg-scans-at-cap.jpg": lambda: flat_jpeg(
        PROGRESSIVE_AT_CAP, PROGRESSIVE_AT_CAP, components=3, separate_scans=True
    ),
}
FRAME_INPUTS = ("photo-2048.jpg", "png-rgba-2000-framecap.png", "jpeg-30000-progressive.jpg")


def _status_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak since exec) of this process. Not ru_maxrss: on Linux that
    carries the parent's peak across fork and exec, and the parent made the inputs."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024 / 1e6
    raise LookupError(field)


def _record_decodes(decoded: list[tuple[int, int]]) -> None:
    """Note the size of every bitmap Pillow decodes from a file (after JPEG draft scaling)."""
    from PIL import ImageFile

    load = ImageFile.ImageFile.load

    def recording(self):
        if self.tile:
            decoded.append(self.size)
        return load(self)

    ImageFile.ImageFile.load = recording


def child(path: str, file: Path, max_memory_mb: int) -> dict:
    """In a fresh process: the service's models loaded, then one call with the file's bytes."""
    import importlib

    cap = max_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    service = "photocard" if path == "photocard" else "thumbnail"
    importlib.import_module(f"services.{service}.engines.preload")
    from services.photocard.domain import PhotoCardRequest
    from services.photocard.engines.local import create_card
    from services.thumbnail.domain import CandidateFrame, ThumbnailRequest
    from services.thumbnail.engines.local import review_thumbnail
    from tubelens.errors import TubeLensError

    data = file.read_bytes()
    if path == "photocard":
        call, request = create_card, PhotoCardRequest(photo=data)
    elif path == "thumbnail":
        call, request = review_thumbnail, ThumbnailRequest(image=data)
    else:
        frames = tuple(CandidateFrame(float(i), data) for i in range(CANDIDATE_FRAMES))
        request = ThumbnailRequest(image=THUMBNAIL.read_bytes(), candidate_frames=frames)
        call = review_thumbnail
    decoded: list[tuple[int, int]] = []
    _record_decodes(decoded)
    result = {"before": _status_mb("VmRSS")}
    started = time.perf_counter()
    try:
        call(request)
        result["outcome"] = "ok"
    except TubeLensError as error:
        result["outcome"] = f"{error.reason}: {error.message}"
    except MemoryError:
        result["outcome"] = f"MemoryError at {max_memory_mb} MB of address space"
    result["seconds"] = time.perf_counter() - started
    result["peak"] = _status_mb("VmHWM")
    if decoded:
        result["decoded"] = max(decoded, key=lambda size: size[0] * size[1])
    return result


def header(file: Path) -> tuple[str, str]:
    """(format, declared WxH) from the file's header, without decoding it."""
    import warnings

    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None  # this process only reads headers
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Image.open(file) as image:
            return image.format, f"{image.size[0]}x{image.size[1]}"


def make_inputs(work: Path, names: list[str]) -> None:
    work.mkdir(parents=True, exist_ok=True)
    for name in names:
        target = work / name
        if not target.exists():
            started = time.perf_counter()
            target.write_bytes(INPUTS[name]())
            print(f"made {name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--path", choices=PATHS, action="append", help="default: all three")
    parser.add_argument("--only", default="", help="inputs whose name contains this")
    parser.add_argument("--work", type=Path, default=Path("/tmp/tubelens-bench-images"))
    parser.add_argument("--max-memory-mb", type=int, default=4_000, help="RLIMIT_AS per child")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per child")
    parser.add_argument("--child", nargs=2, metavar=("PATH", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]), args.max_memory_mb)))
        return
    names = [name for name in INPUTS if args.only in name]
    make_inputs(args.work, names)
    print(f"address space cap {args.max_memory_mb} MB per run; MB are 10^6 bytes")
    print(
        f"{'path':<9} {'input':<27} {'format':<6} {'declared':>11} {'file MB':>7} "
        f"{'decoded':>11} {'seconds':>7} {'before':>6} {'peak':>6} {'growth':>6}  outcome"
    )
    for path in args.path or PATHS:
        for name in names:
            if path == "frames" and name not in FRAME_INPUTS:
                continue
            run_one(path, args.work / name, args)


def run_one(path: str, file: Path, args: argparse.Namespace) -> None:
    fmt, declared = header(file)
    lead = (
        f"{path:<9} {file.name[:27]:<27} {fmt:<6} {declared:>11} {file.stat().st_size / 1e6:>7.2f} "
    )
    command = [sys.executable, __file__, "--child", path, str(file)]
    command += ["--max-memory-mb", str(args.max_memory_mb)]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        print(f"{lead}timed out after {args.timeout:.0f} s", flush=True)
        return
    if run.returncode != 0:
        last = (run.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"{lead}failed (exit {run.returncode}): {last[:90]}", flush=True)
        return
    got = json.loads(run.stdout.strip().splitlines()[-1])
    decoded = "x".join(map(str, got["decoded"])) if "decoded" in got else "-"
    print(
        f"{lead}{decoded:>11} {got['seconds']:>7.2f} {got['before']:>6.0f} {got['peak']:>6.0f} "
        f"{max(got['peak'] - got['before'], 0):>6.0f}  {got['outcome'][:110]}",
        flush=True,
    )


if __name__ == "__main__":
    main()
