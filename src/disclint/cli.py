"""The command line (click). Thin: it wires options to the pipeline and to the renderers.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings; 2 usage, config or pack error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from . import __version__
from .packs.errors import PackError

if TYPE_CHECKING:
    from .config import Resolution
    from .findings import Finding
    from .nodes import Report

LANGS = ("zh", "en")
SEVERITIES = ("error", "warning", "info")


class UsageFailure(click.ClickException):
    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"disclint: error: {self.format_message()}", err=True)


def _parse_one(path: str, ocr: str = "auto") -> Report:
    from .parse import parse_path

    return parse_path(path, ocr)


def parse_all(paths: list[str], jobs: int, ocr: str = "auto") -> list[Report]:
    """Parse every file; with ``jobs`` > 1 in worker processes. Order is kept."""
    if jobs > 1 and len(paths) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            one = partial(_parse_one, ocr=ocr)
            return list(pool.map(one, paths, chunksize=max(1, len(paths) // (jobs * 4))))
    return [_parse_one(p, ocr) for p in paths]


def _split_codes(values: Iterable[str]) -> list[str]:
    return [c.strip().upper() for v in values for c in v.split(",") if c.strip()]


# options shared by several commands, declared once
paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
pack_option = click.option(
    "--pack", metavar="NAME|FILE", help="Rule pack to use (default: national, or the configured one)."
)
config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=str),
    help="Configuration file (default: discovered disclint.yaml / pyproject.toml).",
)
ocr_option = click.option(
    "--ocr",
    type=click.Choice(["never", "auto", "always"]),
    default="auto",
    show_default=True,
    help='Read page images by OCR: auto = pages without a text layer and image files (needs "disclint[ocr]").',
)
jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Parse files in N processes.",
)


def selection_options(fn: Callable[..., None]) -> Callable[..., None]:
    """``--select`` and ``--ignore`` (codes or family prefixes, as in ruff)."""
    fn = click.option(
        "--ignore",
        multiple=True,
        metavar="CODES",
        help="Skip these rules: codes or family prefixes, comma-separated.",
    )(fn)
    return click.option(
        "--select",
        multiple=True,
        metavar="CODES",
        help="Only these rules: codes or family prefixes, comma-separated (ACC,CON001).",
    )(fn)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="disclint")
def main() -> None:
    """disclint — a compliance linter for 政府信息公开工作年度报告
    (annual reports on government information disclosure).

    \b
    Check reports:        disclint check reports/
    List the rules:       disclint rules
    Explain one rule:     disclint explain ACC001
    See the parsed form:  disclint parse report.txt --format tree
    """


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tree", "json"]),
    default="tree",
    show_default=True,
    help="Output format.",
)
@ocr_option
def parse(file: str, fmt: str, ocr: str) -> None:
    """Parse FILE and print its structure (the AST), for debugging a document."""
    from .jsonout import report_to_dict
    from .parse import parse_path
    from .tree import render_tree

    report = parse_path(file, ocr)
    unreadable = [p for p in report.problems if p.kind == "unreadable"]
    if unreadable:
        raise UsageFailure(f"{file}: {unreadable[0].message}")
    if fmt == "json":
        click.echo(json.dumps(report_to_dict(report), ensure_ascii=False, indent=2))
    else:
        click.echo(render_tree(report), nl=False)


@main.command()
@paths_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "github"]),
    default=None,
    help="Output format [default: text].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=str),
    help="Write the report to FILE instead of standard output.",
)
@selection_options
@pack_option
@config_option
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Lowest severity that makes the exit code 1 [default: info].",
)
@click.option(
    "--lang", type=click.Choice(LANGS), default=None, help="Language of the messages [default: zh]."
)
@jobs_option
@ocr_option
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=str),
    help="Suppress the findings recorded in this baseline file.",
)
def check(
    paths: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    pack: str | None,
    config_file: str | None,
    fail_on: str | None,
    lang: str | None,
    jobs: int,
    ocr: str,
    baseline: str | None,
) -> None:
    """Check report files and directories (.txt .md .docx .pdf .html) against the rules."""
    from .baseline import apply_baseline
    from .findings import Severity
    from .render import render, use_color

    run = _resolve(paths, select, ignore, pack, config_file, fmt, fail_on, lang, baseline)
    reports, findings = _check(run, paths, jobs, ocr)
    if run.baseline:
        try:
            findings = apply_baseline(findings, run.baseline)
        except PackError as exc:
            raise UsageFailure(str(exc)) from None
    text = render(
        findings,
        run.fmt,
        reports=reports,
        registry=run.registry,
        lang=run.lang,
        settings=run.settings_for(reports[0].path),
        pack=run.pack_name,
        color=use_color(sys.stdout) if run.fmt == "text" and not output else False,
    )
    _write(text, output)
    threshold = Severity(run.fail_on).rank
    sys.exit(1 if any(f.severity.rank >= threshold for f in findings) else 0)


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
) -> Resolution:
    from .config import resolve

    try:
        return resolve(
            paths=list(paths),
            select=_split_codes(select) or None,
            ignore=_split_codes(ignore) or None,
            pack=pack,
            config_file=config_file,
            fmt=fmt,
            fail_on=fail_on,
            lang=lang,
            baseline=baseline,
        )
    except PackError as exc:
        raise UsageFailure(str(exc)) from None


def _check(
    run: Resolution, paths: Sequence[str], jobs: int, ocr: str = "auto"
) -> tuple[list[Report], list[Finding]]:
    """Discover, parse and check: (reports, findings)."""
    from . import engine
    from .discover import discover

    files = discover(list(paths))
    if not files:
        raise UsageFailure("no report files found under " + ", ".join(paths))
    reports = parse_all(files, jobs, ocr)
    return reports, engine.run(reports, run.settings_for, run.lang, run.registry)


def _write(text: str, output: str | None) -> None:
    """Write to standard output, or to FILE through a temporary file (never half-written)."""
    if not output:
        sys.stdout.write(text)
        return
    target = Path(output)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageFailure(f"{output}: cannot write: {exc.strerror or exc}") from None


@main.command()
@pack_option
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True)
def rules(pack: str | None, lang: str) -> None:
    """List the rule catalogue: code, name, severity, origin and summary."""
    from .render.catalogue import rules_table

    run = _resolve(["."], (), (), pack, None, None, None, lang)
    click.echo(rules_table(run.registry, run.settings_for("."), lang), nl=False)


@main.command()
@click.argument("code")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True)
def explain(code: str, lang: str) -> None:
    """Print the long explanation of rule CODE (e.g. ACC001 or application-balance)."""
    from . import engine
    from .render.catalogue import explain as explain_rule

    reg = engine.registry()
    wanted = code.strip()
    rule = reg.get(wanted) or next((r for r in reg.rules.values() if r.name == wanted.lower()), None)
    if rule is None:
        raise UsageFailure(f"unknown rule {code!r}; `disclint rules` lists them")
    click.echo(explain_rule(rule, lang), nl=False)


@main.command("config")
@config_option
@pack_option
@click.option("--json", "as_json", is_flag=True, help="Print the configuration as JSON.")
def config_cmd(config_file: str | None, pack: str | None, as_json: bool) -> None:
    """Show the effective configuration and where each value came from."""
    run = _resolve(["."], (), (), pack, config_file, None, None, None)
    if as_json:
        click.echo(json.dumps(run.config.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(run.config.describe(), nl=False)


@main.command()
@paths_argument
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=str),
    help="Baseline file to write.",
)
@pack_option
@config_option
@selection_options
@jobs_option
def baseline(
    paths: tuple[str, ...],
    output: str,
    pack: str | None,
    config_file: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    jobs: int,
) -> None:
    """Record today's findings in a baseline file, so that `check --baseline FILE` reports only new ones."""
    from .baseline import write_baseline

    run = _resolve(paths, select, ignore, pack, config_file, None, None, None)
    _reports, findings = _check(run, paths, jobs)
    try:
        count = write_baseline(findings, output)
    except OSError as exc:
        raise UsageFailure(f"{output}: cannot write: {exc.strerror or exc}") from None
    click.echo(f"disclint: wrote {count} findings to {output}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
