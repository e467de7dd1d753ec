"""Configuration: discovery, precedence, and the effective rule settings for each file.

Sources, lowest precedence first: built-in defaults < the configuration file < command-line
flags. The file is the one given with ``--config``, else the first of ``disclint.yaml``,
``.disclint.yaml`` or a ``pyproject.toml`` with a ``[tool.disclint]`` table found in the working
directory or one of its parents. :func:`resolve` is the one call the CLI makes; the
:class:`EffectiveConfig` it returns says where every value came from (``disclint config``).
"""

from __future__ import annotations

import fnmatch
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from . import engine
from .engine import Registry, RuleSettings
from .findings import Severity
from .formats import FORMATS
from .limits import BY_KEY, Limits
from .limits import parse_value as parse_limit
from .packs.errors import PackError
from .packs.loader import DEFAULT_PACK, ResolvedPack, load_pack
from .packs.schema import plain
from .packs.yamlsrc import load_yaml, position
from .paths import display_path, relative_path
from .readers.ocr import MODES as OCR_MODES
from .rule import Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONFIG_FILES = ("disclint.yaml", ".disclint.yaml")
LANGS = ("zh", "en")
SEVERITIES = ("error", "warning", "info")
DEFAULTS: dict[str, Any] = {
    "pack": DEFAULT_PACK,
    "select": [],
    "ignore": [],
    "severity": {},
    "format": "text",
    "fail-on": "info",
    "lang": "zh",
    "baseline": None,
    "suppress": [],
    "limits": {},
    "organ-aliases": {},
    "ocr": "auto",
}
_CODES = {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]*[0-9]*$"}}
_SEVERITY_MAP = {
    "type": "object",
    "propertyNames": {"pattern": "^[A-Z]*[0-9]*$"},
    "additionalProperties": {"enum": list(SEVERITIES)},
}
CONFIG_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "disclint configuration",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "pack": {"type": "string", "minLength": 1},
        "select": _CODES,
        "ignore": _CODES,
        "severity": _SEVERITY_MAP,
        "format": {"enum": list(FORMATS)},
        "fail-on": {"enum": list(SEVERITIES)},
        "lang": {"enum": list(LANGS)},
        "ocr": {"enum": list(OCR_MODES)},
        "baseline": {"type": "string", "minLength": 1},
        # one finding silenced without editing the document: file + code + logical location
        "suppress": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "code"],
                "additionalProperties": False,
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "code": {"type": "string", "pattern": "^[A-Z]+[0-9]+$"},
                    "location": {"type": "string"},
                    "reason": {"type": "string"},
                },
            },
        },
        "limits": {
            "type": "object",
            "propertyNames": {"enum": list(BY_KEY)},
            "additionalProperties": {"type": ["integer", "string"]},
        },
        # another name of an organ → the name it is matched by across years (a renamed organ)
        "organ-aliases": {
            "type": "object",
            "additionalProperties": {"type": "string", "minLength": 1},
        },
        "per-path": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["paths"],
                "additionalProperties": False,
                "properties": {
                    "paths": {
                        "oneOf": [
                            {"type": "string", "minLength": 1},
                            {"type": "array", "items": {"type": "string"}, "minItems": 1},
                        ]
                    },
                    "pack": {"type": "string", "minLength": 1},
                    "select": _CODES,
                    "ignore": _CODES,
                    "severity": _SEVERITY_MAP,
                },
            },
        },
    },
}


class ConfigError(PackError):
    """A configuration file or command-line value that cannot be used (exit 2)."""


@dataclass(frozen=True)
class Value:
    value: Any
    source: str  # "default", "file:line:col", "pyproject.toml [tool.disclint]" or "command line (--x)"


@dataclass(frozen=True)
class Override:
    """A ``per-path`` entry: for files matching ``paths``, another pack and/or selection."""

    paths: tuple[str, ...]
    pack: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    source: str = ""

    def matches(self, relative: str) -> bool:
        name = relative.rsplit("/", 1)[-1]
        for glob in self.paths:
            g = glob.rstrip("/")
            if fnmatch.fnmatchcase(relative, g) or fnmatch.fnmatchcase(relative, g + "/*"):
                return True
            if "/" not in g and fnmatch.fnmatchcase(name, g):
                return True
        return False


@dataclass(frozen=True)
class EffectiveConfig:
    """The values of one run, each with where it came from."""

    file: Path | None  # the configuration file used (None: defaults and flags only)
    root: Path  # per-path globs and relative pack paths are relative to this directory
    values: Mapping[str, Value]
    overrides: tuple[Override, ...] = ()

    def __getitem__(self, key: str) -> Any:
        return self.values[key].value

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.file) if self.file else None,
            "root": str(self.root),
            "values": {k: {"value": v.value, "source": v.source} for k, v in self.values.items()},
            "per-path": [
                {
                    "paths": list(o.paths),
                    "pack": o.pack,
                    "select": list(o.select) if o.select is not None else None,
                    "ignore": list(o.ignore),
                    "severity": dict(o.severity),
                    "source": o.source,
                }
                for o in self.overrides
            ],
        }

    def describe(self) -> str:
        """Text for ``disclint config``: every value and where it came from."""
        lines = [f"configuration file: {self.file if self.file else '(none found)'}", f"root: {self.root}"]
        width = max(len(k) for k in self.values)
        for key, v in self.values.items():
            shown = _show(v.value)
            lines.append(f"{key.ljust(width)} = {shown.ljust(24)}  # {v.source}")
        for o in self.overrides:
            parts = [f"pack={o.pack}"] if o.pack else []
            if o.select is not None:
                parts.append(f"select={_show(list(o.select))}")
            if o.ignore:
                parts.append(f"ignore={_show(list(o.ignore))}")
            if o.severity:
                parts.append(f"severity={_show(dict(o.severity))}")
            lines.append(f"per-path {_show(list(o.paths))}: {' '.join(parts) or '(nothing)'}  # {o.source}")
        return "\n".join(lines) + "\n"


def _show(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    return str(value)


# --------------------------------------------------------------------------------------------
# Reading a configuration file


@dataclass(frozen=True)
class _Raw:
    path: Path
    data: dict[str, Any]
    where: Any  # (key path) -> "file:line:col"


def discover(start: Path) -> Path | None:
    """The configuration file for ``start``: the nearest directory (itself or a parent) holding
    ``disclint.yaml``, ``.disclint.yaml`` or a ``pyproject.toml`` with ``[tool.disclint]``."""
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # a broken pyproject.toml that is not ours: keep looking
    return isinstance(data.get("tool"), dict) and "disclint" in data["tool"]


def _read(path: Path, shown: str) -> _Raw:
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        return _read_toml(path, shown)
    source = load_yaml(path, shown)
    data = source.data
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(shown, 1, 1, "a configuration file is a mapping of keys (pack, select, ignore, …)")

    def where(keys: Sequence[str | int], key: bool = False) -> tuple[int, int]:
        return position(data, keys, key=key)

    return _Raw(path, data, where)


def _read_toml(path: Path, shown: str) -> _Raw:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(shown, 1, 1, f"cannot read file: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, column = _toml_error_position(str(exc))
        raise ConfigError(shown, line, column, f"invalid TOML: {exc}") from None
    tool = data.get("tool", {})
    table = tool.get("disclint") if isinstance(tool, dict) else None
    if table is None and path.name == "pyproject.toml":
        raise ConfigError(shown, 1, 1, "no [tool.disclint] table in this pyproject.toml")
    if table is None:
        table = data
    if not isinstance(table, dict):
        line, column = _toml_key_position(text.splitlines(), ["disclint"], any_table=True)
        raise ConfigError(shown, line, column, f"[tool.disclint] must be a table, not {type(table).__name__}")
    lines = text.splitlines()

    def where(keys: Sequence[str | int], key: bool = False) -> tuple[int, int]:
        return _toml_key_position(lines, keys)

    return _Raw(path, table, where)


def _toml_error_position(message: str) -> tuple[int, int]:
    m = re.search(r"line (\d+), column (\d+)", message)
    return (int(m.group(1)), int(m.group(2))) if m else (1, 1)


def _toml_key_position(
    lines: list[str], keys: Sequence[str | int], any_table: bool = False
) -> tuple[int, int]:
    """Best effort: the line of ``key =`` (or of a ``[tool.disclint…]`` header) in the table
    (in any table with ``any_table``: for ``disclint = 3`` under ``[tool]``)."""
    names = [str(k) for k in keys if isinstance(k, str)]
    in_table = False
    for n, text in enumerate(lines, 1):
        stripped = text.strip()
        if stripped.startswith("["):
            in_table = any_table or stripped.strip("[]").startswith("tool.disclint")
            if in_table and names and stripped.strip("[]").endswith(names[0]):
                return n, 1
            continue
        if in_table and names:
            m = re.match(rf"\s*[\"']?{re.escape(names[-1])}[\"']?\s*=", text)
            if m:
                return n, len(text) - len(text.lstrip()) + 1
    return 1, 1


def _normalize_keys(raw: _Raw) -> dict[str, Any]:
    """``fail_on`` → ``fail-on`` (and ``per_path``); plain values for validation."""
    out: dict[str, Any] = {}
    for key, value in raw.data.items():
        out[str(key).replace("_", "-")] = plain(value)
    return out


def _validate(raw: _Raw, data: dict[str, Any], shown: str) -> None:
    errors = sorted(
        Draft202012Validator(CONFIG_SCHEMA).iter_errors(data), key=lambda e: list(map(str, e.path))
    )
    if not errors:
        return
    error = errors[0]
    path = [_original_key(raw.data, p) if i == 0 else p for i, p in enumerate(error.absolute_path)]
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {})
        extra = next(k for k in error.instance if k not in allowed)
        key_path = [*path, _original_key(raw.data, extra) if not path else extra]
        line, column = raw.where(key_path, True)
        known = ", ".join(allowed)
        raise ConfigError(shown, line, column, f"unknown key {extra!r} (allowed: {known})")
    line, column = raw.where(path)
    where = ".".join(str(p) for p in error.absolute_path) or "configuration"
    if error.validator == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        message = f"{where}: {error.instance!r} is not one of {options}"
    elif error.validator == "pattern":
        message = f"{where}: {error.instance!r} is not a rule code or family prefix"
    else:
        message = f"{where}: {error.message}"
    raise ConfigError(shown, line, column, message)


def _original_key(data: Mapping[str, Any], normalized: Any) -> Any:
    for key in data:
        if str(key).replace("_", "-") == normalized:
            return key
    return normalized


# --------------------------------------------------------------------------------------------
# Effective configuration


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
    path = discover(cwd) if config_file is None else _given(config_file, cwd)
    values: dict[str, Value] = {k: Value(v, "default") for k, v in DEFAULTS.items()}
    overrides: list[Override] = []
    root = cwd
    if path is not None:
        shown = display_path(path, cwd)
        raw = _read(path, shown)
        data = _normalize_keys(raw)
        _validate(raw, data, shown)
        root = path.parent.resolve()
        for key, value in data.items():
            if key == "per-path":
                continue
            if key in ("select", "ignore"):
                value = _codes(value)
            line, column = raw.where([_original_key(raw.data, key)])
            label = f"{shown}:{line}:{column}" if path.suffix != ".toml" else f"{shown} [tool.disclint] {key}"
            values[key] = Value(value, label)
        for i, entry in enumerate(data.get("per-path", [])):
            line, column = raw.where([_original_key(raw.data, "per-path"), i])
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
            raise ConfigError(values[key].source, 0, 0, f"{key} must be one of {', '.join(allowed)}")
    return EffectiveConfig(path, root, values, tuple(overrides))


def _given(config_file: str | Path, cwd: Path) -> Path:
    path = Path(config_file) if Path(config_file).is_absolute() else cwd / config_file
    if not path.is_file():
        raise ConfigError(str(config_file), 0, 0, "configuration file not found")
    return path


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


def _check_codes(codes: Iterable[str], known: Iterable[str], where: str) -> None:
    known = list(known)
    for code in codes:
        if not any(k.startswith(code) for k in known):
            raise ConfigError(where, 0, 0, f"unknown rule code or prefix {code!r} (see `disclint rules`)")


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
            except ValueError as exc:
                raise ConfigError(source, 0, 0, str(exc)) from None
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
            raise ConfigError(source, 0, 0, exc.message) from None
    resolution = Resolution(config, packs, base, cwd)
    extra = resolution.rules
    known = [*base.rules, *(r.code for r in extra)]
    _check_codes(config["select"], known, config.values["select"].source)
    _check_codes(config["ignore"], known, config.values["ignore"].source)
    _check_codes(config["severity"], known, config.values["severity"].source)
    for o in config.overrides:
        _check_codes([*(o.select or ()), *o.ignore, *o.severity], known, o.source)
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
