"""Chinese numerals as written in reports: 一 … 九十九 for headings, months and days, and the
digit-by-digit form of years (二〇二四)."""

from __future__ import annotations

DIGITS: dict[str, int] = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
TEN = "十"
# regular-expression character classes
COUNTING = "[一二三四五六七八九十]"  # counting numerals (一 … 九十九)
DIGIT = "[〇○零一二三四五六七八九]"  # digit-by-digit numerals (years)

_WRITE = "〇一二三四五六七八九"


def value(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十五 → 25; None for anything else (also for empty text)."""
    if not text:
        return None
    if TEN in text:
        tens, _, ones = text.partition(TEN)
        t = DIGITS.get(tens) if tens else 1
        o = DIGITS.get(ones) if ones else 0
        if t is None or o is None or t == 0 or TEN in ones or (ones and o == 0):
            return None
        return t * 10 + o
    if len(text) == 1 and text in DIGITS and DIGITS[text] > 0:
        return DIGITS[text]
    return None


def digits_value(text: str) -> int | None:
    """二〇二四 → 2024 (each character one digit); None when a character is not a digit."""
    if not text or any(c not in DIGITS for c in text):
        return None
    return int("".join(str(DIGITS[c]) for c in text))


def numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 25 → 二十五; other numbers as Arabic digits."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _WRITE[ones]
    head = "" if tens == 1 else _WRITE[tens]
    return head + TEN + ("" if ones == 0 else _WRITE[ones])


def digits(n: int) -> str:
    """2024 → 二〇二四 (each digit written alone); negative numbers as Arabic digits."""
    return "".join(_WRITE[int(d)] for d in str(n)) if n >= 0 else str(n)
