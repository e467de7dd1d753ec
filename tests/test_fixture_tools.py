"""Generated fixtures: a missing or broken LibreOffice is skipped quickly with a reason, never waited on."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import fixture_builders
from fixture_builders import soffice_problem


def _script(tmp_path: Path, body: str) -> str:
    exe = tmp_path / "soffice"
    exe.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    exe.chmod(0o755)
    return str(exe)


def test_working_tool_has_no_problem(tmp_path: Path) -> None:
    assert soffice_problem(_script(tmp_path, "echo LibreOffice 7.4; exit 0")) is None


def test_broken_tool_is_a_reason_not_a_wait(tmp_path: Path) -> None:
    reason = soffice_problem(_script(tmp_path, "echo 'libreoffice: cannot open display' >&2; exit 77"))
    assert reason is not None
    assert reason.endswith("does not run (exit 77): libreoffice: cannot open display")


def test_hanging_tool_times_out_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fixture_builders, "PROBE_TIMEOUT", 1)
    started = time.monotonic()
    reason = soffice_problem(_script(tmp_path, "exec sleep 30"))
    assert reason is not None and "timed out" in reason
    assert time.monotonic() - started < 20


def test_missing_executable_is_a_reason(tmp_path: Path) -> None:
    reason = soffice_problem(str(tmp_path / "nowhere" / "soffice"))
    assert reason is not None and "does not run" in reason
