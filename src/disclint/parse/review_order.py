"""Table 四 whose header words an extractor wrote among its values: the words put before them.

Table 四 has one row of :data:`~.lexer.WIDTH` ``R_VALUES`` counts under a header of several rows
(行政复议 / 结果维持 … / 总计). ``pdftotext`` without ``-layout`` writes a cell per line in its own
reading order, and a header cell that sits low in its merged cell can come out after the first
values (``… 0 1 0`` ``总计`` ``3``, in the real WPS PDF). Read in that order the word ends the
row: 14 values and then 1, two rows "not in the template" (FMT005, PAR003 twice).

In the lines of section 四 (from its heading to the next), when the values lines hold exactly the
table's 15 counts together and every text line among them is a header word of table 四, those
words are moved in front of the first value: the values are one row again, in the order written.
Lines keep their own numbers; any other section 四 is left as it is.
"""

from __future__ import annotations

from .. import templates as tpl
from .lexer import WIDTH, heading
from .normalize import Line

COUNTS = WIDTH["R_VALUES"]  # the counts of table 四's one row
_SECTION = "review_litigation"


def header_words_first(lines: list[Line]) -> list[Line]:
    """``lines`` with table 四's header words written among its values moved before them."""
    start = _start(lines)
    if start is None:
        return lines
    end = next((k for k in range(start + 1, len(lines)) if _section(lines[k]) is not None), len(lines))
    first = next((k for k in range(start + 1, end) if lines[k].values), None)
    if first is None:
        return lines
    last = max(k for k in range(first, end) if lines[k].values)
    inside = lines[first : last + 1]
    words = [line for line in inside if not line.values]
    if not words or sum(len(line.values) for line in inside) != COUNTS:
        return lines
    heads = tpl.vocabulary(_SECTION)
    if any(line.label is not None and line.values for line in inside) or not all(
        heads.covers(line.key) for line in words
    ):
        return lines
    values = [line for line in inside if line.values]
    return [*lines[:first], *words, *values, *lines[last + 1 :]]


def _start(lines: list[Line]) -> int | None:
    """Where section 四's heading is (looked for only on lines that name 复议: most do not)."""
    for k, line in enumerate(lines):
        if "复议" in line.key and _section(line) == _SECTION:
            return k
    return None


def _section(line: Line) -> str | None:
    found = heading(line)
    return found[2].key if found is not None else None
