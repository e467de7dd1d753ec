"""Finding and reading a configuration file: ``disclint.yaml``, ``.disclint.yaml`` or ``pyproject.toml``
``[tool.disclint]``, checked against the schema with errors at ``file:line:col``."""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..messages import Text
from ..packs.schema import plain
from ..packs.yamlsrc import load_yaml, position

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

from .model import CONFIG_FILES, CONFIG_SCHEMA, ConfigError


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


def read(path: Path, shown: str) -> _Raw:
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        return _read_toml(path, shown)
    source = load_yaml(path, shown)
    data = source.data
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(
            shown,
            1,
            1,
            Text(
                "配置文件应是键值映射（pack、select、ignore 等）",
                "a configuration file is a mapping of keys (pack, select, ignore, …)",
            ),
        )

    def where(keys: Sequence[str | int], key: bool = False) -> tuple[int, int]:
        return position(data, keys, key=key)

    return _Raw(path, data, where)


def _read_toml(path: Path, shown: str) -> _Raw:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(shown, 1, 1, Text(f"无法读取文件：{exc}", f"cannot read file: {exc}")) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, column = _toml_error_position(str(exc))
        raise ConfigError(
            shown, line, column, Text(f"TOML 格式错误：{exc}", f"invalid TOML: {exc}")
        ) from None
    tool = data.get("tool", {})
    table = tool.get("disclint") if isinstance(tool, dict) else None
    if table is None and path.name == "pyproject.toml":
        raise ConfigError(
            shown,
            1,
            1,
            Text(
                "此 pyproject.toml 中没有 [tool.disclint] 表",
                "no [tool.disclint] table in this pyproject.toml",
            ),
        )
    if table is None:
        table = data
    if not isinstance(table, dict):
        line, column = _toml_key_position(text.splitlines(), ["disclint"], any_table=True)
        kind = type(table).__name__
        raise ConfigError(
            shown,
            line,
            column,
            Text(f"[tool.disclint] 必须是表，而不是 {kind}", f"[tool.disclint] must be a table, not {kind}"),
        )
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


def normalize_keys(raw: _Raw) -> dict[str, Any]:
    """``fail_on`` → ``fail-on`` (and ``per_path``); plain values for validation."""
    out: dict[str, Any] = {}
    for key, value in raw.data.items():
        out[str(key).replace("_", "-")] = plain(value)
    return out


def validate(raw: _Raw, data: dict[str, Any], shown: str) -> None:
    from jsonschema import Draft202012Validator  # only a run with a configuration file needs it

    errors = sorted(
        Draft202012Validator(CONFIG_SCHEMA).iter_errors(data), key=lambda e: list(map(str, e.path))
    )
    if not errors:
        return
    error = errors[0]
    path = [original_key(raw.data, p) if i == 0 else p for i, p in enumerate(error.absolute_path)]
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {})
        extra = next(k for k in error.instance if k not in allowed)
        key_path = [*path, original_key(raw.data, extra) if not path else extra]
        line, column = raw.where(key_path, True)
        known = ", ".join(allowed)
        raise ConfigError(
            shown,
            line,
            column,
            Text(f"未知的键 {extra!r}（可用：{known}）", f"unknown key {extra!r} (allowed: {known})"),
        )
    line, column = raw.where(path)
    where = ".".join(str(p) for p in error.absolute_path)
    zh, en = where or "配置", where or "configuration"
    if error.validator == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        message = Text(
            f"{zh}：{error.instance!r} 不是 {options} 之一",
            f"{en}: {error.instance!r} is not one of {options}",
        )
    elif error.validator == "pattern":
        message = Text(
            f"{zh}：{error.instance!r} 不是规则代码或规则族前缀",
            f"{en}: {error.instance!r} is not a rule code or family prefix",
        )
    else:
        message = Text(f"{zh}：{error.message}", f"{en}: {error.message}")
    raise ConfigError(shown, line, column, message)


def original_key(data: Mapping[str, Any], normalized: Any) -> Any:
    for key in data:
        if str(key).replace("_", "-") == normalized:
            return key
    return normalized


def given_file(config_file: str | Path, cwd: Path) -> Path:
    path = Path(config_file) if Path(config_file).is_absolute() else cwd / config_file
    if not path.is_file():
        raise ConfigError(str(config_file), 0, 0, Text("找不到配置文件", "configuration file not found"))
    return path
