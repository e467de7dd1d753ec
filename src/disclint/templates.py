"""Table and section templates, loaded from the YAML data in ``grammar/``, and label matching.

Templates are data: adding a label variant or a row is an edit to ``grammar/tables/*.yaml``,
never a code branch. This module only knows how to compare a label as written with a label
of the template: numbering, spaces, brackets and punctuation are ignored, fragments of a label
split over lines are joined before they get here, and a misnumbered row still matches (the
numbering is recorded so a rule can report it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache
from typing import Any

from .chartable import CharTable
from .data_cache import yaml_data
from .domain import numerals
from .frozen import quick_init

_FULLWIDTH = str.maketrans(
    {
        "（": "(",
        "）": ")",
        "【": "(",
        "】": ")",
        "〔": "(",
        "〕": ")",
        "［": "(",
        "］": ")",
        "：": ":",
        "；": ";",
        "，": ",",
        "．": ".",
        "、": "、",
        "“": '"',
        "”": '"',
        "「": '"',
        "」": '"',
        "‘": "'",
        "’": "'",
        "／": "/",
    }
)
_PUNCT = re.compile(r"[\s,.;:!?'\"()。，、；：！？“”‘’「」《》<>〈〉/\\|*#_\-—–－~]+")
_NUMBERING = re.compile(
    rf"^\s*(?:[(（]\s*{numerals.COUNTING}+\s*[)）]|{numerals.COUNTING}+\s*[、.．]|\d{{1,2}}\s*[.．、](?!\d))\s*"
)


_FOLD_WIDTH = CharTable(_FULLWIDTH)  # text.translate(_FULLWIDTH), fast on Chinese text


def fold(text: str) -> str:
    """Canonical form for comparisons: full-width punctuation folded, no spaces."""
    return "".join(_FOLD_WIDTH(text).split())


def bare(text: str) -> str:
    """Label core: no numbering, no punctuation, no spaces."""
    return _bare(text) if len(text) <= 80 else _PUNCT.sub("", _FOLD_WIDTH(text))


@lru_cache(maxsize=8192)
def _bare(text: str) -> str:  # labels and column names recur in every table of every report
    return _PUNCT.sub("", _FOLD_WIDTH(text))


def split_numbering(text: str) -> tuple[str | None, str]:
    """``"（一）予以公开"`` → ``("（一）", "予以公开")``. Numbering is normalised to the template's
    style: ``（一）``, ``一、``, ``1.`` whatever brackets, dots or commas were written."""
    m = _NUMBERING.match(text)
    if not m:
        return None, text
    raw = "".join(m.group(0).split()).translate(_NUM_STYLE)
    if raw[0] == "（":
        num = raw
    elif raw[0].isdigit():
        num = raw[:-1] + "."
    else:
        num = raw[:-1] + "、"
    return num, text[m.end() :]


_NUM_STYLE = str.maketrans({"(": "（", ")": "）", "．": "."})


# the shortest piece of a header word a header line is cut into (a table's template may say
# ``header_piece_min``: table 四's narrow columns print a header word a character at a time)
HEADER_PIECE_MIN = 2


def _load(name: str) -> Any:
    return yaml_data(name)  # the YAML's data, read from a JSON copy in the private cache


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    signed: bool = False  # may be negative (本年增/减)
    money: bool = False  # an amount in 万元, may have decimals
    name: str = ""  # how messages name the column (the label unless the template says otherwise)

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", self.label)


@dataclass(frozen=True)
class RowTemplate:
    key: str
    label: str
    numbering: str | None
    group: str | None
    formats: tuple[str, ...]
    variants: tuple[str, ...]
    cores: tuple[str, ...] = ()  # label and variants without numbering/punctuation (set on load)

    def __post_init__(self) -> None:
        if not self.cores:
            object.__setattr__(self, "cores", tuple(bare(v) for v in (self.label, *self.variants)))


@dataclass(frozen=True)
class GroupTemplate:
    key: str
    label: str
    numbering: str | None
    formats: tuple[str, ...]
    name: str = ""  # how messages name the group (the label unless the template says otherwise)

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", self.label)


@dataclass(frozen=True)
class TableTemplate:
    kind: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[RowTemplate, ...]
    groups: tuple[GroupTemplate, ...]
    vocabulary: tuple[str, ...]
    name_zh: str = ""  # how messages name the table
    name_en: str = ""
    header_piece_min: int = HEADER_PIECE_MIN

    def rows_for(self, fmt: str | None) -> tuple[RowTemplate, ...]:
        return tuple(r for r in self.rows if fmt is None or fmt in r.formats)


@dataclass(frozen=True)
class SubTable:
    key: str
    article: str
    formats: dict[str, tuple[tuple[Column, ...], tuple[RowTemplate, ...]]]


@dataclass(frozen=True)
class ProactiveTemplate:
    kind: str
    title: str
    subtables: tuple[SubTable, ...]
    vocabulary: tuple[str, ...]
    name_zh: str = ""  # how messages name the table
    name_en: str = ""
    header_piece_min: int = HEADER_PIECE_MIN


@dataclass(frozen=True)
class SectionTemplate:
    number: int
    key: str
    title: str
    variants: tuple[str, ...]
    name_en: str = ""  # how English messages name the section


@dataclass(frozen=True)
class Topic:
    """A sub-topic of 一、总体情况: named ``label`` in messages, covered by any of ``words``."""

    key: str
    label: str
    words: tuple[str, ...]


def _columns(data: list[dict[str, Any]]) -> tuple[Column, ...]:
    return tuple(
        Column(
            c["key"], c["label"], bool(c.get("signed", False)), bool(c.get("money", False)), c.get("name", "")
        )
        for c in data
    )


def _row(r: dict[str, Any], default_formats: tuple[str, ...]) -> RowTemplate:
    return RowTemplate(
        key=r["key"],
        label=r["label"],
        numbering=r.get("numbering"),
        group=r.get("group"),
        formats=tuple(str(f) for f in r.get("formats", default_formats)),
        variants=tuple(r.get("variants", ())),
    )


@cache
def applications() -> TableTemplate:
    d = _load("tables/applications.yaml")
    return TableTemplate(
        kind=d["kind"],
        title=d["title"],
        columns=_columns(d["columns"]),
        rows=tuple(_row(r, ("60", "30")) for r in d["rows"]),
        groups=tuple(
            GroupTemplate(g["key"], g["label"], g.get("numbering"), tuple(g.get("formats", ("60", "30"))))
            for g in d["groups"]
        ),
        vocabulary=tuple(d["header_vocabulary"]),
        name_zh=d["name"]["zh"],
        name_en=d["name"]["en"],
        header_piece_min=_header_piece_min(d),
    )


@cache
def review_litigation() -> TableTemplate:
    d = _load("tables/review_litigation.yaml")
    groups = tuple(
        GroupTemplate(g["key"], g["label"], None, ("60", "30"), g.get("name", "")) for g in d["groups"]
    )
    return TableTemplate(
        kind=d["kind"],
        title=d["title"],
        columns=_columns(d["columns"]),
        rows=tuple(RowTemplate(g.key, g.label, None, None, ("60", "30"), ()) for g in groups),
        groups=groups,
        vocabulary=tuple(d["header_vocabulary"]),
        name_zh=d["name"]["zh"],
        name_en=d["name"]["en"],
        header_piece_min=_header_piece_min(d),
    )


@cache
def proactive() -> ProactiveTemplate:
    d = _load("tables/proactive.yaml")
    subs = []
    for s in d["subtables"]:
        formats = {
            str(f): (_columns(spec["columns"]), tuple(_row(r, (str(f),)) for r in spec["rows"]))
            for f, spec in s["formats"].items()
        }
        subs.append(SubTable(s["key"], s["article"], formats))
    return ProactiveTemplate(
        d["kind"],
        d["title"],
        tuple(subs),
        tuple(d["header_vocabulary"]),
        d["name"]["zh"],
        d["name"]["en"],
        _header_piece_min(d),
    )


def _header_piece_min(d: dict[str, Any]) -> int:
    return int(d.get("header_piece_min", HEADER_PIECE_MIN))


@cache
def sections() -> tuple[SectionTemplate, ...]:
    d = _load("sections.yaml")
    return tuple(
        SectionTemplate(s["number"], s["key"], s["title"], tuple(s.get("variants", ())), s.get("name_en", ""))
        for s in d["sections"]
    )


# the table each section holds (section key → table kind)
SECTION_TABLE = {
    "proactive": "proactive",
    "requests": "applications",
    "review_litigation": "review_litigation",
}


@cache
def table_sections() -> tuple[tuple[str, int], ...]:
    """Each table kind and the number of the section that holds it, in order."""
    return tuple((SECTION_TABLE[s.key], s.number) for s in sections() if s.key in SECTION_TABLE)


@cache
def overview_topics() -> tuple[Topic, ...]:
    d = _load("sections.yaml")
    return tuple(Topic(t["key"], t["label"], tuple(t["words"])) for t in d["overview_topics"])


# ---------------------------------------------------------------------------------------------
# Matching


class Vocabulary:
    """Tells whether a line is made only of header words (or pieces of them).

    Header cells arrive split one character per line (``自`` / ``然`` / ``人``), in short groups
    (``社会公`` / ``益组织``) or glued to their neighbour (``总计商业``). A line is a header line when
    it can be cut, greedily, into pieces that each occur inside some header word, every piece at
    least ``min_piece`` characters long (the table's ``header_piece_min``, 2 unless its template
    says otherwise) unless the whole line is that short.
    """

    def __init__(self, words: tuple[str, ...], min_piece: int = HEADER_PIECE_MIN):
        self._min_piece = min_piece
        self._words = tuple(bare(w) for w in words)
        self._pieces: set[str] = set()
        for w in self._words:
            for i in range(len(w)):
                for j in range(i + 1, len(w) + 1):
                    self._pieces.add(w[i:j])
        self._longest = max((len(w) for w in self._words), default=0)
        self._chars = frozenset("".join(self._words))  # a piece holds only these

    @lru_cache(maxsize=8192)  # noqa: B019 - one Vocabulary per table kind, kept for the process
    def covers(self, text: str) -> bool:
        core = bare(text)
        if not core or not self._chars.issuperset(core):
            return False  # a character of no header word is in no piece: no cut covers it
        return self.cuts(core)

    def cuts(self, core: str) -> bool:
        """Whether ``core`` (a non-empty label core) is a piece, or cut greedily into pieces."""
        if core in self._pieces:
            return True
        i = 0
        while i < len(core):
            j = min(len(core), i + self._longest)
            while j > i and core[i:j] not in self._pieces:
                j -= 1
            if j - i < self._min_piece:
                return False
            i = j
        return True


@cache
def vocabulary(kind: str) -> Vocabulary:
    tables: dict[str, Callable[[], TableTemplate | ProactiveTemplate]] = {
        "applications": applications,
        "review_litigation": review_litigation,
        "proactive": proactive,
    }
    table = tables[kind]()
    return Vocabulary(table.vocabulary, table.header_piece_min)


def _strip_groups(core: str, groups: tuple[GroupTemplate, ...]) -> str:
    """Remove merged group-cell text (``三、本年度办理结果``, ``（三）不予公开``) glued before a row label."""
    changed = True
    while changed:
        changed = False
        for g in groups:
            label = bare(g.label)
            if core.startswith(label) and len(core) > len(label):
                core = core[len(label) :]
                changed = True
    return core


@quick_init
@dataclass(frozen=True)
class Match:
    row: RowTemplate
    score: float
    numbering: str | None  # numbering as written on the row's own label, if any


def _own_numbering(label: str, groups: tuple[GroupTemplate, ...]) -> tuple[str | None, str]:
    """The row's own numbering and label, past any merged group-cell text written before it
    (``三、本年度办理结果（一）予以公开`` → ``（一）``, ``予以公开``)."""
    text = fold(label)
    while True:
        num, rest = split_numbering(text)
        for g in groups:
            glabel = fold(g.label)
            if rest.startswith(glabel) and len(bare(rest)) > len(bare(glabel)):
                text = rest[len(glabel) :]
                break
        else:
            return num, rest


def match_row(
    label: str, candidates: tuple[RowTemplate, ...], groups: tuple[GroupTemplate, ...], fuzzy: bool = True
) -> Match | None:
    """Best template row for a label as written, or None when nothing is close enough.

    ``fuzzy`` allows a last-resort similarity match (a character lost or misread); it is slow,
    and callers that only need a confident answer turn it off."""
    numbering, rest = _own_numbering(label, groups)
    core = _strip_groups(bare(rest), groups)
    if not core:
        return None
    best: Match | None = None
    for row in candidates:
        score = 0.0
        for c in row.cores:
            if core == c:
                score = max(score, 1.0)
            elif len(core) >= 2 and len(c) >= 2 and (c in core or core in c):
                # a truncated label ("属于三类内部事务") or a label with a stray prefix
                score = max(score, 0.6 + 0.3 * min(len(core), len(c)) / max(len(core), len(c)))
        if score and numbering is not None and row.numbering is not None:
            score += 0.02 if numbering == row.numbering else 0.0
        if best is None or score > best.score:
            best = Match(row, score, numbering)
    if best is not None and best.score >= 0.6:
        return best
    if not fuzzy or len(core) > 2 * max((len(c) for r in candidates for c in r.cores), default=0):
        return None
    # fall back on a fuzzy comparison (OCR slips, a character lost at a page break)
    best = None
    for row in candidates:
        for c in row.cores:
            ratio = SequenceMatcher(None, core, c, autojunk=False).ratio()
            if ratio >= 0.75 and (best is None or ratio > best.score):
                best = Match(row, ratio * 0.8, numbering)
    return best


def match_section(title: str) -> SectionTemplate | None:
    core = bare(title)
    if not core:
        return None
    best: tuple[float, SectionTemplate] | None = None
    for s in sections():
        for v in (s.title, *s.variants):
            c = bare(v)
            if core == c:
                return s
            if len(core) >= 4 and (c in core or core in c):
                score = min(len(core), len(c)) / max(len(core), len(c))
                if score >= 0.5 and (best is None or score > best[0]):
                    best = (score, s)
    return best[1] if best else None
