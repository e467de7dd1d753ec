"""Example text for the rules' bad/good examples, written from the table templates (one owner for
the rows' numbering and labels), so an example cannot drift from the template it shows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .. import templates


def outcome_example(values: Mapping[str, Sequence[int]], fmt: str = "60") -> str:
    """Table 三's 本年度办理结果 rows, （一）予以公开 to （七）总计, of format ``fmt`` as report text: a
    group's label before its first row, then the row's values (``values[row key]``, zeros when
    not given), a row per line."""
    table = templates.applications()
    groups = {g.key: g for g in table.groups}
    zeros = (0,) * len(table.columns)
    keys = [r.key for r in table.rows]
    rows = table.rows[keys.index("disclosed") : keys.index("outcome_total") + 1]
    lines: list[str] = []
    shown: set[str] = set()
    for row in rows:
        if fmt not in row.formats:
            continue
        label = f"{row.numbering or ''}{row.label}"
        group = groups.get(row.group or "")
        if group is not None and group.key != "outcome" and group.key not in shown:
            shown.add(group.key)
            label = f"{group.numbering or ''}{group.label} {label}"
        lines.append(" ".join([label, *(str(v) for v in values.get(row.key, zeros))]))
    return "\n".join(lines) + "\n"
