"""Baselines: record today's findings, then report only new ones (adopting disclint on an archive).

A baseline is JSON::

    {"version": 1, "tool": "disclint",
     "findings": [{"fingerprint": "…", "code": "CON001", "path": "reports/a.txt", "message": "…"}, …]}

Findings match by fingerprint (code + logical place + normalized text, independent of line
numbers; the SARIF ``partialFingerprints``) and path. Each entry suppresses one finding, so a
second, identical defect added to the same file is still reported. Paths are relative to the
project root (:mod:`disclint.paths`), so a baseline works from any directory of the repository.
A run says how many findings the baseline suppressed and which entries are stale (their file was
checked but the finding is gone: fixed, so the entry can be dropped).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .findings import Finding
from .packs.errors import PackError
from .paths import relative_path

VERSION = 1


class BaselineError(PackError):
    """A baseline file that cannot be read or written (exit 2)."""


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    code: str
    path: str
    message: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.fingerprint, self.path)


def normalize_path(path: str, cwd: Path | None = None) -> str:
    """The form paths are compared in: relative to ``cwd`` when under it, POSIX separators."""
    return relative_path(path, (cwd or Path.cwd()).resolve()) or Path(os.path.normpath(path)).as_posix()


def entries_of(findings: Iterable[Finding], cwd: Path | None = None) -> list[Entry]:
    return sorted(
        (Entry(f.fingerprint, f.code, normalize_path(f.location.path, cwd), f.message) for f in findings),
        key=lambda e: (e.path, e.code, e.fingerprint),
    )


def dumps(findings: Iterable[Finding], cwd: Path | None = None) -> str:
    data = {
        "version": VERSION,
        "tool": "disclint",
        "findings": [e.__dict__ for e in entries_of(findings, cwd)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_baseline(findings: Iterable[Finding], path: str | Path, cwd: Path | None = None) -> int:
    """Write the baseline of ``findings`` to ``path``; return how many entries it holds."""
    from .output import OutputError, write_output

    text = dumps(findings, cwd)
    try:  # atomically, never through a planted link
        write_output(text, str(path), "json")
    except OutputError as exc:
        raise BaselineError(str(path), 0, 0, f"cannot write the baseline: {exc}") from None
    return text.count('"fingerprint"')


MAX_BYTES = 64 * 1024 * 1024
MAX_DIGITS = 100


def _bounded_int(text: str) -> int:
    """JSON integers, refusing absurd lengths (the same on every Python, limit or not)."""
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"an integer with more than {MAX_DIGITS} digits")
    return int(text)


def load_baseline(path: str | Path) -> list[Entry]:
    shown = str(path)
    try:
        if Path(path).exists() and not Path(path).is_file():
            raise BaselineError(shown, 0, 0, "the baseline is not a regular file")
        if Path(path).stat().st_size > MAX_BYTES:
            raise BaselineError(shown, 0, 0, f"the baseline is larger than {MAX_BYTES} bytes")
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(shown, 0, 0, "baseline file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(shown, 0, 0, f"cannot read the baseline: {exc}") from None
    try:
        data = json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise BaselineError(shown, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise BaselineError(shown, 0, 0, "invalid baseline: JSON nested too deeply") from None
    except ValueError as exc:  # e.g. an integer longer than Python converts
        raise BaselineError(shown, 0, 0, f"invalid baseline: {exc}") from None
    return _entries(data, shown)


def _entries(data: Any, shown: str) -> list[Entry]:
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(shown, 1, 1, "not a disclint baseline (expected an object with a findings list)")
    if data.get("version") != VERSION:
        raise BaselineError(
            shown, 1, 1, f"unsupported baseline version {data.get('version')!r} (expected {VERSION})"
        )
    entries: list[Entry] = []
    for i, item in enumerate(data["findings"]):
        if not isinstance(item, dict):
            raise BaselineError(shown, 1, 1, f"findings[{i}] is not an object")
        for key in ("fingerprint", "code", "path"):
            if key not in item:
                raise BaselineError(shown, 1, 1, f"findings[{i}] lacks {key!r}")
        for key in ("fingerprint", "code", "path", "message"):
            if key in item and not isinstance(item[key], str):
                raise BaselineError(shown, 1, 1, f"findings[{i}].{key} must be a string")
        entries.append(Entry(item["fingerprint"], item["code"], item["path"], item.get("message", "")))
    return entries


def filter_findings(
    findings: Sequence[Finding], entries: Iterable[Entry], cwd: Path | None = None
) -> tuple[list[Finding], list[Finding]]:
    """(findings to report, findings the baseline suppresses)."""
    return Matcher(list(entries), cwd).filter(findings)


class Matcher:
    """The baseline applied to a run's findings a chunk at a time: each entry hides one finding
    with its fingerprint and path; the entries left over are stale."""

    def __init__(self, entries: Sequence[Entry], cwd: Path | None = None) -> None:
        self.entries = entries
        self.cwd = cwd
        self.budget = Counter(e.key for e in entries)
        self.suppressed = 0

    def filter(self, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(findings to report, findings suppressed) of one more chunk."""
        kept: list[Finding] = []
        suppressed: list[Finding] = []
        for f in findings:
            key = (f.fingerprint, normalize_path(f.location.path, self.cwd))
            if self.budget[key] > 0:
                self.budget[key] -= 1
                suppressed.append(f)
            else:
                kept.append(f)
        self.suppressed += len(suppressed)
        return kept, suppressed

    def stale(self, checked: Iterable[str]) -> list[Entry]:
        """Entries for files that were ``checked`` that matched no finding."""
        remaining = Counter(self.budget)
        files = {normalize_path(p) for p in checked}
        stale: list[Entry] = []
        for e in self.entries:
            if e.path in files and remaining[e.key] > 0:
                remaining[e.key] -= 1
                stale.append(e)
        return stale


@dataclass(frozen=True)
class Outcome:
    kept: list[Finding]
    suppressed: int
    stale: list[Entry]  # entries for files that were checked, matching no finding


def compare(findings: Sequence[Finding], entries: Sequence[Entry], checked: Iterable[str]) -> Outcome:
    """Apply the baseline to project-relative findings of the files ``checked``."""
    matcher = Matcher(entries)
    kept, _ = matcher.filter(findings)
    return Outcome(kept, matcher.suppressed, matcher.stale(checked))


def apply_baseline(findings: Sequence[Finding], path: str | Path, cwd: Path | None = None) -> list[Finding]:
    """The findings not recorded in the baseline at ``path``."""
    return filter_findings(findings, load_baseline(path), cwd)[0]
