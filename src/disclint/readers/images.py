"""Image files (PNG, JPEG, TIFF, multi-page TIFF): each frame is a scanned page, read by OCR."""

from __future__ import annotations

from .base import Document, ReadFailure
from .ocr import INSTALL_HINT, available, image_frames, scan_image
from .pdf import document_from_pages, layout_scan


def read_image_bytes(data: bytes, path: str, ocr: str = "auto") -> Document | ReadFailure:
    """Read page images by OCR through the PDF layout, or explain why not."""
    if ocr == "never":
        return _failure(
            path,
            f"{path} is an image; its text can only be read by OCR, which is off (--ocr never).",
            f"{path} 是图像文件，只能通过 OCR 识别文字，但已关闭 OCR（--ocr never）。",
        )
    if not available():
        return _failure(
            path,
            f"{path} is an image; install the OCR extra to read it: {INSTALL_HINT}.",
            f"{path} 是图像文件；安装 OCR 扩展后即可识别：{INSTALL_HINT}。",
        )
    try:
        frames = list(image_frames(data))
    except Exception as exc:  # PIL.UnidentifiedImageError, a truncated file, a decompression bomb
        return _failure(
            path,
            f"{path} is a damaged or unsupported image: {exc}.",
            f"{path} 是损坏或不支持的图像文件：{exc}。",
        )
    pages = []
    carry: tuple[float, ...] = ()
    for rgb, dpi in frames:
        page, carry = layout_scan(scan_image(rgb, dpi), carry)
        pages.append(page)
    if not any(p.chars for p in pages):
        return _failure(
            path, f"{path}: OCR recognised no text in the image.", f"{path}：OCR 未能从图像中识别出文字。"
        )
    return document_from_pages(pages, path, "image")


def _failure(path: str, reason: str, reason_zh: str) -> ReadFailure:
    return ReadFailure(path=path, kind="image", reason=reason, reason_zh=reason_zh)
