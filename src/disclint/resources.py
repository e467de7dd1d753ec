"""Where the shipped data lives: grammars and table templates (grammar/) and rule packs (rules/).

Both directories sit at the top of the repository and are installed as the packages
``disclint._grammar`` and ``disclint._packs`` (see pyproject.toml), so a non-editable
install finds them through importlib.resources.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from importlib.util import find_spec
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parents[2]  # src/disclint/ -> repository root


def _data_dir(package: str, folder: str) -> Path:
    """The folder of an installed data package, as a real path. (``importlib.resources.files``
    gives a data-only package, which has no ``__init__.py``, as a ``MultiplexedPath``, whose
    ``str()`` is no path: the package's own search location is.)"""
    try:
        spec = find_spec(package)
    except ModuleNotFoundError:
        spec = None
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    if locations:
        return Path(locations[0])
    # editable install / source checkout: setuptools' editable finder does not map data-only
    # packages, so read them where they live in the repository.
    return _SOURCE_ROOT / folder


def grammar_dir() -> Path:
    return _data_dir("disclint._grammar", "grammar")


def packs_dir() -> Path:
    return _data_dir("disclint._packs", "rules")


@cache
def grammar_text(name: str) -> str:
    """The text of ``grammar/<name>`` (e.g. ``report.lark`` or ``tables/applications.yaml``)."""
    node = grammar_dir()
    for part in name.split("/"):
        node = node / part
    return node.read_text(encoding="utf-8")


def tree_fingerprint(*roots: Path) -> str:
    """A digest of every file's name, size and modification time under ``roots`` (missing roots
    are skipped): it changes when any file is edited, added or removed, without reading them."""
    digest = hashlib.sha256()
    for root in roots:
        for folder, dirs, names in os.walk(root):  # top-down: pruned and sorted in place
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(names):
                try:
                    st = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                rel = os.path.relpath(os.path.join(folder, name), root)
                digest.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@cache
def code_fingerprint() -> str:
    """The fingerprint of the running disclint's code and shipped data (grammars, packs): the
    result cache keys on it besides the version, so a development checkout whose code changed
    but whose version did not never reuses results made by the old code."""
    package = Path(__file__).resolve().parent
    data = [Path(str(grammar_dir())), Path(str(packs_dir()))]
    return tree_fingerprint(package, *data)
