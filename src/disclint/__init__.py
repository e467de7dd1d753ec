"""disclint: a compliance linter for 政府信息公开工作年度报告.

The public Python API (docs/api.md): :func:`check` (files and folders → :class:`Result`) and
:func:`parse` (one file → its AST, :class:`~disclint.nodes.Report`). They are loaded on first use,
so ``import disclint`` stays cheap for plugins that only need :data:`hookimpl`.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from .hookspecs import hookimpl

if TYPE_CHECKING:
    from .api import Result, check

try:
    __version__ = version("disclint")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

_API = ("Result", "check")


def __getattr__(name: str) -> Any:
    if name in _API:
        from . import api

        return getattr(api, name)
    if name == "parse":  # the module disclint.parse is callable: disclint.parse(path) -> Report
        import importlib

        return importlib.import_module(".parse", __name__)
    raise AttributeError(f"module 'disclint' has no attribute {name!r}")


__all__ = ["Result", "__version__", "check", "hookimpl", "parse"]
