"""Contact details: every occurrence of address, postcode, phone, fax, email and website."""

from __future__ import annotations

from .nodes import Contact, Located, Paragraph, Section, Span


def extract(
    preamble: list[Paragraph], sections: list[Section], title: Located | None
) -> tuple[list[Contact], Span | None]:
    return [], None
