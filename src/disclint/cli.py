"""The command line (click). Thin: it wires options to the pipeline and to the renderers.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings; 2 usage, config or pack error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor

import click

from . import __version__

LANGS = ("zh", "en")
SEVERITIES = ("error", "warning", "info")


class UsageFailure(click.ClickException):
    exit_code = 2

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"disclint: error: {self.format_message()}", err=True)


def _parse_one(path: str):  # type: ignore[no-untyped-def]
    from .parse import parse_path

    return parse_path(path)


def parse_all(paths: list[str], jobs: int) -> list:  # type: ignore[type-arg]
    """Parse every file; with ``jobs`` > 1 in worker processes. Order is kept."""
    if jobs > 1 and len(paths) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(_parse_one, paths, chunksize=max(1, len(paths) // (jobs * 4))))
    return [_parse_one(p) for p in paths]


def _split_codes(values: Iterable[str]) -> list[str]:
    return [c.strip().upper() for v in values for c in v.split(",") if c.strip()]


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
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True, help="Output format.")
def parse(file: str, fmt: str) -> None:
    """Parse FILE and print its structure (the AST), for debugging a document."""
    from .jsonout import report_to_dict
    from .parse import parse_path
    from .tree import render_tree

    report = parse_path(file)
    unreadable = [p for p in report.problems if p.kind == "unreadable"]
    if unreadable:
        raise UsageFailure(f"{file}: {unreadable[0].message}")
    if fmt == "json":
        click.echo(json.dumps(report_to_dict(report), ensure_ascii=False, indent=2))
    else:
        click.echo(render_tree(report), nl=False)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default=None, help="Output format [default: text].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), help="Write the report to FILE instead of standard output.")
@click.option("--select", multiple=True, metavar="CODES", help="Only these rules: codes or family prefixes, comma-separated (ACC,CON001).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules: codes or family prefixes, comma-separated.")
@click.option("--pack", metavar="NAME|FILE", help="Rule pack to use (default: national, or the configured one).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=str), help="Configuration file (default: discovered disclint.yaml / pyproject.toml).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None, help="Lowest severity that makes the exit code 1 [default: info].")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of the messages [default: zh].")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Parse files in N processes.")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=str), help="Suppress the findings recorded in this baseline file.")
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
    baseline: str | None,
) -> None:
    """Check report files and directories (.txt .md .docx .pdf .html) against the rules."""
    from . import engine
    from .discover import discover
    from .findings import Severity
    from .render import render, use_color
    from .runconfig import RunError, resolve

    try:
        run = resolve(
            paths=list(paths),
            select=_split_codes(select),
            ignore=_split_codes(ignore),
            pack=pack,
            config_file=config_file,
            fmt=fmt,
            fail_on=fail_on,
            lang=lang,
        )
    except RunError as exc:
        raise UsageFailure(str(exc)) from None
    files = discover(list(paths))
    if not files:
        raise UsageFailure("no report files found under " + ", ".join(paths))
    reports = parse_all(files, jobs)
    findings = engine.run(reports, run.settings_for, run.lang)
    if baseline:
        from .baseline import BaselineError, apply_baseline

        try:
            findings = apply_baseline(findings, baseline)
        except BaselineError as exc:
            raise UsageFailure(str(exc)) from None
    stream = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        text = render(
            findings,
            run.fmt,
            reports=reports,
            registry=engine.registry(),
            lang=run.lang,
            settings=run.settings_for(files[0]) if files else None,
            pack=run.pack_name,
            color=use_color(stream) if run.fmt == "text" else False,
        )
        stream.write(text)
    finally:
        if output:
            stream.close()
    threshold = Severity(run.fail_on).rank
    sys.exit(1 if any(f.severity.rank >= threshold for f in findings) else 0)


@main.command()
@click.option("--pack", metavar="NAME|FILE", help="Show the rules as this pack configures them.")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True)
def rules(pack: str | None, lang: str) -> None:
    """List the rule catalogue: code, name, severity, origin and summary."""
    from . import engine
    from .render.catalogue import rules_table
    from .runconfig import RunError, resolve

    try:
        run = resolve(paths=["."], pack=pack, lang=lang)
    except RunError as exc:
        raise UsageFailure(str(exc)) from None
    click.echo(rules_table(engine.registry(), run.settings_for("."), lang), nl=False)


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


def run_main() -> None:  # pragma: no cover - console entry point alias
    main()


if __name__ == "__main__":  # pragma: no cover
    main()

