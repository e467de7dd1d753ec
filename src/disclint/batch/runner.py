"""Run a batch: cached results first, the rest on a local process pool, in this process, or on a
Dask cluster; results come back in file order and are consumed one at a time (streaming).

A worker process that dies (killed, out of memory, a crash in a C extension) breaks Python's
process pool; the files that were in flight are then re-checked one by one in a fresh process,
and the one that kills its process again gets a PAR001 "internal error" finding. The rest of the
batch goes on.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Future
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..findings import Finding
from ..findingstore import FindingStore
from ..heap import settle
from ..runerrors import RunError
from .cache import ResultCache
from .facts import ReportFacts
from .worker import FileResult, Job, check_file, internal_error, resolution

FEW = 50  # at most one file in this many to check: one worker process is enough


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


class Executor(Protocol):
    def submit(self, path: str) -> Any: ...
    def result(self, path: str, handle: Any) -> FileResult: ...
    def close(self) -> None: ...


class InProcess:
    """``-j 1``: check each file when its result is asked for."""

    def __init__(self, job: Job) -> None:
        self.job = job
        _warm(job)
        settle()

    def submit(self, path: str) -> Any:
        return None

    def result(self, path: str, handle: Any) -> FileResult:
        try:
            return check_file(path, self.job)
        except Exception as exc:
            return internal_error(path, self.job, f"{type(exc).__name__}: {exc}")

    def close(self) -> None:
        pass


def _warm(job: Job) -> None:
    """Build the parser and resolve the configuration before forking, so that workers inherit
    them instead of each doing it again."""
    from ..parse import parser

    parser()
    resolution(job)


def _process_pool(workers: int) -> Any:
    """A ``ProcessPoolExecutor`` (imported here: a re-run from the cache never needs one; its
    breaking raises ``BrokenProcessPool``, a ``BrokenExecutor``)."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers)


class LocalPool:
    """``-j N``: a process pool; a broken pool is replaced and its unfinished files isolated."""

    def __init__(self, job: Job, jobs: int, *, warm: bool = True) -> None:
        self.job = job
        self.jobs = jobs
        if warm:
            _warm(job)
        settle()  # before the workers are forked: they inherit it
        self.pool = _process_pool(jobs)

    def submit(self, path: str) -> Any:
        try:
            return self.pool.submit(check_file, path, self.job)
        except BrokenExecutor:  # broken by an earlier file: start over
            self._renew()
            return self.pool.submit(check_file, path, self.job)

    def result(self, path: str, handle: Any) -> FileResult:
        future: Future[FileResult] = handle
        try:
            return future.result()
        except BrokenExecutor:
            self._renew()
            return self._isolated(path)
        except Exception as exc:
            return internal_error(path, self.job, f"{type(exc).__name__}: {exc}")

    def _renew(self) -> None:
        if getattr(self.pool, "_broken", False):
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = _process_pool(self.jobs)

    def _isolated(self, path: str) -> FileResult:
        """Check ``path`` alone in a new process: did it, or a neighbour, kill the last one?"""
        with _process_pool(1) as solo:
            try:
                return solo.submit(check_file, path, self.job).result()
            except BrokenExecutor:
                return internal_error(path, self.job, "worker process killed or crashed")
            except Exception as exc:
                return internal_error(path, self.job, f"{type(exc).__name__}: {exc}")

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def results(
    files: Sequence[str],
    job: Job,
    make_executor: Callable[[int], Executor],
    cache: ResultCache | None = None,
    window: int = 32,
    ahead: int = 4096,
) -> Iterator[FileResult]:
    """Every file's result, in the order of ``files``; at most ``window`` files being checked at
    once. The executor is created only when a file is not in the cache. Cached results are read
    up to ``ahead`` files past the one being waited for, so that the files being checked
    elsewhere are checked while this process reads the cache (a re-run with a few files changed
    does not wait for each of them in turn). ``make_executor`` is told how many files are
    expected to need checking."""
    executor: Executor | None = None
    queue: deque[tuple[str, str | None, Any, FileResult | None]] = deque()
    keys = [cache.key(path) for path in files] if cache is not None else [None] * len(files)
    pending = iter(zip(files, keys, strict=True))
    checking = 0  # files submitted and not yet taken from the queue

    def fill() -> None:
        nonlocal executor, checking
        while checking < window and len(queue) < ahead:
            path, key = next(pending, (None, None))
            if path is None:
                return
            hit = cache.get(key, path) if cache is not None and key is not None else None
            if hit is not None:
                queue.append((path, key, None, hit))
                continue
            if executor is None:
                expected = sum(1 for k in keys if k is None or cache is None or not cache.stored(k))
                executor = make_executor(expected)
            queue.append((path, key, executor.submit(path), None))
            checking += 1

    try:
        fill()
        while queue:
            path, key, handle, ready = queue.popleft()
            if ready is None:
                assert executor is not None
                ready = executor.result(path, handle)
                checking -= 1
                if cache is not None and key is not None and not ready.errors:
                    cache.put(key, ready)
            fill()
            yield ready
    finally:
        if executor is not None:
            executor.close()
        if cache is not None:
            cache.save_index()


@dataclass
class BatchOutcome:
    """What the parent keeps of a run: findings (compressed, a chunk per file in the order of
    ``files``), facts and the pack of each file (no reports)."""

    files: list[str]
    findings: FindingStore = field(default_factory=FindingStore)
    facts: list[ReportFacts] = field(default_factory=list)
    packs: dict[str, str] = field(default_factory=dict)
    cached: int = 0
    errors: list[RunError] = field(default_factory=list)  # rules that raised in the workers
    chunk: list[int | None] = field(default_factory=list)  # each file's chunk of ``findings``

    def take(self, index: int) -> Sequence[Finding]:
        """The findings of ``files[index]`` for the last time (then freed; a cached file's stay
        encoded, see :meth:`FindingStore.take`)."""
        chunk = self.chunk[index]
        return [] if chunk is None else self.findings.take(chunk)


def run_batch(
    files: Sequence[str],
    job: Job,
    *,
    jobs: int,
    cache: ResultCache | None = None,
    progress: bool = False,
    dask: Any = None,
) -> BatchOutcome:
    """Check ``files`` (report-level rules) and collect the outcome; the cross-year rules are run
    by the caller on ``outcome.facts``."""

    def make_executor(expected: int) -> Executor:
        if dask is not None:
            from .dask_cluster import DaskExecutor

            return DaskExecutor(dask, job)
        if jobs > 1 and len(files) > 1:
            if expected * FEW <= len(files):
                # a re-run with a few files changed: one worker checks them (and loads the
                # parser itself) while this process reads the cache for the rest
                return LocalPool(job, 1, warm=False)
            return LocalPool(job, min(jobs, len(files)))
        return InProcess(job)

    outcome = BatchOutcome(list(files))
    bar = _progress_bar(len(files)) if progress else None
    try:
        for result in results(files, job, make_executor, cache, window=max(8, jobs * 8)):
            outcome.chunk.append(outcome.findings.add(result.findings))
            outcome.facts.append(result.facts)
            outcome.packs[result.path] = result.pack
            outcome.cached += result.cached
            outcome.errors.extend(result.errors)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    return outcome


def _progress_bar(total: int) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, leave=False, dynamic_ncols=True)
