"""Property tests: whatever the input, parsing never raises and every span points into it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclint.jsonout import report_to_dict
from disclint.parse import parse_document, parse_text
from disclint.readers import read_bytes
from disclint.readers.base import ReadFailure

from corpus import SEED_STEMS, seed_text

# lines that matter to the grammar, mixed with arbitrary text
SEED_LINES = sorted({ln for stem in SEED_STEMS for ln in seed_text(stem).splitlines() if ln.strip()})
report_lines = st.lists(st.one_of(st.sampled_from(SEED_LINES), st.text(max_size=40)), max_size=80)


def _check(report) -> None:
    n = len(report.lines)
    for table in report.tables:
        for row in table.rows:
            for cell in row.cells:
                assert 1 <= cell.span.line <= max(n, 1)
    for c in report.contacts:
        assert 1 <= c.span.line <= max(n, 1)
    report_to_dict(report)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    _check(parse_text(text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_lines)
def test_shuffled_report_lines_never_raise(lines: list[str]) -> None:
    _check(parse_text("\n".join(lines)))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    result = read_bytes(data, "fuzz.txt")
    if isinstance(result, ReadFailure):
        assert result.reason
    else:
        _check(parse_document(result))
