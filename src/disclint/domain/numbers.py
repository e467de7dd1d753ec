"""Table values (int or Decimal) as JSON and as text: exact, never through float."""

from __future__ import annotations

from decimal import Decimal

Number = int | Decimal


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
