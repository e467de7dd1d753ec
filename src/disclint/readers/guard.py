"""Checks readers make before and after parsing, so that a hostile file costs little: file size,
line length and text size, ZIP parts (zip bombs), PDF objects and Flate streams (Flate bombs,
endless damage), HTML nesting; and the "empty document" rule. The limits themselves are in
:mod:`disclint.limits`.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from bisect import bisect_left
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from .. import limits
from .base import Document, ReadFailure

_inflating: ModuleType
try:  # zlib-ng inflates twice as fast as the system's zlib (the PDF check inflates every stream)
    from zlib_ng import zlib_ng as _inflating
except ImportError:  # (a platform without its wheel: the same results, slower)
    _inflating = zlib
_INFLATE_ERRORS: tuple[type[Exception], ...] = (zlib.error, _inflating.error)


def read_limited(path: Path) -> bytes:
    """The file's bytes; :class:`~disclint.limits.LimitExceeded` when it is over ``file-size``
    (judged by its size on disk and again while reading, for files whose size is not known)."""
    maximum = limits.current()["file-size"]
    with path.open("rb") as handle:
        size = path.stat().st_size
        limits.check("file-size", size)
        # what the size says first, and on up to the limit only when there is more (a file that
        # grew, or one whose size is not known): a read of the whole limit at once asks the
        # system for a buffer that large (64 MiB: six times the time of reading a 240 KB PDF)
        data = handle.read(size + 1)
        if len(data) > size:
            data += handle.read(maximum + 1 - len(data))
    limits.check("file-size", len(data))
    return data


def guard_document(result: Document | ReadFailure) -> Document | ReadFailure:
    """A line over ``line-length``, or more text than ``text-size``, stops the document
    (LimitExceeded)."""
    if isinstance(result, ReadFailure):
        return result
    longest, where, total = 0, 0, 0
    for number, line in enumerate(result.lines, start=1):
        total += len(line.text)
        if len(line.text) > longest:
            longest, where = len(line.text), number
    limits.check("line-length", longest, f"line {where}", f"第 {where} 行")
    limits.check("text-size", total)
    return result


def empty_document(result: Document | ReadFailure) -> Document | ReadFailure:
    """A document with no text at all is one "empty document" failure, instead of a finding for
    every part the report lacks."""
    if isinstance(result, Document) and not any(line.text.strip() for line in result.lines):
        path = result.path
        return ReadFailure(
            path=path,
            kind=result.kind,
            reason=f"{path} is an empty document: it contains no text.",
            reason_zh=f"{path} 是空文档：不含任何文字。",
        )
    return result


def check_depth(root: Any) -> None:
    """LimitExceeded when an HTML tree (selectolax node) nests deeper than ``nesting-depth``;
    measured without recursion, so a page nested 100,000 deep is refused, not a RecursionError."""
    maximum = limits.current()["nesting-depth"]
    depth = {root.mem_id: 0}
    deepest = 0
    for node in root.traverse(include_text=False):
        parent = node.parent
        level = depth.get(parent.mem_id, 0) + 1 if parent is not None else 0
        depth[node.mem_id] = level
        if level > deepest:
            deepest = level
            if deepest > maximum:
                raise limits.LimitExceeded("nesting-depth", None, "HTML elements", "HTML 元素")


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*?(/?)>")
# elements that never nest (void) or whose end tag is optional: not counted by the pre-scan
_NOT_NESTING = frozenset(
    "area base br col embed hr img input link meta param source track wbr p li dt dd tr td th "
    "option optgroup thead tbody tfoot colgroup caption rb rt rp rtc html head body".split()
)
# the HTML parser itself takes time quadratic in nesting depth: markup nested deeper than this many
# times the limit is refused before it is parsed (the parsed tree is measured exactly afterwards)
PRESCAN_FACTOR = 10


def check_markup_depth(text: str) -> None:
    """LimitExceeded when HTML source nests far deeper than ``nesting-depth`` (an estimate from
    the tags alone, generous: only elements that must be closed are counted)."""
    maximum = limits.current()["nesting-depth"] * PRESCAN_FACTOR
    depth = deepest = 0
    for m in _TAG.finditer(text):
        closing, name, self_closing = m.groups()
        if self_closing or name.lower() in _NOT_NESTING:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > maximum:
                    break
    if deepest > maximum:  # the scan stopped there: the true depth is at least this
        raise limits.LimitExceeded("nesting-depth", None, "HTML tags", "HTML 标签")


def zip_parts(data: bytes) -> int:
    """An upper bound on the parts of the ZIP archive ``data`` (its central-directory headers),
    counted without listing them: listing a million parts takes gigabytes."""
    return data.count(b"PK\x01\x02")


def check_zip(data: bytes) -> None:
    """LimitExceeded when a part of the ZIP package ``data`` would inflate over ``part-size`` or
    at a ratio over ``compression-ratio`` (a zip bomb). The sizes are those the archive declares;
    :mod:`zipfile` never inflates a part beyond its declared size (and fails on a lie), so they
    bound what reading it costs. An unreadable archive is left to the reader to explain."""
    limits.check("zip-parts", zip_parts(data))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    total = 0
    for info in infos:
        limits.check_ratio(info.file_size, info.compress_size, info.filename)
        total += info.file_size
    limits.check("part-size", total, "all parts together", "全部内容合计")


# An object header is ``\d+\s+\d+\s+obj\b``; a stream starts at ``\bstream\r?\n``. Each is found
# by its keyword with ``bytes.find`` (a pattern that starts with a character class or ``\b`` is
# tried at every byte, 20 times slower; even a literal pattern costs several times a find), then
# the rest is checked: an object header's numbers read backwards from the keyword (they are digits
# and whitespace, so no other header overlaps them), a word boundary after ``obj`` and before
# ``stream``. None of the keywords overlaps itself, so a search goes on after the keyword found.
_OBJ_NUMBERS_REVERSED = re.compile(rb"\s+\d+\s+\d")  # "N G " before "obj", read backwards
_NOT_NUMBERS = re.compile(rb"[^\d\s]")
_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_CHUNK = 1024 * 1024
_INPUT = 64 * 1024


MAX_UNTERMINATED = 100
MAX_DEFLATE_RATIO = 1032  # the most a deflate stream expands (Adler: 258 bytes from 2 bits)
# a stream dictionary whose only filter is Flate (a chain of filters is always inflated)
_FLATE_ONLY = re.compile(rb"/Filter\s*(?:/FlateDecode|\[\s*/FlateDecode\s*\])(?![A-Za-z0-9#])")


class DamagedPdf(Exception):
    """A PDF too damaged to hand to PDFium; the message says how."""


def check_pdf(data: bytes) -> None:
    """LimitExceeded for a PDF with more objects than ``pdf-objects`` or a Flate stream that
    inflates over ``part-size`` or at a ratio over ``compression-ratio`` (a Flate bomb). Streams
    are inflated here in chunks that are counted and dropped, before PDFium would hold them."""
    objects = 0
    maximum = limits.current()["pdf-objects"]
    for _ in object_headers(data):
        objects += 1
        if objects > maximum:
            raise limits.LimitExceeded("pdf-objects", None)
    streams, ends = stream_keywords(data)  # the ends found once: no search per stream
    if len(streams) - len(ends) > MAX_UNTERMINATED:
        # PDFium repairs such a file in time quadratic in their number (110 s for 20,000)
        raise DamagedPdf(f"{len(streams) - len(ends):,} streams have no end (endstream); the file is damaged")
    view = memoryview(data)  # streams are inflated from views, never copied
    for keyword, start in streams:
        head = data[max(0, keyword - 2048) : keyword]
        dictionary = head[head.rfind(b"obj") + 1 :]
        if b"FlateDecode" not in dictionary:
            continue
        k = bisect_left(ends, start)
        end = ends[k] if k < len(ends) else len(data)
        if _FLATE_ONLY.search(dictionary) and not could_exceed(end - start):
            continue  # too short to inflate to anything a limit would refuse
        _inflated_size(view[start:end], keyword)


def _found(data: bytes, keyword: bytes) -> Iterator[int]:
    """Where ``keyword`` (a word that does not overlap itself) is found in ``data``, in order."""
    find, step = data.find, len(keyword)
    at = find(keyword)
    while at >= 0:
        yield at
        at = find(keyword, at + step)


def object_headers(data: bytes) -> Iterator[tuple[int, int]]:
    """Start and end of the ``obj`` keyword of each object header (``\\d+\\s+\\d+\\s+obj\\b``)
    in ``data``."""
    size = len(data)
    for at in _found(data, b"obj"):
        end = at + 3
        if (end == size or data[end] not in _WORD) and _object_numbers_before(data, at):
            yield at, end


def stream_starts(data: bytes) -> list[tuple[int, int]]:
    """Start and end of each ``\\bstream\\r?\\n`` in ``data`` (the end: the start of a stream's
    data)."""
    return stream_keywords(data)[0]


def stream_keywords(data: bytes) -> tuple[list[tuple[int, int]], list[int]]:
    """:func:`stream_starts`, and where each ``endstream`` starts, in one search: an ``endstream``
    is a ``stream`` after ``end``."""
    out: list[tuple[int, int]] = []
    ends: list[int] = []
    for at in _found(data, b"stream"):
        if at >= 3 and data[at - 3 : at] == b"end":
            ends.append(at - 3)
        if at and data[at - 1] in _WORD:
            continue
        after = data[at + 6 : at + 8]
        if after[:1] == b"\n":
            out.append((at, at + 7))
        elif after == b"\r\n":
            out.append((at, at + 8))
    return out, ends


def _object_numbers_before(data: bytes, end: int) -> bool:
    """Do ``data[:end]`` end in an object header's numbers (``\\d+\\s+\\d+\\s+``)? Read backwards
    from a window of the bytes before ``end``, widened while it holds nothing but digits and
    whitespace (the numbers may go on before it): linear in the run, never a copy of the file."""
    size = 64
    while True:
        start = max(0, end - size)
        window = data[start:end][::-1]
        if _OBJ_NUMBERS_REVERSED.match(window):
            return True
        if start == 0 or _NOT_NUMBERS.search(window):
            return False
        size *= 2


def could_exceed(compressed: int) -> bool:
    """Could ``compressed`` bytes of Flate data inflate to a size :func:`~disclint.limits.check_ratio`
    refuses? Deflate expands at most 1032:1 (a 258-byte match coded in two bits), so the data
    inflates to at most :data:`MAX_DEFLATE_RATIO` times its length (plus one match). Below
    ``RATIO_FLOOR`` no ratio is judged, and the part size is judged against that bound too."""
    bound = MAX_DEFLATE_RATIO * compressed + 258
    return bound >= limits.RATIO_FLOOR or bound > limits.current()["part-size"]


def _inflated_size(stream: memoryview, offset: int) -> None:
    """Inflate ``stream`` 64 KiB of input at a time, at most 1 MiB of output a step, counting.

    The zlib header (RFC 1950) is checked here and the deflate data after it inflated raw: the
    same output, without the Adler-32 checksum of every byte (a fifth of the cost). A stream
    whose checksum is wrong is now counted to its end (zlib refused its last step uncounted)."""
    where, where_zh = f"stream at byte {offset}", f"第 {offset} 字节处的数据流"
    if len(stream) < 2:
        return
    cmf, flg = stream[0], stream[1]
    if cmf & 0x0F != 8 or cmf >> 4 > 7 or (cmf * 256 + flg) % 31 or flg & 0x20:
        return  # not a zlib stream (or one that needs a preset dictionary): as zlib refuses it
    inflater = _inflating.decompressobj(-15)
    size = consumed = 0
    try:
        for first in range(0, len(stream), _INPUT):  # the same steps as with the header
            piece: bytes | memoryview = stream[first : first + _INPUT]
            consumed += len(piece)
            if not first:
                piece = piece[2:]  # the header, checked above
            while piece:
                size += len(inflater.decompress(piece, _CHUNK))
                piece = inflater.unconsumed_tail
                limits.check_ratio(size, consumed - len(piece), where, where_zh)
                if inflater.eof:
                    return
    except _INFLATE_ERRORS:
        return  # not Flate data after all, or damaged: PDFium decides what it makes of it
