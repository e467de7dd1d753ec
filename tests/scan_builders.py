"""Scanned look-alikes of text PDFs, for the OCR tests and benchmark.

A text PDF is rasterized with pypdfium2 (default 180 dpi), each page gets mild noise and a slight
rotation (0.5–1°, alternating sign), and the last page a red seal drawn over its signature block (the
organ name and date at the end of the report); the pages are saved as an image-only PDF with
Pillow. Everything is seeded, so a fixture is the same on every run.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

SEAL_RED = (220, 30, 30)
_FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)


def page_images(pdf_path: Path, dpi: int = 180) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(pdf_path)
    try:
        return [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    finally:
        pdf.close()


def _seal_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default()


def draw_seal(image: Image.Image, centre: tuple[int, int], radius: int) -> None:
    """A red official seal: ring, star and an arc of characters, half-transparent over the text."""
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    x, y = centre
    red = (*SEAL_RED, 190)
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=red, width=max(4, radius // 18))
    star = [
        (
            x + radius * 0.28 * np.cos(np.pi / 2 + k * 4 * np.pi / 5),
            y - radius * 0.28 * np.sin(np.pi / 2 + k * 4 * np.pi / 5),
        )
        for k in range(5)
    ]
    draw.polygon(star, fill=red)
    font = _seal_font(max(12, radius // 5))
    text = "人民政府办公室专用章"
    for k, ch in enumerate(text):
        angle = np.pi * (1.15 - 1.3 * k / (len(text) - 1))
        cx = x + radius * 0.72 * np.cos(angle)
        cy = y - radius * 0.72 * np.sin(angle)
        draw.text((cx, cy), ch, fill=red, font=font, anchor="mm")
    # multiply, as ink on paper: black text under the seal stays black
    ink = np.asarray(overlay, dtype=np.float32) / 255
    paper = np.asarray(image.convert("RGB"), dtype=np.float32)
    merged = paper * (1 - ink[..., 3:4] * (1 - ink[..., :3]))
    image.paste(Image.fromarray(merged.clip(0, 255).astype(np.uint8)))


def _signature_centre(image: Image.Image) -> tuple[int, int]:
    """Centre of the last lines of text on the page (the organ name and the date)."""
    grey = np.asarray(image.convert("L"))
    rows = np.where((grey < 128).sum(axis=1) > 3)[0]
    cols = np.where((grey < 128).sum(axis=0) > 0)[0]
    bottom = int(rows[-1]) if len(rows) else image.height // 2
    # skip the page-number footer: the last ink band above a blank stretch
    bands = np.split(rows, np.where(np.diff(rows) > image.height // 40)[0] + 1) if len(rows) else []
    if len(bands) >= 2:
        bottom = int(bands[-2][-1])
    right = int(cols[-1]) if len(cols) else image.width * 3 // 4
    return (min(right - image.width // 8, image.width * 3 // 4), bottom - image.height // 60)


def scanned(image: Image.Image, rng: random.Random, angle: float, seal: bool) -> Image.Image:
    out = image.copy()
    if seal:
        draw_seal(out, _signature_centre(out), radius=out.width // 9)
    out = out.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    pixels = np.asarray(out, dtype=np.int16)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 10, pixels.shape[:2])[..., None]
    speckle = np.random.default_rng(rng.randrange(2**32)).random(pixels.shape[:2]) < 0.0005
    pixels = pixels + noise.astype(np.int16)
    pixels[speckle] = 0
    return Image.fromarray(pixels.clip(0, 255).astype(np.uint8))


def scan_pdf(source: Path, target: Path, dpi: int = 180, seed: int = 0) -> Path:
    """``source`` as an image-only PDF that looks scanned (noise, slight rotation, red seal)."""
    rng = random.Random(seed)
    pages = page_images(source, dpi)
    out: list[Image.Image] = []
    for i, page in enumerate(pages):
        angle = (0.5 + 0.5 * rng.random()) * (1 if i % 2 == 0 else -1)
        out.append(scanned(page, rng, angle, seal=i == len(pages) - 1))
    target.parent.mkdir(parents=True, exist_ok=True)
    out[0].save(target, "PDF", resolution=float(dpi), save_all=True, append_images=out[1:])
    return target
