"""The command line (click). Thin: it wires options to the pipeline and to the renderers.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings; 2 usage, config or pack error,
or a run error (an input that could not be read, a rule or plugin that crashed).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .batch.command import BatchOptions, check_files, write_summary_file
from .clickzh import HELP_OPTION_TEXT
from .clickzh import gettext_ as click_text
from .clickzh import install as install_click_language
from .clitext import LANG_ENV, lang_from, localize, say
from .findings import SEVERITIES
from .formats import FORMATS
from .messages import DEFAULT_LANG, LANGS
from .packs.errors import PackError
from .readers.base import OCR_MODES

T = TypeVar("T")

if TYPE_CHECKING:
    from .api import Result
    from .config import Resolution
    from .limits import Limits
    from .messages import TextError
    from .nodes import Report

LANG_KEY = "disclint.lang"  # the run's language, kept in click's context meta


def _lang() -> str:
    """The language of this run's messages: ``--lang``/``$DISCLINT_LANG``, the configuration's once it
    is resolved, else Chinese."""
    ctx = click.get_current_context(silent=True)
    return str(ctx.meta.get(LANG_KEY) or DEFAULT_LANG) if ctx is not None else DEFAULT_LANG


def _use_lang(lang: str | None) -> str | None:
    """Record a command's ``--lang`` (or the group's) as the language of its messages."""
    ctx = click.get_current_context()
    lang = lang or ctx.meta.get(LANG_KEY)
    if lang:
        ctx.meta[LANG_KEY] = lang
    return lang


class UsageFailure(click.ClickException):
    """A usage, config or output problem: ``disclint: 错误: …`` on standard error, exit code 2."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.lang = _lang()

    @classmethod
    def say(cls, key: str, **args: Any) -> UsageFailure:
        """The CLI message ``key`` (:data:`disclint.clitext.MESSAGES`) in the run's language."""
        return cls(say(key, _lang(), **args))

    @classmethod
    def of(cls, exc: PackError | TextError) -> UsageFailure:
        return cls(exc.text(_lang()))

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(say("error", self.lang, message=self.format_message()), err=True)


def _status(key: str, **args: Any) -> None:
    """A ``disclint: …`` status line on standard error, in the run's language."""
    click.echo(say("status", _lang(), message=say(key, _lang(), **args)), err=True)


class DisclintCommand(click.Command):
    """A command whose ``--help`` option reads its help in the language installed for click (click
    makes that option once and keeps it, so it is re-labelled each time it is asked for)."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = click_text(HELP_OPTION_TEXT)
        return option


class DisclintGroup(DisclintCommand, click.Group):
    """The ``disclint`` group: before click parses anything (or formats help) the language is taken
    from ``--lang``/``$DISCLINT_LANG`` and help texts and click's own texts are put in it."""

    command_class = DisclintCommand

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        lang = lang_from(argv)
        install_click_language(lang)
        localize(self, lang)
        return super().main(argv, *rest, **extra)


def _parse_one(path: str, limits: Limits | None = None, ocr: str = "auto") -> Report:
    from . import limits as limits_module
    from .parse import parse_path

    if limits is not None:  # each worker process sets the run's limits before reading
        limits_module.configure(limits)
    return parse_path(path, ocr)


def parse_all(paths: list[str], jobs: int, limits: Limits | None = None, ocr: str = "auto") -> list[Report]:
    """Parse every file; with ``jobs`` > 1 in worker processes. Order is kept."""
    if jobs > 1 and len(paths) > 1:
        from concurrent.futures import ProcessPoolExecutor  # imported when needed: start-up

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            chunk = max(1, len(paths) // (jobs * 4))
            n = len(paths)
            return list(pool.map(_parse_one, paths, [limits] * n, [ocr] * n, chunksize=chunk))
    return [_parse_one(p, limits, ocr) for p in paths]


def _split_codes(values: Iterable[str]) -> list[str]:
    return [c.strip().upper() for v in values for c in v.split(",") if c.strip()]


# options shared by several commands, declared once
paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
pack_option = click.option("--pack", metavar="NAME|FILE")
config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=str),
)
ocr_option = click.option(
    "--ocr",
    type=click.Choice(OCR_MODES),
    default=None,
)
lang_option = click.option("--lang", type=click.Choice(LANGS), default=None, envvar=LANG_ENV)
jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
)


def limit_options(fn: Callable[..., None]) -> Callable[..., None]:
    """``--max-file-size`` and ``--limit KEY=N`` (docs/limits.md lists the limits)."""
    fn = click.option(
        "--limit",
        "limit",
        multiple=True,
        metavar="KEY=N",
    )(fn)
    return click.option(
        "--max-file-size",
        metavar="SIZE",
    )(fn)


def _cli_limits(max_file_size: str | None, limit: Sequence[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in limit:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageFailure.say("bad_limit", item=repr(item))
        values[key.strip()] = value.strip()
    if max_file_size is not None:
        values["file-size"] = max_file_size
    return values


def batch_options(fn: Callable[..., None]) -> Callable[..., None]:
    """Options of a batch run: cache, progress, Dask."""
    fn = click.option(
        "--dask",
        metavar="tcp://HOST:PORT",
    )(fn)
    fn = click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=str),
    )(fn)
    return click.option("--no-cache", is_flag=True)(fn)


def selection_options(fn: Callable[..., None]) -> Callable[..., None]:
    """``--select`` and ``--ignore`` (codes or family prefixes, as in ruff)."""
    fn = click.option(
        "--ignore",
        multiple=True,
        metavar="CODES",
    )(fn)
    return click.option(
        "--select",
        multiple=True,
        metavar="CODES",
    )(fn)


@click.group(
    cls=DisclintGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, "-V", "--version", prog_name="disclint")
@lang_option
def main(lang: str | None) -> None:
    # help texts: disclint.clitext.HELP
    _use_lang(lang)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tree", "json"]),
    default="tree",
    show_default=True,
)
@ocr_option
@lang_option
def parse(file: str, fmt: str, ocr: str | None, lang: str | None = None) -> None:
    # Parse FILE and print its structure (the AST); help texts: disclint.clitext.HELP
    _use_lang(lang)
    from .jsonout import report_to_dict
    from .parse import parse_path
    from .parse.dump import render_tree

    report = parse_path(file, ocr or "auto")
    unreadable = [p for p in report.problems if p.kind == "unreadable"]
    if unreadable:
        problem = unreadable[0]
        reason = problem.message_zh if _lang() == "zh" and problem.message_zh else problem.message
        raise UsageFailure(f"{file}: {reason}")
    from .output import write_stdout

    if fmt == "json":
        write_stdout(json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n", "json")
    else:
        write_stdout(render_tree(report), "text")


@main.command()
@paths_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    metavar="[FORMAT=]FILE",
)
@selection_options
@pack_option
@config_option
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
)
@lang_option
@jobs_option
@ocr_option
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=str),
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="PATTERN",
)
@click.option(
    "--stdin-filename",
    metavar="NAME",
)
@click.option("-q", "--quiet", is_flag=True)
@click.option("--exit-zero", is_flag=True)
@click.option("--statistics", is_flag=True)
@limit_options
@click.option(
    "--summary",
    "summary_file",
    type=click.Path(dir_okay=False, path_type=str),
)
@click.option(
    "--previous",
    multiple=True,
    type=click.Path(exists=True, path_type=str),
)
@batch_options
def check(
    paths: tuple[str, ...],
    fmt: str | None,
    outputs: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    pack: str | None,
    config_file: str | None,
    fail_on: str | None,
    lang: str | None,
    jobs: int | None,
    baseline: str | None,
    exclude: tuple[str, ...],
    stdin_filename: str | None,
    quiet: bool,
    exit_zero: bool,
    statistics: bool,
    ocr: str | None = None,
    max_file_size: str | None = None,
    limit: tuple[str, ...] = (),
    summary_file: str | None = None,
    previous: tuple[str, ...] = (),
    no_cache: bool = False,
    cache_dir: str | None = None,
    dask: str | None = None,
) -> None:
    # Check report files and directories against the rules; help texts: disclint.clitext.HELP
    lang = _use_lang(lang)
    from .delivery import deliver, statistics_table, tell
    from .output import OutputError

    run = _resolve(paths, select, ignore, pack, config_file, fmt, fail_on, lang, baseline, ocr)
    targets = _targets(outputs, run.fmt)
    if summary_file is not None:
        from .batch.export import SummaryNameError, check_summary_path

        try:
            check_summary_path(summary_file)
        except SummaryNameError as exc:
            raise UsageFailure.of(exc) from None
    options = BatchOptions(jobs, no_cache, cache_dir, quiet, dask, previous)
    codes = (_split_codes(select), _split_codes(ignore), pack, config_file, lang)
    result = _run(
        run,
        paths,
        jobs,
        exclude,
        stdin_filename,
        limits=_cli_limits(max_file_size, limit),
        batch=(options, codes),
    )
    tell(result, run.lang, quiet)
    stdout_text = statistics_table(result.findings, run.lang) if statistics else None
    try:
        deliver(result, run, targets, quiet=quiet, stdout_text=stdout_text, protected=_protected(result, run))
    except OutputError as exc:
        raise UsageFailure.of(exc) from None
    if summary_file is not None:
        found = list(result.findings)
        _batch(write_summary_file, summary_file, run, result.outcome, found, list(result.sources.values()))
    if result.errors:
        sys.exit(2)
    sys.exit(1 if result.failed and not exit_zero else 0)


def _targets(outputs: Sequence[str], fmt: str) -> list[tuple[str, str]]:
    """``-o`` values as (format, file); standard output keeps ``--format`` unless a bare FILE is given."""
    targets: list[tuple[str, str]] = []
    plain = False
    for value in outputs:
        name, sep, file = value.partition("=")
        if sep and name.isalnum() and name not in FORMATS:  # "xml=out.xml"; write ./a=b for such a file
            raise UsageFailure.say(
                "unknown_output_format", value=value, name=repr(name), formats=", ".join(FORMATS)
            )
        if sep and name in FORMATS:
            if not file:
                raise UsageFailure.say("no_output_file", value=value)
            targets.append((name, file))
        else:
            plain = True
            targets.append((fmt, value))
    if not plain:
        targets.insert(0, (fmt, "-"))
    return targets


def _protected(result: Result, run: Resolution) -> list[str]:
    """Files an output must never replace: the inputs, the baseline and the configuration."""
    files = [p for p in result.sources.values() if p != "-"]
    if run.baseline:
        files.append(run.baseline)
    if run.config.file is not None:
        files.append(str(run.config.file))
    return files


def _run(
    run: Resolution,
    paths: Sequence[str],
    jobs: int | None,
    exclude: Sequence[str] = (),
    stdin_filename: str | None = None,
    use_baseline: bool = True,
    limits: dict[str, str] | None = None,
    batch: tuple[BatchOptions, tuple[Any, ...]] | None = None,
) -> Result:
    """The pipeline (api.run) with the command line's limits; with ``batch`` the files are parsed
    and checked by the batch runner (worker processes, result cache, Dask)."""
    from . import limits as limits_module
    from .api import run as run_pipeline

    if "-" in paths and stdin_filename is None:
        stdin_filename = "-"
    ocr = run.ocr  # --ocr, else the configuration's ocr:
    try:
        run_limits = run.limits(limits)
        limits_module.configure(run_limits)  # this process (standard input, one job) reads with them too
        return run_pipeline(
            run,
            list(paths),
            exclude=_split_patterns(exclude),
            stdin_filename=stdin_filename,
            parse_files=lambda files: parse_all(files, jobs or 1, run_limits, ocr),
            use_baseline=use_baseline,
            check_files=None
            if batch is None
            else (
                lambda files, errors: _batch(
                    check_files, run, files, batch[0], batch[1], limits or {}, errors, ocr
                )
            ),
        )
    except PackError as exc:
        raise UsageFailure.of(exc) from None


def _split_patterns(values: Iterable[str]) -> list[str]:
    return [p.strip() for v in values for p in v.split(",") if p.strip()]


def _resolve(
    paths: Sequence[str],
    select: Sequence[str],
    ignore: Sequence[str],
    pack: str | None,
    config_file: str | None,
    fmt: str | None,
    fail_on: str | None,
    lang: str | None,
    baseline: str | None = None,
    ocr: str | None = None,
) -> Resolution:
    from .config import resolve

    try:
        run = resolve(
            paths=list(paths),
            select=_split_codes(select) or None,
            ignore=_split_codes(ignore) or None,
            pack=pack,
            config_file=config_file,
            fmt=fmt,
            fail_on=fail_on,
            lang=lang,
            baseline=baseline,
            ocr=ocr,
        )
    except PackError as exc:
        raise UsageFailure.of(exc) from None
    click.get_current_context().meta[LANG_KEY] = run.lang
    return run


def _batch(fn: Callable[..., T], *args: Any) -> T:
    """Call a :mod:`disclint.batch.command` function; its usage errors exit with code 2."""
    from .batch.command import BatchUsageError

    try:
        return fn(*args)
    except BatchUsageError as exc:
        raise UsageFailure.of(exc) from None


@main.command()
@pack_option
@config_option
@lang_option
def rules(pack: str | None, config_file: str | None, lang: str | None) -> None:
    # List the rule catalogue; help texts: disclint.clitext.HELP
    lang = _use_lang(lang)
    from .render.catalogue import rules_table

    run = _resolve(["."], (), (), pack, config_file, None, None, lang)
    click.echo(rules_table(run.registry, run.settings_for("."), run.lang), nl=False)


@main.command()
@click.argument("code")
@pack_option
@config_option
@lang_option
def explain(code: str, pack: str | None, config_file: str | None, lang: str | None) -> None:
    # Print the long explanation of rule CODE; help texts: disclint.clitext.HELP
    lang = _use_lang(lang)
    from .render.catalogue import explain as explain_rule

    run = _resolve(["."], (), (), pack, config_file, None, None, lang)
    rule = run.registry.find(code)
    if rule is None:
        raise UsageFailure.say("unknown_rule", code=repr(code))
    click.echo(explain_rule(rule, run.lang), nl=False)


@main.command("config")
@config_option
@pack_option
@click.option("--json", "as_json", is_flag=True)
@lang_option
def config_cmd(config_file: str | None, pack: str | None, as_json: bool, lang: str | None = None) -> None:
    # Show the effective configuration; help texts: disclint.clitext.HELP
    lang = _use_lang(lang)
    run = _resolve(["."], (), (), pack, config_file, None, None, lang)
    if as_json:
        click.echo(json.dumps(run.config.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(run.config.describe(run.lang), nl=False)


@main.command()
@paths_argument
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=str),
)
@pack_option
@config_option
@selection_options
@jobs_option
@limit_options
@batch_options
@lang_option
def baseline(
    paths: tuple[str, ...],
    output: str,
    pack: str | None,
    config_file: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    jobs: int | None,
    max_file_size: str | None = None,
    limit: tuple[str, ...] = (),
    no_cache: bool = False,
    cache_dir: str | None = None,
    dask: str | None = None,
    lang: str | None = None,
) -> None:
    # Record today's findings in a baseline file; help texts: disclint.clitext.HELP
    lang = _use_lang(lang)
    from .baseline import dumps
    from .delivery import tell
    from .output import OutputError, write_output

    run = _resolve(paths, select, ignore, pack, config_file, None, None, lang)
    options = BatchOptions(jobs, no_cache, cache_dir, False, dask)
    codes = (_split_codes(select), _split_codes(ignore), pack, config_file, lang)
    result = _run(
        run, paths, jobs, use_baseline=False, limits=_cli_limits(max_file_size, limit), batch=(options, codes)
    )
    tell(result, run.lang, quiet=False)
    if result.errors:  # a baseline of a run that did not see everything would hide new findings
        raise UsageFailure.say("baseline_not_written", output=output)
    try:
        write_output(dumps(result.findings), output, "json", protected=_protected(result, run))
    except OutputError as exc:
        raise UsageFailure.of(exc) from None
    _status("baseline_written", count=len(result.findings), output=output)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--max-size",
    type=click.IntRange(1, 1024),
    default=20,
    show_default=True,
    metavar="MB",
)
@config_option
@lang_option
def serve(host: str, port: int, max_size: int, config_file: str | None, lang: str | None = None) -> None:
    # Start a local web page to check reports; help texts: disclint.clitext.HELP
    _use_lang(lang)
    from .serve import INSTALL_HINT, missing_modules

    if missing_modules():
        raise UsageFailure(INSTALL_HINT)
    import uvicorn

    from .serve.app import create_app

    try:
        app = create_app(config_file, max_bytes=max_size * 1024 * 1024)
    except PackError as exc:
        raise UsageFailure.of(exc) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(say("warning", _lang(), message=say("open_listener", _lang(), host=host)), err=True)
    _status("serving", host=host, port=port)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.command()
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=str),
)
@lang_option
def clean(cache_dir: str | None, lang: str | None = None) -> None:
    # Remove the result cache; help texts: disclint.clitext.HELP
    _use_lang(lang)
    from .batch.cache import clean as clean_cache
    from .batch.cache import default_cache_dir

    directory = Path(cache_dir) if cache_dir else default_cache_dir()
    if directory is None:
        _status("no_cache_dir")
        return
    removed = clean_cache(directory)
    _status("cache_cleaned", count=removed, directory=directory)


if __name__ == "__main__":  # pragma: no cover
    main()
