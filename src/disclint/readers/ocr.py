"""OCR of page images into boxed characters and ruling lines, for the PDF layout path.

Optional extra ``disclint[ocr]``: RapidOCR (``rapidocr-onnxruntime``), whose wheel ships the
PP-OCRv4 Chinese detection and recognition models and runs them on the CPU with onnxruntime;
nothing is downloaded at run time.

A scanned page becomes a :class:`PageScan`: per page, the recognised characters with their boxes
and confidence, and the table ruling segments found in the image (:mod:`.raster`). That is the
same input the text-PDF reader takes from a page's text layer and drawn paths, and
:func:`disclint.readers.pdf.layout_scan` lays it out the same way: cells, merged labels, tables
across pages, prose lines in reading order.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from .engines import ENGINE_LOCK
from .lines import is_wide
from .pdf_grid import Edge, build_grids
from .raster import PreparedPage, prepare

DPI = 200  # pages are rendered at this resolution for OCR
INSTALL_HINT = 'pip install "disclint[ocr]"'
_GAP = 0.8  # a gap wider than this × the line height inside one recognised line is kept as a space
_RULE_MARKS = "|丨｜"  # what a remnant of a table rule is read as; report text has none
_MIN_CONFIDENCE = 0.5
_MARGIN = 4  # pixels kept clear of a cell's borders, and around its print when cropped
_MIN_INK = 12  # pixels of print that make a cell worth a second look  # recognised lines below this are noise (a smudge, a seal remnant)


@dataclass(frozen=True)
class Word:
    """One recognised character with its box in points (y up) and the recogniser's confidence."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float


@dataclass(frozen=True)
class PageScan:
    width: float  # points
    height: float
    words: tuple[Word, ...]
    edges: tuple[Edge, ...]
    skew: float  # degrees the image was turned back by


def available() -> bool:
    """Is the OCR extra installed?"""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except Exception:  # ImportError, or a broken native library
        return False
    return True


@cache
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    # pages are upright (skew is undone before): no direction classifier
    return RapidOCR(use_cls=False, print_verbose=False)


def _recognise(image: Any, **options: Any) -> Any:
    """The engine's result for ``image``; one thread at a time (``engines``)."""
    with ENGINE_LOCK:
        result, _ = _engine()(image, **options)
    return result


def scan_image(rgb: Any, dpi: float) -> PageScan:
    """OCR one page image (numpy uint8 RGB array) scanned at ``dpi``."""
    page = prepare(rgb, dpi)
    rows, cols = page.grey.shape[:2]
    height = rows * page.scale
    result = _recognise(page.grey, use_cls=False, return_word_box=True)
    words: list[Word] = []
    for item in result or ():
        words.extend(_line_words(item, page.scale, height, page.ink))
    words.extend(_missed_cells(page, words, height))
    return PageScan(cols * page.scale, height, tuple(words), page.edges, page.skew)


def _missed_cells(page: PreparedPage, words: list[Word], height: float) -> list[Word]:
    """Second look at table cells that hold print but where detection found nothing (a lone small
    digit is easily missed on a whole page): the print in the cell is recognised on its own."""
    out: list[Word] = []
    for grid in build_grids(list(page.edges)):
        taken: set[int] = set()
        for w in words:
            cell = grid.cell_at((w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2)
            if cell is not None:
                taken.add(grid.region_of[cell[0]][cell[1]])
        for region, (r, c) in enumerate(grid.origins):
            if region in taken:
                continue
            r1 = max(i for i in range(grid.rows) if grid.region_of[i][c] == region)
            c1 = max(j for j in range(grid.columns) if grid.region_of[r][j] == region)
            x0, x1 = int(grid.xs[c] / page.scale) + _MARGIN, int(grid.xs[c1 + 1] / page.scale) - _MARGIN
            y0, y1 = (
                int((height - grid.ys[r]) / page.scale) + _MARGIN,
                int((height - grid.ys[r1 + 1]) / page.scale) - _MARGIN,
            )
            if x1 <= x0 or y1 <= y0:
                continue
            box = _print_box(page.ink[y0:y1, x0:x1])
            if box is None:
                continue
            left, top, right, bottom = box[0] + x0, box[1] + y0, box[2] + x0, box[3] + y0
            crop = page.grey[
                max(top - _MARGIN, 0) : bottom + _MARGIN, max(left - _MARGIN, 0) : right + _MARGIN
            ]
            result = _recognise(crop, use_det=False, use_cls=False)
            for text, score in result or ():
                if float(score) < _MIN_CONFIDENCE or not text:
                    continue
                pieces = [
                    (
                        ch,
                        left + (right - left) * k / len(text),
                        left + (right - left) * (k + 1) / len(text),
                        float(score),
                    )
                    for k, ch in enumerate(text)
                ]
                out.extend(_close_gaps(pieces, top, bottom, page.scale, height))
    return out


def _print_box(ink: Any) -> tuple[int, int, int, int] | None:
    """The box (left, top, right, bottom) of the line of print in a cell's ink mask: the biggest
    blob and what stands on the same line with it, so a speck of noise elsewhere in a tall cell
    does not stretch the crop (seed 002's scan lost two lone 0s that way); None when there is
    too little print."""
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 1:
        return None
    blobs = [tuple(int(v) for v in stats[i][:5]) for i in range(1, count)]
    _, top, _, height, _ = max(blobs, key=lambda b: b[4])
    line = [b for b in blobs if b[1] < top + 2 * height and b[1] + b[3] > top - height]
    if sum(b[4] for b in line) < _MIN_INK:
        return None
    return (
        min(b[0] for b in line),
        min(b[1] for b in line),
        max(b[0] + b[2] for b in line),
        max(b[1] + b[3] for b in line),
    )


def _line_words(item: list[Any], scale: float, height: float, ink: Any = None) -> list[Word]:
    """The characters of one recognised line: ``[quad, text, score, word boxes, words, scores]``.

    With ``ink`` (the page's print mask, :attr:`PreparedPage.ink`), a dot or tick read where the
    page has no print is dropped: scanner noise inside a line (``1月.1日``, ``2428.条``) is read
    as punctuation that would break a date or a number."""
    quad, text, score = item[0], item[1], float(item[2])
    if score < _MIN_CONFIDENCE or not str(text).strip():
        return []
    top = min(p[1] for p in quad)
    bottom = max(p[1] for p in quad)
    pieces: list[tuple[str, float, float, float]] = []  # (text, x0, x1, confidence) in pixels
    boxes = item[3] if len(item) > 5 else []
    contents = item[4] if len(item) > 5 else []
    scores = item[5] if len(item) > 5 else []
    if boxes and len(boxes) == len(contents):
        for k, (box, content) in enumerate(zip(boxes, contents, strict=True)):
            conf = float(scores[k]) if k < len(scores) else score
            chars = [c for c in content if c] if isinstance(content, list) else list(str(content))
            x0 = min(p[0] for p in box)
            x1 = max(p[0] for p in box)
            if ink is not None and _no_print(chars, box, ink):
                continue
            step = (x1 - x0) / max(len(chars), 1)
            pieces.extend((c, x0 + j * step, x0 + (j + 1) * step, conf) for j, c in enumerate(chars))
    else:  # no per-word boxes: share the line's width evenly
        x0 = min(p[0] for p in quad)
        x1 = max(p[0] for p in quad)
        step = (x1 - x0) / len(text)
        pieces = [(c, x0 + j * step, x0 + (j + 1) * step, score) for j, c in enumerate(text)]
    return _close_gaps(pieces, top, bottom, scale, height)


def _no_print(chars: list[str], box: Any, ink: Any) -> bool:
    """Is this piece only dust-like marks, in a box where the page has no print at all?"""
    if not chars or any(c not in _DUST + "," for c in chars):
        return False
    x0, x1 = int(min(p[0] for p in box)), int(max(p[0] for p in box)) + 1
    y0, y1 = int(min(p[1] for p in box)), int(max(p[1] for p in box)) + 1
    return not ink[max(y0, 0) : y1, max(x0, 0) : x1].any()


def _close_gaps(
    pieces: list[tuple[str, float, float, float]], top: float, bottom: float, scale: float, height: float
) -> list[Word]:
    """Widen each character's box to meet its neighbour, so the layout adds no space inside a
    recognised line, except where the gap is wide (then an explicit space is kept)."""
    line_height = bottom - top
    words: list[Word] = []
    pieces = _tidy(
        [p for p in sorted(pieces, key=lambda p: p[1]) if p[0].strip() and p[0] not in _RULE_MARKS]
    )
    for i, (text, x0, x1, conf) in enumerate(pieces):
        if text in _FULL_WIDTH and _next_to_cjk(pieces, i):
            text = _FULL_WIDTH[text]
        if i + 1 < len(pieces):
            gap = pieces[i + 1][1] - x1
            if 0 < gap <= _GAP * line_height:
                x1 = pieces[i + 1][1]
        y0, y1 = height - bottom * scale, height - top * scale
        words.append(Word(text, x0 * scale, y0, x1 * scale, y1, conf))
    return words


def _tidy(pieces: list[tuple[str, float, float, float]]) -> list[tuple[str, float, float, float]]:
    """Undo the recogniser's usual slips on a line: a dot of dust before or after it, an o or a D
    read for a 0 among digits or alone (a cell)."""
    while pieces and pieces[0][0] in _DUST:
        pieces = pieces[1:]
    while pieces and pieces[-1][0] in _DUST:
        pieces = pieces[:-1]
    text = "".join(p[0] for p in pieces)
    if len(text) == len(pieces) and (fixed := _address_slips(text)) != text:
        pieces = [(ch, p[1], p[2], p[3]) for ch, p in zip(fixed, pieces, strict=True)]
    numeric = any(p[0].isdigit() for p in pieces) or len(pieces) == 1  # a lone o in a cell is a 0
    if pieces and numeric and all(p[0] in _NUMBER_LIKE for p in pieces):
        pieces = [("0" if p[0] in _ZERO_LIKE else p[0], p[1], p[2], p[3]) for p in pieces]
    return pieces


# a host name in an e-mail address or URL; its last label (.com, .cn) is letters only, so a 0 or 1
# read there is an o or an l
_HOST = re.compile(r"(?:@|www\.|://)(?P<host>[A-Za-z0-9.-]+)")
_LETTER_OF = str.maketrans("01", "ol")
_MIDDLE_DOT = re.compile(r"(?<=[A-Za-z0-9])·(?=[A-Za-z0-9])")


def _address_slips(text: str) -> str:
    """``text`` with the recogniser's slips in e-mail addresses and URLs undone, character for
    character (the same length): a middle dot between ASCII letters or digits is a full stop
    (``www.xqq·gov.cn``), and the digits 0 and 1 in a top-level domain are the letters o and l
    (``163.c0m`` → ``163.com``)."""
    text = _MIDDLE_DOT.sub(".", text)

    def fix(m: re.Match[str]) -> str:
        host = m.group("host").rstrip(".-")
        cut = host.rfind(".") + 1
        tld = host[cut:]
        confusable = cut and tld.isascii() and tld.isalnum() and any(c.isalpha() for c in tld)
        if not confusable or not set(tld) & set("01") or set(tld) & set("23456789"):
            return m.group(0)
        start = m.start("host") - m.start() + cut
        whole = m.group(0)
        return whole[:start] + tld.translate(_LETTER_OF) + whole[start + len(tld) :]

    return _HOST.sub(fix, text)


_DUST = ".·'`"  # ASCII dots and ticks: Chinese text ends with 。, numbers do not start with a dot
_ZERO_LIKE = "oOD"  # what a 0 is misread as (seed 003's scan read two 0 cells as D)
_NUMBER_LIKE = set("0123456789.,%" + _ZERO_LIKE)
_FULL_WIDTH = {"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}


def _next_to_cjk(pieces: list[tuple[str, float, float, float]], i: int) -> bool:
    """Chinese text uses full-width punctuation; the recogniser often answers the ASCII form."""
    return any(0 <= j < len(pieces) and is_wide(pieces[j][0]) for j in (i - 1, i + 1))


# --------------------------------------------------------------------------- page images


def scan_pdf_page(page: Any) -> PageScan:
    """OCR a pypdfium2 page, rendered at :data:`DPI`."""
    import numpy as np

    bitmap = page.render(scale=DPI / 72.0)
    try:
        rgb = np.asarray(bitmap.to_pil().convert("RGB"))
    finally:
        bitmap.close()
    return scan_image(rgb, DPI)


def image_frames(data: bytes) -> Iterator[tuple[Any, float]]:
    """Each frame of an image file (multi-page TIFF: each page) as (RGB array, dpi)."""
    import numpy as np
    from PIL import Image, ImageSequence

    with Image.open(io.BytesIO(data)) as image:
        for frame in ImageSequence.Iterator(image):
            dpi = frame.info.get("dpi", (0, 0))[0] or image.info.get("dpi", (0, 0))[0]
            yield np.asarray(frame.convert("RGB")), float(dpi) if dpi and dpi >= 50 else float(DPI)
