"""Inputs and measuring tools for bench/throughput.py: distinct bundles, tagged images, CPU time.

Every bundle is the en-sourdough sample with its own video id, comment ids and texts, first
transcript cue and thumbnail bytes (a JPEG comment segment: the same picture, other bytes), so
no cache keyed by content, path or id can answer one bundle from another's work.
"""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import psutil


def tag_jpeg(data: bytes, tag: str) -> bytes:
    """The same JPEG picture with a COM segment carrying `tag` right after SOI."""
    payload = tag.encode()
    return data[:2] + b"\xff\xfe" + struct.pack(">H", len(payload) + 2) + payload + data[2:]


def tag_png(data: bytes, tag: str) -> bytes:
    """The same PNG picture with a tEXt chunk carrying `tag` right after IHDR."""
    body = b"Comment\x00" + tag.encode()
    chunk = struct.pack(">I", len(body)) + b"tEXt" + body
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + body) & 0xFFFFFFFF)
    end_of_ihdr = 8 + 4 + 4 + 13 + 4  # signature, length, type, IHDR data, CRC
    return data[:end_of_ihdr] + chunk + data[end_of_ihdr:]


def make_bundles(sample: Path, out: Path, prefix: str, count: int) -> list[str]:
    """`count` distinct bundles named `prefix`NNNNN under `out`; returns their names."""
    meta = json.loads((sample / "video.json").read_text(encoding="utf-8"))
    rows = [
        json.loads(line)
        for line in (sample / "comments.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    transcript = (sample / "transcript.vtt").read_text(encoding="utf-8")
    head, sep, rest = transcript.partition("\n\n")  # WEBVTT header / first cue
    cue_time, _, cue_rest = rest.partition("\n")
    thumbnail = (sample / "thumbnail.jpg").read_bytes()
    names = []
    for n in range(count):
        name = f"{prefix}{n:05d}"
        tag = f"{prefix}{n}"
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        video_id = (name.replace("_", "") + "0" * 11)[:11]  # 11 characters, as YouTube's are
        (folder / "video.json").write_text(
            json.dumps(meta | {"video_id": video_id}), encoding="utf-8"
        )
        lines = []
        for row in rows:
            changed = row | {"id": f"{row['id']}-{tag}", "text": f"{row['text']} ({tag})"}
            if row.get("parent_id"):
                changed["parent_id"] = f"{row['parent_id']}-{tag}"
            lines.append(json.dumps(changed, ensure_ascii=False))
        (folder / "comments.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        cue = f"{cue_time}\n({tag}) {cue_rest}"
        (folder / "transcript.vtt").write_text(head + sep + cue, encoding="utf-8")
        (folder / "thumbnail.jpg").write_bytes(tag_jpeg(thumbnail, tag))
        names.append(name)
    return names


def cpu_seconds(pid: int, own_only: bool = False) -> float:
    """CPU time of a process and all its descendants, live ones and reaped ones (`own_only`:
    the process alone)."""
    try:
        root = psutil.Process(pid)
        times = root.cpu_times()
        if own_only:
            return times.user + times.system
        total = times.user + times.system + times.children_user + times.children_system
        for child in root.children(recursive=True):
            try:
                t = child.cpu_times()
                total += t.user + t.system + t.children_user + t.children_system
            except psutil.NoSuchProcess:
                pass  # exited between the listing and the read
    except psutil.NoSuchProcess:
        return 0.0
    return total


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of `values`; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * (len(ordered) - 1))))
    return ordered[rank]
