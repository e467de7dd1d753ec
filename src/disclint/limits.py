"""Hard limits on what one input file may cost: the one place for every number.

disclint reads documents people upload; every stage runs in time and memory linear in the
input, and where a file could still make that cost unbounded (a zip bomb, a PDF whose streams
inflate to gigabytes, a ``gridSpan`` of 100 million columns, an HTML page nested 100,000 deep)
a limit stops it first. A file over a limit is not checked: it gets one PAR001 that names the
limit and how to raise it (``--limit KEY=N``, ``--max-file-size``, or ``limits:`` in the
configuration file). docs/limits.md documents each limit; ``LIMITS`` below is its source.

The limits of a run are set once per process (:func:`configure`, also in each ``--jobs`` worker)
and read where a reader needs them (:func:`current`), so readers keep their signatures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from .messages import Text, TextError

if TYPE_CHECKING:  # readers import this module: import theirs only when a failure is built
    from .readers.base import ReadFailure

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    key: str  # the name in ``--limit KEY=N`` and under ``limits:`` in the configuration
    default: int
    what: str  # what is measured, English (for messages and docs)
    what_zh: str
    unit: str  # "bytes", "characters", …

    def describe(self, value: int) -> str:
        return f"{value:,} {self.unit}"


LIMITS: tuple[Limit, ...] = (
    Limit("file-size", 64 * MiB, "the file's size", "文件大小", "bytes"),
    Limit(
        "part-size",
        256 * MiB,
        "the inflated size of one compressed part",
        "单个压缩部分解压后的大小",
        "bytes",
    ),
    Limit(
        "compression-ratio",
        200,
        "the compression ratio of one part (inflated / compressed)",
        "单个部分的压缩比（解压后/压缩前）",
        "times",
    ),
    Limit(
        "zip-parts", 10_000, "the number of parts of a DOCX (ZIP) package", "DOCX（ZIP）包的部件数", "parts"
    ),
    Limit("pdf-pages", 2_000, "the number of PDF pages", "PDF 页数", "pages"),
    Limit("pdf-objects", 1_000_000, "the number of PDF objects", "PDF 对象数", "objects"),
    Limit("table-rows", 20_000, "the number of rows of one table", "单个表格的行数", "rows"),
    Limit(
        "table-columns",
        5_000,
        "the number of columns of one table row (merged cells included)",
        "单个表格行的列数（含合并单元格）",
        "columns",
    ),
    Limit("line-length", 1_000_000, "the length of one line", "单行长度", "characters"),
    Limit(
        "text-size",
        2_000_000,
        "the length of the document's text (memory grows with it)",
        "文档文字总长度（内存占用随之增长）",
        "characters",
    ),
    Limit(
        "nesting-depth", 100, "the nesting depth of the document's elements", "文档元素的嵌套深度", "levels"
    ),
)
BY_KEY: Mapping[str, Limit] = MappingProxyType({limit.key: limit for limit in LIMITS})
# compression ratios are judged only on parts at least this large once inflated (a tiny part of
# repeated characters compresses very well and costs nothing)
RATIO_FLOOR = 1 * MiB


@dataclass(frozen=True)
class Limits:
    """The limits of a run: the defaults, with any value the configuration or a flag changed."""

    values: Mapping[str, int] = field(default_factory=lambda: {limit.key: limit.default for limit in LIMITS})
    sources: Mapping[str, str] = field(default_factory=dict)  # key -> where a non-default came from

    def __getitem__(self, key: str) -> int:
        return self.values[key]

    def with_values(self, values: Mapping[str, int], source: str) -> Limits:
        unknown = [k for k in values if k not in BY_KEY]
        if unknown:
            raise _unknown(unknown[0])
        for key, value in values.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise LimitError(
                    f"限制 {key!r} 必须是不小于 1 的整数，而不是 {value!r}",
                    f"limit {key!r} must be a whole number of at least 1, not {value!r}",
                )
        return Limits({**self.values, **values}, {**self.sources, **dict.fromkeys(values, source)})


DEFAULT = Limits()
_current: Limits = DEFAULT


def current() -> Limits:
    """The limits of this run (the defaults until :func:`configure` is called)."""
    return _current


def configure(limits: Limits) -> None:
    """Set the limits of this process (the CLI does it before parsing, in every worker too)."""
    global _current
    _current = limits


@contextmanager
def using(limits: Limits) -> Iterator[None]:
    previous = current()
    configure(limits)
    try:
        yield
    finally:
        configure(previous)


class LimitExceeded(Exception):
    """An input over one of the limits; readers raise it, :func:`failure` turns it into PAR001."""

    def __init__(self, key: str, actual: int | None, where: str = "", where_zh: str = ""):
        self.limit = BY_KEY[key]
        self.value = current()[key]
        self.actual = actual
        self.where = where
        self.where_zh = where_zh or where
        super().__init__(self.reason("<file>"))

    def _flag(self) -> str:
        key = self.limit.key
        return "--max-file-size SIZE" if key == "file-size" else f"--limit {key}=N"

    def _how(self) -> str:
        return f"`{self._flag()}` or `limits: {{{self.limit.key}: N}}` in disclint.yaml"

    def _how_zh(self) -> str:
        return f"`{self._flag()}` 或在 disclint.yaml 中写 `limits: {{{self.limit.key}: N}}`"

    def reason(self, path: str) -> str:
        actual = f" is {self.limit.describe(self.actual)}," if self.actual is not None else ""
        where = f" ({self.where})" if self.where else ""
        return (
            f"{path} is too large to check safely: {self.limit.what}{where}{actual} over the limit of "
            f"{self.limit.describe(self.value)} ({self.limit.key}); if the file is genuine, raise the "
            f"limit with {self._how()}."
        )

    def reason_zh(self, path: str) -> str:
        actual = f"为 {self.actual:,}，" if self.actual is not None else ""
        where = f"（{self.where_zh}）" if self.where_zh else ""
        return (
            f"{path} 超出安全检查的上限：{self.limit.what_zh}{where}{actual}超过上限 {self.value:,}"
            f"（{self.limit.key}）；如文件无误，可用 {self._how_zh()} 提高上限。"
        )

    def failure(self, path: str, kind: str) -> ReadFailure:
        from .readers.base import ReadFailure

        return ReadFailure(path=path, kind=kind, reason=self.reason(path), reason_zh=self.reason_zh(path))


def check(key: str, actual: int, where: str = "", where_zh: str = "") -> None:
    """Raise :class:`LimitExceeded` when ``actual`` is over the current limit ``key``."""
    if actual > current()[key]:
        raise LimitExceeded(key, actual, where, where_zh)


def check_ratio(inflated: int, compressed: int, where: str = "", where_zh: str = "") -> None:
    """Raise for a part whose inflated size is over ``part-size`` or, once it is larger than
    :data:`RATIO_FLOOR`, whose compression ratio is over ``compression-ratio`` (a zip bomb)."""
    check("part-size", inflated, where, where_zh)
    if inflated >= RATIO_FLOOR and inflated > current()["compression-ratio"] * max(compressed, 1):
        raise LimitExceeded("compression-ratio", inflated // max(compressed, 1), where, where_zh)


class LimitError(TextError, ValueError):
    """A limit value that cannot be used; ``str()`` is English, :attr:`words` both languages."""

    def __init__(self, zh: str, en: str):
        super().__init__(Text(zh, en))


def _unknown(key: str) -> LimitError:
    known = ", ".join(BY_KEY)
    return LimitError(f"未知的限制 {key!r}（可用：{known}）", f"unknown limit {key!r} (known: {known})")


_SIZE = re.compile(r"^\s*(\d+)\s*([kmgt]?)(?:i?b)?\s*$", re.IGNORECASE)
_FACTOR = {"": 1, "k": 1024, "m": MiB, "g": 1024 * MiB, "t": 1024 * 1024 * MiB}


def parse_size(text: str) -> int:
    """``64M``, ``64MiB``, ``1g``, ``65536`` → bytes; ValueError otherwise."""
    m = _SIZE.match(str(text))
    if not m or len(m.group(1)) > 18:
        raise LimitError(
            f"{text!r} 不是 64M、1G 或 1000000 这样的大小",
            f"{text!r} is not a size such as 64M, 1G or 1000000",
        )
    return int(m.group(1)) * _FACTOR[m.group(2).lower()]


def parse_value(key: str, value: object) -> int:
    """A limit's value from the configuration or a flag: a number, or a size for byte limits."""
    if key not in BY_KEY:
        raise _unknown(key)
    if isinstance(value, bool):
        raise LimitError(
            f"限制 {key!r} 必须是数字，而不是 {value!r}", f"limit {key!r} must be a number, not {value!r}"
        )
    if isinstance(value, int):
        number = value
    elif BY_KEY[key].unit == "bytes":
        number = parse_size(str(value))
    else:
        text = str(value).replace("_", "").replace(",", "").strip()
        if not text.isdigit() or len(text) > 18:
            raise LimitError(
                f"限制 {key!r} 必须是整数，而不是 {value!r}",
                f"limit {key!r} must be a whole number, not {value!r}",
            )
        number = int(text)
    if number < 1:
        raise LimitError(
            f"限制 {key!r} 至少为 1，而不是 {value!r}", f"limit {key!r} must be at least 1, not {value!r}"
        )
    return number
