"""Numbers stated in prose: figures, stated totals with their parts, and zero statements."""

from __future__ import annotations

from .nodes import Figure, Section, Statement, StatedSum


def extract(sections: list[Section]) -> tuple[list[Figure], list[StatedSum], list[Statement]]:
    return [], [], []
