"""The command line speaks Chinese by default and English with ``--lang en`` or ``DISCLINT_LANG=en``:
help (its own texts and click's), usage errors, config errors and ``explain``."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from disclint import clickzh
from disclint.cli import main
from disclint.clitext import HELP, LANG_ENV, MESSAGES, help_text, lang_from
from disclint.messages import fields


def run(*args: str, env: dict[str, str] | None = None) -> click.testing.Result:
    environ = {LANG_ENV: ""} | (env or {})
    return CliRunner().invoke(main, list(args), env=environ, prog_name="disclint")


def flat(text: str) -> str:
    """Help output with its line wrapping undone."""
    return " ".join(text.split())


def test_main_help_is_chinese_by_default_and_english_with_lang_en() -> None:
    zh = run("--help")
    assert zh.exit_code == 0
    assert zh.output.startswith("用法: disclint [OPTIONS] COMMAND [ARGS]...")
    assert "政府信息公开工作年度报告合规检查工具" in zh.output
    assert "选项:" in zh.output and "命令:" in zh.output
    assert "显示本帮助并退出。" in zh.output
    assert "按规则检查报告文件和目录" in flat(zh.output)  # the check command's short help
    assert "Usage:" not in zh.output and "Show this message" not in zh.output

    en = run("--lang", "en", "--help")
    assert en.exit_code == 0
    assert en.output.startswith("Usage: disclint [OPTIONS] COMMAND [ARGS]...")
    assert "a compliance linter for" in flat(en.output)
    assert "Options:" in en.output and "Commands:" in en.output
    assert "Show this message and exit." in en.output
    assert "显示本帮助" not in en.output


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("check", "--help", "--lang", "en"), None),
        (("check", "--lang=en", "--help"), None),
        (("--lang", "en", "check", "--help"), None),
        (("check", "--help"), {LANG_ENV: "en"}),
    ],
)
def test_check_help_in_english(args: tuple[str, ...], env: dict[str, str] | None) -> None:
    out = run(*args, env=env)
    assert out.exit_code == 0
    assert out.output.startswith("Usage: disclint check [OPTIONS] PATHS...")
    assert "Lowest severity that makes the exit code 1 [default: info]." in flat(out.output)
    assert "Skip these rules: codes or family prefixes, comma-separated." in flat(out.output)
    assert "also read from .disclintignore at the project root" in flat(out.output)


def test_check_help_in_chinese_by_default() -> None:
    out = run("check", "--help")
    assert out.exit_code == 0
    assert out.output.startswith("用法: disclint check [OPTIONS] PATHS...")
    assert "使退出码为 1 的最低级别 [默认：info]。" in flat(out.output)
    assert "跳过这些规则" in flat(out.output)
    assert "[默认：auto，或配置文件中的 ocr:]" in flat(out.output)
    parse_help = run("parse", "--help")
    assert "[默认：tree]" in flat(parse_help.output)  # click's "default: …" in Chinese too
    assert "Lowest severity" not in out.output


def test_usage_error_in_both_languages() -> None:
    zh = run("check", "--nope")
    assert zh.exit_code == 2
    assert "运行 'disclint check --help' 查看帮助。" in zh.output
    assert "错误：没有选项 '--nope'。" in zh.output

    en = run("check", "--nope", "--lang", "en")
    assert en.exit_code == 2
    assert "Try 'disclint check --help' for help." in en.output
    assert "Error: No such option '--nope'." in en.output

    bad = run("check", "x", "--fail-on", "bad")
    assert bad.exit_code == 2
    assert "错误：'--fail-on' 的值无效：'bad' 不是 'error', 'warning', 'info' 之一。" in bad.output


def test_cli_usage_failure_in_both_languages() -> None:
    zh = run("explain", "XX999")
    assert zh.exit_code == 2
    assert zh.output == "disclint: 错误: 未知规则 'XX999'；`disclint rules` 可列出全部规则\n"
    en = run("explain", "XX999", "--lang", "en")
    assert en.output == "disclint: error: unknown rule 'XX999'; `disclint rules` lists them\n"


def test_config_errors_in_both_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    zh = run("check", "r.txt", "--config", "nope.yaml")
    assert zh.exit_code == 2
    assert zh.output == "disclint: 错误: nope.yaml: 找不到配置文件\n"
    en = run("check", "r.txt", "--config", "nope.yaml", "--lang", "en")
    assert en.output == "disclint: error: nope.yaml: configuration file not found\n"

    (tmp_path / "disclint.yaml").write_text("colour: red\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("x\n", encoding="utf-8")
    zh = run("check", "r.txt")
    assert zh.exit_code == 2
    assert zh.output.startswith("disclint: 错误: disclint.yaml:1:1: 未知的键 'colour'（可用：")
    en = run("check", "r.txt", env={LANG_ENV: "en"})
    assert en.exit_code == 2
    assert en.output.startswith("disclint: error: disclint.yaml:1:1: unknown key 'colour' (allowed: ")


def test_explain_in_chinese_by_default_and_english_with_lang_en() -> None:
    zh = run("explain", "ACC001")
    assert zh.exit_code == 0
    assert "表三某列：一（本年新收）+二（上年结转）≠（七）总计+四（结转下年度）。" in zh.output
    assert "默认级别" in zh.output
    en = run("explain", "ACC001", "--lang", "en")
    assert en.exit_code == 0
    assert "Default severity" in en.output and "默认级别" not in en.output


def _commands() -> list[tuple[str, click.Command]]:
    return [("main", main), *sorted(main.commands.items())]


@pytest.mark.parametrize(("name", "command"), _commands(), ids=[n for n, _ in _commands()])
def test_every_command_and_option_has_chinese_and_english_help(name: str, command: click.Command) -> None:
    """A new command or option without a text in :data:`disclint.clitext.HELP` fails here."""
    texts = [("", help_text(name, ""))]
    texts += [
        (p.name or "", help_text(name, p.name or "")) for p in command.params if isinstance(p, click.Option)
    ]
    for param, text in texts:
        assert text is not None, f"{name} {param or '(command)'}: no help text in disclint.clitext.HELP"
        assert text.zh.strip() and text.en.strip()
        assert text.zh != text.en, f"{name} {param}: the Chinese help is the English one"


def test_every_help_entry_belongs_to_an_existing_option() -> None:
    """No stale entries: each key of HELP names a command and each of its keys an option of it."""
    commands = dict(_commands())
    for name, texts in HELP.items():
        if name == "*":
            continue
        options = {p.name for p in commands[name].params if isinstance(p, click.Option)}
        assert set(texts) - {""} <= options, name


def test_messages_take_the_same_arguments_in_both_languages() -> None:
    for key, text in MESSAGES.items():
        assert fields(text.zh) == fields(text.en), key


@pytest.mark.parametrize(
    ("argv", "env", "lang"),
    [
        ([], {}, "zh"),
        (["check", "--lang", "en"], {}, "en"),
        (["--lang=en", "rules"], {}, "en"),
        (["check", "--lang", "xx"], {}, "zh"),  # click reports the bad value, in Chinese
        (["check", "--", "--lang", "en"], {}, "zh"),  # after "--" it is a path
        (["rules"], {LANG_ENV: "en"}, "en"),
        (["rules", "--lang", "zh"], {LANG_ENV: "en"}, "zh"),
    ],
)
def test_lang_from_argv_and_environment(argv: list[str], env: dict[str, str], lang: str) -> None:
    assert lang_from(argv, env) == lang


def test_pack_errors_in_both_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text("name: x\nrules:\n  CON009: off\n", encoding="utf-8")
    zh = run("rules", "--pack", "bad.yaml")
    assert zh.exit_code == 2
    assert zh.output.startswith("disclint: 错误: bad.yaml:3:3: 未知的规则代码 'CON009'；您是不是想用 CON00")
    en = run("rules", "--pack", "bad.yaml", "--lang", "en")
    assert en.output.startswith(
        "disclint: error: bad.yaml:3:3: unknown rule code 'CON009'; did you mean CON00"
    )
    zh = run("rules", "--pack", "nosuchpack")
    assert zh.output.startswith("disclint: 错误: 命令行（--pack）: 未知的规则包 'nosuchpack'（可用：")


def test_output_refusal_in_both_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_text("x\n", encoding="utf-8")
    zh = run("check", "r.txt", "-o", "sarif=r.txt")
    assert zh.exit_code == 2
    assert "disclint: 错误: r.txt：是本次运行的输入文件，拒绝覆盖\n" in zh.output
    en = run("check", "r.txt", "-o", "sarif=r.txt", "--lang", "en")
    assert "disclint: error: r.txt: is an input of this run; refusing to overwrite it\n" in en.output
    assert (tmp_path / "r.txt").read_text(encoding="utf-8") == "x\n"


def test_limit_errors_in_both_languages() -> None:
    zh = run("check", "x", "--limit", "pages=3")
    assert zh.exit_code == 2
    assert zh.output.startswith("disclint: 错误: 命令行（--limit）: 未知的限制 'pages'（可用：file-size, ")
    assert run("check", "x", "--limit", "pdf-pages").output == (
        "disclint: 错误: --limit 'pdf-pages'：应为 KEY=N，例如 --limit pdf-pages=5000\n"
    )
    en = run("check", "x", "--max-file-size", "big", "--lang", "en")
    assert (
        en.output
        == "disclint: error: command line (--limit): 'big' is not a size such as 64M, 1G or 1000000\n"
    )


def test_config_command_in_both_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "disclint.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    zh = run("config", "--pack", "national")
    assert zh.exit_code == 0
    lines = zh.output.splitlines()
    assert lines[0] == f"配置文件：{tmp_path / 'disclint.yaml'}" and lines[1] == f"根目录：{tmp_path}"
    assert any(line.startswith("pack ") and line.endswith("# 命令行（--pack）") for line in lines)
    assert any(line.startswith("format ") and line.endswith("# 默认值") for line in lines)
    assert any(line.startswith("fail-on ") and line.endswith("# disclint.yaml:1:10") for line in lines)
    en = run("config", "--lang", "en")
    assert en.output.splitlines()[0] == f"configuration file: {tmp_path / 'disclint.yaml'}"
    assert "# default" in en.output and "默认" not in en.output


def test_pack_schema_errors_in_both_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "keys.yaml").write_text("name: x\ncolour: red\n", encoding="utf-8")
    assert run("rules", "--pack", "keys.yaml").output == (
        "disclint: 错误: keys.yaml:2:1: pack 中未知的键 'colour'（可用：define, description, extends, name, rules）\n"
    )
    (tmp_path / "date.yaml").write_text(
        "name: x\ndefine:\n  XY001:\n    kind: deadline\n    deadlines: {department: 13-45}\n    message: m\n",
        encoding="utf-8",
    )
    where = "disclint: {}: date.yaml:5:29: define.XY001.deadlines.department"
    assert run("rules", "--pack", "date.yaml").output == (
        where.format("错误") + "：'13-45' 不是 01-31 这样的月-日日期\n"
    )
    assert run("rules", "--pack", "date.yaml", "--lang", "en").output == (
        where.format("error") + ": '13-45' is not a month-day date such as 01-31\n"
    )


def test_click_translations_fill_with_clicks_own_arguments() -> None:
    """A translation may drop an argument of click's text but never use one click does not pass."""
    for msgid, zh in clickzh.ZH.items():
        assert fields(zh) <= fields(msgid), msgid


def test_click_translations_follow_the_language_asked_for() -> None:
    try:
        clickzh.install("zh")
        assert click.core._("Usage:") == "用法:"  # type: ignore[attr-defined]
        assert (
            click.exceptions.ngettext("Did you mean {possibility}?", "x", 1) == "您是不是想用 {possibility}？"
        )
        clickzh.install("en")
        assert click.core._("Usage:") == "Usage:"  # type: ignore[attr-defined]
    finally:
        clickzh.install("zh")


def test_batch_usage_errors_in_both_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: the batch's usage errors (summary type, cache folder, Dask) were English only."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_text("x\n", encoding="utf-8")
    zh = run("check", "r.txt", "--summary", "s.txt")
    assert zh.exit_code == 2
    assert "disclint: 错误: s.txt：汇总表须为 .xlsx、.csv 或 .html 文件\n" in zh.output
    en = run("check", "r.txt", "--summary", "s.txt", "--lang", "en")
    assert "disclint: error: s.txt: a summary is .xlsx, .csv or .html\n" in en.output
    (tmp_path / "file").write_text("", encoding="utf-8")
    zh = run("check", "r.txt", "--cache-dir", "file/cache")
    assert zh.exit_code == 2
    assert "disclint: 错误: file/cache：无法创建缓存目录：" in zh.output
    en = run("check", "r.txt", "--cache-dir", "file/cache", "--lang", "en")
    assert "disclint: error: file/cache: cannot create the cache directory: " in en.output
