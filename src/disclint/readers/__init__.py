"""Readers: any supported file → :class:`~disclint.readers.base.Document`, or a ReadFailure.

The reader is chosen from the content (magic bytes), not from the file name: ``%PDF`` → PDF, a ZIP
archive holding ``word/document.xml`` → DOCX, an HTML tag in the first KB → HTML, a PNG, JPEG or
TIFF signature → page images read by OCR (:mod:`.ocr`, optional extra), anything else → text. The extension only decides how to explain a file that is none of these. Nothing here raises
on bad input: every problem comes back as a :class:`ReadFailure` with a sentence naming the file
and the reason.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .. import limits
from ..limits import LimitExceeded
from .base import Document, NativeLocation, ReadFailure, SourceLine
from .guard import guard_document, read_limited, zip_parts
from .text import decode_bytes, read_text_bytes

__all__ = [
    "Document",
    "NativeLocation",
    "ReadFailure",
    "SourceLine",
    "read_bytes",
    "read_path",
    "sniff",
]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF
_HTML_MARKERS = ("<html", "<!doctype html", "<body")
_BINARY_EXTENSIONS = {".pdf": "pdf", ".docx": "docx", ".doc": "docx"}


def sniff(data: bytes) -> str:
    """Kind of ``data`` by content: ``pdf``, ``docx``, ``zip``, ``ole``, ``html``, ``image`` or ``text``.

    ``zip`` is a readable ZIP archive without ``word/document.xml``; ``ole`` an OLE compound
    file (a legacy ``.doc`` or an encrypted Office document).
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(_ZIP_MAGICS):
        has_document = _zip_has(data, "word/document.xml")
        # an unreadable archive goes to the DOCX reader, which reports it as corrupt
        return "docx" if has_document is not False else "zip"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    if head.startswith(_IMAGE_MAGICS):
        return "image"
    if _looks_like_html(head):
        return "html"
    return "text"


def _zip_has(data: bytes, name: str) -> bool | None:
    """Whether the ZIP archive ``data`` holds ``name``; None when it cannot be opened (or has too
    many parts to list: the DOCX reader then refuses it with the zip-parts limit)."""
    if zip_parts(data) > limits.current()["zip-parts"]:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return name in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _looks_like_html(head: bytes) -> bool:
    decoded = decode_bytes(head) if head[:2] in (b"\xff\xfe", b"\xfe\xff") else None
    text = decoded.text if decoded is not None else head.decode("latin-1")
    lowered = text.lower()
    return any(marker in lowered for marker in _HTML_MARKERS)


def _failure(path: str, kind: str, reason: str, reason_zh: str) -> ReadFailure:
    return ReadFailure(path=path, kind=kind, reason=reason, reason_zh=reason_zh)


def _ole_failure(data: bytes, path: str) -> ReadFailure:
    # An encrypted OOXML file is an OLE compound file holding an "EncryptedPackage" stream.
    if "EncryptedPackage".encode("utf-16-le") in data:
        return _failure(
            path,
            "docx",
            f"{path} is password-protected (an encrypted Office document); remove the password and save it again.",
            f"{path} 受密码保护（加密的 Office 文档），请去除密码后重新保存。",
        )
    return _failure(
        path,
        "docx",
        f"{path} is a legacy binary Office file (.doc), which is not supported; save it as .docx.",
        f"{path} 是旧版二进制 Office 文件（.doc），不受支持，请另存为 .docx。",
    )


def read_bytes(data: bytes, path: str = "<bytes>", ocr: str = "auto") -> Document | ReadFailure:
    """Read a file's content. ``path`` is used for messages and to explain mismatched contents.

    ``ocr`` (``never``, ``auto``, ``always``) says when page images are read by OCR."""
    try:
        return guard_document(_dispatch(data, path, ocr))
    except LimitExceeded as exc:  # a document over one of the limits (limits.py): one PAR001
        return exc.failure(path, sniff(data) if data else "text")
    except Exception as exc:  # a reader bug must surface as PAR001, never as a traceback
        kind = sniff(data) if data else "text"
        return _failure(
            path,
            kind,
            f"{path} could not be read: {type(exc).__name__}: {exc}.",
            f"{path} 无法读取：{type(exc).__name__}: {exc}。",
        )


# formats disclint cannot read, by extension: what to do instead (English, Chinese)
_UNSUPPORTED = {
    ".doc": (
        "a legacy binary Word file (.doc), which is not supported; save it as .docx or PDF",
        "旧版二进制 Word 文件（.doc），不受支持，请另存为 .docx 或 PDF",
    ),
    ".wps": (
        "a WPS Office document (.wps), which is not supported; save it as .docx or PDF in WPS",
        "WPS 文字文档（.wps），不受支持，请在 WPS 中另存为 .docx 或 PDF",
    ),
    ".ofd": (
        "an OFD document (.ofd), which is not supported; export it to PDF",
        "OFD 版式文档（.ofd），不受支持，请导出为 PDF",
    ),
}


def _dispatch(data: bytes, path: str, ocr: str = "auto") -> Document | ReadFailure:
    kind = sniff(data)
    suffix = Path(path).suffix.lower()
    advice = _UNSUPPORTED.get(suffix)
    # content decides first: a renamed PDF/DOCX/HTML is read; an OLE .doc may be encrypted (below)
    if advice is not None and kind not in ("pdf", "docx", "html") and (kind, suffix) != ("ole", ".doc"):
        return _failure(path, "docx", f"{path} is {advice[0]}.", f"{path} 是{advice[1]}。")
    if kind == "pdf":
        from .pdf import read_pdf_bytes

        return read_pdf_bytes(data, path, ocr)
    if kind == "image":
        from .images import read_image_bytes

        return read_image_bytes(data, path, ocr)
    if kind == "docx":
        from .docx import read_docx_bytes

        return read_docx_bytes(data, path)
    if kind == "html":
        from .html import read_html_bytes

        return read_html_bytes(data, path)
    if kind == "ole":
        return _ole_failure(data, path)
    if kind == "zip":
        return _failure(
            path,
            "docx",
            f"{path} is a ZIP archive but not a Word document (no word/document.xml).",
            f"{path} 是 ZIP 压缩包而不是 Word 文档（缺少 word/document.xml）。",
        )
    expected = _BINARY_EXTENSIONS.get(Path(path).suffix.lower())
    result = read_text_bytes(data, path)
    if expected is not None and isinstance(result, ReadFailure):
        what = "PDF file (no %PDF header)" if expected == "pdf" else "Word document (not a ZIP package)"
        what_zh = "PDF 文件（缺少 %PDF 文件头）" if expected == "pdf" else "Word 文档（不是 ZIP 包）"
        return _failure(
            path,
            expected,
            f"{path} is not a valid {what} and not readable text either; the file may be corrupt.",
            f"{path} 不是有效的{what_zh}，也不是可读文本，文件可能已损坏。",
        )
    return result


def read_path(path: str | Path, ocr: str = "auto") -> Document | ReadFailure:
    """Read the file at ``path``; a missing file, a directory or a permission problem is a ReadFailure."""
    name = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            return _failure(name, "text", f"{name} is a directory, not a file.", f"{name} 是目录而不是文件。")
        if p.exists() and not p.is_file():  # a FIFO, socket or device could block or never end
            return _failure(
                name,
                "text",
                f"{name} is not a regular file (FIFO, socket or device); it was not opened.",
                f"{name} 不是普通文件（管道、套接字或设备），未打开。",
            )
        data = read_limited(p)
    except LimitExceeded as exc:
        return exc.failure(name, _BINARY_EXTENSIONS.get(p.suffix.lower(), "text"))
    except FileNotFoundError:
        return _failure(name, "text", f"{name} does not exist.", f"{name} 不存在。")
    except PermissionError:
        return _failure(
            name, "text", f"{name} cannot be opened: permission denied.", f"{name} 无法打开：权限不足。"
        )
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _failure(name, "text", f"{name} cannot be read: {reason}.", f"{name} 无法读取：{reason}。")
    return read_bytes(data, name, ocr)
