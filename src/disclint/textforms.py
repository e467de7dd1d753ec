"""Views of located text for matching: simplified script, no glosses, no spaces, half-width.

A view is a new :class:`Located` whose every character still maps to the place in the source it
came from, so a match in the view gives a precise span in the original. :class:`ScriptView` also
keeps the original-script characters at the same offsets, so a value found by matching the
simplified form (``郵編`` read as ``邮编``) is reported as the report wrote it.

Traditional → Simplified uses OpenCC (``t2s``). It is applied character by character when the
phrase-level conversion would change the length, so offsets never shift.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence, Sized
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import TYPE_CHECKING, TypeVar

from .chartable import CharTable
from .frozen import quick_init
from .memo import Memo
from .nodes import Located, Span

if TYPE_CHECKING:
    import opencc

T = TypeVar("T", bound=Sized)  # a kept result: a text or a tuple

# a pronunciation gloss some portals' converted pages put after a character: 據(jù)
# (the bracket first, then the look back at the character before it: the search jumps from
# bracket to bracket instead of trying the look-behind at every character)
_GLOSS = re.compile(r"\((?<=[\u4e00-\u9fff]\()[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")
_OFFSET = itemgetter(0)  # of an anchor (offset, line, column)
_NOT_SPACE = re.compile(r"\S+")  # \S is exactly ``not str.isspace()``

# a text's words (its runs without whitespace) and its simplified and half-width forms, kept by
# the text (a region's reports repeat their lines and paragraphs): texts up to TEXT_MEMO_CHARS
# long, in bounded memos (a few MB at most)
TEXT_MEMO_CHARS = 1000
_WORD_SPANS: Memo[str, tuple[tuple[int, int], ...]] = Memo(1024)
_SIMPLIFIED: Memo[str, str] = Memo(1024)
_FOLDED: Memo[str, str] = Memo(1024)


def _kept(memo: Memo[str, T], text: str, work: Callable[[str], T], most: int | None = None) -> T:
    """``work(text)``, kept in ``memo`` for a text up to TEXT_MEMO_CHARS long (and, with
    ``most``, a result of at most that many items)."""
    if len(text) > TEXT_MEMO_CHARS:
        return work(text)
    found = memo.get(text)
    if found is None:
        found = work(text)
        if most is None or len(found) <= most:
            memo.put(text, found)
    return found


# the most spans a kept text's words may have: a text of many short words makes a long tuple
# (a thousand texts of 500 one-letter words kept took about 54 MB; so bounded, about 9 MB)
WORD_SPANS_KEPT = 100


def word_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every run of ``text`` without whitespace."""
    return _kept(_WORD_SPANS, text, _word_spans, WORD_SPANS_KEPT)


def _word_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple([m.span() for m in _NOT_SPACE.finditer(text)])


def positions(loc: Located) -> list[tuple[int, int]]:
    """(line, column) of every character of ``loc``."""
    anchors = loc.anchors or ((0, 1, 1),)
    out: list[tuple[int, int]] = []
    for k, (start, line, column) in enumerate(anchors):
        stop = anchors[k + 1][0] if k + 1 < len(anchors) else len(loc.text)
        if k == 0 and start > 0:  # characters before the first anchor count back from it
            out.extend((line, column - (start - i)) for i in range(start))
        out.extend((line, column + (i - start)) for i in range(start, stop))
    return out


def from_positions(text: str, where: Sequence[tuple[int, int]]) -> Located:
    """A Located for ``text`` whose i-th character came from ``where[i]`` (anchors only at breaks)."""
    anchors: list[tuple[int, int, int]] = []
    for i, (line, column) in enumerate(where):
        if anchors:
            start, a_line, a_column = anchors[-1]
            if a_line == line and a_column + (i - start) == column:
                continue
        anchors.append((i, line, column))
    return Located(text, tuple(anchors) or ((0, 1, 1),))


def join(parts: Sequence[Located]) -> Located:
    """The parts one after the other, without a separator."""
    return _gather([(p, 0, len(p.text)) for p in parts])


def select(loc: Located, keep: Callable[[int, str], bool]) -> Located:
    """The characters of ``loc`` for which ``keep(offset, char)`` holds."""
    where = positions(loc)
    kept = [i for i, ch in enumerate(loc.text) if keep(i, ch)]
    return from_positions("".join(loc.text[i] for i in kept), [where[i] for i in kept])


def _gather(pieces: Sequence[tuple[Located, int, int]]) -> Located:
    """``loc.text[a:b]`` of every piece, one after the other: the same Located as
    :func:`from_positions` of their characters and :func:`positions`, made a run at a time
    instead of a character at a time."""
    text: list[str] = []
    anchors: list[tuple[int, int, int]] = []
    n = 0  # offset in the result
    last: Located | None = None  # the text of the piece before, and where it ended
    last_b = k = count = 0
    marks: tuple[tuple[int, int, int], ...] = ()
    for loc, a, b in pieces:
        if a >= b:
            continue
        text.append(loc.text[a:b])
        if loc is last and a >= last_b:  # further on in the same text (the words of a line)
            k -= 1  # (the anchor the piece before ended under)
            while k + 1 < count and marks[k + 1][0] <= a:
                k += 1
        else:
            marks = loc.anchors or ((0, 1, 1),)
            count = len(marks)
            k = max(bisect_right(marks, a, key=_OFFSET) - 1, 0)  # the anchor ``a`` falls under
        last, last_b = loc, b
        while a < b:
            start, line, column = marks[k]
            stop = marks[k + 1][0] if k + 1 < count else b
            end = min(b, stop)
            if end > a:  # characters a..end map to consecutive columns from this anchor
                column += a - start
                if anchors:
                    o, o_line, o_column = anchors[-1]
                    if not (o_line == line and o_column + (n - o) == column):
                        anchors.append((n, line, column))
                else:
                    anchors.append((n, line, column))
                n += end - a
                a = end
            k += 1
    return Located("".join(text), tuple(anchors) or ((0, 1, 1),))


def without_glosses(loc: Located) -> Located:
    if "(" not in loc.text:
        return loc  # every gloss is in brackets
    glosses = [m.span() for m in _GLOSS.finditer(loc.text)]
    if not glosses:
        return loc
    ends = [0] + [b for _a, b in glosses]
    starts = [a for a, _b in glosses] + [len(loc.text)]
    return _gather([(loc, a, b) for a, b in zip(ends, starts, strict=True)])


def compact(loc: Located) -> Located:
    """Whitespace removed (PDF justification, ``2024 年 1 月 1 日``, line joins)."""
    text = loc.text
    run = loc.run_start()  # (not ``anchors``: that spells a line's marks out)
    spans = word_spans(text)
    if run is None:
        return _gather([(loc, a, b) for a, b in spans])
    if len(spans) == 1 and spans[0] == (0, len(text)):
        return loc  # one run and no space: _gather would make the same Located again
    # one run (a line): each word keeps its column; words never touch, so no anchors merge
    line, column = run
    words: list[str] = []
    marks: list[tuple[int, int, int]] = []
    n = 0
    for a, b in spans:
        words.append(text[a:b])
        marks.append((n, line, column + a))
        n += b - a
    return Located("".join(words), tuple(marks) or ((0, 1, 1),))


@cache
def _opencc() -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC("t2s")


def _converter() -> Callable[[str], str]:
    convert: Callable[[str], str] = _opencc().convert
    return convert


@cache
def _changeable() -> re.Pattern[str] | None:
    """Finds a character t2s may change (:mod:`disclint.t2s_chars`); None: convert every text."""
    from .t2s_chars import changeable

    return changeable(_opencc().config)


def simplified_text(text: str) -> str:
    """``text`` in Simplified characters, same length (one character for one)."""
    return text if text.isascii() else _kept(_SIMPLIFIED, text, _simplified)


def _simplified(text: str) -> str:
    changeable = _changeable()
    if changeable is not None and changeable.search(text) is None:
        return text  # OpenCC would give it back unchanged
    convert = _converter()
    try:
        out = convert(text)
    except UnicodeEncodeError:  # a lone surrogate (a str given to the API): OpenCC reads UTF-8 only
        return "".join(p if k % 2 else simplified_text(p) for k, p in enumerate(_SURROGATE.split(text)))
    if len(out) == len(text):
        return out
    return "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)


_SURROGATE = re.compile("([\ud800-\udfff])")  # split keeps each surrogate, at the odd indexes


_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


_FOLD_TEXT = CharTable(_FOLD)  # text.translate(_FOLD), fast on Chinese text


def fold_text(text: str) -> str:
    """Full-width ASCII forms as half-width (``：（，`` → ``:(,``), same length."""
    return _kept(_FOLDED, text, _FOLD_TEXT)


@quick_init
@dataclass(frozen=True)
class ScriptView:
    """``located``: text for matching (simplified; folded if asked), mapped to the source;
    ``original``: the source characters at the same offsets (glosses and spaces dropped alike)."""

    located: Located
    original: str

    @property
    def text(self) -> str:
        return self.located.text

    def span_of(self, start: int, end: int) -> Span:
        return self.located.span_of(start, end)

    def source(self, start: int, end: int) -> str:
        return self.original[start:end]

    def source_located(self, start: int = 0, end: int | None = None) -> Located:
        """``original[start:end]`` as a Located (positions as in the source)."""
        end = len(self.original) if end is None else end
        line, column = self.located.position(start)
        anchors = [(0, line, column)]
        anchors += [(off - start, ln, col) for off, ln, col in self.located.anchors if start < off < end]
        return Located(self.original[start:end], tuple(anchors))


def joined_view(parts: Sequence[Located], *, fold: bool = False) -> ScriptView:
    """``script_view(join(parts), fold=fold, squeeze=True)``: when no part can hold a gloss (no
    bracket), the words of every part gathered at once instead of the parts joined and the
    joined text then cut into its words (the same characters from the same places)."""
    if any("(" in p.text for p in parts):
        return script_view(join(parts), fold=fold, squeeze=True)
    base = _gather([(p, a, b) for p in parts for a, b in word_spans(p.text)])
    return _view(base, fold)


def script_view(loc: Located, *, fold: bool = False, squeeze: bool = False) -> ScriptView:
    """The simplified view of ``loc``; ``squeeze`` drops whitespace, ``fold`` makes punctuation
    half-width. Glosses are always dropped."""
    base = without_glosses(loc)
    if squeeze:
        base = compact(base)
    return _view(base, fold)


def _view(base: Located, fold: bool) -> ScriptView:
    text = simplified_text(base.text)
    if fold:
        text = fold_text(text)
    if text == base.text:
        return ScriptView(base, base.text)
    return ScriptView(Located(text, base.anchors), base.text)


# a line's view by its text: (view text, text without spaces, (offset, column - first column) of
# each run of it). Nothing else depends on where the line is: a line of the same text elsewhere
# (the boilerplate of a region's reports, the same report read again) has its view made from it
_LINE_VIEWS: Memo[str, tuple[str, str, tuple[tuple[int, int], ...]]] = Memo(4096)
LINE_VIEW_CHARS = 200  # longer lines are worked out every time


def line_view(loc: Located) -> ScriptView:
    """``script_view(loc, fold=True, squeeze=True)`` of a line (one run of text, no bracket):
    its texts kept by the line's text, its places made from where the line is."""
    text = loc.text
    run = loc.run_start()
    if run is None or len(text) > LINE_VIEW_CHARS or "(" in text:
        return script_view(loc, fold=True, squeeze=True)
    kept = _LINE_VIEWS.get(text)
    if kept is None:
        # the view of the text on line 1 from column 1, its columns read back as offsets
        first = script_view(Located(text, ((0, 1, 1),)), fold=True, squeeze=True)
        if not first.original:
            return script_view(loc, fold=True, squeeze=True)  # (a blank line: no run to place)
        runs = tuple([(offset, column - 1) for offset, _line, column in first.located.anchors])
        kept = _LINE_VIEWS.put(text, (first.text, first.original, runs))
    viewed, original, runs = kept
    line, column = run
    anchors = tuple([(offset, line, column + at) for offset, at in runs])
    base = Located(original, anchors)
    return ScriptView(base if viewed == original else Located(viewed, anchors), original)
