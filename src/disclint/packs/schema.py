"""Validation of a pack against rules/pack.schema.json (the schema editors use too).

jsonschema is imported when a pack is validated: the packs shipped with disclint are not (the
tests validate them), so a run with them alone never imports it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from ..messages import Text
from ..resources import packs_dir
from .errors import PackError
from .yamlsrc import Source, position

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

SCHEMA_FILE = "pack.schema.json"


@cache
def pack_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((packs_dir() / SCHEMA_FILE).read_text(encoding="utf-8"))
    return schema


def plain(node: Any) -> Any:
    """ruamel round-trip nodes → plain JSON-like Python values."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return str(node)


def _dotted(path: Sequence[str | int]) -> str:
    return ".".join(str(p) for p in path) or "pack"


def _describe(error: ValidationError, data: Any) -> tuple[list[str | int], bool, Text]:
    """(where, point at the key?, message) for one schema error."""
    from .kinds.deadline import not_month_day
    from .kinds.text import scope_problem

    path: list[str | int] = list(error.absolute_path)
    where = _dotted(path)
    validator = error.validator
    inst = error.instance
    if validator == "additionalProperties" and isinstance(inst, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = [k for k in inst if k not in allowed]
        key = extra[0] if extra else ""
        known = ", ".join(sorted(allowed))
        return (
            [*path, key],
            True,
            Text(
                f"{where} 中未知的键 {key!r}（可用：{known}）",
                f"unknown key {key!r} in {where} (allowed: {known})",
            ),
        )
    if validator == "required" and isinstance(inst, dict):
        missing = [k for k in error.validator_value if k not in inst]
        return (
            path,
            bool(path),
            Text(f"{where} 缺少必需的键 {missing[0]!r}", f"{where} lacks the required key {missing[0]!r}"),
        )
    if validator == "propertyNames" or "propertyNames" in error.schema_path:
        key = error.instance if isinstance(error.instance, str) else ""
        parent = path
        if parent and parent[0] == "define":
            return (
                [*parent, key],
                True,
                Text(
                    f"{key!r} 不是规则代码（2 到 8 个大写字母加 3 位数字）",
                    f"{key!r} is not a rule code (2 to 8 capital letters and 3 digits)",
                ),
            )
        if parent and parent[0] == "rules":
            return (
                [*parent, key],
                True,
                Text(
                    f"{key!r} 不是规则代码、规则族前缀或规则名称",
                    f"{key!r} is not a rule code, family prefix or rule name",
                ),
            )
        return (
            [*parent, key],
            True,
            Text(f"{_dotted(parent)} 中的键 {key!r} 无效", f"invalid key {key!r} in {_dotted(parent)}"),
        )
    if validator in ("anyOf", "oneOf") and isinstance(inst, dict) and error.context:
        deepest = max(error.context, key=lambda e: len(e.absolute_path))
        if len(deepest.absolute_path) > len(path):
            return _describe(deepest, data)
    if (path and path[-1] == "scope") or (len(path) > 1 and path[-2] == "scope"):
        problem = scope_problem(inst)
        return path, False, Text(f"{where}：{problem.zh}", f"{where}: {problem.en}")
    if len(path) == 2 and path[0] == "rules" and validator in ("anyOf", "enum"):
        return (
            path,
            False,
            Text(
                f"{path[1]} 的级别 {inst!r} 未知（可用：off、on、error、warning 或 info）",
                f"unknown severity {inst!r} for {path[1]} (expected off, on, error, warning or info)",
            ),
        )
    if validator == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        return (
            path,
            False,
            Text(f"{where}：{inst!r} 不是 {options} 之一", f"{where}: {inst!r} is not one of {options}"),
        )
    if validator == "oneOf" and path and path[-1] == "extends":
        return (
            path,
            False,
            Text(
                "extends 必须是规则包名称或路径，或它们的列表",
                "extends must be a pack name or path, or a list of them",
            ),
        )
    if validator == "oneOf" and isinstance(inst, dict) and "kind" in inst:
        kind = inst["kind"]
        return (
            path,
            True,
            Text(
                f"{where}：{kind} 规则只能有 'pattern' 或 'patterns' 之一",
                f"{where}: a {kind} rule takes exactly one of 'pattern' or 'patterns'",
            ),
        )
    if validator == "pattern" and path and path[-1] == "name":
        return (
            path,
            False,
            Text(
                f"{where}：{inst!r} 只能包含小写字母、数字、'-'、'_' 或 '.'",
                f"{where}: {inst!r} must be lowercase letters, digits, '-', '_' or '.'",
            ),
        )
    if validator == "pattern" and len(path) >= 2 and path[-2] == "deadlines":
        problem = not_month_day(inst)
        return path, False, Text(f"{where}：{problem.zh}", f"{where}: {problem.en}")
    if validator == "type":
        wanted, got = error.validator_value, type(inst).__name__
        return (
            path,
            False,
            Text(
                f"{where} 的类型必须是 {wanted}，而不是 {got}", f"{where} must be of type {wanted}, not {got}"
            ),
        )
    return path, False, Text(f"{where}：{error.message}", f"{where}: {error.message}")


def require_pack_shape(source: Source) -> None:
    """A file that is not a pack at all (not a mapping with a ``name`` or with pack keys only) is
    refused without a word of its contents: ``extends:`` or ``--pack`` may name any file, and the
    error must not show what a file that is not a pack holds."""
    data = source.data
    keys = set(pack_schema().get("properties", {}))
    if data is None:
        return  # an empty file: check_schema says "empty pack"
    if isinstance(data, dict) and ("name" in data or all(isinstance(k, str) and k in keys for k in data)):
        return
    raise PackError(
        source.path,
        1,
        1,
        Text(
            f"不是规则包（规则包是由 {'、'.join(sorted(keys))} 组成、带 name 的映射）；不显示该文件的内容",
            f"not a rule pack (a pack is a mapping of {', '.join(sorted(keys))}, with a name); "
            "the file's contents are not shown",
        ),
    )


def check_schema(source: Source) -> None:
    """Raise the first schema error (in file order) as a PackError."""
    if source.data is None:
        raise source.error([], Text("空的规则包：至少需要 name", "empty pack: it needs at least a name"))
    if not isinstance(source.data, dict):
        raise source.error(
            [],
            Text(
                "规则包是由 name、description、extends、rules 和 define 组成的映射",
                "a pack is a mapping of name, description, extends, rules and define",
            ),
        )
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(pack_schema())
    found = []
    for error in validator.iter_errors(plain(source.data)):
        where, key, message = _describe(error, source.data)
        # a missing key is reported only when nothing more specific (such as a misspelt key) is wrong
        rank = 1 if error.validator == "required" else 0
        found.append((rank, position(source.data, where, key=key), where, key, message))
    if found:
        _, _, where, key, message = min(found, key=lambda f: (f[0], f[1]))
        raise source.error(where, message, key=key)
