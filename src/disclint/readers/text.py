"""Plain text (``.txt``, ``.md``): bytes → decoded text → one :class:`SourceLine` per file line.

Decoding is tried in a fixed, cheap order: a byte-order mark (UTF-8, UTF-16 LE/BE), strict
UTF-8, strict GB18030 (a superset of GBK and GB2312), and only then charset-normalizer, which is
slow. Whatever decodes must also look like text (few NUL bytes or other control characters), so random
binary data is refused instead of being read as nonsense Chinese.

Line N of the file is SourceLine N: lines are split on ``\\r\\n``, lone ``\\r`` and ``\\n`` only
(not on form feeds or Unicode line separators, which editors and ``grep -n`` do not count).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .base import Document, ReadFailure, SourceLine

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# C0 controls other than TAB, LF, VT, FF, CR; DEL; C1 controls; a BOM or non-character inside the
# text: real text hardly ever has them, a wrong decoding of binary data is full of them.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_MAX_CONTROL_RATIO = 0.01


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _looks_like_text(text: str) -> bool:
    # a stray NUL counts like any other control character: one in a long report is not binary
    if not text:
        return True
    body = text[1:] if text[0] == "\ufeff" else text
    return len(_CONTROL.findall(body)) <= max(1, int(len(body) * _MAX_CONTROL_RATIO))


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _fallback(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    text = _strict(data, best.encoding)
    return None if text is None else Decoded(text, best.encoding)


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded | None:
    """Decode ``data`` as text, or return None when it is not text in any supported encoding.

    ``declared`` is an encoding named by the file itself (an HTML ``<meta charset>``); it is
    tried after UTF-8 and before GB18030.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], encoding.removesuffix("-sig"))
            if text is not None and _looks_like_text(text):
                return Decoded(text, encoding)
            return None  # a BOM that lies: do not guess further
    if b"\x00" in data and len(data) % 2 == 0:
        for encoding in _utf16_guess(data):
            text = _strict(data, encoding)
            if text is not None and _looks_like_text(text):
                return Decoded(text, encoding)
    candidates = ["utf-8"]
    if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        candidates.append(declared)
    candidates.append("gb18030")
    for encoding in candidates:
        text = _strict(data, encoding)
        if text is not None:
            if _looks_like_text(text):
                return Decoded(text, _canonical(encoding))
            return None  # decodes, but as binary: no other encoding will make it text
    found = _fallback(data)
    if found is not None and _looks_like_text(found.text):
        return found
    return None


def _utf16_guess(data: bytes) -> tuple[str, ...]:
    """UTF-16 without a BOM: ASCII characters leave NULs on the odd (LE) or even (BE) bytes."""
    sample = data[:4096]
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if odd > even * 4 and odd * 4 >= len(sample) // 2:
        return ("utf-16-le",)
    if even > odd * 4 and even * 4 >= len(sample) // 2:
        return ("utf-16-be",)
    return ()


def _canonical(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def split_lines(text: str) -> list[str]:
    """The file's lines: a final line break does not start another (empty) line."""
    if not text:
        return []
    parts = _LINE_BREAK.split(text)
    if parts and parts[-1] == "":
        parts.pop()
    return parts


def undecodable(path: str, kind: str = "text") -> ReadFailure:
    return ReadFailure(
        path=path,
        kind=kind,
        reason=f"{path} cannot be decoded as text (tried UTF-8, UTF-16, GB18030).",
        reason_zh=f"{path} 无法解码为文本（已尝试 UTF-8、UTF-16、GB18030）。",
    )


def read_text_bytes(data: bytes, path: str) -> Document | ReadFailure:
    """Read a plain-text file's bytes into a Document (line N of the file = SourceLine N)."""
    decoded = decode_bytes(data)
    if decoded is None:
        return undecodable(path)
    lines = tuple(SourceLine(text=line) for line in split_lines(decoded.text))
    return Document(path=path, kind="text", lines=lines, encoding=decoded.encoding)
