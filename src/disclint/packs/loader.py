"""Loading a rule pack: read, validate, resolve ``extends``, build declarative rules and settings.

``load_pack("ningxia", registry)`` → :class:`ResolvedPack` with ``settings`` (a
:class:`~disclint.engine.RuleSettings` for every rule: built-in, plugin and declarative) and
``rules`` (the declarative rules the engine must register). Packs apply in ``extends`` order,
parents first; within one pack, family prefixes apply before exact codes, so the most specific
entry wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import cache
from pathlib import Path
from typing import Any

from ..engine import Registry, RuleSettings
from ..findings import Severity
from ..messages import Text
from ..paths import display_path
from ..resources import packs_dir
from ..rule import Rule
from . import declarative
from .errors import PackError
from .resolve import locate
from .schema import check_schema, plain, require_pack_shape
from .yamlsrc import Source, load_yaml, position

DEFAULT_PACK = "national"


@dataclass(frozen=True)
class Op:
    """One entry of a ``rules:`` mapping, resolved to a code or a prefix."""

    target: str  # a code, or a prefix ("" for ALL)
    exact: bool
    enabled: bool | None
    severity: Severity | None
    params: Mapping[str, Any]
    origin: str  # "file:line:col"

    def applies_to(self, code: str) -> bool:
        return code == self.target if self.exact else code.startswith(self.target)


@dataclass(frozen=True)
class Layer:
    name: str
    path: Path
    parents: tuple[Layer, ...]
    rules: tuple[Rule, ...]  # defined by this pack
    ops: tuple[Op, ...]


@dataclass(frozen=True)
class ResolvedPack:
    name: str
    path: Path
    settings: dict[str, RuleSettings]
    rules: tuple[Rule, ...]  # declarative rules of the pack and its ancestors (Registry.with_rules adds them)
    sources: tuple[str, ...]  # pack files, in the order they were applied
    origins: dict[str, str] = field(default_factory=dict)  # code → where its setting was last set


def apply_ops(
    settings: Mapping[str, RuleSettings], ops: list[Op] | tuple[Op, ...], origins: dict[str, str]
) -> dict[str, RuleSettings]:
    """Apply ``ops`` in order (prefixes of one batch are expected sorted shortest first)."""
    result = dict(settings)
    for op in ops:
        for code, s in result.items():
            if not op.applies_to(code):
                continue
            result[code] = RuleSettings(
                enabled=s.enabled if op.enabled is None else op.enabled,
                severity=s.severity if op.severity is None else op.severity,
                params={**s.params, **op.params},
            )
            origins[code] = op.origin
    return result


class _Loader:
    def __init__(self, registry: Registry):
        self.registry = registry
        self.base = dict(registry.rules)
        self.layers: dict[Path, Layer] = {}

    def layer(self, path: Path, stack: tuple[Path, ...], shown: str | None = None) -> Layer:
        path = path.resolve()
        if path in self.layers:
            return self.layers[path]
        source = load_yaml(path, shown or _shown(path))
        require_pack_shape(source)
        if not _shipped(path):  # the shipped packs are validated by the tests (test_startup.py)
            check_schema(source)
        data = source.data
        parents: list[Layer] = []
        for i, ref in enumerate(_extends(data)):
            where_list: list[str | int] = (
                ["extends", i] if isinstance(data.get("extends"), list) else ["extends"]
            )
            line, column = position(data, where_list)
            where = (source.path, line, column)
            target = locate(str(ref), path.parent, self.registry.pack_files, where)
            here = (*stack, path)
            if target in here:
                chain = " → ".join(_shown(p) for p in (*here[here.index(target) :], target))
                raise PackError(*where, Text(f"extends 循环引用：{chain}", f"cycle in extends: {chain}"))
            parents.append(self.layer(target, here))
        inherited = {r.code: r for p in parents for r in _all_rules(p)}
        own = self._define(source, inherited, str(data["name"]))
        known = {**self.base, **inherited, **{r.code: r for r in own}}
        ops = self._ops(source, known)
        layer = Layer(str(data["name"]), path, tuple(parents), tuple(own), tuple(ops))
        self.layers[path] = layer
        return layer

    def _define(self, source: Source, inherited: dict[str, Rule], pack: str) -> list[Rule]:
        rules: list[Rule] = []
        for code, entry in (source.data.get("define") or {}).items():
            taken = self.base.get(code) or inherited.get(code)
            if taken is not None:
                raise source.error(
                    ["define", code],
                    Text(
                        f"规则代码 {code} 已被 {taken.origin} 使用",
                        f"rule code {code} is already used by {taken.origin}",
                    ),
                    key=True,
                )
            rules.append(declarative.build_rule(str(code), entry, source, pack))
        return rules

    def _ops(self, source: Source, known: dict[str, Rule]) -> list[Op]:
        ops: list[Op] = []
        for key, value in (source.data.get("rules") or {}).items():
            where: list[str | int] = ["rules", key]
            target, exact = _target(str(key), known, source, where)
            enabled, severity, params = _setting(value, target if exact else None, known, source, where)
            origin = "{}:{}:{}".format(source.path, *position(source.data, where, key=True))
            ops.append(Op(target, exact, enabled, severity, params, origin))
        # within one pack: ALL, then families (shorter prefixes first), then exact codes
        return sorted(ops, key=lambda op: (op.exact, len(op.target)))


def _shipped(path: Path) -> bool:
    """``path`` (resolved) is one of the packs shipped with disclint."""
    return path.parent == _packs_folder()


@cache
def _packs_folder() -> Path:
    return Path(str(packs_dir())).resolve()


def _extends(data: Mapping[str, Any]) -> list[Any]:
    ext = data.get("extends")
    if ext is None:
        return []
    return list(ext) if isinstance(ext, list) else [ext]


def _shown(path: Path) -> str:
    return display_path(path, Path.cwd())


def _all_rules(layer: Layer) -> list[Rule]:
    return [r for p in layer.parents for r in _all_rules(p)] + list(layer.rules)


def _chain(layer: Layer, seen: set[Path] | None = None) -> list[Layer]:
    """Layers in application order (parents first), each pack once."""
    seen = set() if seen is None else seen
    order: list[Layer] = []
    for p in layer.parents:
        order.extend(_chain(p, seen))
    if layer.path not in seen:
        seen.add(layer.path)
        order.append(layer)
    return order


def _target(key: str, known: Mapping[str, Rule], source: Source, where: list[str | int]) -> tuple[str, bool]:
    if key == "ALL":
        return "", False
    if key in known:
        return key, True
    by_name = {r.name: code for code, r in known.items()}
    if key in by_name:
        return by_name[key], True
    if key.isupper() or key[:1].isupper():
        if any(code.startswith(key) for code in known):
            return key, False
        raise source.error(where, _unknown("规则代码", "rule code", key, known), key=True)
    raise source.error(where, _unknown("规则名称", "rule name", key, by_name), key=True)


def _unknown(what_zh: str, what_en: str, key: str, choices: Iterable[str]) -> Text:
    """``unknown rule code 'X'; did you mean Y?`` in both languages."""
    close = get_close_matches(key, list(choices), n=1)
    hint_zh, hint_en = (f"；您是不是想用 {close[0]}？", f"; did you mean {close[0]}?") if close else ("", "")
    return Text(f"未知的{what_zh} {key!r}{hint_zh}", f"unknown {what_en} {key!r}{hint_en}")


def _setting(
    value: Any, code: str | None, known: Mapping[str, Rule], source: Source, where: list[str | int]
) -> tuple[bool | None, Severity | None, dict[str, Any]]:
    if isinstance(value, bool):
        return value, None, {}
    if isinstance(value, str):
        if value in ("on", "off"):
            return value == "on", None, {}
        return True, Severity(value), {}  # the schema has checked the severity
    enabled = value.get("enabled")
    severity = Severity(str(value["severity"])) if "severity" in value else None
    params = {str(k): v for k, v in value.items() if k not in ("enabled", "severity")}
    if params and code is None:
        raise source.error(
            [*where, next(iter(params))],
            Text(
                "参数需要完整的规则代码，而不是规则族前缀",
                "parameters need a full rule code, not a family prefix",
            ),
            key=True,
        )
    if params and code is not None:
        _check_params(known[code], params, source, where)
    return enabled, severity, {k: plain(v) for k, v in params.items()}


def _check_params(rule: Rule, params: Mapping[str, Any], source: Source, where: list[str | int]) -> None:
    kind = declarative.KINDS.get(_kind_name(rule))
    for name, value in params.items():
        at = [*where, name]
        if kind is not None:
            declarative.validate_param(kind, name, value, source, at)
        elif name not in {p.name for p in rule.params}:
            names = ", ".join(p.name for p in rule.params)
            takes = (
                Text(f"可用：{names}", f"it takes: {names}") if names else Text("它没有参数", "it takes none")
            )
            raise source.error(
                at,
                Text(
                    f"{rule.code} 没有参数 {name!r}（{takes.zh}）",
                    f"{rule.code} has no parameter {name!r} ({takes.en})",
                ),
                key=True,
            )


def _kind_name(rule: Rule) -> str:
    check = rule.check
    return check.kind if isinstance(check, declarative.DeclarativeCheck) else ""


def resolve_layer(layer: Layer, registry: Registry) -> ResolvedPack:
    chain = _chain(layer)
    rules = tuple(r for lay in chain for r in lay.rules)
    settings = {c: RuleSettings(True, r.severity, r.defaults()) for c, r in registry.rules.items()}
    settings.update({r.code: RuleSettings(True, r.severity, r.defaults()) for r in rules})
    origins: dict[str, str] = {}
    for lay in chain:
        settings = apply_ops(settings, lay.ops, origins)
    return ResolvedPack(
        name=layer.name,
        path=layer.path,
        settings=dict(sorted(settings.items())),
        rules=rules,
        sources=tuple(_shown(lay.path) for lay in chain),
        origins=origins,
    )


def load_pack(name_or_path: str | Path, registry: Registry, base_dir: Path | None = None) -> ResolvedPack:
    """Load a pack by name (shipped or plugin) or by path (relative to ``base_dir`` or cwd).

    Raises :class:`PackError` (``file:line:col: what is wrong``) for any problem.
    """
    ref = str(name_or_path)
    base = base_dir or Path.cwd()
    where = ("<command line>", 0, 0)
    path = locate(ref, base, registry.pack_files, where)
    layer = _Loader(registry).layer(path, ())
    return resolve_layer(layer, registry)


def with_rules(registry: Registry, pack: ResolvedPack) -> Registry:
    """A registry that also holds the pack's declarative rules (the engine's input)."""
    return registry.with_rules(pack.rules)
