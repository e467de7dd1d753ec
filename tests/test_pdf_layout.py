"""The PDF page layout from plain geometry (text boxes + ruling segments), as OCR would feed it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from disclint.readers.pdf import TextBox, layout_page
from disclint.readers.pdf_grid import SNAP, Edge, _intervals


def box(text: str, x0: float, y0: float, size: float = 10.0) -> TextBox:
    x1, y1 = x0 + size * len(text), y0 + size
    return TextBox(text, x0, y0, x1, y1, size, (x0 + x1) / 2, (y0 + y1) / 2)


def ruled(xs: list[float], ys: list[float], skip_v: set[tuple[int, int]] = frozenset()) -> list[Edge]:
    """Borders of a table: all horizontals; verticals per row band except those in ``skip_v``
    (column border index, row index) — a missing piece merges the two cells it separated."""
    edges = [Edge(True, y, xs[0], xs[-1]) for y in ys]
    for r in range(len(ys) - 1):
        for c, x in enumerate(xs):
            if (c, r) not in skip_v:
                edges.append(Edge(False, x, ys[r + 1], ys[r]))
    return edges


def test_word_boxes_and_segments_make_grid_rows_with_blank_and_covered_cells() -> None:
    xs, ys = [0.0, 100.0, 150.0, 200.0], [300.0, 280.0, 260.0]
    edges = ruled(xs, ys, skip_v={(2, 0)})  # row 1: the 2nd and 3rd cells are one merged cell
    boxes = [
        box("报告正文", 0, 320),
        box("规章", 5, 285),
        box("3", 105, 285),
        box("行政许可", 5, 265),
        box("7", 105, 265),  # the third cell of row 2 is empty: a blank
    ]
    lines, carry = layout_page(boxes, edges, height=800)
    assert [line.text for line in lines] == ["报告正文", "规章\t3\t", "行政许可\t7\t"]
    assert lines[1].cells == ("规章", "3", None)
    assert lines[2].cells == ("行政许可", "7", "")
    assert carry == tuple(xs)  # the table runs to the bottom of the body: its columns carry over


def test_a_merged_cell_with_one_glyph_per_line_is_one_cell() -> None:
    xs, ys = [0.0, 30.0, 100.0], [300.0, 280.0, 260.0, 240.0]
    # the left column is one region over three rows: no horizontal border inside it
    edges = [Edge(True, ys[0], 0, 100), Edge(True, ys[-1], 0, 100)]
    edges += [Edge(True, y, 30, 100) for y in ys[1:-1]]
    edges += [Edge(False, x, 240, 300) for x in xs]
    boxes = [box("三", 10, 285), box("、", 10, 270), box("办", 10, 255), box("理", 10, 242)]
    boxes += [box("（一）", 35, 285), box("（二）", 35, 265), box("（三）", 35, 245)]
    lines, _ = layout_page(boxes, edges, height=800)
    assert [line.cells for line in lines] == [("三、办理", "（一）"), (None, "（二）"), (None, "（三）")]


_LEVEL = st.floats(allow_nan=True, allow_infinity=True, width=32) | st.sampled_from([0.0, 2.0, 4.0, 100.0])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(_LEVEL, _LEVEL, _LEVEL), max_size=12),
    st.lists(_LEVEL, min_size=2, max_size=8),
    st.booleans(),
)
def test_spans_per_level_are_those_of_a_scan_of_every_edge(
    ends: list[tuple[float, float, float]], values: list[float], descending: bool
) -> None:
    """``_intervals`` tries each edge only on the levels near it; it finds what trying every
    edge on every level finds, in the same order, for levels in either order and with NaN."""
    edges = [Edge(False, at, start, end) for at, start, end in ends]
    levels = sorted(values, reverse=descending)
    scan = [[(e.start - SNAP, e.end + SNAP) for e in edges if abs(e.at - at) <= SNAP] for at in levels]
    assert repr(_intervals(edges, levels)) == repr(scan)  # repr: NaN spans compare equal
