"""`disclint check` over a batch: discover, run the workers (cache, pool, Dask), the cross-year
rules, then stream the output or hand the findings back; the summary file. The CLI stays thin:
it calls :func:`check_batch` and turns :class:`BatchUsageError` into exit code 2."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Resolution
    from ..findings import Finding
    from ..nodes import Report
    from .cache import ResultCache
    from .runner import BatchOutcome
    from .spool import FindingSpool
    from .worker import Job


class BatchUsageError(Exception):
    """A problem with how the batch was asked for (exit code 2)."""


def stream_output(
    run: Resolution,
    files: list[str],
    cross: list[Finding],
    outcome: BatchOutcome,
    spool: FindingSpool,
    summary_file: str | None,
) -> int:
    """Write the output from the spool (``cross``: the cross-year findings); the exit code."""
    from ..batch.spool import per_file, stream
    from ..findings import Severity
    from ..render import use_color

    extra: dict[str, list[Finding]] = {}
    for f in cross:
        extra.setdefault(f.location.path, []).append(f)
    color = use_color(sys.stdout) if run.fmt == "text" else False
    counts = stream(sys.stdout, run.fmt, per_file(files, spool, extra), len(files), run.lang, color)
    if summary_file is not None:  # the summary holds every finding: read them back
        everything = sorted([*spool, *cross], key=lambda f: f.sort_key())
        write_summary_file(summary_file, run, outcome, everything, files)
    spool.close()
    threshold = Severity(run.fail_on).rank
    return 1 if any(s.rank >= threshold for s in counts) else 0


@dataclass(frozen=True)
class BatchOptions:
    jobs: int | None = None
    no_cache: bool = False
    cache_dir: str | None = None
    quiet: bool = False
    dask: str | None = None
    previous: tuple[str, ...] = ()
    spool: bool = False  # keep the findings on disk (the caller streams the output)


def check_batch(
    run: Resolution,
    paths: Sequence[str],
    options: BatchOptions,
    cli: tuple[Sequence[str], Sequence[str], str | None, str | None, str | None],
) -> tuple[Mapping[str, Report | None], list[Finding], BatchOutcome | None]:
    """Discover, parse and check: (reports or just their paths, findings, batch outcome).

    Files are checked in worker processes that return only findings and facts (see
    :mod:`disclint.batch`); plugins with rules over whole reports of a run (scope ``batch``) need
    every report in memory, and get the in-process run instead."""
    from .. import engine
    from ..batch.crossyear import cross_year_findings
    from ..batch.dask_cluster import DaskUnavailable
    from ..batch.runner import default_jobs, run_batch
    from ..batch.spool import FindingSpool
    from ..batch.worker import Job
    from ..discover import discover

    files = discover(list(paths))
    if not files:
        raise BatchUsageError("no report files found under " + ", ".join(paths))
    earlier = [f for f in discover(list(options.previous)) if f not in set(files)]
    aliases = run.organ_aliases
    if _needs_reports(run):
        from ..cli import parse_all

        reports = parse_all([*files, *earlier], options.jobs or 1)
        found = engine.run(reports, run.settings_for, run.lang, run.registry, organ_aliases=aliases)
        return {r.path: r for r in reports[: len(files)]}, _only(found, files), None
    select, ignore, pack, config_file, lang = cli
    job = Job(str(Path.cwd()), tuple(select) or None, tuple(ignore) or None, pack, config_file, lang)
    try:
        outcome = run_batch(
            [*files, *earlier],
            job,
            jobs=options.jobs or default_jobs(),
            cache=_cache(options, job),
            progress=not options.quiet and sys.stderr.isatty(),
            dask=options.dask,
            spool=FindingSpool() if options.spool else None,
        )
    except DaskUnavailable as exc:
        raise BatchUsageError(str(exc)) from None
    found = outcome.findings + cross_year_findings(
        outcome.facts, run.settings_for, run.lang, run.registry, aliases
    )
    found.sort(key=lambda f: f.sort_key())
    return dict.fromkeys(files), _only(found, files), outcome


def _only(findings: list[Finding], files: Sequence[str]) -> list[Finding]:
    wanted = set(files)
    return [f for f in findings if f.location.path in wanted]


def _needs_reports(run: Resolution) -> bool:
    return any(r.scope == "batch" for r in run.registry.rules.values()) or bool(
        run.registry.pm.hook.disclint_check_batch.get_hookimpls()
    )


def _cache(options: BatchOptions, job: Job) -> ResultCache | None:
    from ..batch.cache import ResultCache, default_cache_dir

    if options.no_cache:
        return None
    directory = Path(options.cache_dir) if options.cache_dir else default_cache_dir()
    if directory is None:
        return None
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchUsageError(
            f"{directory}: cannot create the cache directory: {exc.strerror or exc}"
        ) from None
    return ResultCache(directory, job)


def write_summary_file(
    target: str, run: Resolution, outcome: BatchOutcome | None, findings: list[Finding], files: list[str]
) -> None:
    from ..batch.export import write_summary
    from ..batch.summary import build_summary

    if outcome is None:
        raise BatchUsageError("--summary is not available with plugins that need every report of the run")
    summary = build_summary(outcome, findings, run.fail_on, run.organ_aliases, run.registry, files)
    try:
        write_summary(summary, target, run.lang)
    except OSError as exc:
        raise BatchUsageError(f"{target}: cannot write: {exc.strerror or exc}") from None
