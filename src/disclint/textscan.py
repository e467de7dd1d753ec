"""Linear-time scans that replace backtracking regular expressions on untrusted lines.

Each function here gives exactly the answer of the regular expression named in its docstring,
in one pass: those expressions took quadratic (or worse) time on a long run of spaces, which a
hostile or badly extracted document supplies easily (a title followed by 100,000 spaces).
"""

from __future__ import annotations

import re

# CJK ideographs, full-width forms and CJK punctuation: next to these, spaces are extraction noise
CJK_CLASS = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’《》〈〉「」"
_CJK = re.compile(f"[{CJK_CLASS}]")
_BLANKS = re.compile(r"[ \t\u3000\xa0]+")
_IDEOGRAPHIC_SPACE = "\u3000"  # a blank that also counts as a CJK character
_PIPE_CELL = re.compile(r":?-{2,}:?")
_PIPE_LAST = re.compile(r":?-*:?")
_SPACED_PIPE = re.compile(r"\s\|\s")


def collapsible(raw: str) -> list[tuple[int, int]]:
    """Spans of the blanks to drop for the prose view: at the ends of the line and next to CJK.

    Same result as ``finditer`` of ``^B+|B+$|(?<=[CJK])B+|B+(?=[CJK])`` (B: space, TAB,
    U+3000, NBSP), where U+3000 is both a blank and a CJK character.
    """
    out: list[tuple[int, int]] = []
    n = len(raw)
    for run in _BLANKS.finditer(raw):
        a, b = run.span()
        if a == 0 or b == n:
            out.append((a, b))
            continue
        after_cjk = bool(_CJK.match(raw[b]))
        last_ideographic = raw.rfind(_IDEOGRAPHIC_SPACE, a, b)
        if not after_cjk and last_ideographic < 0 and not _CJK.match(raw[a - 1]):
            continue  # between two other characters, and no blank of it is CJK: nothing to drop
        p = a
        while p < b:
            if _CJK.match(raw[p - 1]):  # (?<=[CJK])B+ takes the rest of the run
                out.append((p, b))
                break
            # B+(?=[CJK]) takes up to the last CJK character it can see
            q = b if after_cjk else last_ideographic
            if q > p:
                out.append((p, q))
                p = q
            else:
                p += 1
    return out


def is_pipe_row(raw: str) -> bool:
    """A line of a pipe table: ``^\\s*\\||\\|\\s*$|\\s\\|\\s.*\\s\\|\\s`` (``search``)."""
    stripped = raw.strip()
    if stripped.startswith("|") or stripped.endswith("|"):
        return True
    first = _SPACED_PIPE.search(raw)
    return first is not None and _SPACED_PIPE.search(raw, first.end()) is not None


def is_pipe_separator(raw: str) -> bool:
    """A markdown separator row (``| --- | :-: |``):
    ``^\\s*\\|?(?:\\s*:?-{2,}:?\\s*\\|)+\\s*:?-*:?\\s*\\|?\\s*$`` (``match``)."""
    parts = [p.strip() for p in raw.strip().removeprefix("|").split("|")]

    def ends(cells: list[str], last: str) -> bool:
        return (
            bool(cells) and all(_PIPE_CELL.fullmatch(c) for c in cells) and bool(_PIPE_LAST.fullmatch(last))
        )

    # every pipe closes a cell, or the final pipe is the optional one after a last short cell
    return ends(parts[:-1], parts[-1]) or (
        parts[-1] == "" and ends(parts[:-2], parts[-2] if len(parts) > 1 else "")
    )
