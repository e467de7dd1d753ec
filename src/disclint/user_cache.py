"""A per-user cache directory that no other local user can write to.

Anything disclint loads back from a cache (Lark's pickled LALR tables, check results) must come
from a directory only the current user controls: a file planted by someone else in a shared
temporary directory would otherwise be unpickled and run as whoever runs disclint next.

The directory is ``$DISCLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/disclint``, else
``~/.cache/disclint``. It is created with mode 0700; it is used only when it is ours, and it and every directory
above it is owned by the current user or root and is not writable by group or others (a sticky
directory such as /tmp is accepted above it, since nobody else can rename entries there). When
that cannot be established, ``secure_cache_dir()`` returns ``None`` and callers run without a
cache.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def _candidate() -> Path | None:
    explicit = os.environ.get("DISCLINT_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "disclint"
    try:
        home = Path.home()
    except (RuntimeError, KeyError):
        return None
    return home / ".cache" / "disclint"


def _trusted_owner(st: os.stat_result) -> bool:
    return st.st_uid in (os.geteuid(), 0)


def _safe_ancestor(path: Path) -> bool:
    """Nobody but us (or root) can replace entries of ``path``."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode) or not _trusted_owner(st):
        return False
    others_write = st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return not others_write or bool(st.st_mode & stat.S_ISVTX)


def is_private_dir(path: Path) -> bool:
    """``path`` is a real directory (not a link) owned by us, writable by nobody else, under safe parents."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid():
        return False
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return all(_safe_ancestor(parent) for parent in path.resolve().parents)


def is_private_file(path: Path) -> bool:
    """``path`` is a regular file (not a link) owned by us and writable by nobody else."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return (
        stat.S_ISREG(st.st_mode)
        and st.st_uid == os.geteuid()
        and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def secure_cache_dir(sub: str = "") -> Path | None:
    """The private cache directory (``sub`` inside it), created if needed; ``None`` if unsafe."""
    base = _candidate()
    if base is None:
        return None
    path = base / sub if sub else base
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if base != path:
            # an existing base made by someone else is never trusted, even if sub is ours
            if not is_private_dir(base):
                return None
    except OSError:
        return None
    return path if is_private_dir(path) else None
