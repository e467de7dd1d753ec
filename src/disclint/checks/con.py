"""CON — contact details: required fields present, well-formed, and not contradicting each other."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..contacts import FIELDS
from ..domain import vocabulary
from ..messages import Text
from ..nodes import Contact, Report, Span
from ..rule import Param, RuleContext, Violation, rule


def contact_place(report: Report) -> Span | None:
    """Where the contact details are (or should be): the first labelled contact, else the block."""
    labelled = [c.span for c in report.contacts if c.via == "label"]
    if labelled:
        return min(labelled)
    if report.contact_block is not None:
        return report.contact_block
    return None


def missing_contacts(report: Report, required: Iterable[str]) -> Iterator[tuple[str, Span | None]]:
    """Each required contact field the report does not give, with where it belongs (shared by
    CON001 and the pack kind ``contact-fields``)."""
    present = {c.field for c in report.contacts}
    place = contact_place(report)
    for field_name in required:
        if field_name not in present:
            yield field_name, place


@rule(
    "CON001",
    "missing-contact",
    "warning",
    summary="A required contact field is absent.",
    summary_zh="缺少规定的联系方式。",
    message_zh="联系方式缺少{field}",
    message_en="The contact details lack the {field}",
    explanation="""
The preamble (or the end of section 六) tells readers whom to contact about the report: office,
address (地址), postcode (邮编), phone (电话), fax (传真), e-mail (电子邮箱) and website (网址). By
default disclint requires address, postcode, phone and e-mail; a rule pack sets the list with the
`required` parameter (e.g. to add fax or website). The finding is placed at the contact details,
or at line 1 when there are none at all.
""",
    explanation_zh="""
引言（或第六部分末尾）告诉读者就本报告联系谁：办公室，以及地址、邮编、电话、传真、电子邮箱和网址。
disclint 默认要求地址、邮编、电话和电子邮箱；规则包可用 `required` 参数设定清单（如增加传真或网址）。
问题标注在联系方式处；完全没有联系方式时标注在第1行。
""",
    bad="""
如有疑问或意见建议，可直接与掌政镇人民政府党政办公室联系。（地址：银川市兴庆区掌政镇人民政府；电话：0951-6121130；电子邮箱：yxsxqqzzz@163.com。）
""",
    good="""
如有疑问或意见建议，可直接与掌政镇人民政府党政办公室联系。（地址：银川市兴庆区掌政镇人民政府；邮编：750001；电话：0951-6121130；电子邮箱：yxsxqqzzz@163.com。）
""",
    params=(
        Param(
            "required",
            ["address", "postcode", "phone", "email"],
            "contact fields that must be present (address, postcode, phone, fax, email, website)",
            "必须提供的联系方式（address 地址、postcode 邮编、phone 电话、fax 传真、email 电子邮箱、website 网址）",
        ),
    ),
)
def con001(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for field_name, place in missing_contacts(report, ctx.param("required")):
        yield Violation(
            place,
            {"field": vocabulary.contact_field(field_name)},
            {"field": field_name},
            f"contacts/{field_name}",
        )


_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_MOBILE = re.compile(r"^(\+?86-?)?1[3-9]\d{9}$")
_SERVICE = re.compile(r"^(400|800)-?\d{3}-?\d{4}$|^12\d{3}$")
_POSTCODE = re.compile(r"^\d{6}$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_URL = re.compile(r"^(https?://)?([A-Za-z0-9-]+\.)+[A-Za-z0-9-]{2,}(:\d+)?(/\S*)?$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[、,，;；/]|或|和")
_EXPECTED = {
    "phone": Text("固定电话（区号-号码）或手机号码", "a landline (0xxx-xxxxxxx) or mobile number"),
    "fax": Text("固定电话号码（区号-号码）", "a landline number (0xxx-xxxxxxx)"),
    "postcode": Text("6位数字", "6 digits"),
    "email": Text("电子邮箱地址（name@domain）", "an e-mail address (name@domain)"),
    "website": Text("网址（http://域名/…）", "a web address (http://host/…)"),
}


def _phone_ok(value: str) -> bool:
    parts = [p for p in _SEPARATORS.split(value) if p]
    return bool(parts) and all(
        _LANDLINE.match(p) or _MOBILE.match(p) or _SERVICE.match(p) for p in (x.strip("-") for x in parts)
    )


def valid(field_name: str, value: str) -> bool:
    """Whether a normalized contact value is well-formed for its field (unknown fields pass)."""
    if field_name in ("phone", "fax"):
        return _phone_ok(value)
    if field_name == "postcode":
        return _POSTCODE.match(value) is not None
    if field_name == "email":
        return _EMAIL.match(value) is not None
    if field_name == "website":
        return _URL.match(value) is not None
    return True


@rule(
    "CON002",
    "invalid-contact",
    "warning",
    summary="A contact field is present but malformed.",
    summary_zh="联系方式格式有误。",
    message_zh="{field}“{value}”格式有误，应为{expected}",
    message_en="The {field} '{value}' is malformed: expected {expected}",
    explanation="""
A contact that cannot be used is as bad as none: a phone number with a digit missing, a postcode
that is not 6 digits, an e-mail address without a domain, a web address with spaces. Phone and fax
numbers must be Chinese landline numbers (area code 0xx or 0xxx, then 7–8 digits) or, for phones,
mobile numbers (1[3-9] and 9 digits). A web address without `http://` (e.g. `www.ycxixia.gov.cn`)
is accepted.
""",
    explanation_zh="""
无法使用的联系方式和没有一样：少一位的电话号码、不是6位数字的邮编、没有域名的电子邮箱、含空格的网址。
电话和传真须为国内固定电话号码（区号0xx或0xxx，再加7–8位号码），电话也可以是手机号码（1[3-9]加9位
数字）。不带 `http://` 的网址（如 `www.ycxixia.gov.cn`）可以接受。
""",
    bad="""
（地址：银川市西夏区兴泾镇人民政府；邮编：75002；电话：0951-217181；邮箱：xingjingzhen@126）
""",
    good="""
（地址：银川市西夏区兴泾镇人民政府；邮编：750021；电话：0951-2171813；邮箱：xingjingzhen@126.com）
""",
)
def con002(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for contact in report.contacts:
        if contact.field not in _EXPECTED or valid(contact.field, contact.value):
            continue
        yield Violation(
            contact.span,
            {
                "field": vocabulary.contact_field(contact.field),
                "value": contact.value,
                "expected": _EXPECTED[contact.field],
            },
            {"field": contact.field, "value": contact.value},
            f"contacts/{contact.field}/{contact.value}",
        )


def comparable(field_name: str, value: str) -> str:
    """The form two values of one field are compared in (http://x and x/ are the same site)."""
    v = "".join(value.split())
    if field_name == "website":
        v = re.sub(r"^https?://", "", v.lower()).rstrip("/")
    elif field_name == "email":
        v = v.lower()
    elif field_name in ("phone", "fax", "postcode"):
        v = re.sub(r"\D", "", v)
    return v


def _same(field_name: str, a: str, b: str) -> bool:
    if a == b:
        return True
    # an address given once in full and once shortened is the same address
    return field_name == "address" and (a in b or b in a)


@rule(
    "CON003",
    "conflicting-contact",
    "warning",
    summary="The same contact field is given two different values.",
    summary_zh="同一联系方式出现两个不同的值。",
    message_zh="{field}“{value}”与联系方式中的“{reference}”（第{reference_line}行）不一致",
    message_en="The {field} '{value}' differs from '{reference}' given on line {reference_line}",
    explanation="""
When a report gives a second, different e-mail address, phone number or website — often a stray
link left over from a web page, or an old address copied from last year's report — readers cannot
tell which one is right. Values are compared after normalisation: `http://x` and `http://x/` are the
same site, spaces and dash styles in phone numbers do not matter, and a phone and a fax sharing one
number is fine (they are different fields). Several values listed together in the contact sentence
(e.g. two phone numbers) are a list, not a conflict.
""",
    explanation_zh="""
报告给出第二个不同的电子邮箱、电话号码或网址时——常见的是网页残留的链接，或从上年报告照抄的旧地址——
读者无法判断哪个正确。比较前先统一格式：`http://x` 与 `http://x/` 是同一网站，电话号码中的空格和连字符
样式不影响比较，电话与传真号码相同也没有问题（它们是不同的项目）。联系方式句子中一并列出的多个值（如两个
电话号码）是列举，不算冲突。
""",
    bad="""
（地址：银川市西夏区兴泾镇人民政府；邮箱：xingjingzhen@126.com）
……
mailto:（xxq3958001@163.com）。
""",
    good="""
（地址：银川市西夏区兴泾镇人民政府；邮箱：xingjingzhen@126.com）
""",
    params=(
        Param(
            "fields",
            list(FIELDS),
            "contact fields checked for conflicting values",
            "检查是否前后不一致的联系方式",
        ),
    ),
)
def con003(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for field_name in ctx.param("fields"):
        occurrences = sorted(report.contacts_of(field_name), key=lambda c: c.span)
        if len(occurrences) < 2:
            continue
        labelled = [c for c in occurrences if c.via == "label"]
        reference = labelled[0] if labelled else occurrences[0]
        ref_value = comparable(field_name, reference.value)
        for c in occurrences:
            if c is reference or _same(field_name, comparable(field_name, c.value), ref_value):
                continue
            if _listed_together(reference, c):
                continue
            yield Violation(
                c.span,
                {
                    "field": vocabulary.contact_field(field_name),
                    "value": c.value,
                    "reference": reference.value,
                    "reference_line": reference.span.line,
                },
                {"field": field_name, "value": c.value, "reference": reference.value},
                f"contacts/{field_name}/{comparable(field_name, c.value)}",
            )


def _listed_together(a: Contact, b: Contact) -> bool:
    """Two labelled values in the same part of the report: a list (电话：A、B), not a conflict."""
    return a.via == "label" and b.via == "label" and a.section == b.section
