"""``contact-fields``: the contact details must give these fields (what CON001 does, with the
pack's own list of fields)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ...checks.con import missing_contacts
from ...contacts import FIELDS
from ...domain import vocabulary
from ...messages import Text
from ...nodes import Report
from ...rule import RuleContext, Violation
from ..yamlsrc import Source
from .base import Kind, ParamSpec


def check(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for name, place in missing_contacts(report, ctx.params["fields"]):
        yield Violation(
            place,
            args={"field": vocabulary.contact_field(name), "field_zh": vocabulary.contact_field(name).zh},
            context={"field": name},
            logical_path=f"contacts/{name}",
        )


def _validate(value: Any, source: Source, where: Sequence[str | int]) -> None:
    bad = [f for f in (value if isinstance(value, list) else [value]) if f not in FIELDS]
    if bad or not isinstance(value, list):
        names, got = ", ".join(FIELDS), bad or value
        raise source.error(
            where,
            Text(
                f"fields 必须是 {names} 的列表；实际为 {got!r}",
                f"fields must be a list of {names}; got {got!r}",
            ),
        )


KIND = Kind(
    "contact-fields",
    (
        ParamSpec(
            "fields",
            {"type": "array", "items": {"enum": list(FIELDS)}, "minItems": 1},
            required=True,
            validate=_validate,
        ),
    ),
    ("field", "field_zh"),
    "缺少联系方式：{field}",
    "missing contact field: {field}",
    "Required contact fields must be given",
    check,
)
