"""OCR path: page preparation, recognised characters → the PDF layout, confidence, PAR001 without the extra.

The tests marked ``ocr`` run the recogniser on scanned look-alikes of the seeds and of the real
report (tests/scan_builders.py) and compare what comes back with the text version; the others
exercise the geometry and the plumbing with made-up recogniser output.
"""

from __future__ import annotations

import io
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw

from disclint.cli import main
from disclint.engine import RuleSettings, registry, run
from disclint.parse import parse_document
from disclint.readers import Document, ReadFailure, read_bytes, sniff
from disclint.readers import ocr as ocr_module
from disclint.readers.ocr import PageScan, Word, _line_words
from disclint.readers.pdf import document_from_pages, layout_scan
from disclint.readers.pdf_grid import Edge
from disclint.readers.raster import prepare

cv2 = pytest.importorskip("cv2", reason="the ocr extra is not installed")

# --------------------------------------------------------------------------- page preparation


def _table_page(angle: float = 0.0, seal: bool = False) -> Image.Image:
    """A 200-dpi A4-ish page with a 3×2 ruled table at known pixel positions and some text bars."""
    image = Image.new("RGB", (1600, 2200), "white")
    draw = ImageDraw.Draw(image)
    for y in (400, 500, 600, 700):
        draw.line((200, y, 1400, y), fill="black", width=3)
    for x in (200, 800, 1400):
        draw.line((x, 400, x, 700), fill="black", width=3)
    for k in range(12):  # text-like strokes: short, never a rule
        draw.rectangle((220 + k * 40, 200, 240 + k * 40, 230), fill="black")
    if seal:
        draw.ellipse((900, 900, 1300, 1300), outline=(220, 30, 30), width=14)
        draw.rectangle((1000, 1080, 1200, 1120), fill=(220, 30, 30))
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor="white") if angle else image


def test_ruling_lines_become_edges_in_points() -> None:
    page = prepare(np.asarray(_table_page()), 200)
    scale = 72 / 200
    height = 2200 * scale
    horizontal = sorted(round(e.at) for e in page.edges if e.horizontal)
    vertical = sorted(round(e.at) for e in page.edges if not e.horizontal)
    assert horizontal == [round(height - y * scale) for y in (700, 600, 500, 400)]
    assert vertical == [round(x * scale) for x in (200, 800, 1400)]
    assert page.skew == 0.0
    # the rules are erased from the image that is recognised
    assert page.grey[550, 800] == 255 and page.grey[400, 500] == 255


@pytest.mark.parametrize("angle", [0.7, -0.9])
def test_a_slight_rotation_is_undone(angle: float) -> None:
    page = prepare(np.asarray(_table_page(angle)), 200)
    assert page.skew == pytest.approx(-angle, abs=0.1)
    assert len([e for e in page.edges if e.horizontal]) == 4
    assert len([e for e in page.edges if not e.horizontal]) == 3


def test_dust_goes_thin_strokes_stay() -> None:
    image = _table_page()
    draw = ImageDraw.Draw(image)
    draw.point([(1000, 1500), (1203, 1707)], fill="black")  # scanner dust
    draw.line((1000, 1600, 1025, 1600), fill="black", width=1)  # the thin stroke of a 一
    page = prepare(np.asarray(image), 200)
    assert page.grey[1500, 1000] == 255 and page.grey[1707, 1203] == 255
    assert page.grey[1600, 1010] < 100
    assert not page.ink[1500, 1000] and page.ink[1600, 1010]


def test_red_seal_is_whitened_black_print_is_kept() -> None:
    page = prepare(np.asarray(_table_page(seal=True)), 200)
    assert page.grey[1100, 1100] == 255  # the red bar inside the seal
    assert page.grey[900:1300, 900:1300].min() >= 200  # nothing of the ring is left
    assert page.grey[215, 230] < 100  # a black text stroke


# --------------------------------------------------------------------------- recogniser output → characters


def test_recognised_line_becomes_characters_without_inner_spaces() -> None:
    # RapidOCR's answer for one line: quad, text, score, word boxes, words, word scores (pixels)
    item = [
        [[100, 100], [400, 100], [400, 140], [100, 140]],
        "收到(2)件|",
        0.9,
        [
            [[100, 100], [130, 100], [130, 140], [100, 140]],
            [[132, 100], [160, 100], [160, 140], [132, 140]],
            [[170, 100], [230, 100], [230, 140], [170, 140]],
            [[240, 100], [270, 100], [270, 140], [240, 140]],
            [[390, 100], [396, 100], [396, 140], [390, 140]],
        ],
        [["收"], ["到"], ["(", "2", ")"], ["件"], ["|"]],
        [0.99, 0.98, 0.42, 0.97, 0.5],
    ]
    words = _line_words(item, 0.5, 1000.0)
    assert "".join(w.text for w in words) == "收到（2）件"  # full-width next to Chinese, rule remnant gone
    assert [w.confidence for w in words] == [0.99, 0.98, 0.42, 0.42, 0.42, 0.97]
    assert all(a.x1 == b.x0 for a, b in pairwise(words))  # boxes meet: no space
    assert (words[0].x0, words[0].y0, words[0].y1) == (50.0, 930.0, 950.0)  # points, y up


def test_low_score_lines_are_dropped() -> None:
    item = [[[0, 0], [10, 0], [10, 10], [0, 10]], "印", 0.3]
    assert _line_words(item, 0.5, 100.0) == []


# --------------------------------------------------------------------------- layout, confidence, findings

_ROW_LABELS = ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量")


def _scan_with_table(low: str, total: str = "1") -> PageScan:
    """A page: a heading, then a ruled 2×8 table (label + 7 values) whose value cell ``low`` (0–6)
    is unsure; the first row is 1 0 0 0 0 0 ``total``."""
    xs = [50.0, 250.0, *[250.0 + 40 * k for k in range(1, 8)]]
    ys = [600.0, 570.0, 540.0]
    edges = [Edge(True, y, xs[0], xs[-1]) for y in ys] + [Edge(False, x, ys[-1], ys[0]) for x in xs]
    words: list[Word] = []

    def put(text: str, x: float, y: float, confidence: float = 0.99) -> None:
        for i, ch in enumerate(text):
            words.append(Word(ch, x + i * 10, y, x + (i + 1) * 10, y + 10, confidence))

    put("三、收到和处理政府信息公开申请情况", 50, 700)
    for r, label in enumerate(_ROW_LABELS):
        y = ys[r + 1] + 10
        put(label[:16], 52, y)
        for c in range(7):
            value = ("1" if c == 0 else total if c == 6 else "0") if r == 0 else "0"
            put(value, xs[c + 1] + 15, y, 0.41 if (r, c) == (0, int(low)) else 0.99)
    return PageScan(595.0, 842.0, tuple(words), tuple(edges), 0.0)


def _document(scan: PageScan) -> Document:
    page, _ = layout_scan(scan, ())
    return document_from_pages([page], "scan.pdf", "pdf")


def test_scanned_page_goes_through_the_table_layout_with_boxes_and_confidence() -> None:
    doc = _document(_scan_with_table("3"))
    rows = [line for line in doc.lines if line.cell_starts is not None]
    assert [r.text for r in rows] == [
        _ROW_LABELS[0] + "\t1\t0\t0\t0\t0\t0\t1",
        _ROW_LABELS[1] + "\t0\t0\t0\t0\t0\t0\t0",
    ]
    first = rows[0]
    assert first.confidence == (0.99, 0.99, 0.99, 0.99, 0.41, 0.99, 0.99, 0.99)
    column = first.text.index("\t0\t0\t0") + 2 + 4  # the fourth value cell
    assert first.confidence_at(column) == 0.41
    native = first.native_at(column)
    assert native is not None and (native.page, native.cell) == (1, 5)
    assert native.bbox == (370.0, 242.0, 410.0, 272.0)  # points from the top-left corner
    heading = doc.lines[0]
    assert heading.native is not None and heading.native.bbox == (50.0, 132.0, 220.0, 142.0)
    assert doc.notes == ("page(s) 1 read by OCR",)


def _findings(doc: Document, *codes: str, lang: str = "zh") -> list:
    report = parse_document(doc)
    rules = registry().rules
    settings = {code: RuleSettings(True, rules[code].severity, rules[code].defaults()) for code in codes}
    return run([report], settings, lang)


def test_low_confidence_value_is_an_info_finding_at_its_cell() -> None:
    doc = _document(_scan_with_table("3"))
    [finding] = _findings(doc, "PAR006")
    assert finding.severity.value == "info"
    assert finding.context == {
        "table": "applications",
        "row": "new_received",
        "column": "social_welfare_org",
        "raw": "0",
        "confidence": 0.41,
    }
    assert finding.message.startswith("请核对：识别置信度低（0.41）")
    assert finding.location.native is not None and finding.location.native.cell == 5
    [english] = _findings(doc, "PAR006", lang="en")
    assert english.message.startswith("check: low OCR confidence (0.41)")


def test_identity_finding_on_a_low_confidence_cell_says_so() -> None:
    doc = _document(_scan_with_table("6", total="7"))
    [finding] = _findings(doc, "ACC002")
    assert finding.context["ocr_confidence"] == 0.41
    assert finding.message.endswith("（请核对：识别置信度低 0.41）")
    [english] = _findings(doc, "ACC002", lang="en")
    assert english.message.endswith("(check: low OCR confidence 0.41)")
    sure = _document(_scan_with_table("0", total="7"))
    [plain] = _findings(sure, "ACC002")  # the defect is on the total cell, read with confidence
    assert "ocr_confidence" not in plain.context and "置信度" not in plain.message


def test_text_layer_values_never_give_par005() -> None:
    doc = _document(_scan_with_table("3"))
    plain = Document(
        doc.path, "pdf", tuple(type(line)(line.text, line.native, line.cell_starts) for line in doc.lines)
    )
    assert _findings(plain, "PAR006") == []


# --------------------------------------------------------------------------- without OCR


def _image_pdf() -> bytes:
    image = Image.new("RGB", (400, 560), "white")
    ImageDraw.Draw(image).rectangle((50, 50, 350, 80), fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=72.0)
    return buffer.getvalue()


def test_image_only_pdf_without_the_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_module, "available", lambda: False)
    result = read_bytes(_image_pdf(), "scan.pdf")
    assert isinstance(result, ReadFailure)
    assert 'pip install "disclint[ocr]"' in result.reason and "没有文本层" in result.reason_zh


def test_ocr_never_keeps_an_image_only_pdf_unread(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_image_pdf())
    result = CliRunner().invoke(main, ["check", str(path), "--ocr", "never", "--format", "json"])
    assert result.exit_code == 2, result.output  # a file that could not be read is a run error
    assert '"PAR001"' in result.output and "--ocr never" in result.output


def test_image_files_are_sniffed_by_content() -> None:
    for fmt in ("PNG", "JPEG", "TIFF"):
        buffer = io.BytesIO()
        Image.new("RGB", (20, 20), "white").save(buffer, fmt)
        assert sniff(buffer.getvalue()) == "image", fmt
    monkey = read_bytes(b"\x89PNG\r\n\x1a\nbroken", "x.png")
    assert isinstance(monkey, ReadFailure) and monkey.kind == "image"


def test_image_only_pdf_where_ocr_finds_nothing() -> None:
    result = read_bytes(_image_pdf(), "scan.pdf")
    assert isinstance(result, ReadFailure)
    if ocr_module.available():
        assert result.reason == "scan.pdf: no text layer, and OCR recognised no text in the page images."
    else:
        assert 'pip install "disclint[ocr]"' in result.reason


def _pieces(text: str) -> list:
    return [
        [[[10 * i, 0], [10 * i + 9, 0], [10 * i + 9, 20], [10 * i, 20]], [ch]] for i, ch in enumerate(text)
    ]


@pytest.mark.parametrize(
    ("read", "kept"),
    [
        (".0", "0"),
        ("1o", "10"),
        ("·现行有效件数", "现行有效件数"),
        ("结果.", "结果"),
        ("0.5", "0.5"),
        ("o", "0"),
        ("D", "0"),  # seed 003's scan: two 0 cells read as D
        ("1D", "10"),
        ("so", "so"),
        ("DO", "DO"),
        # e-mail addresses and URLs (seed 000's scan read 163.c0m, seed 001's www.xqq·gov.cn)
        ("邮箱xxq3958001@163.c0m。", "邮箱xxq3958001@163.com。"),
        ("www.xqq·gov.cn/", "www.xqq.gov.cn/"),
        ("http://a.g0v.c1", "http://a.g0v.cl"),
        ("a@b.10", "a@b.10"),  # no letter: not a top-level domain
        ("a@b.c0m2", "a@b.c0m2"),  # another digit: not a slip of 0 for o
        ("约翰·史密斯", "约翰·史密斯"),
    ],
)
def test_usual_recogniser_slips_are_undone(read: str, kept: str) -> None:
    boxes = _pieces(read)
    item = [[[0, 0], [10 * len(read), 0], [10 * len(read), 20], [0, 20]], read, 0.9]
    item += [[b[0] for b in boxes], [b[1] for b in boxes], [0.9] * len(read)]
    assert "".join(w.text for w in _line_words(item, 1.0, 100.0)) == kept


def test_a_dot_where_the_page_has_no_print_is_dropped() -> None:
    """hongze2024's scan: noise inside a line was read as 1月.1日 and 2428.条, which lost the
    statistics period (a false DAT003); a dot in a box with print is kept (2.其他)."""
    read = "1月.1日2.其"
    boxes = _pieces(read)
    item = [[[0, 0], [10 * len(read), 0], [10 * len(read), 20], [0, 20]], read, 0.9]
    item += [[b[0] for b in boxes], [b[1] for b in boxes], [0.9] * len(read)]
    ink = np.zeros((20, 10 * len(read)), dtype=np.uint8)
    for i in range(len(read)):
        if i != 2:  # every character but the first dot has print under it
            ink[8:12, 10 * i + 3 : 10 * i + 6] = 255
    assert "".join(w.text for w in _line_words(item, 1.0, 100.0, ink)) == "1月1日2.其"
    assert "".join(w.text for w in _line_words(item, 1.0, 100.0)) == read  # no mask: kept


def test_a_cells_print_box_leaves_out_a_speck_elsewhere_in_the_cell() -> None:
    """Seed 002's scan: a speck of noise 70 px below a lone 0 in a tall cell stretched the crop
    given to the recogniser, which then read nothing; the 0 was lost."""
    from disclint.readers.ocr import _print_box

    ink = np.zeros((200, 60), dtype=np.uint8)
    cv2.ellipse(ink, (30, 20), (5, 9), 0, 0, 360, 255, 2)  # a 0
    ink[95:98, 40:43] = 255  # a speck, too big for the dust filter
    left, top, right, bottom = _print_box(ink)
    assert (left, top) == (24, 10) and (right, bottom) == (37, 31)
    assert _print_box(ink[90:, :]) is None  # a speck alone is not print
