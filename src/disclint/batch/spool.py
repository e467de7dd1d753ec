"""Findings kept on disk during a batch, so the parent's memory does not grow with them.

Each file's findings are appended, as one JSON line, to an anonymous temporary file (created
0600 and already unlinked, so no other user can open or replace it); an index keeps where each
file's line starts. :func:`stream` then writes the output file by file, each file's findings
read back, merged with its cross-year findings and rendered as the collected renderers would.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

import click

from .. import __version__
from ..findings import Finding, Severity
from ..render.github import command
from ..render.json import finding_dict, summary
from ..render.text import render_finding, summary_line
from .cache import finding_from_json, finding_to_json


class FindingSpool:
    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()
        self._index: dict[str, tuple[int, int]] = {}

    def add(self, path: str, findings: Sequence[Finding]) -> None:
        if not findings:
            return
        data = json.dumps([finding_to_json(f) for f in findings], ensure_ascii=False).encode("utf-8")
        offset = self._file.seek(0, 2)
        self._file.write(data)
        self._index[path] = (offset, len(data))

    def get(self, path: str) -> list[Finding]:
        where = self._index.get(path)
        if where is None:
            return []
        self._file.seek(where[0])
        return [finding_from_json(d, path) for d in json.loads(self._file.read(where[1]).decode("utf-8"))]

    def __iter__(self) -> Iterator[Finding]:
        for path in list(self._index):
            yield from self.get(path)

    def close(self) -> None:
        self._file.close()


def per_file(
    files: Sequence[str], spool: FindingSpool, extra: Mapping[str, list[Finding]]
) -> Iterator[list[Finding]]:
    """Each file's findings (spooled plus ``extra``), sorted, files in path order."""
    for path in sorted(files):
        found = spool.get(path) + extra.get(path, [])
        if found:
            found.sort(key=Finding.sort_key)
            yield found


def stream(
    out: IO[str],
    fmt: str,
    groups: Iterator[list[Finding]],
    files: int,
    lang: str,
    color: bool,
    cwd: Path | None = None,
) -> Counter[Severity]:
    """Write the output of ``fmt`` (text, json or github) group by group, exactly as the collected
    renderer would; return the severity counts."""
    seen: list[_Seen] = []  # what the closing summary counts: severity and code of each finding
    base = (cwd or Path.cwd()).absolute()
    if fmt == "json":
        out.write('{\n  "version": ' + json.dumps(__version__) + ',\n  "findings": [')
    for group in groups:
        for f in group:
            if fmt == "text":
                out.write(("\n\n" if seen else "") + render_finding(f, None, lang=lang, color=color))
            elif fmt == "json":
                item = json.dumps(finding_dict(f), ensure_ascii=False, indent=2).replace("\n", "\n    ")
                out.write((",\n    " if seen else "\n    ") + item)
            else:
                out.write(command(f, base) + "\n")
            seen.append(_Seen(f.severity, f.code))
    stand_in: list[Finding] = seen  # type: ignore[assignment]  # the summaries read only these two
    if fmt == "text":
        last = summary_line(stand_in, files, lang)
        if color:
            last = click.style(last, bold=True, fg="green" if not seen else None)
        out.write(("\n\n" if seen else "") + last + "\n")
    elif fmt == "json":
        body = json.dumps(summary(stand_in, files), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out.write(("\n  ]" if seen else "]") + ',\n  "summary": ' + body + "\n}\n")
    return Counter(s.severity for s in seen)


class _Seen:
    __slots__ = ("code", "severity")

    def __init__(self, severity: Severity, code: str) -> None:
        self.severity = severity
        self.code = code
