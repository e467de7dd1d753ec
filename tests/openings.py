"""Score the metadata stage on the real report openings in tests/data/openings/.

Each YAML file holds one opening (text as the page gives it, or a ``file`` in the vendored corpus)
and the expected organ, year, period, notice and contacts. ``dev/`` is the set the extractor was
developed on; ``heldout/`` was written before any tuning and is scored separately.

Run ``python tests/openings.py`` for the per-field scores of both sets and every miss.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from disclint.nodes import Report
from disclint.parse import parse_path, parse_text

from corpus import OPENINGS  # tests/ is on the path: under pytest, and as this script's folder

FIELDS = ("organ", "year", "period", "notice", "contacts")
CONTACT_FIELDS = ("address", "postcode", "phone", "email")


@dataclass(frozen=True)
class Opening:
    name: str
    data: dict[str, Any]
    path: Path

    @property
    def expect(self) -> dict[str, Any]:
        return dict(self.data["expect"])

    def report(self) -> Report:
        if "file" in self.data:
            return parse_path(self.path.parent / self.data["file"])
        return parse_text(self.data["text"], path=self.name)


def load(folder: str) -> list[Opening]:
    yaml = YAML(typ="safe")
    paths = sorted((OPENINGS / folder).glob("*.yaml"))
    return [Opening(p.stem, yaml.load(p.read_text(encoding="utf-8")), p) for p in paths]


def found(report: Report) -> dict[str, Any]:
    """The five fields as the report gives them, in the YAML's shape."""
    cited = report.format_cited
    period = report.period
    contacts = {f: (c[0].value if (c := report.contacts_of(f)) else None) for f in CONTACT_FIELDS}
    return {
        "organ": report.organ,
        "year": report.year,
        "period": [period.start.isoformat(), period.end.isoformat()] if period else None,
        "notice": {"number": cited.notice, "cited_by": cited.cited_by} if cited else None,
        "contacts": contacts,
    }


def _expected(opening: Opening) -> dict[str, Any]:
    e = opening.expect
    period = e.get("period")
    notice = e.get("notice")
    return {
        "organ": e.get("organ"),
        "year": e.get("year"),
        "period": [str(d) for d in period] if period else None,
        "notice": {"number": str(notice["number"]), "cited_by": notice["cited_by"]} if notice else None,
        "contacts": {f: (None if v is None else str(v)) for f, v in (e.get("contacts") or {}).items()},
    }


def score(folder: str) -> tuple[dict[str, float], list[str]]:
    """Fraction right per field, and a line for every miss."""
    openings = load(folder)
    right = dict.fromkeys(FIELDS, 0)
    misses: list[str] = []
    for opening in openings:
        got, want = found(opening.report()), _expected(opening)
        for f in FIELDS:
            if got[f] == want[f]:
                right[f] += 1
            else:
                misses.append(f"{folder}/{opening.name}: {f}: expected {want[f]!r}, found {got[f]!r}")
    n = max(len(openings), 1)
    return {f: right[f] / n for f in FIELDS}, misses


if __name__ == "__main__":
    for folder in sys.argv[1:] or ("dev", "heldout"):
        scores, misses = score(folder)
        print(
            f"{folder} ({len(load(folder))} openings): "
            + ", ".join(f"{f} {v:.0%}" for f, v in scores.items())
        )
        for m in misses:
            print("  " + m)
