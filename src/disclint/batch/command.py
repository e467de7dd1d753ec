"""`disclint check` over a batch: discover, run the workers (cache, pool, Dask), the cross-year
rules, and the summary file. The CLI stays thin:
it calls :func:`check_files` and turns :class:`BatchUsageError` into exit code 2."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import Finding
from ..messages import Text, TextError
from ..output import cannot_write

if TYPE_CHECKING:
    from ..config import Resolution
    from ..nodes import Report
    from ..runerrors import RunError
    from .cache import ResultCache
    from .runner import BatchOutcome
    from .worker import Job


class BatchUsageError(TextError):
    """A problem with how the batch was asked for (exit code 2)."""


@dataclass(frozen=True)
class BatchOptions:
    jobs: int | None = None
    no_cache: bool = False
    cache_dir: str | None = None
    quiet: bool = False
    dask: str | None = None
    previous: tuple[str, ...] = ()  # last year's reports, for the cross-year rules only


def check_files(
    run: Resolution,
    files: Sequence[str],
    options: BatchOptions,
    cli: tuple[Sequence[str], Sequence[str], str | None, str | None, str | None],
    limits: Mapping[str, str],
    errors: list[RunError],
    ocr: str = "auto",
) -> tuple[Mapping[str, Report | None], Iterable[Sequence[Finding]], BatchOutcome | None]:
    """Check discovered ``files``: (reports or just their paths, the findings in chunks sorted as
    one list, batch outcome); the rules or hooks that raised are appended to ``errors``.

    Files are checked in worker processes that return only findings and facts (see
    :mod:`disclint.batch`); plugins with rules over whole reports of a run (scope ``batch``) need
    every report in memory, and get the in-process run instead."""
    from .. import engine
    from ..batch.crossyear import cross_year_findings
    from ..batch.runner import default_jobs, run_batch
    from ..batch.worker import Job
    from ..discover import discover

    earlier = [f for f in discover(list(options.previous)) if f not in set(files)]
    aliases = run.organ_aliases
    if _needs_reports(run):
        from ..cli import parse_all

        reports = parse_all([*files, *earlier], options.jobs or 1, run.limits(dict(limits)), ocr)
        found = engine.run(reports, run.settings_for, run.lang, run.registry, errors, organ_aliases=aliases)
        return {r.path: r for r in reports[: len(files)]}, [_only(found, files)], None
    select, ignore, pack, config_file, lang = cli
    job = Job(
        str(Path.cwd()),
        tuple(select) or None,
        tuple(ignore) or None,
        pack,
        config_file,
        lang,
        tuple(sorted(limits.items())),
        ocr,
    )
    cache = _cache(options, job)
    try:
        outcome = run_batch(
            [*files, *earlier],
            job,
            jobs=options.jobs or default_jobs(),
            cache=cache,
            progress=not options.quiet and sys.stderr.isatty(),
            dask=options.dask,
        )
    except Exception as exc:
        from ..batch.dask_cluster import DaskUnavailable  # imported by a run with --dask only

        if isinstance(exc, DaskUnavailable):
            raise BatchUsageError(exc.words) from None
        raise
    errors.extend(outcome.errors)
    cross: dict[str, list[Finding]] = {}
    refresh = None if cache is None else cache.refreshed
    for f in cross_year_findings(outcome.facts, run.settings_for, run.lang, run.registry, aliases, refresh):
        cross.setdefault(f.location.path, []).append(f)
    return dict.fromkeys(files), _by_file(outcome, files, cross), outcome


def _by_file(
    outcome: BatchOutcome, files: Sequence[str], cross: Mapping[str, list[Finding]]
) -> Iterator[Sequence[Finding]]:
    """The findings of ``files`` (not of last year's), a file at a time, in the order one sorted
    list would have (path, line, column, code): only one file's findings are decoded at a time."""
    from ..findingstore import Encoded

    index = {path: i for i, path in enumerate(outcome.files)}
    wanted = set(files)
    for path in sorted(files):
        mine = outcome.take(index[path])
        extra = cross.get(path)
        if isinstance(mine, Encoded) and not extra:
            yield mine  # a cached file's, sorted and all in ``path``: left encoded
            continue
        found = [*mine, *(extra or ())]
        found.sort(key=Finding.sort_key)
        yield [f for f in found if f.location.path in wanted]


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
        reason = exc.strerror or str(exc)
        raise BatchUsageError(
            Text(
                f"{directory}：无法创建缓存目录：{reason}",
                f"{directory}: cannot create the cache directory: {reason}",
            )
        ) from None
    return ResultCache(directory, job)


def write_summary_file(
    target: str, run: Resolution, outcome: BatchOutcome | None, findings: list[Finding], files: list[str]
) -> None:
    from ..batch.export import write_summary
    from ..batch.summary import build_summary

    if outcome is None:
        raise BatchUsageError(
            Text(
                "--summary 不能与需要本次全部报告的插件同时使用",
                "--summary is not available with plugins that need every report of the run",
            )
        )
    summary = build_summary(outcome, findings, run.fail_on, run.organ_aliases, run.registry, files)
    try:
        write_summary(summary, target, run.lang)
    except OSError as exc:
        raise BatchUsageError(cannot_write(target, exc).words) from None
