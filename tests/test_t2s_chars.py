"""disclint.t2s_chars: the characters OpenCC's t2s may change, checked against the installed
dictionaries, and simplified_text's shortcut against OpenCC itself.

``DISCLINT_WRITE_T2S=1 python -m pytest tests/test_t2s_chars.py`` rewrites DIGEST and CHARS
from the installed OpenCC (after an OpenCC upgrade; until then every text is converted)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclint import t2s_chars, textforms

MODULE = Path(t2s_chars.__file__)


def exported(config: str) -> list[str] | None:
    """The text of every dictionary of ``config``, exported by the ``opencc_dict`` that comes
    with the opencc wheel; None when there is none."""
    clib = Path(opencc.__file__).parent / "clib"
    tool = clib / "bin" / "opencc_dict"
    if not tool.is_file():
        return None
    texts = []
    for i, path in enumerate(t2s_chars.dictionaries(config)):
        out = Path(os.environ.get("TMPDIR", "/tmp")) / f"disclint-t2s-{os.getpid()}-{i}.txt"
        try:
            subprocess.run(
                [str(tool), "-i", str(path), "-o", str(out), "-f", "ocd2", "-t", "text"],
                check=True,
                capture_output=True,
                env={**os.environ, "LD_LIBRARY_PATH": str(clib / "lib64")},
            )
            texts.append(out.read_text(encoding="utf-8"))
        finally:
            out.unlink(missing_ok=True)
    return texts


def literal(chars: str, width: int = 40) -> str:
    chunks = [chars[i : i + width] for i in range(0, len(chars), width)]
    return "CHARS = (\n" + "".join(f'    "{c}"\n' for c in chunks) + ")\n"


def test_chars_are_those_of_the_installed_dictionaries() -> None:
    config = opencc.OpenCC("t2s").config
    texts = exported(config)
    if texts is None:
        pytest.skip("no opencc_dict next to the installed OpenCC")
    chars, digest = t2s_chars.changing(texts), t2s_chars.digest(config)
    if os.environ.get("DISCLINT_WRITE_T2S") == "1":
        source = MODULE.read_text(encoding="utf-8")
        source = re.sub(r'DIGEST = "[0-9a-f]*"\n', f'DIGEST = "{digest}"\n', source)
        source = re.sub(r"CHARS = (?:\(\n(?:    \"[^\"]*\"\n)*\)|\"\")\n", literal(chars), source)
        MODULE.write_text(source, encoding="utf-8")
    if digest != t2s_chars.DIGEST:
        pytest.skip(
            "another OpenCC than CHARS were made from: every text is converted (DISCLINT_WRITE_T2S=1)"
        )
    assert t2s_chars.CHARS == chars
    assert "覆" in chars and "後" in chars and "后" not in chars and "中" not in chars


def test_a_text_without_those_characters_is_its_own_conversion() -> None:
    assert textforms._changeable() is not None  # the installed OpenCC is the one CHARS were made from
    convert = opencc.OpenCC("t2s").convert
    changeable = set(t2s_chars.CHARS)
    seen = 0
    for ch in map(chr, range(0x3400, 0xA000)):
        if ch not in changeable:
            assert convert(ch) == ch
            seen += 1
    assert seen > 20000


@given(
    st.lists(
        st.sampled_from("政府信息公开年度报告本机关答覆覆盖後后於于乾隆憑藉深沈 ，。0123abc郵編電話")
        | st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        max_size=40,
    )
)
def test_simplified_text_is_opencc_with_or_without_the_shortcut(chars: list[str]) -> None:
    text = "".join(chars)
    convert = opencc.OpenCC("t2s").convert
    expected = convert(text)
    if len(expected) != len(text):
        expected = "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)
    assert textforms.simplified_text(text) == expected


def test_regression_a_lone_surrogate_is_kept_and_the_rest_converted() -> None:
    # OpenCC encodes to UTF-8 and raised UnicodeEncodeError on a lone surrogate (a str given to
    # disclint.parse_text), which stopped the whole parse
    from disclint.parse import parse_text
    from disclint.textforms import simplified_text

    assert simplified_text("本機關\udc80繁體字") == "本机关\udc80繁体字"
    report = parse_text("某某镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n本機關\udc80繁體字\n")
    assert report.year == 2024 and [s.number for s in report.sections] == [1]
