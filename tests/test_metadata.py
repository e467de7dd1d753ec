"""The metadata stage on real report openings: chrome, title, organ, year, period, notice, contacts."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from disclint import chrome, dates, notice
from disclint.engine import registry, run
from disclint.nodes import Located, Report, Span
from disclint.parse import parse_path, parse_text
from disclint.textforms import script_view
from openings import FIELDS, score

from corpus import REAL

THRESHOLD = 0.98


def codes(report: Report) -> list[str]:
    return [f.code for f in run([report], registry().default_settings(), lang="en")]


# --- the openings corpus (tests/data/openings) ------------------------------------------------


@pytest.mark.parametrize("folder", ["dev", "heldout"])
def test_openings_score(folder: str) -> None:
    scores, misses = score(folder)
    assert set(scores) == set(FIELDS)
    assert all(v >= THRESHOLD for v in scores.values()), "\n".join(misses)


# --- the two real documents, as their YAML says -------------------------------------------------


@pytest.mark.parametrize("name", ["hongze2024.pdf", "shuyang2023.html"])
def test_real_documents_identity(name: str) -> None:
    expected = YAML(typ="safe").load((REAL / name).with_suffix(".yaml").read_text(encoding="utf-8"))
    report = parse_path(REAL / name)
    assert report.organ == expected["organ"]
    assert report.year == expected["year"]
    assert report.format_cited is None and expected["format_cited"] is None
    if "period" in expected:
        assert report.period is not None
        assert [report.period.start.isoformat(), report.period.end.isoformat()] == expected["period"]
    for field, value in (expected.get("contacts") or {}).items():
        found = report.contacts_of(field)
        assert (found[0].value if found else None) == value, field
    # the codes this stage decides (tables are another stage's business)
    ours = {c for c in expected["forbidden"] if c.startswith(("DAT", "CON", "SEC005", "FMT001", "FMT002"))}
    assert not set(codes(report)) & ours


def test_hongze_period_over_two_justified_lines_is_found() -> None:
    """``统计期限自 2024 年 1 月 1 日`` / ``起至 2024 年 12 月 31 日止``: no DAT003 (was a false finding)."""
    report = parse_path(REAL / "hongze2024.pdf")
    assert report.period is not None
    assert (report.period.start, report.period.end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert report.period.span.line == 5 and report.period.span.end_line == 6
    assert "DAT003" not in codes(report)


def test_shuyang_portal_chrome_is_noise_not_content() -> None:
    report = parse_path(REAL / "shuyang2023.html")
    meta = report.metadata
    assert meta is not None
    assert report.title is not None and report.title.text == "沭阳县发展和改革局2023年政府信息公开年度报告"
    assert report.title_lines == (9,)
    kinds = {(c.line, c.label) for c in meta.chrome}
    assert {(1, "标题"), (3, "来源"), (5, "名称"), (7, "发布机构"), (7, "公开日期")} <= kinds
    # the crawler's source URL (line 3) is not the report's website: no CON003 against it
    assert all(c.span.line not in meta.chrome_lines for c in report.contacts)
    assert "CON003" not in codes(report)
    assert meta.organ is not None and (meta.organ.source, meta.organ.span.line) == ("title", 9)


# --- chrome -------------------------------------------------------------------------------------

PORTAL_PAGE = """当前位置: 首页
> 政务公开 > 乡镇街道 > 下各镇 > 政府信息公开年报
索 引 号 1133102400268125XW/2024-104757 公开方式 主动公开
成文日期 2024-01-16 发布机构 下各镇
2023年下各镇政府信息公开工作年度报告
发布日期: 2024-01-16 访问次数:
字号：[ 大 中 小 ] 打印 关闭
一、总体情况
（一）主动公开。2023年全镇主动发布政务公开信息45条。
"""


def test_breadcrumb_metadata_block_and_buttons_are_chrome_and_never_the_title() -> None:
    report = parse_text(PORTAL_PAGE)
    meta = report.metadata
    assert meta is not None
    by_line = {}
    for c in meta.chrome:
        by_line.setdefault(c.line, c.kind)
    assert by_line == {
        1: "breadcrumb",
        2: "breadcrumb",
        3: "metadata",
        4: "metadata",
        6: "metadata",
        7: "buttons",
    }
    publisher = [c.value.text for c in meta.chrome if c.label == "发布机构" and c.value is not None]
    assert publisher == ["下各镇"]
    assert report.title is not None and report.title_lines == (5,)
    assert (report.organ, report.year) == ("下各镇", 2023)
    assert "SEC005" not in codes(report)


def test_chrome_stops_at_running_prose() -> None:
    views = [
        script_view(Located(t, ((0, i + 1, 1),)), fold=True, squeeze=True)
        for i, t in enumerate(
            ["发布时间：2025-01-24", "本报告由某某局编制。来源于各科室的统计数据。", "来源：某某局"]
        )
    ]
    found, end = chrome.classify(views, [v.original for v in views])
    assert [c.line for c in found] == [1] and end == 1


# --- titles -------------------------------------------------------------------------------------


def test_title_split_over_two_lines_with_niandu_is_joined() -> None:
    report = parse_text("昌都市卫生健康委2023年度政府信息公开工作\n年度报告\n一、总体情况\n2023年，我委……\n")
    assert (
        report.title is not None and report.title.text == "昌都市卫生健康委2023年度政府信息公开工作年度报告"
    )
    assert report.title_lines == (1, 2)
    assert (report.organ, report.year) == ("昌都市卫生健康委", 2023)
    meta = report.metadata
    assert meta is not None and meta.year is not None
    assert (meta.year.source, meta.year.span) == ("title", Span(1, 9, 1, 13))


def test_organ_line_then_year_line_title() -> None:
    report = parse_text("高平市人民政府办公室\n2022年政府信息公开工作年度报告\n一、总体情况\n")
    assert (report.organ, report.year, report.title_lines) == ("高平市人民政府办公室", 2022, (1, 2))


def test_title_without_gongzuo_and_year_first_title() -> None:
    assert parse_text("大川镇2023年度政府信息公开工作报告\n一、总体情况\n").organ == "大川镇"
    report = parse_text("2020年福田区科技创新局政府信息公开工作年度报告\n一、概述\n")
    assert (report.organ, report.year) == ("福田区科技创新局", 2020)


@pytest.mark.parametrize(
    ("title", "written"),
    [
        ("兴仁镇二〇二四年政府信息公开工作年度报告", "二〇二四"),
        ("兴仁镇二○二四年度政府信息公开工作年度报告", "二○二四"),  # ○ (a circle) for 〇
        ("兴仁镇二零二四年政府信息公开工作年度报告", "二零二四"),
    ],
)
def test_title_year_in_chinese_numerals(title: str, written: str) -> None:
    # formal titles write the year digit by digit: before, the organ took the year in ("兴仁镇二〇二
    # 四年") and SEC005 said the title lacked its year
    report = parse_text(f"{title}\n一、总体情况\n")
    assert (report.organ, report.year) == ("兴仁镇", 2024)
    meta = report.metadata
    assert meta is not None and meta.year is not None and meta.year.text == written
    assert "SEC005" not in codes(report)
    preamble = parse_text("根据要求，编制我单位二〇二一年政府信息公开工作年度报告。\n一、总体情况\n")
    assert preamble.year == 2021


# --- no title: the year from the period, the preamble, or the body -----------------------------


@pytest.mark.parametrize(
    ("text", "year", "source"),
    [
        ("一、总体情况\n本报告数据统计期限为2022年1月1日至2022年12月31日。\n", 2022, "period"),
        ("根据要求，编制我单位2021年政府信息公开工作年度报告。\n一、总体情况\n", 2021, "preamble"),
        ("一、总体情况\n本报告汇报我镇2023年政府信息公开工作。\n", 2023, "preamble"),
        ("一、总体情况\n2021年，我局认真贯彻落实《条例》。\n", 2021, "body"),
    ],
)
def test_year_without_a_title(text: str, year: int, source: str) -> None:
    report = parse_text(text)
    assert report.title is None and report.year == year
    meta = report.metadata
    assert meta is not None and meta.year is not None
    assert meta.year.source == source and meta.year.text.startswith(str(year))
    assert 0 < meta.year.confidence < 1


def test_years_that_disagree_are_kept_and_reported() -> None:
    text = (
        "某某县民政局2024年政府信息公开工作年度报告\n"
        "根据《条例》规定，现发布《某某县民政局2023年政府信息公开工作年度报告》。"
        "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。\n"
        "一、总体情况\n"
    )
    report = parse_text(text)
    meta = report.metadata
    assert meta is not None
    assert sorted({(f.value, f.source) for f in meta.years}) == [
        ("2023", "preamble"),
        ("2024", "period"),
        ("2024", "title"),
    ]
    assert report.year == 2024
    assert codes(report).count("DAT001") == 1


# --- Traditional Chinese and spaced text -------------------------------------------------------


def test_traditional_page_matches_in_simplified_with_spans_in_the_original() -> None:
    text = (
        "一、總體情況\n特向社會公布2020年開平市農業農村局政府信息公開工作年度報告。"
        "本報告中所列數據的統計期限自2020年1月1日起至2020年12月31日止。"
        "如對本報告有任何疑問，請與開平市農業農村局辦公室聯系（地址：開平市良園路六十號；"
        "郵編：529300；電話：0750-2303503）。\n"
    )
    report = parse_text(text)
    assert (report.organ, report.year) == ("開平市農業農村局", 2020)
    assert report.period is not None and report.period.start == date(2020, 1, 1)
    postcode = report.contacts_of("postcode")[0]
    line = text.splitlines()[1]
    assert postcode.value == "529300"
    assert line[postcode.span.column - 1 : postcode.span.end_column - 1] == "529300"
    assert report.contacts_of("address")[0].value == "開平市良園路六十號"


def test_script_view_drops_glosses_and_keeps_positions() -> None:
    view = script_view(Located("根據(jù)《條例》 郵 編", ((0, 7, 3),)), squeeze=True)
    assert view.text == "根据《条例》邮编"
    assert view.source(0, 2) == "根據"
    start = view.text.index("邮")
    assert view.span_of(start, start + 2) == Span(7, 3 + 11, 7, 3 + 14)


# --- dates and periods --------------------------------------------------------------------------


def test_month_day_when_characters_were_lost() -> None:
    assert dates.month_day("11") == (1, 1)
    assert dates.month_day("1231") == (12, 31)
    assert dates.month_day("115") is None  # 1月15日 or 11月5日: not guessed
    assert dates.month_day("131") == (1, 31)


@pytest.mark.parametrize(
    "text",
    [
        "统计期限自202111日起至20211231日止",
        "期限自20211月1日至202112月31日止",
        "统计期限为2021年1月1日至12月31日",
        "统计期限自2021年1月1日起至2021年12月31日止",
    ],
)
def test_periods_as_written(text: str) -> None:
    (found,) = dates.find_periods(text)
    assert (found.start, found.end) == (date(2021, 1, 1), date(2021, 12, 31))
    assert text[found.begin : found.stop].startswith("2021")


def test_period_end_before_start_is_not_a_period() -> None:
    assert dates.find_periods("2021年12月31日至2021年1月1日") == []
    assert dates.find_periods("二〇二一年十二月三十一日至二〇二一年一月一日") == []


@pytest.mark.parametrize(
    "text",
    [
        "统计期限自二〇二一年一月一日起至二〇二一年十二月三十一日止",
        "统计期限为二○二一年一月一日至十二月三十一日",
        "二零二一年一月一日—二零二一年十二月三十一日",
    ],
)
def test_periods_in_chinese_numerals(text: str) -> None:
    # before, no period was found (DAT003 said the report named none)
    (found,) = dates.find_periods(text)
    assert (found.start, found.end) == (date(2021, 1, 1), date(2021, 12, 31))
    assert text[found.begin : found.stop].startswith("二") and not found.lost_characters
    assert dates.find_periods(text.replace("三十一", "三十二")) == []  # no 31 December 32nd
    report = parse_text(f"某局二〇二一年政府信息公开工作年度报告\n本报告数据{text}。\n一、总体情况\n")
    assert report.period is not None and report.period.start == date(2021, 1, 1)
    assert "DAT003" not in codes(report)


# --- the notice ---------------------------------------------------------------------------------


def cite(text: str) -> list[tuple[str, str]]:
    return [(c.notice, c.cited_by) for c in notice.citations([Located(text, ((0, 1, 1),))])]


def test_notice_by_number_by_lost_bracket_and_by_title() -> None:
    assert cite("依据《格式》（国办公开办函〔2021〕30号）编制") == [("30", "number")]
    assert cite("依据（国办公开办函〔202130号）要求") == [("30", "lost-bracket")]
    assert cite("國辦公開辦函〔2019〕60號") == [("60", "number")]
    assert cite("根据《关于政府信息公开工作年度报告有关事项的通知》要求") == [("60", "title")]
    assert cite("按照《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》要求") == [
        ("30", "title")
    ]
    assert cite("按照《中华人民共和国政府信息公开工作年度报告格式》规定") == [("30", "title")]
    assert cite("按照《中华人民共和国政府信息公开工作年度报告格式（试行）》要求") == [("60", "title")]
    # a title followed by its number is a citation by number, once
    assert cite("《关于政府信息公开年度报告有关事项的通知》（国办公开办函〔2019〕60号）") == [
        ("60", "number")
    ]


def test_other_notices_are_not_the_format_notice() -> None:
    assert (
        cite("《关于做好2021年度政府信息公开工作年度报告编制和发布工作的通知》（皖政务办秘〔202137号）") == []
    )
    assert cite("（闽政办函〔2021〕34号）（国务院令第711号）") == []


def test_notice_cited_by_title_reaches_the_rules() -> None:
    text = (
        "永安市卫生健康局2024年政府信息公开工作年度报告\n"
        "按照《中华人民共和国政府信息公开工作年度报告格式（试行）》要求，特向社会公布本报告。\n"
        "一、总体情况\n"
    )
    report = parse_text(text)
    assert report.format_cited is not None
    assert (report.format_cited.notice, report.format_cited.cited_by) == ("60", "title")
    findings = [f for f in run([report], registry().default_settings(), lang="en") if f.code == "FMT002"]
    assert len(findings) == 1 and findings[0].context["cited_by"] == "title"


# --- HTML: the title only in <title> or in an <h1> outside the article body --------------------

ARTICLE = (
    '<div id="zoom"><p>根据《中华人民共和国政府信息公开条例》要求，现发布本报告。'
    "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。</p><p>一、总体情况</p>"
    "<p>2023年，我局认真贯彻落实《条例》，全面推进政务公开工作，主动公开各类信息120条，"
    "收到政府信息公开申请3件，均按时办结。</p></div>"
)


@pytest.mark.parametrize(
    ("head", "outside", "path"),
    [
        ("<title>某某县民政局2023年政府信息公开工作年度报告_某某县人民政府网</title>", "", "head>title"),
        ("<title>某某县人民政府网</title>", "<h1>某某县民政局2023年政府信息公开工作年度报告</h1>", "body>h1"),
    ],
)
def test_html_title_outside_the_article_body(tmp_path, head: str, outside: str, path: str) -> None:
    page = tmp_path / "page.html"
    html = f'<html><head><meta charset="utf-8">{head}</head><body>{outside}{ARTICLE}</body></html>'
    page.write_text(html, encoding="utf-8")
    report = parse_path(page)
    assert (report.organ, report.year, report.title_lines) == ("某某县民政局", 2023, (1,))
    native = report.natives[0]
    assert native.native.html_path.startswith(path)


QUOTING = ARTICLE.replace("现发布本报告", "现发布《某某县民政局2023年政府信息公开工作年度报告》")


@pytest.mark.parametrize(
    ("head", "outside", "path"),
    [
        ("<title>某某县民政局2023年政府信息公开工作年度报告_某某县人民政府网</title>", "", "head>title"),
        ("<title>某某县人民政府网</title>", "<h1>某某县民政局2023年政府信息公开工作年度报告</h1>", "body>h1"),
        (
            "<title>某某县人民政府网</title>",
            '<div class="article-title">某某县民政局2023年政府信息公开工作年度报告</div>',
            "body>div",
        ),
        (
            "<title>某某县人民政府网</title>",
            '<table><tr><td class="bt"><span>某某县民政局</span><span>2023年政府信息公开工作年度报告</span>'
            "</td></tr></table>",
            "body>table",
        ),
        (
            '<title>某某县人民政府网</title><meta name="ArticleTitle" '
            'content="某某县民政局2023年政府信息公开工作年度报告">',
            "",
            "head>meta",
        ),
    ],
)
def test_html_title_the_article_only_quotes_is_taken_from_the_page(
    tmp_path, head: str, outside: str, path: str
) -> None:
    # the preamble quotes the report's name in a sentence (现发布《…》): that is no title line,
    # so the page's own title is read (before, none was: SEC005, organ and year from the preamble)
    page = tmp_path / "page.html"
    html = f'<html><head><meta charset="utf-8">{head}</head><body>{outside}{QUOTING}</body></html>'
    page.write_text(html, encoding="utf-8")
    report = parse_path(page)
    assert (report.organ, report.year, report.title_lines) == ("某某县民政局", 2023, (1,))
    assert report.natives[0].native.html_path.startswith(path)
    assert "SEC005" not in codes(report)


def test_a_preamble_wrapped_into_short_lines_is_no_title() -> None:
    # a PDF's preamble in short lines names 信息公开 and 年度报告 through the notice it cites
    text = "\n".join(
        [
            "根据《中华人民共和国政府信息公开条例》规定和《国务院",
            "办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政",
            "府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕",
            "30 号）要求，现发布《兴仁镇 2024年政府信息公开工",
            "作年度报告》。",
            "一、总体情况",
        ]
    )
    report = parse_text(text)
    assert report.title is None and (report.organ, report.year) == ("兴仁镇", 2024)
    assert "SEC005" in codes(report)  # the report has no title: said once, as such


def test_html_title_already_in_the_article_is_not_repeated(tmp_path) -> None:
    page = tmp_path / "page.html"
    article = ARTICLE.replace(
        '<div id="zoom">', '<div id="zoom"><p>某某县民政局2023年政府信息公开工作年度报告</p>'
    )
    page.write_text(
        f'<html><head><meta charset="utf-8"><title>某某县民政局2023年政府信息公开工作年度报告</title></head>'
        f"<body>{article}</body></html>",
        encoding="utf-8",
    )
    report = parse_path(page)
    assert (
        report.lines[0] == "某某县民政局2023年政府信息公开工作年度报告"
        and report.lines.count(report.lines[0]) == 1
    )


def test_parse_json_shows_the_evidence() -> None:
    from disclint.jsonout import report_to_dict

    evidence = report_to_dict(parse_text(PORTAL_PAGE))["evidence"]
    assert evidence["organ"] == {"value": "下各镇", "source": "title", "confidence": 0.95, "line": 5}
    assert evidence["year"]["source"] == "title" and evidence["format_cited_by"] is None
    assert {"line": 1, "kind": "breadcrumb", "label": None} in evidence["chrome"]


def test_portal_name_field_with_another_year_is_reported() -> None:
    text = "名称：某某县民政局2023年政府信息公开工作年度报告\n某某县民政局2024年政府信息公开工作年度报告\n一、总体情况\n"
    report = parse_text(text)
    assert report.year == 2024
    findings = [f for f in run([report], registry().default_settings(), lang="en") if f.code == "DAT001"]
    assert [(f.location.line, f.context["where"], f.context["actual"]) for f in findings] == [
        (1, "portal-title", 2023)
    ]


_ALPHABET = "報告郵編電話國辦號年月日 　：（）,.abc0123456789\t據(jù)公开"


@given(st.text(alphabet=_ALPHABET, max_size=60), st.integers(1, 9), st.integers(1, 40))
def test_every_view_character_points_at_its_source_character(text: str, line: int, column: int) -> None:
    from disclint.textforms import fold_text, simplified_text

    view = script_view(Located(text, ((0, line, column),)), fold=True, squeeze=True)
    assert len(view.original) == len(view.text)
    for i, ch in enumerate(view.text):
        span = view.span_of(i, i + 1)
        assert span.line == line
        source = text[span.column - column]
        assert source == view.original[i] and not source.isspace()
        assert fold_text(simplified_text(source)) == ch


def test_a_chrome_date_line_is_not_the_report_date() -> None:
    text = "某某镇2023年政府信息公开工作年度报告\n2024-01-16\n一、总体情况\n2023年，我镇……\n"
    report = parse_text(text)
    meta = report.metadata
    assert meta is not None and [(c.line, c.kind) for c in meta.chrome] == [(2, "date")]
    assert report.date is None
    signed = parse_text(text + "某某镇人民政府\n2024年1月20日\n")
    assert signed.date is not None and signed.date.value == date(2024, 1, 20)


def test_organ_from_the_contact_sentence_without_its_office() -> None:
    text = (
        "本报告中所列数据的统计期限从2024年1月1日起至2024年12月31日止。如有任何疑问，"
        "请与常州市钟楼区南大街街道综合办公室联系（地址：常州市广化街187号）。\n一、总体情况\n"
    )
    meta = parse_text(text).metadata
    assert meta is not None and meta.organ is not None
    assert (meta.organ.value, meta.organ.source) == ("常州市钟楼区南大街街道", "contact")
    assert meta.organ.confidence < 0.9


def test_address_ends_where_the_next_contact_field_starts() -> None:
    text = "如有疑问请联系。（地址：会同县建军北路县政务服务中心一楼101室、联系电话：0745-8858009、电子邮箱：a@b.cn。）\n"
    report = parse_text(text)
    (address,) = report.contacts_of("address")
    assert address.value == "会同县建军北路县政务服务中心一楼101室"
    line = text.splitlines()[0]
    assert line[address.span.column - 1 : address.span.end_column - 1] == address.value
    assert [c.value for c in report.contacts_of("phone")] == ["0745-8858009"]


def test_script_switch_and_today_lines_are_chrome() -> None:
    meta = parse_text(
        "今天是:\n简体 | 繁体\n县政府办2022年度政府信息公开工作年度报告\n一、总体情况\n"
    ).metadata
    assert meta is not None
    assert [(c.line, c.kind) for c in meta.chrome] == [(1, "buttons"), (2, "buttons")]
    assert meta.title is not None and meta.title.text == "县政府办2022年度政府信息公开工作年度报告"


def test_regression_signature_date_at_the_end_is_the_report_date_not_chrome() -> None:
    """A short report with no heading: its closing 2021年2月20日 was taken for a portal date line."""
    text = "银川市西夏区民政局\n2020年政府信息公开工作年度报告\n……\n银川市西夏区民政局\n2021年2月20日\n"
    report = parse_text(text, "r.txt")
    assert report.date is not None and report.date.value == date(2021, 2, 20)
    assert report.metadata is not None and report.metadata.chrome == ()
    portal = parse_text(
        "2021-02-20\n银川市西夏区民政局2020年政府信息公开工作年度报告\n一、总体情况\n", "p.txt"
    )
    assert portal.metadata is not None and [c.kind for c in portal.metadata.chrome] == ["date"]


def test_a_related_report_listed_on_the_page_is_not_its_title(tmp_path) -> None:
    # a "related" list of other years' reports, titles in class="title" items or links
    page = tmp_path / "page.html"
    related = (
        '<div class="related"><ul><li class="title">某某县民政局2022年政府信息公开工作年度报告</li></ul>'
        '<p class="title"><a href="/x">某某县民政局2021年政府信息公开工作年度报告</a></p></div>'
    )
    html = f'<html><head><meta charset="utf-8"><title>某某县人民政府网</title></head><body>{related}{QUOTING}</body></html>'
    page.write_text(html, encoding="utf-8")
    report = parse_path(page)
    assert report.year == 2023 and all("2022" not in line and "2021" not in line for line in report.lines)
