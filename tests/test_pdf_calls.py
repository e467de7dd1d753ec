"""The PDF reader's shortcuts give what the plain way gives: page codes read in one call
(``FPDFText_GetText``) against one ``FPDFText_GetUnicode`` per character, and the layout's C-level
sorts and sides against the loops they replace."""

from __future__ import annotations

import ctypes
import math
import pickle
import struct
from dataclasses import FrozenInstanceError
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclint.readers.base import NativeLocation
from disclint.readers.grid import GridCell
from disclint.readers.pdf import (
    TextBox,
    _box_conf,
    _calls,
    _cell,
    _chars,
    _codes,
    _finite,
    _location,
    _page_drawing,
    _pointer,
    _RawPage,
    _top_down,
    _TopLeft,
    layout_page,
)
from disclint.readers.pdf_grid import Edge, _grid, _same_width, carried, part_grids, table_parts

HONGZE = Path(__file__).parent / "data" / "corpus" / "real" / "hongze2024.pdf"


class _Page:
    """A text page as ``_codes`` asks it: ``text`` is what FPDFText_GetText writes (UTF-16 units,
    its own count), ``codes`` what FPDFText_GetUnicode answers per character."""

    def __init__(self, text: list[int], codes: list[int]) -> None:
        self.text, self.codes = text, codes
        self.asked: list[int] = []

    def get_text(self, page: Any, start: int, count: int, out: Any) -> int:
        data = struct.pack(f"<{len(self.text) + 1}H", *self.text, 0)
        ctypes.memmove(out, data, len(data))
        return len(self.text) + 1

    def get_unicode(self, page: Any, index: int) -> int:
        self.asked.append(index)
        return self.codes[index]


def test_codes_are_read_in_one_call_and_an_unknown_code_on_its_own() -> None:
    page = _Page([0x4E00, 0xFFFE, 0x41], [0x4E00, 0x2, 0x41])  # a hyphen PDFium joined: 0xFFFE
    assert _codes(page, None, 3) == [0x4E00, 0x2, 0x41]  # type: ignore[arg-type]
    assert page.asked == [1]


def test_codes_are_asked_one_by_one_when_the_page_text_is_not_one_unit_per_character() -> None:
    left_out = _Page([0x4E00, 0x41], [0x4E00, 0x3, 0x41])  # a control character left out
    assert _codes(left_out, None, 3) == [0x4E00, 0x3, 0x41]  # type: ignore[arg-type]
    assert left_out.asked == [0, 1, 2]
    # a character outside the BMP is a surrogate pair in the page text: one unit more, and a
    # control character left out elsewhere would make the count right again
    pair = _Page([0xD840, 0xDC00, 0x41], [0x20000, 0x3, 0x41])
    assert _codes(pair, None, 3) == [0x20000, 0x3, 0x41]  # type: ignore[arg-type]
    assert pair.asked == [0, 1, 2]


def test_codes_of_a_real_pdf_are_those_of_one_call_per_character() -> None:
    pdf = pdfium.PdfDocument(HONGZE)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            count = raw.FPDFText_CountChars(textpage.raw)
            want = [raw.FPDFText_GetUnicode(textpage.raw, k) for k in range(count)]
            assert _codes(_calls(raw), _pointer(textpage.raw), count) == want
            textpage.close()
            page.close()
    finally:
        pdf.close()


_VALUE = st.floats(allow_nan=True, allow_infinity=True, width=32) | st.sampled_from([0.0, 1.0, 10.0, 10.5])
_CHAR = st.builds(
    lambda text, x0, y0, x1, y1, cy, conf: TextBox(text, x0, y0, x1, y1, 10.0, (x0 + x1) / 2, cy, conf),
    st.sampled_from(["一", "a", " "]),
    _VALUE,
    _VALUE,
    _VALUE,
    _VALUE,
    _VALUE,
    st.sampled_from([1.0, 0.5, 0.9]) | _VALUE,
)


def _box_conf_loop(chars: list[TextBox]) -> tuple[tuple[float, ...], float]:
    """The one-pass loop ``_box_conf`` replaced."""
    first = chars[0]
    x0, y0, x1, y1 = first.x0, first.y0, first.x1, first.y1
    conf: float | None = None
    for c in chars:
        if c.x0 < x0:
            x0 = c.x0
        if c.y0 < y0:
            y0 = c.y0
        if c.x1 > x1:
            x1 = c.x1
        if c.y1 > y1:
            y1 = c.y1
        if c.text != " " and (conf is None or c.conf < conf):
            conf = c.conf
    return (x0, y0, x1, y1), 1.0 if conf is None else conf


@settings(max_examples=300, deadline=None)
@given(st.lists(_CHAR, min_size=1, max_size=12))
def test_box_and_confidence_are_those_of_the_loop(chars: list[TextBox]) -> None:
    assert repr(_box_conf(chars)) == repr(_box_conf_loop(chars))  # repr: NaN equals NaN


@settings(max_examples=300, deadline=None)
@given(st.lists(_CHAR, max_size=16), st.booleans())
def test_lines_are_sorted_as_by_the_negated_centre(chars: list[TextBox], dup: bool) -> None:
    """The reversed sort on the centre (taken when every centre is a number) keeps equal centres
    in their order as the sort on the negation does; with a NaN or infinite centre the
    negation's sort is taken. Each character is compared by identity (equal ones may differ)."""
    chars = chars + chars[:3] if dup else chars  # equal centres
    want = [id(c) for c in sorted(chars, key=lambda c: -c.cy)]
    finite = all(math.isfinite(c.cy) for c in chars)
    assert _finite(c.cy for c in chars) == finite
    assert [id(c) for c in _top_down(chars, finite)] == want


_COORD = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-2000, max_value=2000),
    st.sampled_from([0.0, -0.0, 0.05, -0.05, 0.15, 841.89, 123.45]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_COORD, _COORD, _COORD, _COORD), max_size=12), _COORD)
def test_page_boxes_are_those_rounded_one_by_one(boxes: list[tuple[float, ...]], height: float) -> None:
    top_left = _TopLeft(height)
    for x0, y0, x1, y1 in boxes + boxes:  # the second time from the page's memo
        got = top_left((x0, y0, x1, y1))
        want = (round(x0, 1), round(height - y1, 1), round(x1, 1), round(height - y0, 1))
        assert got == want
        assert [math.copysign(1, v) for v in got] == [math.copysign(1, v) for v in want]  # -0.0 kept


def test_locations_and_cells_are_those_of_their_constructors() -> None:
    box = (1.5, 2.0, 30.25, 14.0)
    for made, plain in [
        (_location(3, box), NativeLocation(page=3, bbox=box)),
        (_location(3, box, 7), NativeLocation(page=3, page_line=7, bbox=box)),
        (_location(1, None), NativeLocation(page=1)),
    ]:
        assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
        assert made.as_dict() == plain.as_dict() and list(made.as_dict()) == list(plain.as_dict())
        assert pickle.loads(pickle.dumps(made)) == plain
        with pytest.raises(FrozenInstanceError):
            made.page = 2  # type: ignore[misc]
    native = NativeLocation(page=2, bbox=box)
    for made_cell, plain_cell in [
        (_cell("12", 2, 3, False, native), GridCell("12", 2, 3, native=native)),
        (_cell("", 1, 1, True, None), GridCell(covered=True)),
    ]:
        assert made_cell == plain_cell and repr(made_cell) == repr(plain_cell)
        assert hash(made_cell) == hash(plain_cell)
        assert pickle.loads(pickle.dumps(made_cell)) == plain_cell


_BORDER = st.floats(min_value=0, max_value=600, allow_nan=False).map(lambda v: round(v * 4) / 4)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_BORDER, min_size=2, max_size=8, unique=True),
    st.lists(_BORDER, min_size=2, max_size=6, unique=True),
    st.lists(st.tuples(st.integers(0, 7), st.sampled_from([0.0, 0.0, 0.5, -1.0, 2.5, -0.0]))),
    st.integers(0, 5),
)
def test_a_carried_grid_is_the_grid_built_with_the_carried_columns(
    xs: list[float], ys: list[float], picks: list[tuple[int, float]], gap: int
) -> None:
    """``carried`` skips the second build when no carried border is new; its result is that of
    the build (a border shifted by a little or a lot, -0.0 for 0.0, and a row whose inner
    border is left out, so that cells merge)."""
    xs, ys = sorted(xs), sorted(ys)
    hs = [Edge(True, y, xs[0], xs[-1]) for y in ys]
    vs = [Edge(False, x, ys[0], ys[-1]) for x in (xs[0], xs[-1])]
    for k, x in enumerate(xs[1:-1]):  # inner borders, one of them cut short
        vs.append(Edge(False, x, ys[1] if k == gap and len(ys) > 2 else ys[0], ys[-1]))
    carry = (xs[0], *(xs[i % len(xs)] + shift for i, shift in picks), xs[-1])
    parts = table_parts(hs + vs)
    by_part = part_grids(parts)
    grids = [g for g in by_part if g is not None]
    first = by_part[0] if by_part else None
    got = carried(parts, grids, carry, first)
    if parts and first is not None and _same_width(first, carry):
        assert got == [_grid(*parts[0], carry) or first, *grids[1:]]
    else:
        assert got == grids


def test_a_raw_page_answers_as_pypdfium2s_page() -> None:
    """``_RawPage`` asks pypdfium2's own ``PdfPage`` methods with PDFium's page handle: the same
    height, rotation and crop box (a crop box of its own, none, a turned page)."""
    made = pdfium.PdfDocument.new()
    made.new_page(200, 300)
    turned = made.new_page(300, 200)
    turned.set_rotation(90)
    cropped = made.new_page(400, 500)
    cropped.set_cropbox(10, 20, 300, 400)
    for pdf in (pdfium.PdfDocument(HONGZE), made):
        for i in range(len(pdf)):
            page = pdf[i]
            handle = raw.FPDF_LoadPage(pdf.raw, i)
            try:
                mine = _RawPage(handle)
                assert mine.get_height() == page.get_height()
                assert mine.get_rotation() == page.get_rotation()
                assert mine.get_cropbox() == page.get_cropbox()
            finally:
                raw.FPDF_ClosePage(handle)
                page.close()
        pdf.close()


def test_the_layout_of_plain_character_tuples_is_that_of_text_boxes() -> None:
    """The text layer's characters are plain tuples (``_chars``), an OCR page's ``TextBox``
    values: the layout reads both by position and makes the same lines of them."""
    pdf = pdfium.PdfDocument(HONGZE)
    carry_plain: tuple[float, ...] = ()
    carry_boxes: tuple[float, ...] = ()
    lines: list[Any] = []
    try:
        for i in range(len(pdf)):
            page = _RawPage(raw.FPDF_LoadPage(pdf.raw, i))
            textpage = raw.FPDFText_LoadPage(page.raw)
            try:
                count = raw.FPDFText_CountChars(textpage)
                chars = _chars(textpage, raw, _codes(_calls(raw), _pointer(textpage), count))
                edges, _ = _page_drawing(page, raw)
                height = page.get_height()
            finally:
                raw.FPDFText_ClosePage(textpage)
                raw.FPDF_ClosePage(page.raw)
            assert chars and all(type(c) is tuple and len(c) == len(TextBox._fields) for c in chars)
            plain, carry_plain = layout_page(chars, edges, height, carry_plain)
            boxes, carry_boxes = layout_page([TextBox(*c) for c in chars], edges, height, carry_boxes)
            assert plain == boxes and carry_plain == carry_boxes
            lines += plain
    finally:
        pdf.close()
    assert (
        sum(line.cells is not None for line in lines) > 40 and sum(line.cells is None for line in lines) > 40
    )
