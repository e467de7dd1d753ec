"""HTML (selectolax/lexbor): the report body of a government page as lines.

* Page furniture is removed: ``script``, ``style``, ``nav``, ``header``, ``footer``, ``aside``,
  forms, and elements whose id/class names them as navigation (``nav…``, ``menu``,
  ``breadcrumb``, ``footer``, ``sidebar``, ``share`` …). When the page has a recognisable
  content container (``#zoom``, ``.TRS_Editor``, ``article`` …) holding most of the text, only
  that container is read.
* Block elements (``p``, ``div``, ``h1``…, ``li`` …) and ``<br>`` end lines; inline text is
  joined, white space collapsed. A line that is nothing but links (a menu that escaped the
  filters) is dropped.
* A data table is a :class:`~disclint.readers.grid.Grid` (``Document.grids``) and each ``<tr>``
  one line with its cells joined by TAB: a ``colspan`` cell is followed by covered (empty) cells
  for the columns it spans, a ``rowspan`` cell leaves a covered cell in the rows below — the
  DOCX reader's layout. A table used for page layout (a cell holding
  another table or a long text) is read as blocks instead.

Native location: ``html_path``, a CSS selector of the line's element (``#zoom>p:nth-of-type(3)``),
plus table/row for table rows; a grid cell has table/row/cell and the path of its ``<td>``.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .. import limits
from .base import Document, NativeLocation, ReadFailure, SourceLine
from .grid import Grid, SpanBuilder, placed
from .guard import check_depth, check_markup_depth
from .lines import join_fragments
from .text import decode_bytes, undecodable

_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "nav", "header", "footer", "aside", "form",
    "select", "button", "svg", "object", "embed", "map",
)  # fmt: skip
_NAV_NAME = re.compile(
    r"(?:^|[\s_-])(?:nav\w*|menu\w*|breadcrumbs?|crumbs?|footer\w*|sidebar\w*|share\w*|bdshare\w*|"
    r"toolbar|topbar|skip|pagination|pager|print|position|location|weizhi|dqwz)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTENT_SELECTORS = (
    "#zoom", "#UCAP-CONTENT", ".TRS_Editor", ".TRS_UEDITOR", "#xxgk_content", ".article-content",
    ".article_content", ".art_con", "#article", "article", "main", "#content", ".content",
)  # fmt: skip
_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dd", "dt", "blockquote",
    "pre", "section", "article", "main", "address", "center", "figure", "figcaption", "caption",
    "hr", "body", "html", "table", "tr", "td", "th", "thead", "tbody", "tfoot",
}  # fmt: skip
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\n\r\f\v\xa0\u200b]+")
_LAYOUT_CELL_CHARS = 500


def read_html_bytes(data: bytes, path: str) -> Document | ReadFailure:
    """Read an HTML page's report body into a Document."""
    from selectolax.lexbor import LexborHTMLParser

    match = _CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii", "replace") if match else None
    decoded = decode_bytes(data, declared=declared)
    if decoded is None:
        return undecodable(path, kind="html")
    check_markup_depth(decoded.text)
    tree = LexborHTMLParser(decoded.text)
    root = tree.body or tree.root
    if root is None:
        return Document(path=path, kind="html", lines=(), encoding=decoded.encoding)
    check_depth(root)
    _strip_furniture(root)
    root = _content_root(root)
    walker = _Walker()
    walker.lines.extend(_page_title(tree, root))
    _nth_memo().clear()
    try:
        walker.block(root)
    finally:
        _nth_memo().clear()
    return Document(
        path=path,
        kind="html",
        lines=tuple(walker.lines),
        encoding=decoded.encoding,
        grids=tuple(walker.grids),
    )


# elements outside the article body that CMS pages put the report's title in, besides <h1>
_TITLE_PLACES = '[class*="title"], [class*="tit"], [id*="title"], [class*="biaoti"], [class*="bt"]'


def _page_title(tree: Any, article: Any) -> list[SourceLine]:
    """The page's title when the article body leaves it out: an ``<h1>`` outside the body, else
    an element naming the report outside it (a CMS's ``<div class="title">``, ``<td
    class="bt">``), else ``<meta name="ArticleTitle">``, else ``<title>`` (the metadata stage
    reads the report's title from it). A title that the body only quotes in a sentence
    (``现发布《××2024年政府信息公开工作年度报告》``) is not in the body."""
    if article.css_first("h1") is not None:
        return []
    inside, starts = _article_text(article)
    for raw, path in _title_candidates(tree):
        text = _SPACE.sub(" ", raw).strip()
        name = _SPACE.sub("", re.split(r"[-_|–—]", text)[0])
        if name and not _is_line(name, inside, starts):
            return [SourceLine(text=text, native=NativeLocation(html_path=path))]
    return []


def _title_candidates(tree: Any) -> Iterator[tuple[str, str]]:
    """Where a page may hold its title, most likely first: text and HTML path of each."""
    for node in tree.css("h1"):
        yield node.text(deep=True) or "", css_path(node)
    for node in tree.css(_TITLE_PLACES):
        text = node.text(deep=True) or ""
        if len(text) <= _TITLE_TEXT and "信息公开" in text and "报告" in text and not _listed(node):
            yield text, css_path(node)
    for node in tree.css('meta[name="ArticleTitle"]'):
        yield node.attributes.get("content") or "", "head>meta"
    for node in tree.css("title"):
        yield node.text(deep=True) or "", "head>title"


_TITLE_TEXT = 120  # characters: a title element holds a title, not a block of the page


def _listed(node: Any) -> bool:
    """A link or an item of a list (another report in a "related" list), not the page's title."""
    if node.css_first("a") is not None:
        return True
    while node is not None:
        if node.tag in ("a", "li", "ul", "ol", "dd", "dl"):
            return True
        node = node.parent
    return False


def _article_text(article: Any) -> tuple[str, set[int]]:
    """The article's text without spaces, and the offsets in it where a text node starts or ends."""
    pieces = [_SPACE.sub("", piece) for piece in (article.text(deep=True, separator="\n") or "").split("\n")]
    starts = {0}
    at = 0
    for piece in pieces:
        at += len(piece)
        starts.add(at)
    return "".join(pieces), starts


def _is_line(name: str, inside: str, starts: set[int]) -> bool:
    """Whether ``name`` is a line of the article of its own (text nodes start and end with it,
    spaces aside), not words inside a sentence."""
    at = inside.find(name)
    while at >= 0:
        if at in starts and at + len(name) in starts:
            return True
        at = inside.find(name, at + 1)
    return False


def _is_furniture(node: Any) -> bool:
    if node.tag in _DROP_TAGS:
        return True
    attributes = node.attributes
    if attributes.get("role") in ("navigation", "banner", "contentinfo"):
        return True
    return bool(_NAV_NAME.search(f"{attributes.get('id') or ''} {attributes.get('class') or ''}"))


def _strip_furniture(root: Any) -> None:
    """Remove furniture elements: decide on all of them first, then remove the outermost ones
    (removing a node frees its descendants, which must not be touched afterwards)."""
    marked = [n for n in root.css(",".join((*_DROP_TAGS, "[id]", "[class]", "[role]"))) if _is_furniture(n)]
    ids = {n.mem_id for n in marked}
    outermost = []
    for node in marked:
        parent = node.parent
        while parent is not None and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None:
            outermost.append(node)
    for node in outermost:
        node.decompose()


def _text_length(node: Any) -> int:
    return len(_SPACE.sub("", node.text(deep=True) or ""))


def _content_root(body: Any) -> Any:
    """The smallest known content container holding at least 60% of the page's text, else body."""
    total = _text_length(body)
    if total == 0:
        return body
    best, best_length = body, total
    for selector in _CONTENT_SELECTORS:
        for node in body.css(selector):
            length = _text_length(node)
            if length >= 0.6 * total and length < best_length:
                best, best_length = node, length
    return best


# --------------------------------------------------------------------------- paths


def css_path(node: Any) -> str:
    """A CSS selector for ``node``: from its nearest ancestor with an id (or from body)."""
    parts: list[str] = []
    current = node
    while current is not None and current.tag not in ("body", "html", None):
        ident = current.attributes.get("id")
        if ident and re.fullmatch(r"[A-Za-z][\w-]*", ident):
            parts.append(f"#{ident}")
            break
        parts.append(current.tag + _nth_of_type(current))
        current = current.parent
    else:
        parts.append("body")
    return ">".join(reversed(parts))


# parent mem_id -> child mem_id -> ":nth-of-type(k)" or "": each parent's children are counted
# once per page, not once per child (quadratic in the number of siblings before); one memo per
# thread, so pages read at once in threads (disclint serve) never clear each other's
_LOCAL = threading.local()


def _nth_memo() -> dict[int, dict[int, str]]:
    memo: dict[int, dict[int, str]] | None = getattr(_LOCAL, "nth", None)
    if memo is None:
        memo = _LOCAL.nth = {}
    return memo


def _nth_of_type(node: Any) -> str:
    parent = node.parent
    if parent is None:
        return ""
    memo = _nth_memo()
    suffixes = memo.get(parent.mem_id)
    if suffixes is None:
        children = list(parent.iter())
        counts = Counter(child.tag for child in children)
        seen: Counter[str] = Counter()
        suffixes = {}
        for child in children:
            seen[child.tag] += 1
            suffixes[child.mem_id] = f":nth-of-type({seen[child.tag]})" if counts[child.tag] > 1 else ""
        memo[parent.mem_id] = suffixes
    return suffixes.get(node.mem_id, "")


# --------------------------------------------------------------------------- blocks and tables


@dataclass
class _Walker:
    lines: list[SourceLine] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    tables: int = 0
    _buffer: list[str] = field(default_factory=list)
    _links: int = 0  # characters of the buffer inside <a>
    _owner: Any = None  # the block element the buffered text belongs to

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self._buffer)).strip()
        link_only = text and self._links >= len(text.replace(" ", "")) * 0.9
        if text and not (link_only and len(text) < 40):
            native = NativeLocation(html_path=css_path(self._owner)) if self._owner is not None else None
            self.lines.append(SourceLine(text=text, native=native))
        self._buffer.clear()
        self._links = 0

    def block(self, node: Any) -> None:
        self.flush()
        previous_owner = self._owner
        self._owner = node
        for child in node.iter(include_text=True):
            self.visit(child, in_link=False)
        self.flush()
        self._owner = previous_owner

    def visit(self, node: Any, in_link: bool) -> None:
        tag = node.tag
        if tag == "-text":
            text = node.text(deep=False) or ""
            self._buffer.append(text)
            if in_link:
                self._links += len(_SPACE.sub("", text))
        elif tag == "br":
            self.flush()
        elif tag == "table":
            self.flush()
            self.table(node)
        elif tag in _BLOCKS:
            self.block(node)
        elif isinstance(tag, str) and not tag.startswith("-"):
            for child in node.iter(include_text=True):
                self.visit(child, in_link or tag == "a")

    def table(self, node: Any) -> None:
        rows = _rows(node)
        limits.check("table-rows", len(rows), f"table {self.tables + 1}", f"第 {self.tables + 1} 个表格")
        if _is_layout(rows):
            for tr in rows:
                for cell in _cells(tr):
                    self.block(cell)
            return
        self.tables += 1
        self.grids.append(placed(table_grid(rows, self.tables), self.lines))


def _rows(table: Any) -> list[Any]:
    """The table's own rows (not those of nested tables)."""
    rows: list[Any] = []
    for child in table.iter():
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(tr for tr in child.iter() if tr.tag == "tr")
    return rows


def _cells(tr: Any) -> list[Any]:
    return [cell for cell in tr.iter() if cell.tag in ("td", "th")]


def _is_layout(rows: list[Any]) -> bool:
    for tr in rows:
        for cell in _cells(tr):
            if cell.css_first("table, h1, h2, h3") is not None or _text_length(cell) > _LAYOUT_CELL_CHARS:
                return True
    return False


def _span(cell: Any, name: str) -> int:
    try:
        span = max(1, int(str(cell.attributes.get(name) or "1").strip()[:12]))
    except ValueError:
        return 1
    if name == "colspan":
        limits.check("table-columns", span, f"colspan={span}")
    return min(span, limits.current()["table-rows"])


def cell_text(cell: Any) -> str:
    """A cell's text: block children and ``<br>`` become fragments joined without breaking CJK."""
    walker = _Walker()
    walker.block(cell)
    return join_fragments(line.text.replace("\t", " ") for line in walker.lines)


def table_grid(rows: list[Any], table: int) -> Grid:
    """The rows laid out on a grid: a ``colspan``/``rowspan`` cell is one cell spanning grid
    positions, the positions it covers are covered cells (an empty ``<td>`` or one holding only
    ``&nbsp;`` is a blank cell of its own, "")."""
    builder = SpanBuilder()
    covered: dict[int, tuple[int, tuple[int, int]]] = {}  # column -> (rows still covered, origin)

    def cover_from_above() -> None:
        count, origin = covered[builder.width]
        covered[builder.width] = (count - 1, origin)
        builder.cover(origin)

    for number, tr in enumerate(rows, start=1):
        row_path = css_path(tr)
        builder.new_row(NativeLocation(table=table, row=number, html_path=row_path))
        cells = _cells(tr)
        counts = Counter(cell.tag for cell in cells)
        seen: Counter[str] = Counter()
        for cell in cells:
            seen[cell.tag] += 1
            nth = f":nth-of-type({seen[cell.tag]})" if counts[cell.tag] > 1 else ""
            while covered.get(builder.width, (0, None))[0] > 0:
                cover_from_above()
            colspan, rowspan = _span(cell, "colspan"), _span(cell, "rowspan")
            start = builder.width
            path = f"{row_path}>{cell.tag}{nth}"  # a cell is a child of its row (_cells)
            native = NativeLocation(table=table, row=number, cell=start + 1, html_path=path)
            origin = builder.cell(cell_text(cell), native)
            if rowspan > 1:
                covered.update((c, (rowspan - 1, origin)) for c in range(start, start + colspan))
            for _ in range(colspan - 1):
                builder.cover(origin)
            limits.check("table-columns", builder.width)
        pending = [c for c, (count, _) in covered.items() if count > 0 and c >= builder.width]
        for c in range(builder.width, max(pending, default=-1) + 1):  # columns still covered from above
            if covered.get(c, (0, None))[0] > 0:
                cover_from_above()
            else:
                builder.cover(None)
        covered = {c: entry for c, entry in covered.items() if entry[0] > 0}
    return builder.grid("html", NativeLocation(table=table))
