"""The worker function: parse *and* check one file, return only its findings and facts.

:func:`check_file` is what runs in a worker process (``--jobs``) or on a Dask worker
(``--dask``): it takes a path and a :class:`Job` (the command-line choices, small and picklable),
resolves the configuration once per process, and returns a :class:`FileResult` of a few
kilobytes. The parsed :class:`~disclint.nodes.Report` never leaves the worker.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..findings import Finding
from ..runerrors import RunError
from .facts import ReportFacts, report_facts

if TYPE_CHECKING:
    from ..config import Resolution

# Test hook: a worker process (never the main one) that is about to check a file whose path contains this text kills its own
# process (SIGKILL), as the OOM killer would; tests use it to prove the batch survives.
CRASH_ENV = "DISCLINT_TEST_KILL_WORKER_ON"
INTERNAL_ERROR = "internal error: the process checking this file stopped unexpectedly ({why})"


# A job's input limits (--limit, the configuration's limits) are set for the whole process
# (limits.configure) while its file is read, so two threads of one worker process checking files
# of different jobs would see each other's limits. One file at a time per process; parallelism
# comes from processes. (The parser itself is thread-safe, and PDFium and the OCR engine are
# locked by the readers: readers/engines.py.)
_ONE_AT_A_TIME = threading.RLock()


@dataclass(frozen=True)
class Job:
    """The choices that decide how every file of a run is checked (hashable, picklable)."""

    cwd: str
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    pack: str | None = None
    config_file: str | None = None
    lang: str | None = None
    limits: tuple[tuple[str, str], ...] = ()  # --limit / --max-file-size values of the command line
    ocr: str = "auto"  # --ocr: when page images are read by OCR


@dataclass(frozen=True)
class FileResult:
    path: str
    facts: ReportFacts
    findings: Sequence[Finding]  # a cached file's stay encoded (findingstore.Encoded)
    pack: str  # the pack that judged the file
    cached: bool = False
    errors: tuple[RunError, ...] = ()  # rules or plugin hooks that raised on this file (never cached)


@cache
def resolution(job: Job) -> Resolution:
    """The run's configuration, resolved once per process (the declarative rules of its packs
    are registered in this process's registry)."""
    from pathlib import Path

    from ..config import resolve

    return resolve(
        select=list(job.select) if job.select else None,
        ignore=list(job.ignore) if job.ignore else None,
        pack=job.pack,
        config_file=job.config_file,
        lang=job.lang,
        cwd=Path(job.cwd),
    )


def check_file(path: str, job: Job) -> FileResult:
    """Parse and check one file with the report-level rules (the cross-year rules run later, on
    the facts of every file)."""
    from ..parse import parse_path

    crash_on = os.environ.get(CRASH_ENV)
    if crash_on and crash_on in path and multiprocessing.parent_process() is not None:
        os.kill(os.getpid(), signal.SIGKILL)  # only ever a worker process, never the user's run
    with _ONE_AT_A_TIME:
        run = resolution(job)
        _configure_limits(run, job)
        try:
            report = parse_path(path, job.ocr)
        except Exception as exc:  # a parser bug must not take the batch down: the file gets PAR001
            return internal_error(path, job, f"{type(exc).__name__}: {exc}")
        return _checked(report, run)


def _configure_limits(run: Resolution, job: Job) -> None:
    from .. import limits

    limits.configure(run.limits(dict(job.limits)))


def internal_error(path: str, job: Job, why: str) -> FileResult:
    """The result for a file whose check failed inside disclint: one PAR001 finding."""
    from ..parse import unreadable
    from ..readers.base import ReadFailure

    kind = os.path.splitext(path)[1].lstrip(".").lower() or "text"
    report = unreadable(ReadFailure(path, kind, INTERNAL_ERROR.format(why=why)))
    return _checked(report, resolution(job))


def _checked(report: object, run: Resolution) -> FileResult:
    from .. import engine
    from ..api import unreadable_errors
    from ..nodes import Report

    assert isinstance(report, Report)
    settings = run.settings_for(report.path)
    # a file that could not be read is a run error whatever the selection (never cached)
    errors = unreadable_errors([report])
    findings = engine.run([report], settings, run.lang, run.registry, errors, across=False)
    return FileResult(
        report.path,
        report_facts(report),
        tuple(findings),
        run.pack_for(report.path).name,
        errors=tuple(errors),
    )
