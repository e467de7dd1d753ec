"""The national rule set, registered through the same pluggy hook a third-party plugin uses."""

from __future__ import annotations

from ..hookspecs import hookimpl
from ..rule import Rule


@hookimpl
def disclint_rules() -> list[Rule]:
    from . import acc, acc_carryover, acc_narrative, cnt, con, dat, fmt, par, sec

    rules: list[Rule] = []
    for module in (par, sec, con, fmt, acc, acc_narrative, acc_carryover, dat, cnt):
        rules.extend(module.RULES)
    return rules
