"""The test corpus, vendored in tests/data/ (see tests/data/SOURCES.md): the one place it is named."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
SEEDS = DATA / "corpus" / "seeds"
EXPECTED = DATA / "corpus" / "expected"
REAL = DATA / "corpus" / "real"
SARIF_SCHEMA_PATH = DATA / "schemas" / "sarif-schema-2.1.0.json"
SEED_STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))
SEED_PATHS = sorted(SEEDS.glob("*.txt"))


def seed_text(stem: str) -> str:
    return (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")


@cache
def sarif_schema() -> dict[str, Any]:
    return json.loads(SARIF_SCHEMA_PATH.read_text(encoding="utf-8"))


OPENINGS = DATA / "openings"  # real report openings: dev/ (tuned on) and heldout/ (never tuned on)
