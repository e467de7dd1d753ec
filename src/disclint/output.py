"""Writing output: to standard output in any console encoding, and to files without losing any.

Standard output may be a console that cannot show every character (``PYTHONIOENCODING=gbk`` on
Chinese Windows cannot encode ``𠮷``). Nothing crashes: JSON-based formats escape what the
console cannot encode as ``\\uXXXX`` (still valid JSON with the same content), XML uses character
references, text uses backslash escapes.

``-o FILE`` never loses a user's file:

- ``-`` is standard output; a character device or FIFO (``/dev/null``, ``/dev/stdout``) is
  written directly, never replaced;
- an input of the run (a report, the baseline, the configuration) is never overwritten;
- anything else is written to a temporary file created exclusively (``mkstemp``: O_EXCL, mode
  0600, a random name, so a planted link is never followed) in the target's folder, then renamed
  over the target in one step; a missing folder is an error (exit 2), not a traceback.

Files are always UTF-8.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from .formats import JSON_FORMATS, XML_FORMATS
from .messages import Text, TextError
from .paths import shown

JSON_ESCAPE = "disclint-json-escape"


class OutputError(TextError):
    """An output that cannot be written (the CLI exits 2 with this message)."""


def cannot_write(target: str, exc: OSError, what: str = "") -> OutputError:
    """``FILE: cannot write: reason`` (``what`` names the file further, e.g. ``($GITHUB_STEP_SUMMARY)``)."""
    reason, name = exc.strerror or str(exc), shown(target) + (f" {what}" if what else "")
    return OutputError(Text(f"{name}：无法写入：{reason}", f"{name}: cannot write: {reason}"))


def _json_escape(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start : exc.end]:
        code = ord(ch)
        if code > 0xFFFF:  # a UTF-16 surrogate pair, as JSON spells astral characters
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), exc.end


codecs.register_error(JSON_ESCAPE, _json_escape)


def encode_for(text: str, fmt: str, encoding: str) -> bytes:
    """``text`` in ``encoding``; characters it cannot carry are escaped as ``fmt`` allows.
    (JSON escapes are only right because non-ASCII characters occur only inside JSON strings.)"""
    errors = (
        JSON_ESCAPE
        if fmt in JSON_FORMATS
        else "xmlcharrefreplace"
        if fmt in XML_FORMATS
        else "backslashreplace"
    )
    try:
        return text.encode(encoding, errors)
    except LookupError:  # an unknown encoding name: UTF-8 is the only sane fallback
        return text.encode("utf-8", "backslashreplace")


def _pieces(text: str | Iterable[str]) -> Iterable[str]:
    return (text,) if isinstance(text, str) else text


def write_stdout(text: str | Iterable[str], fmt: str, stream: IO[str] | None = None) -> None:
    """Write ``text`` (or its pieces, as they come) to ``stream`` (standard output)."""
    stream = stream or sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    buffer = getattr(stream, "buffer", None)
    stream.flush()
    for piece in _pieces(text):
        data = encode_for(piece, fmt, encoding)
        if buffer is None:
            stream.write(data.decode(encoding, "replace"))
        else:
            buffer.write(data)
    if buffer is None:
        stream.flush()
    else:
        buffer.flush()


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def write_output(text: str | Iterable[str], target: str, fmt: str, *, protected: Iterable[str] = ()) -> None:
    """Write ``text`` (rendered as ``fmt``; or its pieces, written as they come) to ``target``
    (``-`` = standard output)."""
    if target == "-":
        write_stdout(text, fmt)
        return
    for path in protected:
        if path != "-" and _same_file(target, path):
            raise OutputError(
                Text(
                    f"{shown(target)}：是本次运行的输入文件，拒绝覆盖",
                    f"{shown(target)}: is an input of this run; refusing to overwrite it",
                )
            )
    data = (piece.encode("utf-8", "backslashreplace") for piece in _pieces(text))
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise cannot_write(target, exc) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(Text(f"{shown(target)}：是文件夹", f"{shown(target)}: is a folder"))
    if (st is not None and not stat.S_ISREG(st.st_mode)) or _is_stream_alias(target):
        _write_stream(data, target)
        return
    folder = Path(target).parent
    if not folder.is_dir():
        raise OutputError(
            Text(
                f"{shown(target)}：无法写入：文件夹 {shown(str(folder))} 不存在",
                f"{shown(target)}: cannot write: the folder {shown(str(folder))} does not exist",
            )
        )
    _replace(data, target, folder, st)


def _is_stream_alias(target: str) -> bool:
    """``/dev/stdout``, ``/dev/fd/1``, ``/proc/self/fd/1``: names of an open stream (links under
    /dev or /proc), written in place even when the stream is a regular file, never replaced."""
    absolute = os.path.abspath(target)
    return absolute.startswith("/proc/") or (absolute.startswith("/dev/") and os.path.islink(target))


def _write_stream(data: Iterable[bytes], target: str) -> None:
    sys.stdout.flush()
    try:
        fd = os.open(target, os.O_WRONLY | os.O_APPEND)
    except OSError as exc:
        raise cannot_write(target, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.writelines(data)
    except OSError as exc:
        raise cannot_write(target, exc) from None


def _replace(data: Iterable[bytes], target: str, folder: Path, st: os.stat_result | None) -> None:
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{Path(target).name}.", suffix=".tmp")
    except OSError as exc:
        raise cannot_write(target, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.writelines(data)
            # an existing file keeps its permissions; a new one gets the usual 0666 & ~umask
            os.fchmod(fh.fileno(), stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise cannot_write(target, exc) from None
    except BaseException:  # the text is rendered as it is written: never leave a half file
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
