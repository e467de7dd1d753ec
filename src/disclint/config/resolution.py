"""The effective configuration and settings of a run: defaults < the configuration file < flags, the
packs used, and the rule settings for each file (:func:`resolve`, the one call the CLI makes)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .. import engine
from ..engine import Registry, RuleSettings
from ..formats import FORMATS
from ..limits import LimitError, Limits
from ..limits import parse_value as parse_limit
from ..messages import Text
from ..packs.errors import PackError
from ..packs.loader import ResolvedPack, load_pack
from ..paths import display_path, relative_path
from ..readers.base import OCR_MODES  # not readers.ocr: a cached re-run never loads it
from ..rule import Rule
from .files import discover, given_file, normalize_keys, original_key, read, validate
from .model import DEFAULTS, LANGS, SEVERITIES, ConfigError, EffectiveConfig, Override, Value
from .selection import check_codes, select_codes, set_severities


def _codes(values: Iterable[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or ():
        out.extend(c.strip().upper() for c in str(v).split(",") if c.strip())
    return out


def load_config(
    cli: Mapping[str, Any] | None = None,
    config_file: str | Path | None = None,
    cwd: Path | None = None,
) -> EffectiveConfig:
    """Read the configuration (given or discovered) and lay the command-line values over it.

    ``cli`` holds the flags as given (None or missing: not given): ``pack``, ``select``,
    ``ignore``, ``format``, ``fail-on`` (or ``fail_on``), ``lang``, ``baseline``, ``ocr``.
    """
    cwd = (cwd or Path.cwd()).resolve()
    cli = {str(k).replace("_", "-"): v for k, v in (cli or {}).items()}
    path = discover(cwd) if config_file is None else given_file(config_file, cwd)
    values: dict[str, Value] = {k: Value(v, "default") for k, v in DEFAULTS.items()}
    overrides: list[Override] = []
    root = cwd
    if path is not None:
        shown = display_path(path, cwd)
        raw = read(path, shown)
        data = normalize_keys(raw)
        validate(raw, data, shown)
        root = path.parent.resolve()
        for key, value in data.items():
            if key == "per-path":
                continue
            if key in ("select", "ignore"):
                value = _codes(value)
            line, column = raw.where([original_key(raw.data, key)])
            label = f"{shown}:{line}:{column}" if path.suffix != ".toml" else f"{shown} [tool.disclint] {key}"
            values[key] = Value(value, label)
        for i, entry in enumerate(data.get("per-path", [])):
            line, column = raw.where([original_key(raw.data, "per-path"), i])
            paths = entry["paths"]
            overrides.append(
                Override(
                    paths=tuple([paths] if isinstance(paths, str) else paths),
                    pack=entry.get("pack"),
                    select=tuple(_codes(entry["select"])) if "select" in entry else None,
                    ignore=tuple(_codes(entry.get("ignore"))),
                    severity={k.upper(): v for k, v in entry.get("severity", {}).items()},
                    source=f"{shown}:{line}:{column}"
                    if path.suffix != ".toml"
                    else f"{shown} [tool.disclint] per-path",
                )
            )
    for key in ("pack", "format", "fail-on", "lang", "baseline", "ocr"):
        if cli.get(key) is not None:
            values[key] = Value(cli[key], f"command line (--{key})")
    if cli.get("select"):
        values["select"] = Value(_codes(cli["select"]), "command line (--select)")
    if cli.get("ignore"):
        merged = [
            *values["ignore"].value,
            *(c for c in _codes(cli["ignore"]) if c not in values["ignore"].value),
        ]
        source = "command line (--ignore)"
        if values["ignore"].source != "default" and values["ignore"].value:
            source += " + " + values["ignore"].source
        values["ignore"] = Value(merged, source)
    for key, allowed in (("format", FORMATS), ("fail-on", SEVERITIES), ("lang", LANGS), ("ocr", OCR_MODES)):
        if values[key].value not in allowed:
            options = ", ".join(allowed)
            raise ConfigError(
                values[key].source,
                0,
                0,
                Text(f"{key} 必须是 {options} 之一", f"{key} must be one of {options}"),
            )
    return EffectiveConfig(path, root, values, tuple(overrides))


@dataclass(frozen=True)
class Resolution:
    """Everything a run needs: settings per file, output options, and the rules packs define."""

    config: EffectiveConfig
    packs: Mapping[str, ResolvedPack]  # by the reference used (name or path)
    registry: Registry  # the plugin registry plus every declarative rule of the packs used
    cwd: Path

    @property
    def pack_name(self) -> str:
        return self.packs[str(self.config["pack"])].name

    @property
    def fmt(self) -> str:
        return str(self.config["format"])

    @property
    def lang(self) -> str:
        return str(self.config["lang"])

    @property
    def fail_on(self) -> str:
        return str(self.config["fail-on"])

    @property
    def ocr(self) -> str:
        """When page images are read by OCR: never, auto or always (``--ocr``, ``ocr:``)."""
        return str(self.config["ocr"])

    @property
    def baseline(self) -> str | None:
        b = self.config["baseline"]
        if b is None:
            return None
        source = self.config.values["baseline"].source
        return str(b if source.startswith("command line") else self.config.root / str(b))

    def limits(self, cli: Mapping[str, Any] | None = None) -> Limits:
        """The run's limits: defaults < ``limits:`` in the configuration < ``cli`` (flags)."""
        value = self.config.values["limits"]
        out = Limits()
        for data, source in ((value.value, value.source), (cli or {}, "command line (--limit)")):
            try:
                parsed = {str(k): parse_limit(str(k), v) for k, v in data.items()}
                out = out.with_values(parsed, source)
            except ValueError as exc:  # LimitError, in both languages
                words = exc.words if isinstance(exc, LimitError) else str(exc)
                raise ConfigError(source, 0, 0, words) from None
        return out

    @property
    def organ_aliases(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in (self.config["organ-aliases"] or {}).items()}

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Declarative rules of every pack used (already in :attr:`registry`)."""
        seen: dict[str, Rule] = {}
        for pack in self.packs.values():
            seen.update({r.code: r for r in pack.rules})
        return tuple(seen.values())

    def overrides_for(self, path: str) -> list[Override]:
        relative = relative_path(Path(self.cwd, path), self.config.root) or Path(path).as_posix()
        return [o for o in self.config.overrides if o.matches(relative)]

    def pack_for(self, path: str) -> ResolvedPack:
        ref = str(self.config["pack"])
        if not self.config.values["pack"].source.startswith("command line"):
            for o in self.overrides_for(path):
                if o.pack is not None:
                    ref = o.pack
        return self.packs[ref]

    def run_settings(self, paths: Sequence[str]) -> dict[str, RuleSettings]:
        """One settings table for a whole run (SARIF's rule table): a rule is enabled when it is
        enabled for any of ``paths``; its level and parameters are those all of them agree on,
        else those of the configuration without per-path entries (each finding keeps its own)."""
        top = set_severities(
            select_codes(
                self.packs[str(self.config["pack"])].settings, self.config["select"], self.config["ignore"]
            ),
            self.config["severity"],
        )
        per_path = [self.settings_for(p) for p in paths]
        out: dict[str, RuleSettings] = {}
        for code in dict.fromkeys(c for s in (top, *per_path) for c in s):
            enabled = [s[code] for s in per_path if code in s and s[code].enabled]
            if not enabled:
                out[code] = top.get(code) or per_path[0][code]
                out[code] = replace(out[code], enabled=False)
                continue
            agreed = all(s == enabled[0] for s in enabled)
            chosen = enabled[0] if agreed or code not in top else top[code]
            out[code] = replace(chosen, enabled=True)
        return out

    def settings_for(self, path: str) -> dict[str, RuleSettings]:
        """The rule settings for one file: its pack, then select/ignore and severities, then the
        matching per-path entries in file order."""
        settings = select_codes(self.pack_for(path).settings, self.config["select"], self.config["ignore"])
        settings = set_severities(settings, self.config["severity"])
        for o in self.overrides_for(path):
            settings = select_codes(settings, o.select, o.ignore)
            settings = set_severities(settings, o.severity)
        return settings


def resolve(
    paths: list[str] | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    pack: str | None = None,
    config_file: str | None = None,
    fmt: str | None = None,
    fail_on: str | None = None,
    lang: str | None = None,
    baseline: str | None = None,
    cwd: Path | None = None,
    reg: Registry | None = None,
    ocr: str | None = None,
) -> Resolution:
    """The CLI's one call: configuration + packs → a :class:`Resolution`. Raises PackError.

    ``reg`` is the plugin registry (default: :func:`engine.registry`); the resolution's registry is
    a new one that also holds the declarative rules of the packs used, so ``engine.run``,
    ``disclint rules``/``explain`` and the SARIF driver see them, and nothing global changes.
    ``paths`` is accepted for symmetry; settings are per file (``settings_for``).
    """
    cwd = (cwd or Path.cwd()).resolve()
    cli = {"pack": pack, "select": select, "ignore": ignore, "format": fmt, "fail-on": fail_on}
    cli.update({"lang": lang, "baseline": baseline, "ocr": ocr})
    config = load_config(cli, config_file, cwd)
    base = reg if reg is not None else engine.registry()
    packs: dict[str, ResolvedPack] = {}
    refs = [(str(config["pack"]), config.values["pack"].source)]
    refs += [(o.pack, o.source) for o in config.overrides if o.pack is not None]
    for ref, source in refs:
        if ref in packs:
            continue
        pack_base = cwd if source.startswith(("command line", "default")) else config.root
        try:
            packs[ref] = load_pack(ref, base, pack_base)
        except PackError as exc:
            if exc.path != "<command line>":
                raise
            raise ConfigError(source, 0, 0, exc.words) from None
    resolution = Resolution(config, packs, base, cwd)
    extra = resolution.rules
    known = [*base.rules, *(r.code for r in extra)]
    check_codes(config["select"], known, config.values["select"].source)
    check_codes(config["ignore"], known, config.values["ignore"].source)
    check_codes(config["severity"], known, config.values["severity"].source)
    for o in config.overrides:
        check_codes([*(o.select or ()), *o.ignore, *o.severity], known, o.source)
    return replace(resolution, registry=base.with_rules(extra))


def resolve_settings(
    cli_options: Mapping[str, Any], paths: Sequence[str], cwd: Path | None = None, reg: Registry | None = None
) -> tuple[dict[str, dict[str, RuleSettings]], tuple[Rule, ...], EffectiveConfig]:
    """(settings by path, declarative rules of the packs, effective configuration)."""
    options = {str(k).replace("-", "_"): v for k, v in cli_options.items()}
    options.pop("paths", None)
    if "format" in options:
        options["fmt"] = options.pop("format")
    resolution = resolve(list(paths), cwd=cwd, reg=reg, **options)
    return {p: resolution.settings_for(p) for p in paths}, resolution.rules, resolution.config
