"""Which rules run and how loud: ruff-style ``select``/``ignore`` by code or family prefix, and
severities by prefix (the longest matching prefix wins)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..engine import RuleSettings
from ..findings import Severity
from ..messages import Text
from .model import ConfigError


def select_codes(
    settings: Mapping[str, RuleSettings], select: Sequence[str] | None, ignore: Sequence[str]
) -> dict[str, RuleSettings]:
    """ruff-style selection: for each rule the longest matching prefix wins, and at equal length
    ``ignore`` beats ``select``. Without ``select`` the pack decides what is enabled."""
    out: dict[str, RuleSettings] = {}
    for code, s in settings.items():
        sel = max((len(p) for p in select or () if code.startswith(p)), default=-1)
        ign = max((len(p) for p in ignore if code.startswith(p)), default=-1)
        enabled = s.enabled if not select else sel >= 0
        if ign >= 0 and ign >= sel:
            enabled = False
        out[code] = RuleSettings(enabled, s.severity, s.params)
    return out


def set_severities(
    settings: Mapping[str, RuleSettings], severity: Mapping[str, str]
) -> dict[str, RuleSettings]:
    """Severity by code or family prefix; the longest matching prefix wins."""
    out = dict(settings)
    for code, s in settings.items():
        best = max((p for p in severity if code.startswith(p)), key=len, default=None)
        if best is not None:
            out[code] = RuleSettings(s.enabled, Severity(severity[best]), s.params)
    return out


def check_codes(codes: Iterable[str], known: Iterable[str], where: str) -> None:
    known = list(known)
    for code in codes:
        if not any(k.startswith(code) for k in known):
            raise ConfigError(
                where,
                0,
                0,
                Text(
                    f"未知的规则代码或前缀 {code!r}（见 `disclint rules`）",
                    f"unknown rule code or prefix {code!r} (see `disclint rules`)",
                ),
            )
