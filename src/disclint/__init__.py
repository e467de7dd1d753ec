"""disclint: a compliance linter for 政府信息公开工作年度报告."""

from importlib.metadata import PackageNotFoundError, version

from .hookspecs import hookimpl

try:
    __version__ = version("disclint")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = ["__version__", "hookimpl"]
