"""Which files a run covers: files given by name, and report files found under directories."""

from __future__ import annotations

import os
from pathlib import Path

REPORT_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")


def discover(paths: list[str]) -> list[str]:
    """Files named on the command line (whatever their suffix) and, under each directory, every
    file with a report suffix, in a stable order. A path that does not exist is kept, so that the
    run reports it (PAR001) instead of skipping it silently."""
    out: list[str] = []
    seen: set[str] = set()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in files:
                    if f.lower().endswith(REPORT_SUFFIXES) and not f.startswith("."):
                        found.append(str(Path(root) / f))
            candidates = sorted(found)
        else:
            candidates = [p]
        for c in candidates:
            if c not in seen:
                seen.add(c)
                out.append(c)
    return out
