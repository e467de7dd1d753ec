"""The Python API: ``disclint.check(paths) -> Result`` and ``disclint.parse(path) -> Report``.

::

    import disclint

    result = disclint.check(["reports/"], select=["ACC"], lang="en")
    for finding in result.findings:
        print(finding.location.path, finding.location.line, finding.code, finding.message)
    for error in result.errors:          # inputs that could not be read, rules that crashed
        print("error:", error.message)
    raise SystemExit(result.exit_code)   # 0, 1 or 2, exactly as `disclint check` would

The command line runs the same pipeline (:func:`run`), so the two never disagree. See docs/api.md.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import Finding, Severity
from .findingstore import Encoded, FindingStore, tally
from .nodes import Report
from .paths import project_root, relative, relatives, shown
from .runerrors import Note, RunError

if TYPE_CHECKING:
    from .baseline import Entry, Matcher
    from .config import Resolution
    from .suppress import Suppression

STDIN = "-"


@dataclass(frozen=True)
class Result:
    """The outcome of a check run. Paths (in findings and as keys of ``reports``) are relative
    to ``root``, the project root (git top level, else the configuration root, else the cwd)."""

    findings: Sequence[Finding]  # a tuple; a batch run's are a compact FindingStore
    reports: Mapping[str, Report | None]  # by the path findings use (None: checked by a worker)
    errors: tuple[RunError, ...] = ()  # what could not be checked: exit code 2
    notes: tuple[Note, ...] = ()  # what was skipped on purpose (special files, outside links)
    root: Path = field(default_factory=Path.cwd)
    fail_on: str = "info"
    suppressed: int = 0  # findings hidden by the baseline and by `suppress` entries
    stale: tuple[Entry, ...] = ()  # baseline entries that no longer match any finding
    sources: Mapping[str, str] = field(default_factory=dict)  # shown path -> path as read
    outcome: Any = None  # the batch runner's outcome (facts, packs) when it checked the files

    @property
    def failed(self) -> bool:
        """Findings at or above ``fail_on``."""
        threshold = Severity(self.fail_on).rank
        return any(n and s.rank >= threshold for s, n in tally(self.findings)[0].items())

    @property
    def exit_code(self) -> int:
        return 2 if self.errors else 1 if self.failed else 0


def parse(path: str | Path) -> Report:
    """Parse one file into its AST (:class:`~disclint.nodes.Report`); never raises on bad input
    (an unreadable file comes back with an ``unreadable`` problem)."""
    from .parse import parse_path

    return parse_path(path)


def check(
    paths: Sequence[str | Path] | str | Path,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    pack: str | None = None,
    config: str | Path | None = None,
    fail_on: str | None = None,
    lang: str | None = None,
    baseline: str | Path | None = None,
    exclude: Sequence[str] = (),
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
) -> Result:
    """Check files and folders as ``disclint check`` does; ``stdin`` is the content read for the
    path ``-``. Raises :class:`disclint.packs.errors.PackError` for a bad configuration, pack or
    baseline (the CLI's exit code 2 with a message); everything about the inputs is in the Result."""
    from .config import resolve

    names = [str(paths)] if isinstance(paths, (str, Path)) else [str(p) for p in paths]
    resolution = resolve(
        paths=names,
        select=[c.upper() for c in select] if select else None,
        ignore=[c.upper() for c in ignore] if ignore else None,
        pack=pack,
        config_file=str(config) if config is not None else None,
        fail_on=fail_on,
        lang=lang,
        baseline=str(baseline) if baseline is not None else None,
    )
    return run(resolution, names, exclude=exclude, stdin=stdin, stdin_filename=stdin_filename)


def _parse_sequential(files: list[str], ocr: str = "auto") -> list[Report]:
    from .parse import parse_path

    return [parse_path(f, ocr) for f in files]


def _parse_stdin(data: bytes, name: str) -> Report:
    from .parse import parse_document, unreadable
    from .readers import ReadFailure, read_bytes

    doc = read_bytes(data, name)
    return unreadable(doc) if isinstance(doc, ReadFailure) else parse_document(doc)


def unreadable_errors(reports: Iterable[Report]) -> list[RunError]:
    out = []
    for r in reports:
        for p in r.problems:
            if p.kind == "unreadable":
                out.append(RunError("unreadable", p.message, p.message_zh or p.message, r.path))
                break
    return out


CheckFiles = Callable[
    [list[str], list[RunError]], tuple[Mapping[str, Report | None], Iterable[Sequence[Finding]], Any]
]


def run(
    resolution: Resolution,
    paths: Sequence[str],
    *,
    exclude: Sequence[str] = (),
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
    parse_files: Callable[[list[str]], list[Report]] | None = None,
    use_baseline: bool = True,
    check_files: CheckFiles | None = None,
) -> Result:
    """Discover, parse, check, suppress: the pipeline behind :func:`check` and ``disclint check``.

    ``check_files`` parses *and* checks the discovered files elsewhere (the batch runner's worker
    processes, its cache, Dask): it returns the reports it kept (None where only findings came
    back), the findings in chunks (a file at a time, in output order), and an outcome kept in
    :attr:`Result.outcome`; standard input is then checked here. The findings of such a run are
    kept compressed (a :class:`~disclint.findingstore.FindingStore`)."""
    from . import engine
    from .discover import ignore_spec, scan
    from .suppress import suppressions

    cwd = resolution.cwd
    config_root = resolution.config.root if resolution.config.file is not None else None
    root = project_root(cwd, config_root)
    spec = ignore_spec(root, exclude)
    found = scan(list(paths), root=root, exclude=spec if spec.patterns else None, cwd=cwd, ocr=resolution.ocr)
    files = [f for f in found.files if f != STDIN]
    errors: list[RunError] = [*found.errors]
    elsewhere: Iterable[Sequence[Finding]] = ()
    outcome: Any = None
    checked: list[str] = []  # files checked elsewhere, as read
    if check_files is not None and files:
        kept, elsewhere, outcome = check_files(files, errors)
        parsed = {p: r for p, r in kept.items() if r is not None}
        checked = [f for f in files if kept.get(f) is None]
    else:
        parse_all = parse_files or (lambda files: _parse_sequential(files, resolution.ocr))
        parsed = dict(zip(files, parse_all(files), strict=True))
    name = stdin_filename or STDIN
    reports: list[Report] = []
    for f in found.files:
        if f == STDIN:
            reports.append(_parse_stdin(stdin if stdin is not None else _read_stdin(), name))
        elif f in parsed:
            reports.append(parsed[f])
    if not found.files:  # nothing checked is not a pass
        where = ", ".join(shown(p) for p in paths)
        errors.append(
            RunError("scan", f"no report files found under {where}", f"在 {where} 下没有找到报告文件", None)
        )
    errors += unreadable_errors(reports)
    reg = resolution.registry
    errors += [RunError("plugin", e, f"插件错误：{e}", None, None) for e in reg.plugin_errors]
    here = [r for r in reports if check_files is None or r.path == name]  # not already checked
    found_here: list[Finding] = []
    if here or check_files is None:
        found_here = engine.run(here, resolution.settings_for, resolution.lang, reg, errors)

    shown_paths = [*(r.path for r in reports), *checked]
    display = {p: shown(r) for p, r in relatives(shown_paths, root, cwd).items()}
    errors = [replace(e, path=_shown_path(e.path, display, root, cwd)) if e.path else e for e in errors]
    finish = _Finish(display, root, cwd, suppressions(resolution.config["suppress"]))
    if use_baseline and resolution.baseline:
        from .baseline import Matcher, load_baseline

        finish.baseline = Matcher(load_baseline(resolution.baseline))
    # one pass over the findings, a chunk (a file) at a time: a batch's are kept compressed
    findings: Sequence[Finding]
    if check_files is None:
        findings = tuple(finish(found_here))
    else:
        findings = FindingStore(finish(chunk) for chunk in itertools.chain(elsewhere, [found_here]))
    return Result(
        findings=findings,
        reports={**{display[r.path]: r for r in reports}, **{display[p]: None for p in checked}},
        errors=tuple(errors),
        notes=found.notes,
        root=root,
        fail_on=resolution.fail_on,
        suppressed=finish.suppressed + (finish.baseline.suppressed if finish.baseline else 0),
        stale=tuple(finish.baseline.stale(display.values())) if finish.baseline else (),
        sources={display[p]: p for p in shown_paths},
        outcome=outcome,
    )


class _Finish:
    """The post-processing every finding gets, in one place: paths as shown (project-root
    relative), ``suppress`` entries of the configuration, then the baseline."""

    def __init__(
        self, display: Mapping[str, str], root: Path, cwd: Path, rules: Sequence[Suppression]
    ) -> None:
        self.display = display
        self.root = root
        self.cwd = cwd
        self.rules = rules
        self.suppressed = 0
        self.baseline: Matcher | None = None

    def __call__(self, findings: Sequence[Finding]) -> Sequence[Finding]:
        from .suppress import apply

        if isinstance(findings, Encoded) and not self.rules and self.baseline is None:
            return findings.moved(_shown_path(findings.path, self.display, self.root, self.cwd))
        moved = [_moved(f, self.display, self.root, self.cwd) for f in findings]
        kept, suppressed = apply(moved, self.rules)
        self.suppressed += suppressed
        if self.baseline is not None:
            kept, _ = self.baseline.filter(kept)
        return kept


def _shown_path(path: str, display: Mapping[str, str], root: Path, cwd: Path) -> str:
    return display.get(path) or shown(relative(path, root, cwd))


def _moved(finding: Finding, display: Mapping[str, str], root: Path, cwd: Path) -> Finding:
    path = finding.location.path
    new = _shown_path(path, display, root, cwd)
    if new == path:
        return finding
    return replace(finding, location=replace(finding.location, path=new))


def _read_stdin() -> bytes:
    import sys

    return sys.stdin.buffer.read()
