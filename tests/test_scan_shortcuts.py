"""The word checks that let contacts and facts skip a pattern: every match of a pattern holds
one of the words it is skipped without, so skipping never loses a match."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from disclint import contacts, facts

FRAGMENTS = (
    "收到", "受理", "接收", "办结", "结转", "至", "下一年度", "下年度", "继续办理", "行政复议", "行政诉讼",
    "案件", "予以公开", "部分公开", "不予公开", "本机关不掌握相关政府信息", "无法提供", "不予处理", "政府信息公开申请",
    "依申请公开", "各类", "申请", "3件", "12条", "0件", "件", "条", "，", "。", "：", ":", " ", "（", "(", ")",
    "联系电话", "电话", "传真", "/", "邮编", "邮政编码", "750001", "0951-5012345", "通讯地址", "地址",
    "银川市金凤区", "电子邮箱", "E-mail", "@", "abc@126.com", "x.y@gov.cn", "http://", "https://", "www.",
    "nx.gov.cn", "/a/b.html", "a", "1", "邮箱", "电子邮件", "邮件地址", "Email", "e-mail", "mail", "联系", "办公",
    "咨询", "监督", "通讯", ".", "com", "-",
)  # fmt: skip


def patterns() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    needs = contacts._NEEDS
    out = [
        (contacts._PHONE, needs["phone"]),
        (contacts._FAX, needs["fax"]),
        (contacts._POSTCODE, needs["postcode"]),
        (contacts._ADDRESS, needs["address"]),
        (contacts._EMAIL, needs["email"]),
        (contacts._URL, needs["website"]),
        (facts._OUTCOMES, facts._OUTCOME_WORDS),
    ]
    out += [
        (pattern, words) for (_q, pattern), words in zip(facts._FIGURES, facts._FIGURE_WORDS, strict=True)
    ]
    return out


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_every_match_holds_a_word_it_needs(parts: list[str]) -> None:
    text = "".join(parts)
    for pattern, words in patterns():
        for m in pattern.finditer(text):
            assert any(w in m.group(0) for w in words), (pattern.pattern, m.group(0))


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_a_labelled_email_is_kept_only_with_an_at_sign(parts: list[str]) -> None:
    # _LABELLED_EMAIL needs no "@" to match, but a value without one is dropped (contacts._scan)
    text = "".join(parts)
    kept = [m for m in contacts._LABELLED_EMAIL.finditer(text) if "@" in m.group("value")]
    assert not kept or "@" in text


def test_the_shortcuts_find_what_a_full_scan_finds() -> None:
    from disclint.parse import parse_text

    text = (
        "一、总体情况\n本机关共收到政府信息公开申请3件，办结3件，0件结转下年度办理，予以公开2件，不予处理1件。"
        "有1件申请了行政复议，行政诉讼案件0件。\n联系电话：0951-5012345，传真：0951-5012346，邮编：750001，"
        "地址：银川市金凤区1号，电子邮箱：abc@126.com，网址：http://www.nx.gov.cn/a.html。\n"
    )
    rep = parse_text(text)
    assert [(c.field, c.value) for c in rep.contacts] == [
        ("phone", "0951-5012345"),
        ("fax", "0951-5012346"),
        ("postcode", "750001"),
        ("address", "银川市金凤区1号"),
        ("email", "abc@126.com"),
        ("website", "http://www.nx.gov.cn/a.html"),
    ]
    assert [(f.quantity, f.value) for f in rep.figures] == [
        ("applications_received", 3),
        ("applications_closed", 3),
        ("carried_forward", 0),
        ("review_cases", 1),
        ("litigation_cases", 0),
        ("disclosed", 2),
        ("not_processed", 1),
    ]


# textforms._GLOSS as it was written first: the look-behind before the bracket
_GLOSS_AS_WRITTEN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


@given(
    st.lists(st.sampled_from(["據", "中", "(", ")", "jù", "ǖ", "a", "abcdefg", " ", "（", "1"]), max_size=20)
)
def test_gloss_pattern_finds_what_the_look_behind_first_pattern_finds(parts: list[str]) -> None:
    from disclint import textforms

    text = "".join(parts)
    assert [m.span() for m in textforms._GLOSS.finditer(text)] == [
        m.span() for m in _GLOSS_AS_WRITTEN.finditer(text)
    ]


def test_fold_text_skips_exactly_the_texts_without_a_character_it_maps() -> None:
    from disclint import textforms

    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    assert textforms.fold_text(every) == every.translate(textforms._FOLD)  # (tests/test_chartable.py)
    assert textforms.fold_text("政务公开（一）：1，2\u3000") == "政务公开(一):1,2 "


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_a_contact_scan_at_its_places_finds_what_a_scan_from_0_finds(parts: list[str]) -> None:
    # contacts._scan tries each pattern only where a match of it can start (anchored.matches)
    from disclint.anchored import find_all, matches, merged

    text = "".join(parts)
    scans = [
        (contacts._PHONE, contacts._places(text, "phone")),
        (contacts._FAX, contacts._places(text, "fax")),
        (contacts._POSTCODE, contacts._places(text, "postcode")),
        (contacts._ADDRESS, contacts._places(text, "address")),
        (contacts._URL, contacts._places(text, "website")),
        (contacts._LABELLED_EMAIL, contacts._places(text, "labelled")),
        (contacts._EMAIL, merged(contacts._local_part(text, at) for at in find_all(text, ("@",)))),
    ]
    for pattern, places in scans:
        found = [(m.span(), m.groupdict()) for m in matches(pattern, text, places)]
        assert found == [(m.span(), m.groupdict()) for m in pattern.finditer(text)], pattern.pattern


@given(
    st.text(alphabet=st.sampled_from("政务 \t\u3000ab1（）"), max_size=30),
    st.integers(1, 50),
    st.integers(1, 80),
)
def test_compact_of_one_line_is_what_gather_makes(text: str, line: int, column: int) -> None:
    from disclint import textforms
    from disclint.nodes import Located

    loc = Located(text, ((0, line, column),))
    expected = textforms._gather([(loc, *m.span()) for m in textforms._NOT_SPACE.finditer(text)])
    assert textforms.compact(loc) == expected


CHROME_FRAGMENTS = (
    "当前位置", "您的位置", "位置", "位置:", ">", "首页", "首页>", "字号", "打印本页", "打印", "本页", "关闭窗口",
    "关闭", "分享到", "大", "中", "小", "[", "】", "/", ":", " ", "政府", "信息公开", "年报", "a", "1",
)  # fmt: skip


@given(st.lists(st.sampled_from(CHROME_FRAGMENTS), max_size=12))
def test_chrome_tests_answer_as_their_patterns(parts: list[str]) -> None:
    # chrome._breadcrumb looks for ">" or 位置 first, chrome._buttons for a button word at the start
    from disclint import chrome

    key = "".join(parts)
    assert chrome._breadcrumb(key) == bool(chrome._BREADCRUMB.search(key))
    assert chrome._buttons(key) == (not chrome._BUTTON_WORDS.sub("", key))
