"""Shared test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import SEEDS, SHARED


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"the seed corpus is missing: expected it at {SEEDS} (../shared beside the clone)")
    return SHARED
