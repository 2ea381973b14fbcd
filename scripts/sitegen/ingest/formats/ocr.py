"""Text of a scanned page by OCR: PDFium renders it, Debian's tesseract (chi_sim) reads it.

Opt-in (`ocr: true` in data/campaign.yml): recognised text may hold errors, so a document read
this way says so on its page. tesseract runs offline as a subprocess, one page at a time, with
a time limit; its TSV output gives each line's box, so pdf.py rejoins lines and paragraphs
with the same rules as a text layer.
"""
from __future__ import annotations

import csv
import functools
import io
import os
import shutil
import subprocess

from . import IngestError

LANGUAGE = "chi_sim"
# Rendered at 200 dpi, 16 pt and 10.5 pt text scanned at 150-300 dpi read at 0.985-0.992; at 300 dpi
# 0.965-0.990 and a third slower (tests/formats/test_formats_ocr.py measures it).
DPI = 200
TIMEOUT = 120  # seconds a page: longer is a stuck process
MAX_PAGES = 300  # about ten minutes of OCR: a longer scan is refused (split it), not read for hours
INSTALL = "make ocr-tools (apt-get install tesseract-ocr tesseract-ocr-chi-sim)"
# tesseract's boxes hug the ink, about 0.9 of a Chinese glyph's em; PDFium's loose boxes are the
# em. Grown to it, OCR lines meet the same indent and line-gap thresholds as a text layer's.
INK_TO_EM = 1 / 0.9


@functools.lru_cache(maxsize=1)
def available() -> bool:
    """tesseract is installed with the Chinese model."""
    if not shutil.which("tesseract"):
        return False
    try:
        done = subprocess.run(["tesseract", "--list-langs"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return LANGUAGE in done.stdout.decode("utf-8", "replace").split()


def _pgm(page) -> bytes:
    """The page as a grey-scale PGM image at DPI (a format tesseract reads from stdin, no Pillow)."""
    bitmap = page.render(scale=DPI / 72, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    pixels = bytes(bitmap.buffer)
    if stride != width:
        pixels = b"".join(pixels[y * stride:y * stride + width] for y in range(height))
    return b"P5\n%d %d\n255\n" % (width, height) + pixels


def _tesseract(image: bytes) -> str:
    # one thread: ingest already runs a process per core
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(DPI), "tsv"],
                              input=image, capture_output=True, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        raise IngestError(f"OCR of a page took longer than {TIMEOUT} s") from None
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no output"]
        raise IngestError(f"OCR failed: tesseract: {err[-1][:120]}")
    return done.stdout.decode("utf-8", "replace")


def page_lines(page) -> list[tuple[float, float, float, float, list[str]]]:
    """(left, top, right, bottom, words) of each text line tesseract finds on the page, in points."""
    lines: dict[tuple, list] = {}
    rows = csv.DictReader(io.StringIO(_tesseract(_pgm(page))), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in rows:
        word = (row.get("text") or "").strip()
        if row.get("level") != "5" or not word:
            continue
        left, top, width, height = (int(row[k]) / DPI * 72 for k in ("left", "top", "width", "height"))
        key = (row["block_num"], row["par_num"], row["line_num"])
        box = lines.setdefault(key, [left, top, left + width, top + height, []])
        box[0], box[1], box[2], box[3] = min(box[0], left), min(box[1], top), max(box[2], left + width), max(box[3], top + height)
        box[4].append(word)
    return [tuple(box) for box in lines.values()]
