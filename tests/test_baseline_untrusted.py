"""Baselines are untrusted input: any malformed file is exit 2 with a message, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from disclint.baseline import BaselineError, compare, entries_of, load_baseline

from corpus import SEED_STEMS, SEEDS

SEED = SEEDS / f"{SEED_STEMS[2]}.txt"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "invalid baseline: JSON nested too deeply"),
        (
            '{"version": 1, "findings": [], "n": ' + "9" * 5000 + "}",
            "invalid baseline: an integer with more than 100 digits",
        ),
        ('{"version": 1, "findings": [1]}', "findings[0] is not an object"),
        (
            '{"version": 1, "findings": [{"fingerprint": 5, "code": "A", "path": "p"}]}',
            "findings[0].fingerprint must be a string",
        ),
        ('{"version": 1, "findings": [{"code": "A", "path": "p"}]}', "findings[0] lacks 'fingerprint'"),
        ('{"version": 1, "findings": {"a": 1}}', "not a disclint baseline"),
        ('{"version": [1], "findings": []}', "unsupported baseline version [1]"),
        ("null", "not a disclint baseline"),
        ("\xff", "invalid JSON"),
    ],
    ids=lambda v: v if len(v) < 60 else f"{v[:20]}…({len(v)} chars)",
)
def test_malformed_baselines_are_reported(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BaselineError) as info:
        load_baseline(path)
    assert reason in str(info.value)
    out = subprocess.run(
        [sys.executable, "-m", "disclint", "check", str(SEED), "--baseline", str(path)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and str(path) in out.stderr and reason in out.stderr


def test_baseline_that_is_a_folder_or_a_fifo(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "fifo")
    for target in (tmp_path, tmp_path / "fifo"):
        with pytest.raises(BaselineError, match="not a regular file"):
            load_baseline(target)


def test_compare_counts_suppressed_and_stale_only_for_checked_files() -> None:
    from disclint.api import check

    result = check([str(SEED)])
    entries = entries_of(result.findings)
    gone = entries[0].__class__("f" * 32, "ACC001", entries[0].path, "fixed")
    elsewhere = entries[0].__class__("e" * 32, "ACC001", "not/checked.txt", "other file")
    outcome = compare(list(result.findings), [*entries, gone, elsewhere], result.reports)
    assert outcome.kept == []
    assert outcome.suppressed == len(entries)
    assert outcome.stale == [gone]
