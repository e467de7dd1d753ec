"""A re-run from the result cache writes the same bytes as a run without it (issue 15): every output
format, the summary file, cross-year findings, a baseline and ``suppress`` entries; after one
file of the region is edited as well. Cached findings stay encoded until written
(findingstore.Encoded), so this is what proves the two ways of writing them agree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from disclint.formats import FORMATS

from batch_corpus import Region, build

YEARS = ("2023", "2024")


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Region:
    return build(tmp_path_factory.mktemp("warm-region"))


def _outputs(region: Region, out: Path, *args: str) -> dict[str, bytes]:
    """Run `disclint check 2023 2024 ARGS` writing every format and a CSV summary into ``out``;
    the bytes of each, with standard output, standard error and the exit code."""
    out.mkdir()
    targets = [f"-o{fmt}={out / ('out.' + fmt)}" for fmt in FORMATS]
    command = [sys.executable, "-m", "disclint", "check", *YEARS, "--format", "json", *targets]
    done = subprocess.run(
        [*command, "--summary", str(out / "summary.csv"), *args],
        capture_output=True,
        cwd=region.root,
        env={**os.environ, "NO_COLOR": "1"},
    )
    got = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    got["exit"] = str(done.returncode).encode()
    got["stderr"] = done.stderr
    return got


def test_warm_and_changed_runs_write_what_a_run_without_cache_writes(region: Region, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    cold = _outputs(region, tmp_path / "cold", "--no-cache", "-j", "1")
    assert set(cold) == {f"out.{fmt}" for fmt in FORMATS} | {"summary.csv", "exit", "stderr"}
    findings = json.loads(cold["out.json"])["findings"]
    assert {"ACC008", "ACC009"} <= {f["code"] for f in findings}  # cross-year findings are in it
    assert cold["exit"] == b"1"
    first = _outputs(region, tmp_path / "first", "--cache-dir", cache, "-j", "2")  # fills the cache
    warm = _outputs(region, tmp_path / "warm", "--cache-dir", cache, "-j", "2")
    serial = _outputs(region, tmp_path / "serial", "--cache-dir", cache, "-j", "1")
    assert first == cold and warm == cold and serial == cold

    edited = region.folder(2024) / sorted(os.listdir(region.folder(2024)))[3]
    original = edited.read_text(encoding="utf-8")
    try:
        edited.write_text("".join(original.splitlines(keepends=True)[:40]), encoding="utf-8")  # cut short
        cold_again = _outputs(region, tmp_path / "cold-again", "--no-cache", "-j", "1")
        changed = _outputs(region, tmp_path / "changed", "--cache-dir", cache, "-j", "2")
        assert changed == cold_again
        assert cold_again["out.json"] != cold["out.json"]  # the cut shows: not a stale cached result
    finally:
        edited.write_text(original, encoding="utf-8")


def test_warm_runs_with_a_baseline_or_suppress_entries_write_the_same(region: Region, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    made = subprocess.run(
        [sys.executable, "-m", "disclint", "baseline", YEARS[0], "-o", str(baseline)],
        capture_output=True,
        cwd=region.root,
    )
    assert made.returncode == 0, made.stderr
    cache = str(tmp_path / "cache")
    cold = _outputs(region, tmp_path / "cold", "--no-cache", "-j", "1", "--baseline", str(baseline))
    warm = [
        _outputs(region, tmp_path / f"warm{i}", "--cache-dir", cache, "--baseline", str(baseline))
        for i in (1, 2)
    ]
    assert warm[0] == warm[1] == cold
    assert json.loads(cold["out.json"])["findings"]  # the 2024 findings stay
    assert all(
        not f["location"]["path"].startswith("2023/") for f in json.loads(cold["out.json"])["findings"]
    )

    some = json.loads(cold["out.json"])["findings"][0]
    config = tmp_path / "suppress.yaml"
    shutil.copy(region.root / "disclint.yaml", config)
    with config.open("a", encoding="utf-8") as fh:
        fh.write(f"suppress:\n  - path: '2024/*'\n    code: {some['code']}\n    reason: test\n")
    args = ("--config", str(config))
    cold = _outputs(region, tmp_path / "s-cold", "--no-cache", "-j", "1", *args)
    warm = [_outputs(region, tmp_path / f"s-warm{i}", "--cache-dir", cache, *args) for i in (1, 2)]
    assert warm[0] == warm[1] == cold
    assert some["code"] not in {
        f["code"]
        for f in json.loads(cold["out.json"])["findings"]
        if f["location"]["path"].startswith("2024/")
    }
