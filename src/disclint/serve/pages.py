"""Page images for the result page: the pages of a PDF (text or scanned) or of an image upload that
findings point at, with each finding's box drawn over its page.

A finding read from a page carries the page number and its box on the page (``Location.native``:
``page`` and ``bbox``, points from the page's top-left corner; the PDF reader and OCR set them).
The pages are rendered here from the uploaded bytes, in memory, with pypdfium2 (as the OCR reader
renders them) or from the image's own frames, and embedded in the result page as PNG data URIs:
nothing is written to disk or kept after the response. A box is placed over its image in percent
of the page's size, so it scales with the image.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..readers.engines import ENGINE_LOCK

RENDER_DPI = 96  # pixels per inch of the page images (A4: 794 × 1123 pixels)
MAX_PAGES = 40  # page images per file at most (the pages with the first findings)
MAX_SIDE = 2000  # pixels: a page declared huge (a poster, a hostile MediaBox) is rendered smaller
_COLOURS = 128  # a palette PNG: a page of print is a few tens of KB

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points from the top-left corner


@dataclass(frozen=True)
class BoxView:
    id: str  # the finding's id on the page
    left: float  # percent of the page's width / height
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class PageImage:
    number: int  # 1-based
    src: str  # data:image/png;base64,…
    width: float  # the page in points
    height: float
    boxes: tuple[BoxView, ...]


def _percent(fid: str, box: Box, width: float, height: float) -> BoxView:
    x0, top, x1, bottom = box
    return BoxView(
        fid, 100 * x0 / width, 100 * top / height, 100 * (x1 - x0) / width, 100 * (bottom - top) / height
    )


def _png(image: Any) -> str:
    from PIL import Image

    out = io.BytesIO()
    image.convert("RGB").quantize(colors=_COLOURS, method=Image.Quantize.FASTOCTREE).save(
        out, "PNG", optimize=True
    )
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def _pdf_pages(data: bytes, numbers: Sequence[int]) -> Iterator[tuple[int, Any, float, float]]:
    """(number, PIL image, width, height in points) of the wanted pages of a PDF."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from ..readers.pdf_space import PageSpace, reading_turn

    rendered = []
    with ENGINE_LOCK:  # PDFium is not thread-safe; the PNGs are made after it is released
        pdf = pdfium.PdfDocument(data)
        try:
            for n in numbers:
                if not 1 <= n <= len(pdf):
                    continue
                page = pdf[n - 1]
                try:
                    shown = page.get_rotation()
                    textpage = page.get_textpage()
                    try:
                        turn = reading_turn(textpage, raw, shown)
                    finally:
                        textpage.close()
                    # the page turned as the reader read it (pdf_space), so the boxes fit
                    width, height = PageSpace.of(turn, page.get_cropbox()).size
                    bitmap = page.render(
                        scale=min(RENDER_DPI / 72, MAX_SIDE / max(width, height, 1)),
                        rotation=(turn - shown) % 360,
                    )
                    try:
                        rendered.append((n, bitmap.to_pil().copy(), width, height))
                    finally:
                        bitmap.close()
                finally:
                    page.close()
        finally:
            pdf.close()
    yield from rendered


def _image_pages(data: bytes, numbers: Sequence[int]) -> Iterator[tuple[int, Any, float, float]]:
    """(number, PIL image, width, height in points) of the wanted frames of an image file, at the
    resolution the OCR reader took for it (its dpi, or the OCR default)."""
    from PIL import Image

    from ..readers.ocr import image_frames

    wanted = set(numbers)
    for n, (rgb, dpi) in enumerate(image_frames(data), start=1):
        if n > max(wanted):
            break
        if n in wanted:
            rows, cols = rgb.shape[:2]
            image = Image.fromarray(rgb)
            factor = min(RENDER_DPI / dpi, MAX_SIDE / max(rows, cols, 1))
            if factor < 1:
                image = image.resize((max(round(cols * factor), 1), max(round(rows * factor), 1)))
            yield n, image, cols * 72 / dpi, rows * 72 / dpi


def page_images(data: bytes, kind: str, boxes: Mapping[int, Sequence[tuple[str, Box]]]) -> list[PageImage]:
    """The pages in ``boxes`` (page number → (finding id, box)) of an upload of ``kind``
    (``pdf`` or ``image``; any other kind has no pages), at most :data:`MAX_PAGES`."""
    numbers = sorted(boxes)[:MAX_PAGES]
    if not numbers or kind not in ("pdf", "image"):
        return []
    pages = _pdf_pages(data, numbers) if kind == "pdf" else _image_pages(data, numbers)
    out = []
    for n, image, width, height in pages:
        views = tuple(_percent(fid, box, width, height) for fid, box in boxes[n])
        out.append(PageImage(n, _png(image), width, height, views))
    return out
