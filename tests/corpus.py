"""Where the seed corpus lives: ../shared beside the clone (CI has it there too)."""

from __future__ import annotations

from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"
EXPECTED = SHARED / "corpus" / "expected"
SEED_STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))


def seed_text(stem: str) -> str:
    return (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
