"""Pages turned by ``/Rotate``, print drawn turned, and crop boxes that do not start at 0,0
(``readers/pdf_space.py``): the reader reads each page upright, gives every box in the space of
the page turned upright, and ``disclint serve`` renders the page turned the same way."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest

from disclint.readers import read_path
from disclint.readers.base import Document
from disclint.serve.pages import page_images

from fixture_builders import applications_table, load_expected
from ruled_pdf import PAGE_H, PAGE_W, build_ruled_pdf

STEM = "001_c2bcf9dd95c89acf"
HEADING = "三、收到和处理政府信息公开申请情况"


def _read(path: Path) -> Document:
    doc = read_path(path)
    assert isinstance(doc, Document), doc
    return doc


def _boxes(doc: Document) -> list[tuple[str, int | None, tuple[float, ...] | None]]:
    return [
        (ln.text, ln.native.page if ln.native else None, ln.native.bbox if ln.native else None)
        for ln in doc.lines
    ]


def _close(
    a: tuple[float, ...] | None, b: tuple[float, ...] | None, shift: tuple[float, float] = (0, 0)
) -> bool:
    if a is None or b is None:
        return a is b
    dx, dy = shift
    return all(
        abs(x - y) <= 0.2 for x, y in zip(a, (b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy), strict=True)
    )


@pytest.fixture(scope="module")
def upright(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Document]:
    path = build_ruled_pdf(_table(), HEADING, tmp_path_factory.mktemp("upright") / "t.pdf", 12)
    return path, _read(path)


def _table():  # type: ignore[no-untyped-def]
    return applications_table(load_expected(STEM)["tables"]["applications"])


@pytest.mark.parametrize(
    ("drawn", "rotate"),
    [(90, 90), (270, 270), (180, 180), (0, 90), (90, 0), (270, 0)],
    ids=[
        "landscape-rotate90",
        "rotate270",
        "rotate180",
        "upright-print-rotate90",
        "print-turned",
        "print-turned-cw",
    ],
)
def test_a_turned_page_reads_as_the_upright_page_with_the_same_boxes(
    upright: tuple[Path, Document], drawn: int, rotate: int, tmp_path: Path
) -> None:
    _, want = upright
    got = _read(build_ruled_pdf(_table(), HEADING, tmp_path / "t.pdf", 12, drawn=drawn, rotate=rotate))
    assert [ln.text for ln in got.lines] == [ln.text for ln in want.lines]
    assert [g.texts() for g in got.grids] == [g.texts() for g in want.grids]
    for (text, page, box), (_, want_page, want_box) in zip(_boxes(got), _boxes(want), strict=True):
        assert page == want_page and _close(box, want_box), (text, box, want_box)


def test_a_crop_box_off_the_origin_moves_the_boxes_with_the_page(
    upright: tuple[Path, Document], tmp_path: Path
) -> None:
    import pypdfium2 as pdfium

    source, want = upright
    pdf = pdfium.PdfDocument(source.read_bytes())
    for i in range(len(pdf)):
        pdf[i].set_mediabox(-50, -30, PAGE_W - 50, PAGE_H - 30)  # the page shows 50 pt more at the left
    pdf.save(str(tmp_path / "t.pdf"))
    pdf.close()
    got = _read(tmp_path / "t.pdf")
    assert [ln.text for ln in got.lines] == [ln.text for ln in want.lines]
    for (text, _, box), (_, _, want_box) in zip(_boxes(got), _boxes(want), strict=True):
        assert _close(box, want_box, (50, -30)), (text, box, want_box)


def test_serve_renders_a_sideways_page_turned_like_its_boxes(
    upright: tuple[Path, Document], tmp_path: Path
) -> None:
    """A portrait page given /Rotate 90 is shown on its side; its image is turned back upright."""
    pytest.importorskip("PIL")
    path = build_ruled_pdf(_table(), HEADING, tmp_path / "t.pdf", 12, drawn=0, rotate=90)
    line = next(ln for ln in _read(path).lines if ln.native and ln.native.page == 1 and ln.native.bbox)
    assert line.native is not None and line.native.bbox is not None
    [image] = page_images(path.read_bytes(), "pdf", {1: [("f1", line.native.bbox)]})
    assert (image.width, image.height) == (PAGE_W, PAGE_H)
    from PIL import Image

    png = Image.open(io.BytesIO(base64.b64decode(image.src.split(",", 1)[1]))).convert("L")
    assert png.width < png.height  # upright portrait, not the landscape the viewer shows
    box = image.boxes[0]
    crop = png.crop(
        (
            int(box.left * png.width / 100),
            int(box.top * png.height / 100),
            int((box.left + box.width) * png.width / 100) + 1,
            int((box.top + box.height) * png.height / 100) + 1,
        )
    )
    assert crop.getextrema()[0] < 128  # print under the box
