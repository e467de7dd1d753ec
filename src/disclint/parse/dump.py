"""``disclint parse --format tree``: the AST as an indented outline for people."""

from __future__ import annotations

from ..jsonout import cell_value, report_grids
from ..nodes import Report


def render_tree(report: Report) -> str:
    out: list[str] = [f"Report {report.path}"]
    add = out.append
    if report.title is not None:
        add(f"├─ title  L{','.join(map(str, report.title_lines))}  {report.title.text}")
    add(f"├─ organ  {report.organ or '—'}    year {report.year or '—'}")
    if report.format_cited:
        add(
            f"├─ format cited  〔{report.format_cited.year}〕{report.format_cited.notice}号  L{report.format_cited.span.line}"
        )
    else:
        add("├─ format cited  —")
    if report.period:
        add(f"├─ period  {report.period.start} … {report.period.end}  L{report.period.span.line}")
    if report.date:
        add(f"├─ date  {report.date.value}  L{report.date.span.line}")
    if report.contacts:
        add("├─ contacts")
        for c in report.contacts:
            add(f"│  ├─ {c.field:<8} {c.value}  L{c.span.line}")
    add("├─ sections")
    for s in report.sections:
        add(f"│  ├─ {s.number} {s.title}  [{s.key}]  L{s.line}  ({len(s.paragraphs)} paragraphs)")
        for h in s.subheadings:
            add(f"│  │  ├─ {h.numbering}{h.title}  L{h.span.line}")
    add("├─ tables")
    for t in report.tables:
        add(f"│  ├─ {t.kind}  format {t.format or '—'}  L{t.span.line}-{t.span.end_line}")
        for r in t.rows:
            if r.incomplete:
                values = (
                    "INCOMPLETE "
                    + " ".join(c.raw for c in r.cells)
                    + f"  ({len(r.cells)} of {r.expected_cells} values)"
                )
            else:
                values = " ".join(f"{c.column}={cell_value(r, c.column)}" for c in r.cells if c.column)
            add(f"│  │  ├─ {r.key or '?'}  L{r.line}  {values}")
        if t.missing_rows:
            add(f"│  │  └─ missing rows: {', '.join(t.missing_rows)}")
    grids = report_grids(report)
    if grids:
        add("├─ grids")
        for g in grids:
            lines = [r.line for r in g.rows if r.line is not None]
            pages = sorted({r.native.page for r in g.rows if r.native and r.native.page is not None})
            where = f"  p{pages[0]}-{pages[-1]}" if len(pages) > 1 else f"  p{pages[0]}" if pages else ""
            span = f"L{lines[0]}-{lines[-1]}" if lines else "L—"
            add(f"│  ├─ {g.source}  {len(g.rows)}×{g.columns}  {span}{where}")
    if report.sums or report.figures or report.statements:
        add("├─ narrative")
        for f in report.figures:
            add(f"│  ├─ {f.quantity} = {f.value}{f.unit}  L{f.span.line}")
        for sm in report.sums:
            parts = "+".join(str(p.value) for p in sm.parts)
            add(f"│  ├─ {sm.total.label} {sm.total.value}{sm.total.unit} = {parts}  L{sm.total.span.line}")
        for st in report.statements:
            add(f"│  ├─ {st.quantity} = {st.value} ({st.text})  L{st.span.line}")
    if report.problems:
        add("└─ problems")
        for p in report.problems:
            add(f"   ├─ {p.kind}: {p.message}  L{p.span.line}")
    return "\n".join(out) + "\n"
