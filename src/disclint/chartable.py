"""``str.translate`` for a one-character-for-one table, fast on Chinese text.

``str.translate`` looks every character of a non-ASCII text up in the table (a dict look-up and
a miss per CJK character: about 700 instructions a character), while prose holds only a few
characters to change. :class:`CharTable` finds the characters to change with one regular
expression and replaces each one found with ``str.replace``: the same result, since every
replacement is one character that is no key of the table (checked when the table is made).
"""

from __future__ import annotations

import re
from collections.abc import Mapping


class CharTable:
    """``CharTable(table)(text) == text.translate(table)`` for a :meth:`str.maketrans` table
    that maps characters to single characters which are not changed themselves."""

    __slots__ = ("_pattern", "_to")

    def __init__(self, table: Mapping[int, int | str]) -> None:
        to = {chr(k): v if isinstance(v, str) else chr(v) for k, v in table.items()}
        to = {k: v for k, v in to.items() if k != v}  # (a character kept as it is needs no change)
        if any(len(v) != 1 or v in to for v in to.values()):
            raise ValueError("a CharTable maps each character to one character that is not a key")
        self._to = to
        keys = "".join(sorted(self._to))
        self._pattern = re.compile(f"[{re.escape(keys)}]") if keys else None

    def __call__(self, text: str) -> str:
        if self._pattern is None:
            return text
        found = self._pattern.findall(text)
        if not found:
            return text
        to = self._to
        for ch in set(found):
            text = text.replace(ch, to[ch])
        return text
