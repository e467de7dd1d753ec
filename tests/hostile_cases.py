"""Hostile and oversized inputs (issue 16), generated: each case writes its files into a folder.

Every case names what a run must end with:

* ``ok``: a normal result (exit 0 or 1, no PAR001);
* ``limit:<key>``: exactly one finding, a PAR001 naming the limit ``<key>`` (limits.py);
* ``par001:<words>``: exactly one finding, a PAR001 whose message contains ``<words>``;
* ``exit2:<words>``: exit code 2 and a message (``disclint: error: …``) containing ``<words>``.

``scale`` multiplies the sizes: the tests use 1 (sizes that hung or crashed before the fixes,
yet run in well under a second now); ``python tests/hostile_cases.py DIR --scale 10`` writes
bigger ones to try by hand.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

TITLE = "某某县人民政府2023年政府信息公开工作年度报告"
SECRET = "TOP-SECRET-CONTENT-7f3a"  # planted in non-report files: must never reach the output


@dataclass(frozen=True)
class Case:
    name: str
    expect: str
    build: Callable[[Path, int], list[str]]  # (folder, scale) -> the command-line arguments
    note: str = ""
    env: dict[str, str] = field(default_factory=dict)


CASES: list[Case] = []


def case(name: str, expect: str, note: str = "") -> Callable[[Callable[[Path, int], list[str]]], None]:
    def register(fn: Callable[[Path, int], list[str]]) -> None:
        CASES.append(Case(name, expect, fn, note))

    return register


def _text(folder: Path, name: str, text: str) -> list[str]:
    (folder / name).write_text(text, encoding="utf-8")
    return ["check", name]


def _report(body: str) -> str:
    return f"{TITLE}\n一、总体情况\n{body}\n"


# --------------------------------------------------------------------------- text


@case("long-line-cjk", "limit:line-length", "a single 10 MB line of CJK text")
def _long_line_cjk(folder: Path, scale: int) -> list[str]:
    return _text(folder, "line.txt", "政府信息公开" * 600_000 * scale + "\n")


@case("long-line-cjk-allowed", "ok", "the same line under a raised limit: linear time")
def _long_line_cjk_allowed(folder: Path, scale: int) -> list[str]:
    return [
        *_text(folder, "line.txt", _report("政府信息公开" * 25_000 * scale)),
        "--limit",
        "line-length=100000000",
    ]


@case("long-line-ascii-allowed", "ok", "a long ASCII line of words under a raised limit")
def _long_line_ascii(folder: Path, scale: int) -> list[str]:
    return [
        *_text(folder, "line.txt", _report("abc def " * 30_000 * scale)),
        "--limit",
        "line-length=100000000",
    ]


@case(
    "pipe-lines", "ok", "500k lines of one pipe each, a text cell at the end (cell_lines: every width tried)"
)
def _pipe_lines(folder: Path, scale: int) -> list[str]:
    return _text(folder, "pipes.txt", _report("\n".join(["a |", *(["|"] * 500_000 * scale), "b |"])))


@case("title-spaces", "ok", "a title line with 100k spaces")
def _title_spaces(folder: Path, scale: int) -> list[str]:
    return _text(
        folder, "t.txt", "某某县人民政府" + " " * 50_000 * scale + "2023年政府信息公开工作年度报告\n"
    )


@case("heading-spaces", "ok", "a heading with 3,000 spaces inside its title (cubic H1_RE)")
def _heading_spaces(folder: Path, scale: int) -> list[str]:
    return _text(folder, "h.txt", f"{TITLE}\n一、a" + " " * 3_000 * scale + "b\n二、x\n")


@case("space-run", "ok", "a paragraph with a run of 50k spaces (quadratic space collapsing)")
def _space_run(folder: Path, scale: int) -> list[str]:
    return _text(folder, "s.txt", _report("a" + " " * 50_000 * scale + "b"))


@case("long-paragraph", "ok", "a 200k-character paragraph")
def _long_paragraph(folder: Path, scale: int) -> list[str]:
    return _text(folder, "p.txt", _report("本机关认真落实 abc 1件 " * 12_000 * scale))


@case("letter-run", "ok", "a run of ASCII letters (quadratic e-mail pattern)")
def _letter_run(folder: Path, scale: int) -> list[str]:
    return _text(folder, "e.txt", _report("a" * 60_000 * scale))


@case("digit-run", "ok", "a run of digits (quadratic count patterns)")
def _digit_run(folder: Path, scale: int) -> list[str]:
    return _text(folder, "d.txt", _report("1" * 60_000 * scale + "b"))


@case("many-sums", "ok", "one sentence of 3,000 stated sums (quadratic parts search)")
def _many_sums(folder: Path, scale: int) -> list[str]:
    return _text(folder, "sums.txt", _report("1条其中a1条" * 3_000 * scale + "。"))


@case("www-run", "ok", "www.www.www… (quadratic URL pattern)")
def _www_run(folder: Path, scale: int) -> list[str]:
    return _text(folder, "w.txt", _report("www." * 20_000 * scale))


@case("pipe-row", "ok", "a line of 20k ' | ' separators (quadratic pipe-row pattern)")
def _pipe_row(folder: Path, scale: int) -> list[str]:
    return _text(folder, "pipes.txt", _report("a | " * 20_000 * scale + "b"))


@case("pipe-separator-spaces", "ok", "a pipe separator row with a long run of spaces")
def _pipe_separator(folder: Path, scale: int) -> list[str]:
    return _text(folder, "sep.txt", _report("|--|" + " " * 30_000 * scale + "x |"))


@case("citation-spaces", "ok", "runs of spaces before a bracket (quadratic citation pattern)")
def _citation_spaces(folder: Path, scale: int) -> list[str]:
    return _text(folder, "c.txt", f"{TITLE}\n根据" + " " * 50_000 * scale + "〔2019〕x\n")


@case(
    "many-first-rows",
    "ok",
    "220k lines that begin table 三's first row, a values line every 17 (each line was a place to look for table 三, over up to 400 lines: 49 s before at most 4 places were looked at)",
)
def _many_first_rows(folder: Path, scale: int) -> list[str]:
    return _text(folder, "rows.txt", _report(("一、本年新收\n" * 16 + "1 2\n") * 14_000 * scale))


@case(
    "many-layout-rows",
    "ok",
    "layout text: a table-二 header of 20k column words over 1k rows, and 5k table-三 rows of two values each (each value was weighed against every header word)",
)
def _many_layout_rows(folder: Path, scale: int) -> list[str]:
    two = (
        "二、主动公开政府信息情况\n第二十条第（五）项\n信息内容"
        + "  本年增/减" * 20_000
        + "\n"
        + "行政许可  1\n" * 1_000
    )
    header = "项加第二项之和".ljust(19) + "自然人   法人或其他组织".ljust(37) + "总计\n"
    words = "第四项之和）".ljust(25) + "商业企业 科研机构   社会公益   法律服务   其他\n"
    row = "一、本年新收政府信息公开申请".ljust(19) + "3".ljust(37) + "3\n"
    return _text(
        folder,
        "layout.txt",
        _report(two + "三、收到和处理政府信息公开申请情况\n" + header + words + row * 5_000 * scale),
    )


@case("many-lines", "ok", "20k short lines")
def _many_lines(folder: Path, scale: int) -> list[str]:
    return _text(folder, "m.txt", _report("本机关认真落实条例。\n" * 20_000 * scale))


@case("text-size", "limit:text-size", "a 50 MB text file (2.4 GB of memory before); here 8 MB of short lines")
def _text_size(folder: Path, scale: int) -> list[str]:
    return _text(
        folder, "big.txt", _report("本机关认真落实政府信息公开条例，主动公开政府信息。\n" * 110_000 * scale)
    )


@case("nul-byte", "ok", "one NUL byte in a readable report")
def _nul_byte(folder: Path, scale: int) -> list[str]:
    body = "本机关认真落实条例。\n" * 20
    data = _report(body).encode("utf-8")
    cut = data.index(b"\n") + 1
    (folder / "nul.txt").write_bytes(data[:cut] + b"\x00" + data[cut:])
    return ["check", "nul.txt"]


@case("file-size", "limit:file-size", "a file over --max-file-size")
def _file_size(folder: Path, scale: int) -> list[str]:
    return [*_text(folder, "big.txt", _report("本机关认真落实条例。\n" * 2_000)), "--max-file-size", "16k"]


@case("empty-text", "par001:empty", "an empty text file")
def _empty_text(folder: Path, scale: int) -> list[str]:
    return _text(folder, "empty.txt", "")


# --------------------------------------------------------------------------- HTML


def _html(folder: Path, name: str, body: str) -> list[str]:
    (folder / name).write_text(f"<!DOCTYPE html><html><body>{body}</body></html>", encoding="utf-8")
    return ["check", name]


@case("html-paragraphs", "ok", "HTML with 10k paragraphs (quadratic nth-of-type)")
def _html_paragraphs(folder: Path, scale: int) -> list[str]:
    return _html(folder, "p.html", f"<p>{TITLE}</p>" + "<p>本机关认真落实条例。</p>" * 10_000 * scale)


@case("html-table-rows", "ok", "an HTML table with 5k rows")
def _html_table_rows(folder: Path, scale: int) -> list[str]:
    rows = "<tr><td>a</td><td>1</td></tr>" * 5_000 * scale
    return _html(folder, "t.html", f"<p>{TITLE}</p><table>{rows}</table>")


@case("html-table-too-many-rows", "limit:table-rows", "an HTML table with more rows than table-rows")
def _html_table_many_rows(folder: Path, scale: int) -> list[str]:
    rows = "<tr><td>a</td><td>1</td></tr>" * 2_000 * scale
    return [*_html(folder, "t.html", f"<p>{TITLE}</p><table>{rows}</table>"), "--limit", "table-rows=1000"]


@case("html-colspan", "ok", "a colspan heading over 4,000 cells")
def _html_colspan(folder: Path, scale: int) -> list[str]:
    head = '<tr><td colspan="4000">表</td></tr>'
    rows = "<tr>" + "<td>1</td>" * 4000 + "</tr>"
    return _html(folder, "c.html", f"<p>{TITLE}</p><table>{head}{rows * 3 * scale}</table>")


@case("html-colspan-huge", "limit:table-columns", "a colspan of 100 million")
def _html_colspan_huge(folder: Path, scale: int) -> list[str]:
    return _html(folder, "c.html", f'<p>{TITLE}</p><table><tr><td colspan="100000000">x</td></tr></table>')


@case("html-deep", "limit:nesting-depth", "HTML nested 100k deep (RecursionError before)")
def _html_deep(folder: Path, scale: int) -> list[str]:
    depth = 20_000 * scale
    return _html(folder, "deep.html", f"<p>{TITLE}</p>" + "<div>x" * depth + "</div>" * depth)


@case("html-deep-parsed", "limit:nesting-depth", "HTML nested 300 deep: parsed, then measured")
def _html_deep_parsed(folder: Path, scale: int) -> list[str]:
    return _html(folder, "deep.html", f"<p>{TITLE}</p>" + "<div>x" * 300 + "</div>" * 300)


@case("html-deep-inline", "limit:nesting-depth", "inline elements nested 20k deep")
def _html_deep_inline(folder: Path, scale: int) -> list[str]:
    depth = 20_000 * scale
    return _html(folder, "deep.html", f"<p>{TITLE}</p><p>" + "<span>x" * depth + "</span>" * depth + "</p>")


@case("html-empty", "par001:empty", "an HTML page without text")
def _html_empty(folder: Path, scale: int) -> list[str]:
    return _html(folder, "e.html", "<div></div>")


# --------------------------------------------------------------------------- DOCX

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
    'Target="numbering.xml"/></Relationships>'
)


def _para(text: str, num: int | None = None) -> str:
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr>' if num else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def docx_bytes(
    body: str, numbering: str = "", extra: dict[str, bytes] | None = None, prolog: str = ""
) -> bytes:
    """A minimal DOCX package: ``body`` is the XML inside ``w:body``."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{_W_NS}"><w:body>{body}</w:body></w:document>'
    )
    numbering_xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{_W_NS}">{numbering}</w:numbering>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _ROOT_RELS)
        z.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        z.writestr("word/document.xml", document)
        z.writestr("word/numbering.xml", numbering_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def _docx(folder: Path, name: str, data: bytes) -> list[str]:
    (folder / name).write_bytes(data)
    return ["check", name]


def _numbering(fmt: str, start: int) -> str:
    return (
        f'<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    )


@case("docx-roman-start", "ok", "list numbering in roman numerals starting at 1e15")
def _docx_roman(folder: Path, scale: int) -> list[str]:
    body = _para(TITLE) + _para("总体情况", num=1) * 3
    return _docx(folder, "r.docx", docx_bytes(body, _numbering("upperRoman", 10**15)))


@case("docx-letter-start", "ok", "list numbering in letters starting at 2e9")
def _docx_letters(folder: Path, scale: int) -> list[str]:
    body = _para(TITLE) + _para("总体情况", num=1) * 3
    return _docx(folder, "l.docx", docx_bytes(body, _numbering("lowerLetter", 2 * 10**9)))


@case("docx-heading-tabs", "ok", "a DOCX heading row with 4,000 tabs")
def _docx_tabs(folder: Path, scale: int) -> list[str]:
    tabs = "<w:r><w:tab/><w:t>1</w:t></w:r>" * 4_000 * scale
    body = _para(TITLE) + f"<w:p><w:r><w:t>一、总体情况</w:t></w:r>{tabs}</w:p>"
    return _docx(folder, "tabs.docx", docx_bytes(body))


@case("docx-gridspan", "limit:table-columns", "a gridSpan of 1e8 (5.5 GB before)")
def _docx_gridspan(folder: Path, scale: int) -> list[str]:
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="100000000"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>'
    body = _para(TITLE) + f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>"
    return _docx(folder, "g.docx", docx_bytes(body))


@case("docx-zip-bomb", "limit:compression-ratio", "a part that inflates 1000:1 (zip bomb)")
def _docx_bomb(folder: Path, scale: int) -> list[str]:
    bomb = b" " * (16 * 1024 * 1024 * scale)
    body = _para(TITLE) + _para("正文")
    return _docx(folder, "bomb.docx", docx_bytes(body, extra={"word/media/bomb.xml": bomb}))


@case("docx-part-size", "limit:part-size", "a part that inflates over part-size")
def _docx_part_size(folder: Path, scale: int) -> list[str]:
    body = _para(TITLE) + _para("正文")
    extra = {"word/media/big.bin": bytes(range(256)) * 8192}  # 2 MiB, compresses badly
    return [*_docx(folder, "part.docx", docx_bytes(body, extra=extra)), "--limit", "part-size=1M"]


@case("docx-many-parts", "limit:zip-parts", "a DOCX package of more parts than zip-parts")
def _docx_many_parts(folder: Path, scale: int) -> list[str]:
    extra = {f"word/media/p{i}.bin": b"" for i in range(300 * scale)}
    data = docx_bytes(_para(TITLE) + _para("正文"), extra=extra)
    return [*_docx(folder, "parts.docx", data), "--limit", "zip-parts=100"]


@case("docx-entities", "par001:not a valid Word document", "billion laughs in document.xml: refused")
def _docx_entities(folder: Path, scale: int) -> list[str]:
    entities = '<!ENTITY a "AAAAAAAAAA">' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8)
    )
    body = _para(TITLE) + _para("&i;")
    return _docx(folder, "laughs.docx", docx_bytes(body, prolog=f"<!DOCTYPE w:document [{entities}]>"))


@case("docx-external-entity", "ok", "an external entity naming a local file: never read")
def _docx_xxe(folder: Path, scale: int) -> list[str]:
    secret = folder / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    body = _para(TITLE) + _para("&xxe;")
    return _docx(folder, "xxe.docx", docx_bytes(body, prolog=prolog))


@case("docx-empty", "par001:empty", "a DOCX without text (13 findings before)")
def _docx_empty(folder: Path, scale: int) -> list[str]:
    return _docx(folder, "empty.docx", docx_bytes("<w:p/>"))


# --------------------------------------------------------------------------- PDF


def pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF from its objects (object 1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, flate: bool = False) -> bytes:
    if flate:
        data = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _page(contents: int, parent: int = 2) -> bytes:
    return (
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
        b"/Resources << /Font << /F1 3 0 R >> >> >>" % (parent, contents)
    )


@case("pdf-flate-bomb", "limit:compression-ratio", "a content stream that inflates 1000:1")
def _pdf_bomb(folder: Path, scale: int) -> list[str]:
    content = b"BT /F1 12 Tf 72 720 Td (Report) Tj ET\n" + b" " * (32 * 1024 * 1024 * scale)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        _FONT,
        _page(5),
        _stream(content, flate=True),
    ]
    (folder / "bomb.pdf").write_bytes(pdf_bytes(objects))
    return ["check", "bomb.pdf"]


@case("pdf-page-fanout", "par001:not a valid PDF", "a page tree whose nodes share children (2^40 pages)")
def _pdf_fanout(folder: Path, scale: int) -> list[str]:
    depth = 40
    # objects: 1 catalog, 2 root pages node, 3 font, 4 content, 5 page, 6.. inner nodes
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", _FONT]
    objects.append(_stream(b"BT /F1 12 Tf 72 720 Td (Report) Tj ET"))
    objects.append(_page(4, parent=6))
    count = 1
    child = 5
    for level in range(depth):
        count *= 2
        number = 6 + level
        parent = number + 1 if level < depth - 1 else 2
        node = b"<< /Type /Pages /Parent %d 0 R /Kids [%d 0 R %d 0 R] /Count %d >>"
        objects.append(node % (parent, child, child, count))
        child = number
    objects[1] = b"<< /Type /Pages /Kids [%d 0 R] /Count %d >>" % (child, count)
    (folder / "fanout.pdf").write_bytes(pdf_bytes(objects))
    return ["check", "fanout.pdf"]


@case("pdf-many-pages", "limit:pdf-pages", "more pages than pdf-pages")
def _pdf_many_pages(folder: Path, scale: int) -> list[str]:
    pages = 50
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", _FONT]
    objects.append(_stream(b"BT /F1 12 Tf 72 720 Td (Report) Tj ET"))
    kids = []
    for _ in range(pages):
        objects.append(_page(4))
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), pages)
    (folder / "pages.pdf").write_bytes(pdf_bytes(objects))
    return ["check", "pages.pdf", "--limit", "pdf-pages=10"]


@case("pdf-objects", "limit:pdf-objects", "more objects than pdf-objects")
def _pdf_objects(folder: Path, scale: int) -> list[str]:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        _FONT,
        _page(5),
        _stream(b"BT /F1 12 Tf 72 720 Td (Report) Tj ET"),
    ]
    (folder / "objects.pdf").write_bytes(pdf_bytes(objects))
    return ["check", "objects.pdf", "--limit", "pdf-objects=4"]


@case("pdf-unterminated-streams", "par001:PDF", "100k Flate streams without endstream (quadratic search)")
def _pdf_unterminated(folder: Path, scale: int) -> list[str]:
    data = b"%PDF-1.7\n" + b"1 0 obj << /Filter /FlateDecode >> stream\nx\n" * 100_000 * scale
    (folder / "streams.pdf").write_bytes(data)
    return ["check", "streams.pdf"]


@case("pdf-empty", "par001:no text", "a PDF page without text (13 findings before)")
def _pdf_empty(folder: Path, scale: int) -> list[str]:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        _FONT,
        _page(5),
        _stream(b""),
    ]
    (folder / "empty.pdf").write_bytes(pdf_bytes(objects))
    return ["check", "empty.pdf"]


# --------------------------------------------------------------------------- packs and configuration


def _pack(folder: Path, text: str, report: str = "") -> list[str]:
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    (folder / "r.txt").write_text(report or _report("联系电话：0951-2171813。" + "a" * 40), encoding="utf-8")
    return ["check", "r.txt", "--pack", "pack.yaml"]


_PACK_HEAD = "name: hostile\nextends: national\n"


def _define(kind: str, body: str) -> str:
    """A pack that extends national and defines one rule XX001 of ``kind`` (``body``: its keys)."""
    return f"{_PACK_HEAD}define:\n  XX001:\n    name: x\n    kind: {kind}\n{body}"


def _laughs() -> str:
    """YAML "billion laughs": nine levels of nine aliases, 9^9 values once expanded."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@case("pack-catastrophic-regex", "ok", "a forbid-text pattern with catastrophic backtracking")
def _pack_regex(folder: Path, scale: int) -> list[str]:
    return _pack(folder, _define("forbid-text", "    pattern: '(a+)+$'\n"), _report("a" * 5_000 + "!"))


@case("pack-billion-laughs", "exit2:alias", "YAML billion laughs in a pack")
def _pack_laughs(folder: Path, scale: int) -> list[str]:
    return _pack(folder, _PACK_HEAD + _laughs())


@case("config-billion-laughs", "exit2:alias", "YAML billion laughs in disclint.yaml")
def _config_laughs(folder: Path, scale: int) -> list[str]:
    (folder / "disclint.yaml").write_text(_laughs(), encoding="utf-8")
    return _text(folder, "r.txt", _report("x"))


@case("pack-deep-nesting", "exit2:nest", "a pack nested 10k deep")
def _pack_deep(folder: Path, scale: int) -> list[str]:
    return _pack(folder, _PACK_HEAD + "x: " + "[" * 10_000 + "]" * 10_000 + "\n")


@case("pack-deep-block-nesting", "exit2:nest", "a pack nested 2k deep in block style")
def _pack_deep_block(folder: Path, scale: int) -> list[str]:
    text = _PACK_HEAD + "".join(" " * i + f"k{i}:\n" for i in range(2_000)) + " " * 2_000 + "v: 1\n"
    return _pack(folder, text)


@case("pack-long-identity", "exit2:expression", "a 1k-term identity expression")
def _pack_identity(folder: Path, scale: int) -> list[str]:
    expression = " + ".join(["applications.new.total"] * 1_000) + " == 0"
    return _pack(folder, _define("identity", f"    expression: '{expression}'\n"))


@case("pack-short-terms-identity", "exit2:more than 100 operators", "a 1k-term identity of short terms")
def _pack_identity_terms(folder: Path, scale: int) -> list[str]:
    expression = "+".join(["1"] * 1_000) + " == 0"
    return _pack(folder, _define("identity", f"    expression: '{expression}'\n"))


@case("pack-nested-identity", "exit2:parentheses nested", "an identity expression nested 1k parentheses deep")
def _pack_identity_nested(folder: Path, scale: int) -> list[str]:
    expression = "(" * 1_000 + "1" + ")" * 1_000 + " == 1"
    return _pack(folder, _define("identity", f"    expression: '{expression}'\n"))


@case("pack-template-attribute", "exit2:placeholder", "a message template reaching an attribute")
def _pack_template(folder: Path, scale: int) -> list[str]:
    body = "    pattern: 'never-there'\n    message:\n      en: '{pattern.__class__}'\n      zh: '{pattern.nope}'\n"
    return _pack(folder, _define("require-text", body))


@case("pack-template-width", "exit2:placeholder", "a message template with a width of 1e9")
def _pack_width(folder: Path, scale: int) -> list[str]:
    spec = "{pattern:>1000000000}"
    body = f"    pattern: 'never-there'\n    message:\n      en: '{spec}'\n      zh: '{spec}'\n"
    return _pack(folder, _define("require-text", body))


@case("pack-extends-secret", "exit2:not a rule pack", "extends: naming a YAML file that is not a pack")
def _pack_extends_secret(folder: Path, scale: int) -> list[str]:
    (folder / "secret.yaml").write_text(f"password: {SECRET}\nlist: [{SECRET}]\n", encoding="utf-8")
    return _pack(folder, "name: hostile\nextends: secret.yaml\n")


@case("pack-extends-secret-text", "exit2:not a rule pack", "extends: naming a plain text file")
def _pack_extends_text(folder: Path, scale: int) -> list[str]:
    (folder / "notes.yaml").write_text(f"{SECRET}\n", encoding="utf-8")
    return _pack(folder, "name: hostile\nextends: notes.yaml\n")


@case("pyproject-not-a-table", "exit2:pyproject.toml", "[tool.disclint] = 3")
def _pyproject_number(folder: Path, scale: int) -> list[str]:
    (folder / "pyproject.toml").write_text("[tool]\ndisclint = 3\n", encoding="utf-8")
    return _text(folder, "r.txt", _report("x"))


@case("pyproject-malformed", "exit2:pyproject.toml:2", "a malformed pyproject.toml with [tool.disclint]")
def _pyproject_malformed(folder: Path, scale: int) -> list[str]:
    (folder / "pyproject.toml").write_text("[tool.disclint]\nlang = \n", encoding="utf-8")
    return [*_text(folder, "r.txt", _report("x")), "--config", "pyproject.toml"]


@case("config-limit-bad", "exit2:limit", "a limits: value that is not a number")
def _config_limit(folder: Path, scale: int) -> list[str]:
    (folder / "disclint.yaml").write_text("limits:\n  line-length: lots\n", encoding="utf-8")
    return _text(folder, "r.txt", _report("x"))


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Write the hostile inputs, one folder per case.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    for c in CASES:
        target = args.folder / c.name
        target.mkdir(parents=True, exist_ok=True)
        argv = c.build(target, args.scale)
        print(f"{c.name}: (cd {target} && disclint {' '.join(argv)})  # expect {c.expect}")


if __name__ == "__main__":
    main()
