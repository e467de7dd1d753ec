"""`disclint serve`: a page image uploaded as PNG is read by OCR and shown with the findings' boxes."""

from __future__ import annotations

import base64
import io

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed")
pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is not installed")

from PIL import Image

from disclint.serve.checking import Packs, Upload, check
from disclint.serve.views import file_views

from corpus import REAL
from scan_builders import page_images

pytestmark = pytest.mark.ocr
DPI = 150


def test_png_upload_shows_the_page_with_the_ocr_boxes(tmp_path_factory: pytest.TempPathFactory) -> None:
    run = Packs(cwd=tmp_path_factory.mktemp("noconfig")).choose("")
    pdf = (REAL / "hongze2024.pdf").read_bytes()
    text = check([Upload("hongze2024.pdf", pdf)], run)  # the text layer: the boxes to expect
    first_page = page_images(REAL / "hongze2024.pdf", dpi=DPI)[0]
    png = io.BytesIO()
    first_page.save(png, "PNG", dpi=(DPI, DPI))
    scan = check([Upload("page1.png", png.getvalue())], run)
    (report,) = scan.reports
    assert report.source_kind == "image"

    def boxes(findings: list) -> dict[str, tuple[float, float, float, float]]:
        return {
            f.code: f.location.native.bbox
            for f in findings
            if f.code in ("FMT001", "CON001") and f.location.native is not None and f.location.native.bbox
        }

    expected, found = boxes(text.findings["zh"]), boxes(scan.findings["zh"])
    assert set(found) == set(expected) == {"FMT001", "CON001"}
    for code, box in found.items():  # the image is the page at 150 dpi: OCR boxes are in page points
        assert all(abs(a - b) < 4 for a, b in zip(box, expected[code], strict=True)), (
            code,
            box,
            expected[code],
        )

    (view,) = file_views(scan)
    (page,) = view.pages
    with Image.open(png) as saved:  # PNG keeps pixels per metre: 150 dpi reads back as 149.9994
        dpi = float(saved.info["dpi"][0])
    width, height = first_page.size[0] * 72 / dpi, first_page.size[1] * 72 / dpi
    assert (page.number, page.width, page.height) == (1, width, height)
    with Image.open(io.BytesIO(base64.b64decode(page.src.split(",", 1)[1]))) as im:
        assert im.size == (round(first_page.size[0] * 96 / dpi), round(first_page.size[1] * 96 / dpi))
    items = {i.id: i for _sev, group in view.groups for i in group}
    boxed = [f for f in scan.findings["zh"] if f.location.native is not None and f.location.native.bbox]
    assert len(page.boxes) == len(boxed)
    for b in page.boxes:
        item = items[b.id]
        assert item.page_image == "P1-1" and item.box is not None
        x0, top, x1, bottom = item.box
        assert (b.left, b.top, b.width, b.height) == (
            100 * x0 / width,
            100 * top / height,
            100 * (x1 - x0) / width,
            100 * (bottom - top) / height,
        )
