"""The plugin API. Built-in rules are registered through these same hooks (entry point
``disclint.plugins`` → ``disclint.checks``); a third-party package adds its own module to that
entry-point group and implements any of the hooks below with ``@disclint.hookimpl``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .findings import Finding
    from .nodes import Report
    from .rule import Rule, RuleContext

PROJECT = "disclint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def disclint_rules() -> list[Rule]:  # type: ignore[empty-body]
    """Contribute rules (each with its metadata and check)."""


@hookspec
def disclint_packs() -> list[Path]:  # type: ignore[empty-body]
    """Contribute rule-pack YAML files, resolvable by name in ``extends:`` and ``--pack``."""


@hookspec
def disclint_check_report(report: Report, ctx: RuleContext) -> list[Finding]:  # type: ignore[empty-body]
    """Yield extra findings for one report, outside the rule catalogue (rarely needed)."""


@hookspec
def disclint_check_batch(reports: list[Report], ctx: RuleContext) -> list[Finding]:  # type: ignore[empty-body]
    """Yield extra findings that need every report of the run at once."""
