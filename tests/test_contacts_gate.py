"""A paragraph is skipped by the contact scan only when its matching view could hold no field
word: a word that appears only once glosses are dropped or the text is simplified is found."""

from __future__ import annotations

from disclint.contacts import _scan
from disclint.nodes import Located


def _fields(text: str) -> list[tuple[str, str]]:
    return [(c.field, c.value) for c in _scan(Located.on_line(text, 3, ((0, 1),)), 1, ())]


def test_a_label_split_by_a_gloss_is_found() -> None:
    assert _fields("联系电(diàn)话：0750-2303503。") == [("phone", "0750-2303503")]


def test_a_traditional_label_is_found() -> None:
    assert _fields("郵編：529300。") == [("postcode", "529300")]


def test_a_paragraph_without_a_field_word_gives_nothing() -> None:
    assert _fields("本年度主动公开政府信息64条。") == []
