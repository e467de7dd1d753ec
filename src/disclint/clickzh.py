"""Chinese for click's own texts ("Usage:", "Options", "Show this message and exit.", usage errors).

click looks its texts up with :func:`gettext.gettext`/``ngettext`` (each of its modules binds them
as ``_``/``ngettext``). :func:`install` points those bindings at a :class:`ClickTranslations` with
the catalogue below for Chinese, or with none for English, so click's English msgids are the keys
and this module the one owner of their translation. Only bindings that are still gettext's own
functions (or a previous install's) are replaced: a click that stops using gettext stays English.
"""

from __future__ import annotations

import gettext
import sys
from collections.abc import Mapping
from importlib import import_module

HELP_OPTION_TEXT = "Show this message and exit."  # click's msgid for the --help option

ZH: Mapping[str, str] = {
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such option: {name}": "没有选项：{name}",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Did you mean {possibility}?": "您是不是想用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（您是不是想用其中之一：{possibilities}？）",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受值。",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，但只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，但给了 {len} 个。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是 {choices} 之一。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数字。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是有效的布尔值。可用：{states}",
    "{name} {filename!r} does not exist.": "{filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{filename!r} 是文件。",
    "{name} {filename!r} is a directory.": "{filename!r} 是文件夹。",
    "{name} {filename!r} is not readable.": "{filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{filename!r} 不可写。",
    "{name} {filename!r} is not executable.": "{filename!r} 不可执行。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "Aborted!": "已中止！",
    "default: {default}": "默认：{default}",
    "required": "必需",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
}

_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
)


class ClickTranslations(gettext.NullTranslations):
    """A translation from a mapping of msgids (click's English texts); unknown ones stay English."""

    def __init__(self, catalogue: Mapping[str, str]):
        super().__init__()
        self.catalogue = catalogue

    def gettext(self, message: str) -> str:
        return self.catalogue.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


_installed = ClickTranslations({})


def gettext_(message: str) -> str:
    """``message`` (one of click's msgids) in the language last installed."""
    return _installed.gettext(message)


def install(lang: str) -> None:
    """Make click speak ``lang`` (``zh`` or ``en``) from now on in this process."""
    global _installed
    translations = _installed = ClickTranslations(ZH if lang == "zh" else {})
    for name in _MODULES:
        module = sys.modules.get(name) or import_module(name)
        for attr, original, method in (
            ("_", gettext.gettext, translations.gettext),
            ("ngettext", gettext.ngettext, translations.ngettext),
        ):
            current = getattr(module, attr, None)
            if current is original or isinstance(getattr(current, "__self__", None), ClickTranslations):
                setattr(module, attr, method)
