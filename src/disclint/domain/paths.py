"""How a file's path is shown and matched: relative to a base folder (normally the working
directory) with forward slashes."""

from __future__ import annotations

import os
from pathlib import Path


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
