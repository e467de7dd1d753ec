"""How paths are shown: relative to the project root, POSIX separators, safe for any terminal.

Every output format and every baseline names a file the same way, whatever directory disclint
runs from: relative to the **project root**, which is the git top level (found by walking up to
a ``.git`` entry, so no ``git`` binary is needed), else the directory of the configuration file,
else the working directory. GitHub code scanning, GitLab and reviewdog all want paths relative to
the repository (they ignore SARIF's ``uriBaseId``), so running from ``repo/reports/`` must still
say ``reports/2024/x.txt``.

File names are untrusted: :func:`shown` escapes control characters (a name holding an ANSI escape
sequence cannot recolour the terminal or forge a line) and bytes that are not valid in the file
system encoding (kept by Python as lone surrogates, which no UTF-8 writer accepts).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path


def git_root(start: Path) -> Path | None:
    """The nearest directory at or above ``start`` holding ``.git`` (a directory, or a file in a
    worktree or submodule), or None."""
    start = start.absolute()
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


def project_root(cwd: Path | None = None, config_root: Path | None = None) -> Path:
    """Git top level, else the configuration root, else the working directory."""
    cwd = (cwd or Path.cwd()).absolute()
    return git_root(cwd) or (config_root.absolute() if config_root is not None else cwd)


def relative(path: str, root: Path, cwd: Path | None = None) -> str:
    """``path`` (as given, relative to ``cwd``) relative to ``root`` with forward slashes; the
    absolute path when it lies outside ``root``. ``-`` and ``<…>`` pseudo-names are kept."""
    if path == "-" or (path.startswith("<") and path.endswith(">")):
        return path
    base = (cwd or Path.cwd()).absolute()
    if os.sep != "/":  # (Windows: pathlib's rules for drives and cases)
        absolute = Path(os.path.normpath(base / path))
        root_abs = Path(os.path.normpath(root.absolute()))
        for candidate, anchor in ((absolute, root_abs), (_resolved(absolute), _resolved(root_abs))):
            try:
                return candidate.relative_to(anchor).as_posix()
            except ValueError:
                continue
        return absolute.as_posix()
    absolute_text = os.path.normpath(os.path.join(base, path))
    root_text = os.path.normpath(root.absolute())
    # compare resolved forms too, so /tmp vs /private/tmp style links do not defeat the root
    for here, home in ((absolute_text, root_text), (_real_file(absolute_text), _real_dir(root_text))):
        inside = _under(here, home)
        if inside is not None:
            return inside
    return absolute_text


def _under(path: str, directory: str) -> str | None:
    """``path`` relative to ``directory`` (both normalised and absolute, POSIX), or None."""
    if path == directory:
        return "."
    prefix = directory if directory.endswith("/") else directory + "/"
    return path[len(prefix) :] if path.startswith(prefix) else None


@lru_cache(maxsize=1024)
def _real_dir(directory: str) -> str:
    """A directory's resolved path (kept: a batch's thousands of files share a few folders)."""
    return os.path.realpath(directory)


def _real_file(path: str) -> str:
    """A file's resolved path: its folder's, and the file itself only when it is a link."""
    if os.path.islink(path):
        return os.path.realpath(path)
    head, tail = os.path.split(path)
    return os.path.join(_real_dir(head), tail) if tail else _real_dir(head)


def relatives(paths: Iterable[str], root: Path, cwd: Path | None = None) -> dict[str, str]:
    """:func:`relative` of many paths (a batch of thousands), by plain string work where that is
    certain: a normalised path under ``root`` needs no link resolution."""
    base = os.path.normpath((cwd or Path.cwd()).absolute())
    root_abs = os.path.normpath(root.absolute())
    out: dict[str, str] = {}
    for path in paths:
        absolute = os.path.normpath(os.path.join(base, path))
        pseudo = path == "-" or (path.startswith("<") and path.endswith(">"))
        inside = _under(absolute, root_abs) if os.sep == "/" and not pseudo else None
        out[path] = inside if inside is not None else relative(path, root, cwd)
    return out


def relative_path(path: str | os.PathLike[str], base: str | os.PathLike[str]) -> str | None:
    """``path`` (relative paths taken from ``base``) relative to ``base``, with forward slashes;
    None when it lies outside ``base``. Only normalises the text (``..``), resolves no links."""
    absolute = Path(os.path.normpath(Path(os.path.abspath(base), path)))
    try:
        return absolute.relative_to(Path(os.path.normpath(os.path.abspath(base)))).as_posix()
    except ValueError:
        return None


def display_path(path: str | os.PathLike[str], base: str | os.PathLike[str]) -> str:
    """``path`` as shown to a user: relative to ``base`` when inside it, else absolute (forward slashes)."""
    relative = relative_path(path, base)
    if relative is not None:
        return relative
    return Path(os.path.normpath(Path(os.path.abspath(base), path))).as_posix()


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not valid in the file system encoding
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def shown(path: str) -> str:
    """``path`` with control characters and undecodable bytes escaped (``\\x1b``, ``\\xff``):
    printable in any terminal and encodable as UTF-8. Ordinary names, Chinese included, are
    unchanged, and so is a name already shown (``shown(shown(p)) == shown(p)``), so a renderer
    may apply it to paths the pipeline has already made safe."""
    if path.isprintable() and not _has_surrogates(path):
        return path
    out = []
    for ch in path:
        if _has_surrogates(ch) or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(_escape_char(ch))
        else:
            out.append(ch)
    return "".join(out)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None  # one scan in C (a batch shows every file's path)
