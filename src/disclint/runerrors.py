"""Run errors: what kept a run from checking everything it was asked to (exit code 2).

A finding is a defect in a report; a run error is a failure of the run itself: an input that
could not be read, a rule or plugin hook that raised, a folder that could not be scanned. Rule
selection (``--select``/``--ignore``) cannot switch them off, so a run that did not look at
something never says "all checks passed". SARIF carries them as
``invocations[].toolExecutionNotifications`` with ``executionSuccessful: false``.

Notes are softer: something skipped on purpose (a FIFO in a scanned folder, a symlink leading
outside the given roots) that the user should know about but that does not fail the run.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("unreadable", "rule", "plugin", "scan")


@dataclass(frozen=True)
class RunError:
    kind: str  # one of KINDS
    message: str  # English, names the file and/or rule and the reason
    message_zh: str
    path: str | None = None  # the file or folder concerned, if any
    rule: str | None = None  # the rule code or plugin hook concerned, if any

    def text(self, lang: str) -> str:
        return self.message_zh if lang == "zh" else self.message


@dataclass(frozen=True)
class Note:
    """Something skipped on purpose and reported (not an error)."""

    message: str
    message_zh: str
    path: str | None = None

    def text(self, lang: str) -> str:
        return self.message_zh if lang == "zh" else self.message


def _crash(kind: str, what: str, what_zh: str, key: str, path: str | None, exc: BaseException) -> RunError:
    where = f" on {path}" if path else ""
    where_zh = f"（文件 {path}）" if path else ""
    detail = f"{type(exc).__name__}: {exc}"
    return RunError(kind, f"{what}{where}: {detail}", f"{what_zh}{where_zh}：{detail}", path, key)


def rule_crash(code: str, path: str | None, exc: BaseException) -> RunError:
    return _crash("rule", f"rule {code} failed", f"规则 {code} 运行出错", code, path, exc)


def hook_crash(plugin: str, hook: str, path: str | None, exc: BaseException) -> RunError:
    what, what_zh = f"plugin {plugin!r} failed in {hook}", f"插件 {plugin!r} 在 {hook} 中出错"
    return _crash("plugin", what, what_zh, f"{plugin}:{hook}", path, exc)
