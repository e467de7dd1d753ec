"""What one run uses: the effective rule settings per file, output format, language, fail-on.

The CLI calls :func:`resolve` once; everything about packs and configuration files is decided
here, so the command functions stay thin.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .engine import RuleSettings, registry


class RunError(Exception):
    """A usage, configuration or pack error: the CLI prints it and exits 2."""


@dataclass(frozen=True)
class Run:
    settings_for: Callable[[str], Mapping[str, RuleSettings]]
    fmt: str
    lang: str
    fail_on: str
    pack_name: str


def select_codes(
    settings: Mapping[str, RuleSettings], select: list[str], ignore: list[str]
) -> dict[str, RuleSettings]:
    """ruff-style selection: codes or family prefixes; for each rule the longest matching
    prefix wins, and at equal length ``ignore`` beats ``select``."""
    known = set(settings)
    for code in [*select, *ignore]:
        if not any(k.startswith(code) for k in known):
            raise RunError(f"unknown rule code or prefix {code!r} (see `disclint rules`)")
    out: dict[str, RuleSettings] = {}
    for code, s in settings.items():
        sel = max((len(p) for p in select if code.startswith(p)), default=-1)
        ign = max((len(p) for p in ignore if code.startswith(p)), default=-1)
        enabled = s.enabled if not select else sel >= 0
        if ign >= 0 and ign >= sel:
            enabled = False
        out[code] = RuleSettings(enabled, s.severity, s.params)
    return out


def resolve(
    paths: list[str],
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    pack: str | None = None,
    config_file: str | None = None,
    fmt: str | None = None,
    fail_on: str | None = None,
    lang: str | None = None,
) -> Run:
    reg = registry()
    if pack not in (None, "national"):
        raise RunError(f"unknown pack {pack!r}")
    settings = select_codes(reg.default_settings(), select or [], ignore or [])
    return Run(lambda _path: settings, fmt or "text", lang or "zh", fail_on or "info", pack or "national")
