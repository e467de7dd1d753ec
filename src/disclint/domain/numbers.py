"""Table values (int or Decimal) as JSON and as text: exact, never through float."""

from __future__ import annotations

from decimal import Decimal

Number = int | Decimal

# a count as written: digits, or groups of three after a comma ("1,234", as larger organs write
# their counts); a regular-expression fragment for the table cells and the sentences that hold one
COUNT = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)"


def count_value(written: str) -> int:
    """``1,234`` or ``1234`` → 1234 (``written`` matched :data:`COUNT`)."""
    return int(written.replace(",", ""))


def json_number(value: Number | None) -> int | str | None:
    """An int when the value is integral, else the decimal's exact text (``"402.2"``)."""
    if value is None or isinstance(value, int):
        return value
    if value == value.to_integral_value():
        return int(value)
    return str(value)


def format_number(value: Number | None) -> str:
    """The value as text for a message: ``12``, ``402.2``; ``?`` when unknown."""
    if value is None:
        return "?"
    return str(json_number(value))
