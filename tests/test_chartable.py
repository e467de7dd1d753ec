"""CharTable gives what str.translate gives, for the tables disclint folds text with."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclint import templates, textforms
from disclint.chartable import CharTable

_TABLES = {"fold": textforms._FOLD, "fullwidth": templates._FULLWIDTH}
_CHARS = "".join(chr(k) for table in _TABLES.values() for k in table) + "联系电话ab 1,。\u3000"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_CHARS) | st.characters(), max_size=40))
def test_a_char_table_translates_as_str_translate(text: str) -> None:
    for table in _TABLES.values():
        assert CharTable(table)(text) == text.translate(table)
    assert textforms.fold_text(text) == text.translate(textforms._FOLD)
    assert templates.fold(text) == "".join(text.translate(templates._FULLWIDTH).split())


def test_a_table_whose_result_depends_on_the_order_is_refused() -> None:
    assert CharTable(str.maketrans({"、": "、"}))("a、b") == "a、b"  # kept as is: no change
    with pytest.raises(ValueError):
        CharTable(str.maketrans({"（": "(", "(": "["}))  # "(" would be changed twice
    with pytest.raises(ValueError):
        CharTable(str.maketrans({"（": "()"}))
