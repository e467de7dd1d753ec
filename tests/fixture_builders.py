"""Build DOCX, PDF and HTML renderings of the seed reports, during the test run.

A seed (``tests/data/corpus/seeds/<stem>.txt``) and its hand-checked values
(``tests/data/corpus/expected/<stem>.yaml``) become a :class:`ReportModel`: the seed's prose lines as
paragraphs, and the three tables rebuilt as real tables (template labels, merged cells as in the
official template, the values of the expected file). The model renders to

* DOCX with python-docx (real Word tables with ``gridSpan``/``vMerge``, a running header with the
  title and a page-number footer, so the PDF made from it has both),
* PDF through LibreOffice headless (``soffice --headless --convert-to pdf``) when installed,
* HTML: a government-portal page with navigation, scripts and a footer around the report.

``expected_rows`` gives, for each table, the TAB-joined lines a reader must produce.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from disclint.checks._util import APPLICATION_COLUMNS
from disclint.readers.base import Document

from corpus import EXPECTED, SEEDS


def seed_stems() -> list[str]:
    return sorted(p.stem for p in SEEDS.glob("*.txt"))


def load_expected(stem: str) -> dict[str, Any]:
    from ruamel.yaml import YAML

    data: dict[str, Any] = YAML(typ="safe").load((EXPECTED / f"{stem}.yaml").read_text(encoding="utf-8"))
    return data


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class TCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class TableBlock:
    kind: str
    columns: int  # grid width
    rows: tuple[tuple[TCell, ...], ...]  # HTML style: cells covered by a rowspan above are absent


@dataclass(frozen=True)
class ReportModel:
    stem: str
    title: str
    blocks: tuple[str | TableBlock, ...]  # a str is one paragraph


def grid(table: TableBlock) -> list[list[str]]:
    """The table as Word's text export lays it out: span continuations are empty cells."""
    width = table.columns
    occupied: dict[tuple[int, int], bool] = {}
    out: list[list[str]] = []
    for r, row in enumerate(table.rows):
        line = [""] * width
        c = 0
        for cell in row:
            while occupied.get((r, c)):
                c += 1
            line[c] = cell.text
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    occupied[(r + dr, c + dc)] = True
            c += cell.colspan
        out.append(line)
    return out


def expected_rows(table: TableBlock) -> list[str]:
    return ["\t".join(cells) for cells in grid(table)]


# --------------------------------------------------------------------------- table templates

_A20 = "第二十条第（{}）项"
_PROACTIVE_60 = (
    (
        "一",
        ("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"),
        (("regulations", "规章"), ("normative_documents", "规范性文件")),
        ("new_made", "new_published", "total_published"),
    ),
    (
        "五",
        ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
        (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")),
        ("prev_items", "change", "decisions"),
    ),
    (
        "六",
        ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
        (("penalty", "行政处罚"), ("enforcement", "行政强制")),
        ("prev_items", "change", "decisions"),
    ),
    (
        "八",
        ("信息内容", "上一年项目数量", "本年增/减"),
        (("fees", "行政事业性收费"),),
        ("prev_items", "change"),
    ),
    (
        "九",
        ("信息内容", "采购项目数量", "采购总金额"),
        (("procurement", "政府集中采购"),),
        ("items", "amount"),
    ),
)
_PROACTIVE_30 = (
    (
        "一",
        ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        (("regulations", "规章"), ("normative_documents", "行政规范性文件")),
        ("issued", "repealed", "in_force"),
    ),
    ("五", ("信息内容", "本年处理决定数量"), (("licensing", "行政许可"),), ("decisions",)),
    (
        "六",
        ("信息内容", "本年处理决定数量"),
        (("penalty", "行政处罚"), ("enforcement", "行政强制")),
        ("decisions",),
    ),
    ("八", ("信息内容", "本年收费金额（单位：万元）"), (("fees", "行政事业性收费"),), ("amount",)),
)
APPLICANT_COLUMNS = APPLICATION_COLUMNS  # the seven value columns of table 三, total included
_GROUPS = (
    (
        "（三）不予公开",
        (
            ("withheld_state_secret", "1.属于国家秘密"),
            ("withheld_prohibited_by_law", "2.其他法律行政法规禁止公开"),
            ("withheld_security_stability", "3.危及“三安全一稳定”"),
            ("withheld_third_party", "4.保护第三方合法权益"),
            ("withheld_internal_affairs", "5.属于三类内部事务信息"),
            ("withheld_process_info", "6.属于四类过程性信息"),
            ("withheld_enforcement_file", "7.属于行政执法案卷"),
            ("withheld_admin_inquiry", "8.属于行政查询事项"),
        ),
    ),
    (
        "（四）无法提供",
        (
            ("unable_not_held", "1.本机关不掌握相关政府信息"),
            ("unable_needs_creation", "2.没有现成信息需要另行制作"),
            ("unable_unclear", "3.补正后申请内容仍不明确"),
        ),
    ),
    (
        "（五）不予处理",
        (
            ("not_processed_petition", "1.信访举报投诉类申请"),
            ("not_processed_repeated", "2.重复申请"),
            ("not_processed_publication", "3.要求提供公开出版物"),
            ("not_processed_excessive", "4.无正当理由大量反复申请"),
            ("not_processed_confirm", "5.要求行政机关确认或重新出具已获取信息"),
        ),
    ),
)
_OTHER_30 = (
    "（六）其他处理",
    (
        ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("other_fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other_other", "3.其他"),
    ),
)
_REVIEW_GROUPS = ("review", "litigation_direct", "litigation_after_review")
_REVIEW_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
_REVIEW_HEADS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def _value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _values(row: dict[str, Any], columns: tuple[str, ...]) -> list[str]:
    if row.get("incomplete"):
        return [_value_text(v) for v in row["raw"]]
    return [_value_text(row.get(c)) for c in columns]


def proactive_table(spec: dict[str, Any]) -> TableBlock:
    template = _PROACTIVE_60 if spec.get("format") == "60" else _PROACTIVE_30
    rows: list[tuple[TCell, ...]] = []
    for article, heads, items, columns in template:
        present = [(key, label) for key, label in items if key in spec["rows"]]
        if not present:
            continue
        rows.append((TCell(_A20.format(article), colspan=4),))
        rows.append(_pad_row([TCell(h) for h in heads], len(heads), 4))
        for key, label in present:
            values = _values(spec["rows"][key], columns)
            rows.append(_pad_row([TCell(label)] + [TCell(v) for v in values], 1 + len(values), 4))
    return TableBlock("proactive", 4, tuple(rows))


def _pad_row(cells: list[TCell], used: int, width: int) -> tuple[TCell, ...]:
    """Give the last cell the remaining columns (as the 30-format sub-tables do)."""
    if used < width and cells:
        last = cells[-1]
        cells[-1] = TCell(last.text, colspan=last.colspan + width - used)
    return tuple(cells)


def applications_table(spec: dict[str, Any]) -> TableBlock:
    rows_spec: dict[str, Any] = spec["rows"]
    widest = max(len(_values(r, APPLICANT_COLUMNS)) for r in rows_spec.values())
    values_width = max(7, widest)
    width = 3 + values_width

    def value_cells(key: str) -> list[TCell]:
        values = _values(rows_spec[key], APPLICANT_COLUMNS) if key in rows_spec else []
        if not values:
            return [TCell("") for _ in range(values_width)]
        # a row that lost a value has fewer cells: its last one spans the rest (an empty cell of
        # its own would be a blank, a value the row does not have)
        return list(_pad_row([TCell(v) for v in values], len(values), values_width))

    rows: list[tuple[TCell, ...]] = [
        (
            TCell(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", colspan=3, rowspan=3
            ),
            TCell("申请人情况", colspan=values_width),
        ),
        (
            TCell("自然人", rowspan=2),
            TCell("法人或其他组织", colspan=5),
            TCell("总计", rowspan=2),
            *(TCell("", rowspan=2) for _ in range(values_width - 7)),
        ),
        tuple(TCell(t) for t in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")),
        (TCell("一、本年新收政府信息公开申请数量", colspan=3), *value_cells("new_received")),
        (TCell("二、上年结转政府信息公开申请数量", colspan=3), *value_cells("carried_over")),
    ]
    groups: list[tuple[str, tuple[tuple[str, str], ...]]] = list(_GROUPS)
    if spec.get("format") == "30":
        groups.append(_OTHER_30)
    outcome: list[list[TCell]] = [
        [TCell("（一）予以公开", colspan=2), *value_cells("disclosed")],
        [
            TCell("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", colspan=2),
            *value_cells("partially_disclosed"),
        ],
    ]
    for group_label, items in groups:
        for i, (key, label) in enumerate(items):
            head = [TCell(group_label, rowspan=len(items))] if i == 0 else []
            outcome.append([*head, TCell(label), *value_cells(key)])
    if spec.get("format") != "30":
        outcome.append([TCell("（六）其他处理", colspan=2), *value_cells("other")])
    outcome.append([TCell("（七）总计", colspan=2), *value_cells("outcome_total")])
    outcome[0].insert(0, TCell("三、本年度办理结果", rowspan=len(outcome)))
    rows.extend(tuple(r) for r in outcome)
    carried = rows_spec.get("carried_forward", {})
    label = carried.get("label_as_written", "四、结转下年度继续办理")
    rows.append((TCell(label, colspan=3), *value_cells("carried_forward")))
    return TableBlock("applications", width, tuple(rows))


def review_table(spec: dict[str, Any]) -> TableBlock:
    values: list[str] = []
    for group in _REVIEW_GROUPS:
        row = spec["rows"].get(group, {})
        values.extend(_value_text(row.get(c)) for c in _REVIEW_COLUMNS)
    rows = (
        (TCell("行政复议", colspan=5), TCell("行政诉讼", colspan=10)),
        (
            *(TCell(h, rowspan=2) for h in _REVIEW_HEADS),
            TCell("未经复议直接起诉", colspan=5),
            TCell("复议后起诉", colspan=5),
        ),
        tuple(TCell(h) for h in _REVIEW_HEADS * 2),
        tuple(TCell(v) for v in values),
    )
    return TableBlock("review_litigation", 15, rows)


# --------------------------------------------------------------------------- seed → model

_NUMBERS_ONLY = re.compile(r"^[\s\d.\-]+$")


def _region(lines: list[str], start_after: int, is_start: Any, last_row: int) -> tuple[int, int] | None:
    """0-based [start, end] of the table lines in ``lines``: from the header to the last value line."""
    start = next((i for i in range(start_after, last_row) if is_start(lines[i].strip())), None)
    if start is None:
        return None
    end = last_row - 1
    while end + 1 < len(lines) and _NUMBERS_ONLY.match(lines[end + 1]) and lines[end + 1].strip():
        end += 1
    return start, end


def build_model(stem: str) -> ReportModel:
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    expected = load_expected(stem)
    sections = {s["number"]: s["line"] for s in expected["sections"]}
    tables = expected["tables"]
    regions: list[tuple[int, int, TableBlock]] = []
    plan = (
        ("proactive", 2, lambda s: s.startswith("第二十条"), proactive_table),
        ("applications", 3, lambda s: "勾稽" in s or s.startswith("申请人情况"), applications_table),
        ("review_litigation", 4, lambda s: s.startswith("行政复议"), review_table),
    )
    for kind, section, is_start, build in plan:
        spec = tables.get(kind)
        if not spec or not spec.get("rows"):
            continue
        last = max(r["line"] for r in spec["rows"].values())
        region = _region(lines, sections[section], is_start, last)
        if region is not None:
            regions.append((region[0], region[1], build(spec)))
    blocks: list[str | TableBlock] = []
    i = 0
    while i < len(lines):
        table = next((r for r in regions if r[0] == i), None)
        if table is not None:
            blocks.append(table[2])
            i = table[1] + 1
            continue
        if lines[i].strip():
            blocks.append(lines[i])
        i += 1
    title_lines = (
        expected["title_line"] if isinstance(expected["title_line"], list) else [expected["title_line"]]
    )
    title = "".join(lines[n - 1].strip() for n in title_lines)
    return ReportModel(stem, title, tuple(blocks))


# --------------------------------------------------------------------------- DOCX

_CJK_FONT = "Noto Serif CJK SC"


def _east_asian_font(style: Any) -> None:
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), _CJK_FONT)


def _page_field(paragraph: Any, before: str, instruction: str, after: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.add_run(before)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(after)


def build_docx(model: ReportModel, path: Path, footer_style: int = 0, centred: bool = False) -> Path:
    """Write the model as a DOCX with real tables, a running header and a page-number footer;
    ``centred``: every table cell's text centred in its cell, as most published reports have it."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    _east_asian_font(normal)
    section = document.sections[0]
    section.header.paragraphs[0].text = model.title
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if footer_style % 2 == 0:
        _page_field(footer, "- ", "PAGE", " -")
    else:
        _page_field(footer, "第 ", "PAGE", " 页")
    for block in model.blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        else:
            _add_table(document, block, centred)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _add_table(document: Any, table: TableBlock, centred: bool = False) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    cells = grid_positions(table)
    out = document.add_table(rows=len(table.rows), cols=table.columns)
    out.style = "Table Grid"
    for (r, c), cell in cells.items():
        target = out.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(out.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        target.text = cell.text
        if centred:
            target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        for paragraph in target.paragraphs:
            if centred:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in paragraph.runs:
                run.font.size = Pt(8 if table.columns > 6 else 10)


def grid_positions(table: TableBlock) -> dict[tuple[int, int], TCell]:
    """Top-left grid position of every cell of an HTML-style table."""
    occupied: set[tuple[int, int]] = set()
    positions: dict[tuple[int, int], TCell] = {}
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in occupied:
                c += 1
            positions[(r, c)] = cell
            occupied.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            c += cell.colspan
    return positions


# --------------------------------------------------------------------------- PDF


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


PROBE_TIMEOUT = 60  # seconds for `soffice --version`: a broken install is skipped, never waited on


def soffice_problem(exe: str) -> str | None:
    """Why LibreOffice at ``exe`` cannot be used (None when ``soffice --version`` answers quickly)."""
    try:
        probe = subprocess.run(
            [exe, "--version"], capture_output=True, text=True, timeout=PROBE_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"LibreOffice ({exe}) does not run: {exc}"
    if probe.returncode != 0:
        detail = (probe.stderr or probe.stdout).strip()[:200]
        return f"LibreOffice ({exe}) does not run (exit {probe.returncode}): {detail}"
    return None


def docx_to_pdf(docx_paths: list[Path], outdir: Path) -> list[Path]:
    """Convert with LibreOffice headless (one run for all files); RuntimeError when it fails."""
    return soffice_convert(docx_paths, outdir, "pdf", ".pdf")


def docx_to_text(docx_paths: list[Path], outdir: Path) -> list[Path]:
    """LibreOffice's "save as text" (UTF-8) of each file: a table one cell per line, an empty cell
    an empty line; RuntimeError when it fails."""
    return soffice_convert(docx_paths, outdir, "txt:Text (encoded):UTF8", ".txt")


def soffice_convert(paths: list[Path], outdir: Path, target: str, suffix: str) -> list[Path]:
    """Convert with LibreOffice headless (one run for all files); RuntimeError when it fails."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    profile = outdir / "lo-profile"
    result = subprocess.run(
        [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
         "--outdir", str(outdir), *map(str, paths)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    out = [outdir / (p.stem + suffix) for p in paths]
    missing = [p.name for p in out if not p.exists()]
    if result.returncode != 0 or missing:
        detail = result.stderr.strip() or result.stdout.strip()
        raise RuntimeError(f"soffice failed ({result.returncode}, missing {missing}): {detail}")
    return out


@dataclass(frozen=True)
class Renderings:
    docx: dict[str, Path]
    pdf: dict[str, Path]  # empty when LibreOffice is unavailable
    pdf_skip_reason: str
    html: dict[str, Path]


_RENDERINGS: dict[str, Renderings] = {}


def renderings(folder: Path) -> Renderings:
    """DOCX, PDF and HTML renderings of every seed, built once per test session."""
    if "all" in _RENDERINGS:
        return _RENDERINGS["all"]
    folder.mkdir(parents=True, exist_ok=True)
    docx_paths: dict[str, Path] = {}
    html_paths: dict[str, Path] = {}
    for i, stem in enumerate(seed_stems()):
        model = build_model(stem)
        docx_paths[stem] = build_docx(model, folder / f"{stem}.docx", i)
        html_paths[stem] = folder / f"{stem}.html"
        html_paths[stem].write_text(build_html(model), encoding="utf-8")
    pdf_paths: dict[str, Path] = {}
    reason = ""
    if soffice() is None:
        reason = (
            "LibreOffice is not installed, so the seed DOCX files cannot be turned into PDF "
            "(apt-get install -y libreoffice-writer-nogui fonts-noto-cjk)"
        )
    elif (problem := soffice_problem(soffice() or "soffice")) is not None:
        reason = problem
    else:
        try:
            stems = list(docx_paths)
            pdf_paths = dict(zip(stems, docx_to_pdf([docx_paths[s] for s in stems], folder), strict=True))
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            reason = f"LibreOffice could not convert the seed DOCX files to PDF: {exc}"
    result = Renderings(docx_paths, pdf_paths, reason, html_paths)
    _RENDERINGS["all"] = result
    return result


# --------------------------------------------------------------------------- HTML

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}_政府信息公开</title>
<style>body {{ font-family: serif; }} td {{ border: 1px solid #000; }}</style>
<script>var _hmt = _hmt || []; document.write("<p>统计代码</p>");</script>
</head>
<body>
<header class="site-header"><div class="logo">银川市人民政府</div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></nav>
</header>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 年度报告</div>
<div class="main">
<aside class="sidebar"><h3>相关链接</h3><ul><li><a href="#">中国政府网</a></li></ul></aside>
<article class="content">
<div class="info">发布时间：2021-01-28 来源：本站 浏览次数：<span id="hits">128</span></div>
<div id="zoom" class="article-body">
{body}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
</article>
</div>
<footer><p>主办单位：银川市人民政府办公室 网站标识码：6401000001</p><p>宁ICP备05001234号</p></footer>
<script src="/js/jquery.min.js"></script>
</body>
</html>
"""


def table_html(table: TableBlock) -> str:
    out = ['<table border="1" cellspacing="0">', "<tbody>"]
    for row in table.rows:
        cells = []
        for cell in row:
            attrs = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
                f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
            )
            cells.append(f"<td{attrs}><p>{html.escape(cell.text)}</p></td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.extend(["</tbody>", "</table>"])
    return "\n".join(out)


def build_html(model: ReportModel) -> str:
    body: list[str] = []
    for block in model.blocks:
        if isinstance(block, str):
            body.append(f"<p>{html.escape(block)}</p>")
        else:
            body.append(table_html(block))
    return _PAGE.format(title=html.escape(model.title), body="\n".join(body))


def blank_table(block: TableBlock) -> TableBlock:
    """The table with every cell that holds 0 left empty."""
    return replace(
        block, rows=tuple(tuple(TCell("") if c.text == "0" else c for c in row) for row in block.rows)
    )


def blank_zeros(model: ReportModel) -> ReportModel:
    """The report with every table cell that holds 0 left empty."""
    return replace(model, blocks=tuple(b if isinstance(b, str) else blank_table(b) for b in model.blocks))


def model_lines(model: ReportModel) -> list[str]:
    """The line stream a reader should produce from the model (paragraphs and TAB-joined rows)."""
    out: list[str] = []
    for block in model.blocks:
        if isinstance(block, str):
            out.append(block)
        else:
            out.extend(expected_rows(block))
    return out


# --------------------------------------------------------------------------- text renderings


def without_lines(value: Any) -> Any:
    """Parse JSON without its ``line`` fields (renderings of one report differ only there)."""
    if isinstance(value, dict):
        return {k: without_lines(v) for k, v in value.items() if k != "line"}
    if isinstance(value, list):
        return [without_lines(v) for v in value]
    return value


def markdown_of(doc: Document) -> str:
    """A page as an HTML-to-markdown converter writes it: every table row a pipe row (a merged
    cell's continuations are empty cells), a separator after each table's first row."""
    out: list[str] = []
    table: int | None = None
    for line in doc.lines:
        if line.spanned is None or line.native is None:
            out.append(line.text)
            table = None
            continue
        cells = line.text.split("\t")
        out.append("| " + " | ".join(cells) + " |")
        if line.native.table != table:
            out.append("|" + "---|" * len(cells))
        table = line.native.table
    return "\n".join(out)


def tab_text_of(doc: Document) -> str:
    """A page as a copy from the browser or a text export writes it: a table row on one line, its
    cells joined by TABs (an empty or merged cell an empty field)."""
    return "\n".join(line.text for line in doc.lines)


def cell_lines_of(doc: Document, blank_zeros: bool = False) -> str:
    """A page as some HTML-to-text converters write it: every cell of a row on a line of its own
    closed by ``|`` (an empty cell a bare ``|``), then the positions the row's merged cells cover
    as one line of pipes. ``blank_zeros``: every 0 written as an empty cell (pages that leave
    zeros blank)."""
    out: list[str] = []
    for line in doc.lines:
        if line.spanned is None or line.native is None:
            out.append(line.text)
            continue
        for i, cell in enumerate(line.text.split("\t")):
            if i in line.spanned:
                continue
            text = "" if blank_zeros and cell.strip() == "0" else cell.strip()
            out.append(f"{text} |" if text else "|")
        if line.spanned:
            out.append("|" * len(line.spanned))
    return "\n".join(out)


def cell_by_cell_of(model: ReportModel, blank_zeros: bool = False) -> str:
    """A page as some HTML-to-text converters write it: a table row on one line, every cell
    followed by ``|`` and no border pipe before the first (``a | b |``); a position covered by a
    merged cell above is an empty cell, one covered from the left is not written.
    ``blank_zeros``: every 0 written as an empty cell."""
    out: list[str] = []
    for block in model.blocks:
        if isinstance(block, str):
            out.append(block)
            continue
        below: set[tuple[int, int]] = set()  # positions covered by a merged cell above
        beside: set[tuple[int, int]] = set()  # positions covered from the left
        for r, row in enumerate(block.rows):
            cells: list[str] = []
            c = 0
            for cell in row:
                while (r, c) in below or (r, c) in beside:
                    cells.extend([""] if (r, c) in below else [])
                    c += 1
                cells.append("" if blank_zeros and cell.text == "0" else cell.text)
                below.update((r + dr, c + dc) for dr in range(1, cell.rowspan) for dc in range(cell.colspan))
                beside.update((r, c + dc) for dc in range(1, cell.colspan))
                c += cell.colspan
            cells.extend("" for k in range(c, block.columns) if (r, k) in below)
            out.append((" | ".join(cells) + " |").lstrip())
    return "\n".join(out) + "\n"


def _is_count(text: str) -> bool:
    return bool(re.fullmatch(r"\d+", text.strip()))


def one_cell_per_line(model: ReportModel, apart: int = 0) -> str:
    """A report as an extractor without layout writes it: every table cell on a line of its own.
    ``apart`` > 0: table 三's data rows are written as ``pdftotext`` (no ``-layout``) writes some
    tables, in stretches of ``apart`` rows, the stretch's label cells one after another and then
    its values column by column (every row's first count, then every row's second …)."""
    out: list[str] = [model.title]
    for block in model.blocks:
        if isinstance(block, str):
            out.append(block)
            continue
        rows = [[cell.text for cell in row] for row in block.rows]
        if block.kind != "applications" or not apart:
            out.extend(text for row in rows for text in row if text)
            continue
        data = [row for row in rows if any(_is_count(t) for t in row)]
        out.extend(text for row in rows if row not in data for text in row if text)
        for k in range(0, len(data), apart):
            stretch = data[k : k + apart]
            out.extend(t for row in stretch for t in row if t and not _is_count(t))
            counts = [[t for t in row if _is_count(t)] for row in stretch]
            out.extend(row[c] for c in range(max(map(len, counts))) for row in counts if c < len(row))
    return "\n".join(out) + "\n"


def cells_and_empty_lines(model: ReportModel) -> str:
    """A report as docx2txt writes a DOCX: every paragraph and every table cell followed by an
    empty line, so an empty cell is an empty line more."""
    out: list[str] = [model.title, ""]
    for block in model.blocks:
        if isinstance(block, str):
            out += [block, ""]
            continue
        for row in block.rows:
            for cell in row:
                out += [cell.text, ""]
    return "\n".join(out) + "\n"
