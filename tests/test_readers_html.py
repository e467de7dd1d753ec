"""HTML reader: page furniture dropped, blocks → lines, tables with colspan/rowspan, paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclint.readers import Document, ReadFailure, read_bytes, read_path
from disclint.readers.base import NativeLocation

from fixture_builders import build_html, build_model, expected_rows, seed_stems

PORTAL = Path(__file__).parent / "fixtures" / "readers" / "portal.html"


def _lines(html: str | bytes, name: str = "page.html") -> list[str]:
    data = html.encode("utf-8") if isinstance(html, str) else html
    result = read_bytes(data, name)
    assert isinstance(result, Document), result
    return [line.text for line in result.lines]


def test_portal_page_body_only() -> None:
    result = read_path(PORTAL)
    assert isinstance(result, Document)
    assert result.kind == "html"
    assert [line.text for line in result.lines] == [
        "兴庆区2020年政府信息公开",
        "工作年度报告",
        "一、总体情况",
        "共收到申请3件，网站可查。",
        "二、主动公开政府信息情况",
        "第二十条第（一）项\t\t\t",
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
        "规章\t0\t0\t0",
        "三、本年度办理结果\t（一）予以公开\t\t1",
        "\t（三）不予公开\t1.属于国家秘密\t0",
        "\t\t2.其他法律行政法规禁止公开\t0",
        "四、结转下年度继续办理\t\t\t0",
        "兴庆区人民政府",
        "2021年1月25日",
    ]


def test_portal_native_paths() -> None:
    result = read_path(PORTAL)
    assert isinstance(result, Document)
    natives = [line.native for line in result.lines]
    assert natives[0] == NativeLocation(html_path="#zoom>p:nth-of-type(1)")
    assert natives[4] == NativeLocation(html_path="#zoom>div")
    assert natives[9] == NativeLocation(
        table=2, row=2, html_path="#zoom>table:nth-of-type(2)>tbody>tr:nth-of-type(2)"
    )
    row = result.lines[9]
    assert row.native_at(row.text.index("1.属于") + 1) == NativeLocation(
        table=2, row=2, cell=3, html_path="#zoom>table:nth-of-type(2)>tbody>tr:nth-of-type(2)"
    )
    assert natives[9] is not None and natives[9].label() == "table 2 row 2"


def test_gbk_page_with_meta_charset() -> None:
    page = (
        '<html><head><meta charset="gb2312"></head><body><p>一、总体情况</p><p>邮编：750021</p></body></html>'
    )
    result = read_bytes(page.encode("gbk"), "gbk.html")
    assert isinstance(result, Document)
    assert [line.text for line in result.lines] == ["一、总体情况", "邮编：750021"]
    assert result.encoding == "gb2312"  # the declared charset, tried before GB18030


def test_rowspan_at_the_end_of_a_row_and_ragged_rows() -> None:
    page = """<html><body><table>
    <tr><td>a</td><td rowspan="3">合计</td></tr>
    <tr><td>b</td></tr>
    <tr><td>c</td><td>extra</td></tr>
    <tr><td>d</td></tr>
    </table></body></html>"""
    assert _lines(page) == ["a\t合计", "b\t", "c\t\textra", "d"]


def test_layout_table_is_read_as_blocks() -> None:
    long_text = "本报告由政府办公室编制。" * 50
    page = f"""<html><body><table><tr><td>
    <p>一、总体情况</p><p>{long_text}</p>
    <table><tr><td>规章</td><td>0</td></tr></table>
    </td></tr></table></body></html>"""
    assert _lines(page) == ["一、总体情况", long_text, "规章\t0"]


def test_scripts_styles_and_navigation_are_dropped() -> None:
    page = """<html><body>
    <div id="nav-top"><a href="/">首页</a></div>
    <div role="navigation">导航</div>
    <p>正文一</p><noscript>请启用脚本</noscript>
    <div class="menu"><p>菜单项</p></div>
    <p><a href="/x">相关链接</a></p>
    <p>正文二 <a href="http://www.xqq.gov.cn/">http://www.xqq.gov.cn/</a></p>
    </body></html>"""
    assert _lines(page) == ["正文一", "正文二 http://www.xqq.gov.cn/"]


def test_empty_and_undecodable_pages() -> None:
    assert _lines("<html><body></body></html>") == []
    result = read_bytes(b"<html><body>" + bytes(range(256)) * 4, "bad.html")
    assert isinstance(result, ReadFailure)
    assert result.kind == "html"
    assert result.reason == "bad.html cannot be decoded as text (tried UTF-8, UTF-16, GB18030)."


@pytest.mark.parametrize("stem", seed_stems())
def test_seed_pages(stem: str) -> None:
    model = build_model(stem)
    expected: list[str] = []
    for block in model.blocks:
        expected.extend([" ".join(block.split())] if isinstance(block, str) else expected_rows(block))
    assert _lines(build_html(model), f"{stem}.html") == expected
