"""The garbage collector's settings during a batch (disclint.heap): set by ``disclint check`` once
its set-up is done, in the process that checks and before worker processes are forked; never by
the library's own parse."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from disclint.heap import OLDER_THRESHOLDS, YOUNG_THRESHOLD

from corpus import SEED_PATHS

# runs the command line in a fresh process and prints, as it ends, the collector's state there
# and in the worker processes (``check_file`` reports its process's state through a file)
DRIVER = """
import atexit, gc, json, sys
from disclint.batch import worker
seen = sys.argv.pop(1)
real = worker.check_file
def check_file(path, job):
    with open(seen, "a") as out:
        out.write(json.dumps([gc.get_threshold(), gc.get_freeze_count()]) + "\\n")
    return real(path, job)
worker.check_file = check_file
from disclint.batch import runner
runner.check_file = check_file
atexit.register(lambda: print(json.dumps([gc.get_threshold(), gc.get_freeze_count()])))
from disclint.cli import main
main.main(sys.argv[1:], prog_name="disclint")
"""


def _run(tmp_path: Path, *args: str) -> tuple[list, list[list]]:
    seen = tmp_path / "seen.jsonl"
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(seen), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr  # the seeds have findings
    assert "Traceback" not in done.stderr
    last = json.loads(done.stdout.strip().splitlines()[-1])
    per_file = [json.loads(line) for line in seen.read_text().splitlines()] if seen.exists() else []
    return last, per_file


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_freezes_its_set_up_and_collects_young_objects_less_often(tmp_path: Path, jobs: str) -> None:
    files = [str(p) for p in SEED_PATHS[:2]]
    last, per_file = _run(tmp_path, "check", "--no-cache", "--format", "json", "-j", jobs, *files)
    expected = [YOUNG_THRESHOLD, *OLDER_THRESHOLDS]
    assert last[0] == expected
    assert len(per_file) == 2
    for threshold, frozen in per_file:  # in the checking process, whichever it is
        assert threshold == expected
        assert frozen > 10_000  # the parser's tables, the templates, the packs: set-up, frozen


def test_the_library_parse_keeps_pythons_collector_settings(tmp_path: Path) -> None:
    code = (
        "import gc, json, sys; before = gc.get_threshold()\n"
        "from disclint.parse import parse_path\n"
        "parse_path(sys.argv[1])\n"
        "print(json.dumps([before, gc.get_threshold(), gc.get_freeze_count()]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(SEED_PATHS[0])],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    before, after, frozen = json.loads(done.stdout)
    assert after == before
    assert frozen == 0


def test_settle_runs_once_per_process() -> None:
    code = (
        "import gc, json\n"
        "from disclint.heap import settle\n"
        "settle(); first = gc.get_freeze_count()\n"
        "keep = [[i] for i in range(5000)]\n"  # new objects after the first call
        "gc.set_threshold(123)\n"
        "settle()\n"
        "print(json.dumps([first, gc.get_freeze_count(), gc.get_threshold()[0]]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    first, second, young = json.loads(done.stdout)
    assert first > 0
    assert second == first  # the second call froze nothing more
    assert young == 123  # and set nothing
