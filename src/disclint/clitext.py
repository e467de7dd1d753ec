"""Every text the command line writes itself, in Chinese and English: command and option help,
and the CLI's error and status lines. The one owner of these words (cli.py names keys only).

Help texts are looked up by command name and parameter name (``HELP[command][param]``, falling back
to ``HELP["*"][param]`` for options several commands share); :func:`localize` puts them on the
click commands in the run's language before click formats any help.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

import click

from .discover import IGNORE_FILE
from .messages import DEFAULT_LANG, LANGS, Text

LANG_ENV = "DISCLINT_LANG"

SHARED: Mapping[str, Text] = {
    "pack": Text(
        "要使用的规则包（默认：national，或配置文件中指定的包）。",
        "Rule pack to use (default: national, or the configured one).",
    ),
    "config_file": Text(
        "配置文件（默认：自动查找 disclint.yaml / pyproject.toml）。",
        "Configuration file (default: discovered disclint.yaml / pyproject.toml).",
    ),
    "ocr": Text(
        "用 OCR 读取页面图像：auto = 没有文字层的页面和图片文件（需要安装 “disclint[ocr]”）"
        "[默认：auto，或配置文件中的 ocr:]。",
        'Read page images by OCR: auto = pages without a text layer and image files (needs "disclint[ocr]") '
        "[default: auto, or ocr: in the configuration].",
    ),
    "jobs": Text(
        "用 N 个进程检查文件 [默认：CPU 数]。", "Check files in N processes [default: the number of CPUs]."
    ),
    "limit": Text(
        "调高或调低一项输入限制（见 docs/limits.md），例如 --limit pdf-pages=5000。",
        "Raise or lower one input limit (docs/limits.md), e.g. --limit pdf-pages=5000.",
    ),
    "max_file_size": Text(
        "可读取的最大输入文件（例如 64M、1G）[默认：64M]。",
        "Largest input file to read (e.g. 64M, 1G) [default: 64M].",
    ),
    "dask": Text(
        "在此 Dask 调度器上运行检查（文件在工作节点读取；需要 disclint[dask]）。",
        "Run the checks on this Dask scheduler (files are read on the workers; needs disclint[dask]).",
    ),
    "cache_dir": Text(
        "结果缓存目录 [默认：每个用户私有的目录]。",
        "Result cache directory [default: a private per-user directory].",
    ),
    "no_cache": Text("不读也不写结果缓存。", "Neither read nor write the result cache."),
    "ignore": Text(
        "跳过这些规则：规则代码或规则族前缀，用逗号分隔。",
        "Skip these rules: codes or family prefixes, comma-separated.",
    ),
    "select": Text(
        "只用这些规则：规则代码或规则族前缀，用逗号分隔（ACC,CON001）。",
        "Only these rules: codes or family prefixes, comma-separated (ACC,CON001).",
    ),
    "lang": Text(
        f"输出语言 [默认：zh；也可用环境变量 {LANG_ENV}]。",
        f"Language of the output [default: zh; also from the {LANG_ENV} environment variable].",
    ),
    "version": Text("显示版本并退出。", "Show the version and exit."),
}

HELP: Mapping[str, Mapping[str, Text]] = {
    "*": SHARED,
    "main": {
        "": Text(
            "disclint — 政府信息公开工作年度报告合规检查工具。\n\n"
            "\b\n"
            "检查报告：      disclint check reports/\n"
            "列出规则：      disclint rules\n"
            "解释一条规则：  disclint explain ACC001\n"
            "查看解析结果：  disclint parse report.txt --format tree\n\n"
            f"英文界面：加 --lang en，或设置环境变量 {LANG_ENV}=en。",
            "disclint — a compliance linter for 政府信息公开工作年度报告\n"
            "(annual reports on government information disclosure).\n\n"
            "\b\n"
            "Check reports:        disclint check reports/\n"
            "List the rules:       disclint rules\n"
            "Explain one rule:     disclint explain ACC001\n"
            "See the parsed form:  disclint parse report.txt --format tree\n\n"
            f"Chinese or English: --lang zh|en, or the {LANG_ENV} environment variable.",
        ),
    },
    "parse": {
        "": Text(
            "解析 FILE 并打印其结构（语法树），用于排查文档问题。",
            "Parse FILE and print its structure (the AST), for debugging a document.",
        ),
        "fmt": Text("输出格式。", "Output format."),
    },
    "check": {
        "": Text(
            "按规则检查报告文件和目录（.txt .md .docx .pdf .html）。\n\n"
            "路径 '-' 表示从标准输入读取一份报告（用 --stdin-filename 为其命名）。",
            "Check report files and directories (.txt .md .docx .pdf .html) against the rules.\n\n"
            "PATH '-' reads one report from standard input (name it with --stdin-filename).",
        ),
        "fmt": Text("输出格式 [默认：text]。", "Output format [default: text]."),
        "outputs": Text(
            "把结果写入 FILE 而不是标准输出；FORMAT=FILE 写入该格式"
            "（可重复：一次运行输出多种格式，例如 -o sarif=out.sarif -o junit=out.xml）。",
            "Write the report to FILE instead of standard output; FORMAT=FILE writes that format "
            "(repeatable: one run, several formats, e.g. -o sarif=out.sarif -o junit=out.xml).",
        ),
        "fail_on": Text(
            "使退出码为 1 的最低级别 [默认：info]。",
            "Lowest severity that makes the exit code 1 [default: info].",
        ),
        "baseline": Text(
            "屏蔽此基线文件中记录的问题。", "Suppress the findings recorded in this baseline file."
        ),
        "exclude": Text(
            "扫描文件夹时跳过与这些 gitignore 风格模式匹配的文件和文件夹"
            "（可重复；也读取项目根目录的 {ignore_file}）。",
            "Leave out files and folders matching these gitignore-style patterns when scanning "
            "folders (repeatable; also read from {ignore_file} at the project root).",
        ),
        "stdin_filename": Text(
            "从标准输入（路径 '-'）读取的报告的名称，用于提示信息和配置。",
            "The name of the report read from standard input (the path '-'), for messages and config.",
        ),
        "quiet": Text(
            "只打印问题和错误：不打印汇总和注意事项。",
            "Print findings and errors only: no summary, no notes.",
        ),
        "exit_zero": Text(
            "即使发现问题也以 0 退出（运行错误仍以 2 退出）。",
            "Exit 0 even when there are findings (run errors still exit 2).",
        ),
        "statistics": Text(
            "打印每条规则的问题数，而不是问题本身。",
            "Print the number of findings per rule instead of the findings.",
        ),
        "summary_file": Text(
            "另外写一份逐报告汇总：.xlsx、.csv 或 .html。",
            "Also write a per-report summary: .xlsx, .csv or .html.",
        ),
        "previous": Text(
            "上一年度的报告（文件夹或文件），供跨年度规则使用；不对它们本身报告问题。",
            "Last year's reports (a folder or files), for the cross-year rules; not reported on themselves.",
        ),
    },
    "rules": {
        "": Text(
            "列出规则目录：代码、名称、级别、来源和摘要。",
            "List the rule catalogue: code, name, severity, origin and summary.",
        ),
    },
    "explain": {
        "": Text(
            "打印规则 CODE 的详细说明（例如 ACC001 或 application-balance）。",
            "Print the long explanation of rule CODE (e.g. ACC001 or application-balance).",
        ),
    },
    "config": {
        "": Text(
            "显示生效的配置及每个值的来源。",
            "Show the effective configuration and where each value came from.",
        ),
        "as_json": Text("以 JSON 格式打印配置。", "Print the configuration as JSON."),
    },
    "baseline": {
        "": Text(
            "把当前的问题记录到基线文件，之后 `check --baseline FILE` 只报告新问题。",
            "Record today's findings in a baseline file, so that `check --baseline FILE` reports only new ones.",
        ),
        "output": Text("要写入的基线文件。", "Baseline file to write."),
    },
    "serve": {
        "": Text(
            "启动本地网页，拖放报告即可检查（需要 disclint[serve]）。",
            "Start a local web page to check reports by drag and drop (needs disclint[serve]).",
        ),
        "host": Text("监听地址（默认只监听本机）。", "Address to listen on (local only by default)."),
        "port": Text("监听端口。", "Port to listen on."),
        "max_size": Text(
            "可接受的最大上传量（一次检查的全部文件合计）。",
            "Largest upload accepted (all files of one check together).",
        ),
    },
    "clean": {
        "": Text("删除结果缓存。", "Remove the result cache."),
    },
}

HELP_ARGS: Mapping[str, Any] = {"ignore_file": IGNORE_FILE}

MESSAGES: Mapping[str, Text] = {
    "error": Text("disclint: 错误: {message}", "disclint: error: {message}"),
    "warning": Text("disclint: 警告: {message}", "disclint: warning: {message}"),
    "note": Text("disclint: 注意: {message}", "disclint: note: {message}"),
    "status": Text("disclint: {message}", "disclint: {message}"),
    "bad_limit": Text(
        "--limit {item}：应为 KEY=N，例如 --limit pdf-pages=5000",
        "--limit {item}: expected KEY=N, e.g. --limit pdf-pages=5000",
    ),
    "unknown_output_format": Text(
        "--output {value}：未知格式 {name}（可用：{formats}）",
        "--output {value}: unknown format {name} (expected one of: {formats})",
    ),
    "no_output_file": Text("--output {value}：'=' 后面没有文件名", "--output {value}: no file after '='"),
    "unknown_rule": Text(
        "未知规则 {code}；`disclint rules` 可列出全部规则", "unknown rule {code}; `disclint rules` lists them"
    ),
    "baseline_not_written": Text(
        "{output}：未写入，本次运行有错误", "{output}: not written, the run had errors"
    ),
    "baseline_written": Text("已把 {count} 个问题写入 {output}", "wrote {count} findings to {output}"),
    "open_listener": Text("监听 {host}：该网页没有登录保护", "listening on {host}: the page has no login"),
    "serving": Text(
        "服务地址 http://{host}:{port}/（按 Ctrl+C 停止）",
        "serving on http://{host}:{port}/ (Ctrl+C to stop)",
    ),
    "no_cache_dir": Text("没有私有缓存目录，无需清理", "no private cache directory; nothing to clean"),
    "cache_cleaned": Text(
        "已从 {directory} 删除 {count} 个缓存条目", "removed {count} cache entries from {directory}"
    ),
}


def say(key: str, lang: str, **args: Any) -> str:
    """The message ``key`` in ``lang``, filled with ``args`` (Texts among them localized)."""
    from .messages import render

    template = MESSAGES[key]
    return render(template.get(lang), args, lang)


def help_text(command: str, param: str) -> Text | None:
    """The help of ``param`` of ``command`` ("" = the command itself), or None when none is kept."""
    own = HELP.get(command, {})
    if param in own:
        return own[param]
    return SHARED.get(param) if param else None


def lang_from(args: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language asked for on the command line (the last ``--lang X``/``--lang=X`` before ``--``),
    else ``$DISCLINT_LANG``, else Chinese. Read before click parses, so that help is in it too."""
    found: str | None = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    if found in LANGS:
        return found
    env = (os.environ if environ is None else environ).get(LANG_ENV, "")
    return env if env in LANGS else DEFAULT_LANG


def localize(group: click.Group, lang: str) -> None:
    """Put the help of ``group`` and of each of its commands and options in ``lang``."""
    group.help = _help("main", "", lang)
    _params(group, "main", lang)
    for name, command in group.commands.items():
        command.help = _help(name, "", lang)
        command.short_help = None
        _params(command, name, lang)


def _params(command: click.Command, name: str, lang: str) -> None:
    for param in command.params:
        if isinstance(param, click.Option) and param.name is not None:
            text = help_text(name, param.name)
            if text is not None:
                param.help = text.get(lang).format(**HELP_ARGS)


def _help(command: str, param: str, lang: str) -> str | None:
    text = help_text(command, param)
    return None if text is None else text.get(lang)
