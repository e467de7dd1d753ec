"""What a declarative kind is: its parameters (each with its JSON schema, default and validator),
the arguments its messages offer, its default messages and its check. Each kind is one module of
this package; the pack schema (rules/pack.schema.json) is generated from these specs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...nodes import Report
from ...rule import RuleContext, Violation
from ..yamlsrc import Source

Validator = Callable[[Any, Source, Sequence[str | int]], None]


@dataclass(frozen=True)
class ParamSpec:
    """One parameter of a kind: its JSON schema (what an editor checks), its default (None: none),
    whether a rule must give it, and a validator for what a schema cannot say (a regex compiles)."""

    name: str
    schema: Mapping[str, Any]
    default: Any = None
    required: bool = False
    validate: Validator | None = None


@dataclass(frozen=True)
class Kind:
    name: str
    params: tuple[ParamSpec, ...]
    args: tuple[str, ...]  # placeholders its messages may use
    message_zh: str
    message_en: str
    summary: str
    check: Callable[[Report, RuleContext], Iterable[Violation]]
    one_of: tuple[str, ...] = ()  # exactly one of these parameters must be given

    def param(self, name: str) -> ParamSpec | None:
        return next((p for p in self.params if p.name == name), None)

    @property
    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params if p.default is not None}
