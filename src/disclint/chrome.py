"""Page chrome at the top of a report page: recorded as noise, never read as content.

Portals wrap the report in navigation and metadata: breadcrumbs (``首页 > 政务公开 > 年报``), the
metadata block (``索引号：… 发布机构：… 名称：… 发布日期：…``), print and font-size buttons,
a date line, links to other sites, a column name (``政府信息公开年报``). This module classifies
the opening lines (up to the first section heading or the first line of running prose) and keeps
the values of the metadata fields that say something about the report (its name, its publisher,
its publication date).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .nodes import ChromeLine, Located
from .textforms import ScriptView

# labels of the portal's metadata block and of a crawler's capture header
LABELS = (
    "索引号|索引|发布机构|发文机关|发文单位|公开方式|公开范围|公开时限|成文日期|发文日期|发布日期|公开日期|"
    "生效日期|废止日期|组配分类|主题分类|信息分类|分类|文号|文件编号|发文字号|名称|标题|关键词|主题词|体裁|"
    "有效性|时效性|是否有效|信息来源|发布来源|来源|单位|采集时间|发布时间|信息提供日期|撰写时间|更新时间|"
    "时间|日期|责任编辑|编辑|作者|访问量|访问次数|点击数|点击量|浏览次数|阅读次数|被阅览数|字号|字体"
)
_LABEL = re.compile(rf"(?:{LABELS})")
_META = re.compile(rf"^[-•·*]?(?P<label>{LABELS})(?::|\t|$|(?=\S))")
_BREADCRUMB = re.compile(
    r"^(?:当前位置|您的位置|您现在的位置|您现在所在的位置|所在位置|位置:)|^>|首页>|>首页"
)
_BUTTON_WORDS = re.compile(
    r"字号|字体|打印本页|打印|关闭窗口|关闭|分享到|分享|收藏|登录|注册|默认|点击查看解读|返回顶部|扫一扫|手机版|"
    r"简体|繁体|繁體|无障碍|今天是|"
    r"[大中小]|[\[\]【】()|/:,、\s]"
)
_DATE_ONLY = re.compile(
    r"^(?:(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\d{1,2}:\d\d(?::\d\d)?)?|(?:19|20)\d\d年?)$"
)
_SIGNATURE_DATE = re.compile(r"^(?:19|20)\d\d年\d{1,2}月\d{1,2}日$")  # 2021年2月20日, as a report is signed
_INDEX_NUMBER = re.compile(r"^[-•·*]?[0-9A-Za-z-]{6,}/\d{4}-\d{3,}$")
_COLUMN = re.compile(r"^(?:政府)?信息公开(?:工作)?(?:年报|年度报告)$|^(?:公开)?年报$|^年度报告$")
_SITE_TOKEN = re.compile(r"(?:网|政府|门户|网站)$")
_HEADING = re.compile(r"^[一二三四五六七八九十]{1,2}[、.．]")
PROSE_CHARS = 60  # a line this long, or ending a sentence, is running prose: the chrome is over


def _breadcrumb(key: str) -> bool:
    # every branch of _BREADCRUMB holds ">" or 位置: a line without them is searched no further
    return (">" in key or "位置" in key) and _BREADCRUMB.search(key) is not None


def _buttons(key: str) -> bool:
    """Nothing but button words: none left once they are taken out (then the first is at the
    start, so a line whose start is no button word is not tried further)."""
    return not key or (_BUTTON_WORDS.match(key) is not None and not _BUTTON_WORDS.sub("", key))


def is_heading(key: str) -> bool:
    return bool(_HEADING.match(key))


def is_prose(key: str) -> bool:
    return len(key) >= PROSE_CHARS or key.endswith("。")


def fields(view: ScriptView) -> list[tuple[str | None, Located | None]]:
    """The (label, value) pairs of a metadata line: ``发布机构:下各镇成文日期:2024-01-16``."""
    text = view.text
    labels = list(_LABEL.finditer(text))
    out: list[tuple[str | None, Located | None]] = []
    for k, m in enumerate(labels):
        start = m.end()
        while start < len(text) and text[start] in ":\t ":
            start += 1
        stop = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        out.append((m.group(0), view.source_located(start, stop) if stop > start else None))
    return out


def classify(views: Sequence[ScriptView], raw: Sequence[str]) -> tuple[list[ChromeLine], int]:
    """Chrome among the opening lines, and the index of the first line after the opening
    (the first section heading or running prose). ``views`` are the lines' simplified,
    space-free, half-width views; ``raw`` the lines as read (spaces kept)."""
    out: list[ChromeLine] = []
    pending_value = False  # a bare label (``来源``) whose value is on the next line
    previous_content = False  # a non-chrome line came before (a split title's first part)
    seen_content = False  # any non-chrome line came before (the title, the signing organ)
    for i, view in enumerate(views):
        key = view.text.strip()
        if not key:
            continue
        if is_heading(key):
            return out, i
        kind: str | None = None
        pairs: list[tuple[str | None, Located | None]] = [(None, None)]
        bare_label = False
        if _breadcrumb(key):
            kind = "breadcrumb"
        elif _INDEX_NUMBER.match(key):
            kind = "index-number"
        elif _buttons(key):
            kind = "buttons"
        elif _META.match(key):
            pairs = list(fields(view)) or [(None, None)]
            kind = "metadata"
            bare_label = len(pairs) == 1 and pairs[0][1] is None
        elif _DATE_ONLY.match(key) and not (seen_content and _SIGNATURE_DATE.match(key)):
            # a written-out date after the report's own lines is its signature date, not chrome
            kind = "date"
        elif _COLUMN.match(key) and not previous_content:
            kind = "column"
        elif pending_value and len(key) <= 20:
            kind = "metadata"
        elif _site_links(raw[i] if i < len(raw) else ""):
            kind = "site-links"
        elif i + 1 < len(views) and _breadcrumb(views[i + 1].text) and len(key) <= 30:
            kind = "site-name"
        pending_value = bare_label
        if kind is None:
            if is_prose(key):
                return out, i
            previous_content = seen_content = True
            continue
        previous_content = False
        span = view.located.span
        out.extend(ChromeLine(span.line, kind, view.original, span, lb, v) for lb, v in pairs)
    return out, len(views)


def _site_links(raw: str) -> bool:
    tokens = raw.split()
    return len(tokens) >= 2 and all(_SITE_TOKEN.search(t) and not re.search(r"\d", t) for t in tokens)
