"""``pattern.finditer(text)`` run only where a match can start: at the places its words are.

A pattern that opens with a look-behind or an optional group gives the regular-expression engine
no first character to skip ahead to, so ``finditer`` tries a match at every character of a long
paragraph (``(?<!\\d)\\d+件…行政复议``: about a thousand instructions a character). When every
match must start at one of a few places found by ``str.find`` (a label word, the digits a little
before a word), :func:`matches` tries only those: the same matches, in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_DIGITS = re.compile(r"\d\d*")  # (a first character to skip ahead to: faster than \d+)
_RUN_CHARS = re.compile(r"[\d,]")


def matches(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches are never empty and can only start
    at one of ``starts`` (ascending; extra places cost a failed match, nothing more). A match
    tried at a later place reads the text before it as ``finditer`` does (look-behinds)."""
    end = 0
    match = pattern.match
    for at in starts:
        if at >= end and (m := match(text, at)) is not None:
            yield m
            end = m.end()


def find_all(text: str, words: Iterable[str], back: int = 0) -> list[int]:
    """Every place of every word in ``text`` (overlapping ones too), each ``back`` characters
    earlier (not before 0)."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append(at - back if at >= back else 0)
            at = text.find(word, at + 1)
    return found


def counts_before(text: str, places: Iterable[tuple[int, int]]) -> list[int]:
    """Where a count (digits, commas inside) can start when at most ``gap`` characters come between
    its end and ``place``, for each (place, gap) of ``places``: the start of every run of digits
    from the count's last possible character (``place - gap - 1``, or the start of the digits and
    commas it is in) up to ``place``."""
    found: list[int] = []
    search = _RUN_CHARS.match
    for place, gap in places:
        w = max(place - gap - 1, 0)
        while w > 0 and search(text, w - 1) is not None:
            w -= 1
        found.extend(m.start() for m in _DIGITS.finditer(text, w, place))
    return found


def merged(*groups: Iterable[int]) -> list[int]:
    """The places of every group, ascending, each once."""
    return sorted({at for group in groups for at in group})
