"""Where the shipped data lives: grammars and table templates (grammar/) and rule packs (rules/).

Both directories sit at the top of the repository and are installed as the packages
``disclint._grammar`` and ``disclint._packs`` (see pyproject.toml), so a non-editable
install finds them through importlib.resources.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parents[2]  # src/disclint/ -> repository root


def _data_dir(package: str, folder: str) -> Traversable:
    try:
        return files(package)
    except ModuleNotFoundError:
        # editable install / source checkout: setuptools' editable finder does not map
        # data-only packages, so read them where they live in the repository.
        return _SOURCE_ROOT / folder


def grammar_dir() -> Traversable:
    return _data_dir("disclint._grammar", "grammar")


def packs_dir() -> Traversable:
    return _data_dir("disclint._packs", "rules")


@cache
def grammar_text(name: str) -> str:
    """The text of ``grammar/<name>`` (e.g. ``report.lark`` or ``tables/applications.yaml``)."""
    node = grammar_dir()
    for part in name.split("/"):
        node = node / part
    return node.read_text(encoding="utf-8")
