"""Contact details: every occurrence of address, postcode, phone, fax, email and website.

Read from the prose (preamble and sections, never tables), where spaced-out labels are already
joined (``联 系 电 话 ：`` → ``联系电话：``) and a value may sit on the line after its label.
Values are normalized as the corpus records them: spaces removed, dashes in phone numbers as
``-``, URLs as written (scheme and trailing slash kept, angle brackets dropped).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from .anchored import find_all, matches, merged
from .nodes import Contact, Located, Paragraph, Section, Span
from .textforms import script_view, simplified_text

# the contact fields, in the order reports give them, with their Chinese names (for messages)
FIELDS: tuple[str, ...] = ("address", "postcode", "phone", "fax", "email", "website")
FIELD_ZH: dict[str, str] = {
    "address": "地址",
    "postcode": "邮编",
    "phone": "电话",
    "fax": "传真",
    "email": "电子邮箱",
    "website": "网址",
}

# after a label, take whatever looks like a number (validity is CON002's business, not ours)
_PHONE_NUMBER = r"[(（]?\d[\d \-—–－()（）转]{4,22}\d"
_PHONE = re.compile(
    r"(?P<label>(?:联系|咨询|办公|监督)?电话(?P<fax>\s*[/、和及]\s*传真)?)\s*[:：]?\s*(?P<value>"
    + _PHONE_NUMBER
    + ")"
)
_FAX = re.compile(r"(?P<label>传真(?:电话)?)\s*[:：]?\s*(?P<value>" + _PHONE_NUMBER + ")")
_POSTCODE = re.compile(r"(?P<label>邮编|邮政编码)\s*[:：]?\s*(?P<value>\d{4,8})(?!\d)")
_ADDRESS = re.compile(r"(?P<label>(?:通讯|办公|联系)?地址)\s*[:：]\s*(?P<value>[^；;，,。）)\n]{2,60})")
# an address also ends where the next contact field starts: 地址：…101室、联系电话：…
_NEXT_FIELD = re.compile(r"[、\s]*(?:(?:联系|咨询|办公)?电话|邮编|邮政编码|传真|(?:电子)?邮箱|电子邮件)")
# the lookbehinds start a match only at the start of a run, so a long run of letters is scanned
# once, not once per letter (linear time on hostile input)
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])(?P<value>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
)
_URL = re.compile(
    r"(?P<value>(?:https?://|(?<![A-Za-z0-9.-])www\.)[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:/[A-Za-z0-9._~%!$&'*+,;=:@/?#-]*)?)"
)
_EMAIL_LABEL = re.compile(r"(?:电子)?邮箱|电子邮件|邮件地址|[Ee]-?mail")
_LABELLED_EMAIL = re.compile(
    r"(?:(?:电子)?邮箱|电子邮件|邮件地址|[Ee]-?mail)\s*[:：]\s*(?P<value>[A-Za-z0-9._%+@-]{3,60})"
)


# what each pattern above needs to match: a label word, an "@" (_LABELLED_EMAIL keeps only a
# value with one), or the start of a link
_NEEDS: dict[str, tuple[str, ...]] = {
    "phone": ("电话",),
    "fax": ("传真",),
    "postcode": ("邮编", "邮政编码"),
    "address": ("地址",),
    "email": ("@",),
    "website": ("http://", "https://", "www."),
}
# where a match of each pattern above can start (see anchored.matches): (words, how far before
# each word), e.g. 联系电话: two characters before 电话, or at 电话 itself
_OPENINGS: dict[str, tuple[tuple[tuple[str, ...], int], ...]] = {
    "phone": ((("电话",), 2), (("电话",), 0)),
    "fax": ((("传真",), 0),),
    "postcode": ((("邮编", "邮政编码"), 0),),
    "address": ((("地址",), 2), (("地址",), 0)),
    "website": ((("http://", "https://", "www."), 0),),
    # _LABELLED_EMAIL: (电子)邮箱, 电子邮件, 邮件地址, E-mail, Email
    "labelled": ((("邮箱",), 2), (("邮箱", "电子邮件", "邮件地址"), 0), (("mail",), 1), (("mail",), 2)),
}
_LOCAL_PART = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")


def _places(text: str, name: str) -> list[int]:
    """Where a match of pattern ``name`` (of _OPENINGS) can start, ascending."""
    return merged(*(find_all(text, words, back) for words, back in _OPENINGS[name]))


def _local_part(text: str, at: int) -> int:
    """The start of the run of e-mail local-part characters before the "@" at ``at``: where an
    _EMAIL match may start (its local part cannot hold an "@")."""
    while at > 0 and text[at - 1] in _LOCAL_PART:
        at -= 1
    return at


_FIELD_WORDS = tuple(w for words in _NEEDS.values() for w in words)


def _any_field(text: str) -> bool:
    """A word some pattern needs is in ``text`` (``in`` for each: faster than one search of them
    all, which looks every character up)."""
    return any(w in text for w in _FIELD_WORDS)


def _phone_value(raw: str) -> str:
    v = re.sub(r"\s+", "", raw)
    v = re.sub(r"[—–－]", "-", v)
    return v.replace("(", "").replace(")", "-") if v.startswith("(") else v


def _scan(located: Located, section: int, raw_lines: tuple[str, ...]) -> Iterable[Contact]:
    # labels matched in Simplified (郵編 → 邮编), values and spans from the original text
    if "(" not in located.text and not _any_field(located.text):
        if simplified_text(located.text) == located.text:
            return  # its view would be this very text (no gloss, nothing to simplify): no field
    view = script_view(located)
    body, text = view.located, view.text
    # each pattern below needs its label word, an "@" or the start of a link (_NEEDS): a
    # paragraph without any is skipped (most), and a pattern runs only where it can match
    if not _any_field(text):
        return
    fax_from_phone: set[int] = set()
    for m in matches(_PHONE, text, _places(text, "phone")):
        span = body.span_of(m.start("value"), m.end("value"))
        raw = view.source(*m.span("value"))
        value = _phone_value(raw)
        yield Contact("phone", value, raw, span, section)
        if m.group("fax"):
            fax_from_phone.add(m.start("value"))
            yield Contact("fax", value, raw, span, section)
    for m in matches(_FAX, text, _places(text, "fax")):
        if m.start("value") in fax_from_phone:
            continue
        raw = view.source(*m.span("value"))
        yield Contact("fax", _phone_value(raw), raw, body.span_of(*m.span("value")), section)
    for m in matches(_POSTCODE, text, _places(text, "postcode")):
        yield Contact(
            "postcode",
            m.group("value"),
            m.group("value"),
            body.span_of(m.start("value"), m.end("value")),
            section,
        )
    for m in matches(_ADDRESS, text, _places(text, "address")):
        start, end = m.span("value")
        if (cut := _NEXT_FIELD.search(text, start + 2, end)) is not None:
            end = cut.start()
        raw = view.source(start, end)
        yield Contact("address", "".join(raw.split()), raw, body.span_of(start, end), section)
    emails: list[tuple[int, int]] = []
    signs = find_all(text, ("@",))
    for m in matches(_EMAIL, text, merged(_local_part(text, at) for at in signs)):
        span = body.span_of(m.start("value"), m.end("value"))
        emails.append((m.start(), m.end()))
        raw_line = raw_lines[span.line - 1] if 1 <= span.line <= len(raw_lines) else ""
        via = (
            "link"
            if "mailto:" in raw_line[: span.column]
            else ("label" if _EMAIL_LABEL.search(text[max(0, m.start() - 8) : m.start()]) else "bare")
        )
        yield Contact("email", m.group("value"), m.group("value"), span, section, via)
    strict = {a for a, _b in emails}
    for m in matches(_LABELLED_EMAIL, text, _places(text, "labelled")) if signs else ():
        if m.start("value") not in strict and "@" in m.group("value"):
            # a labelled address that is not a valid e-mail (abc@126): kept for CON002 to report
            span = body.span_of(m.start("value"), m.end("value"))
            yield Contact("email", m.group("value"), m.group("value"), span, section)
    for m in matches(_URL, text, _places(text, "website")):
        k = bisect_right(emails, (m.start(), len(text))) - 1
        if k >= 0 and emails[k][0] <= m.start() < emails[k][1]:
            continue
        value = m.group("value").rstrip(".,;:")
        yield Contact(
            "website",
            value,
            value,
            body.span_of(m.start("value"), m.start("value") + len(value)),
            section,
            "link",
        )


def extract(
    preamble: list[Paragraph],
    sections: list[Section],
    raw_lines: tuple[str, ...] = (),
    chrome_lines: frozenset[int] = frozenset(),
) -> tuple[list[Contact], Span | None]:
    """All contacts in reading order, and the span of the contact sentence (the first labelled
    contact field up to the last contact in the same paragraph). Contacts on page-chrome lines
    (a portal's 来源 URL, its metadata block) are not the report's and are left out."""
    found: list[Contact] = []
    block: Span | None = None
    bodies: list[tuple[Paragraph, int]] = [(p, 0) for p in preamble]
    for s in sections:
        bodies.extend((p, s.number) for p in s.paragraphs)
    for paragraph, section in bodies:
        here = sorted(
            (c for c in _scan(paragraph.body, section, raw_lines) if c.span.line not in chrome_lines),
            key=lambda c: (c.span.line, c.span.column, c.field),
        )
        found.extend(here)
        labelled = [c for c in here if c.field in ("address", "postcode", "phone", "fax") or c.via == "label"]
        if block is None and labelled:
            block = labelled[0].span.merge(here[-1].span)
    return found, block
