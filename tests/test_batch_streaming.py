"""A big run keeps its findings compressed a file at a time and writes its output as it goes
(issue 15): the stored findings and the streamed output equal the plain ones exactly."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import disclint
from disclint.baseline import Entry, Matcher, compare
from disclint.findings import Finding, Location, Severity
from disclint.findingstore import FindingStore, tally
from disclint.readers.base import NativeLocation
from disclint.render import render, render_stream
from disclint.render.json import finding_dict, finding_text, indented
from disclint.runerrors import RunError

from corpus import SEED_PATHS


@pytest.fixture(scope="module")
def result() -> disclint.Result:
    return disclint.check([str(p) for p in SEED_PATHS], lang="zh")


def _store(findings) -> FindingStore:
    return FindingStore([list(g) for _, g in itertools.groupby(findings, key=lambda f: f.location.path)])


def test_store_gives_back_the_same_findings_a_file_at_a_time(result: disclint.Result) -> None:
    findings = list(result.findings)
    assert len({f.location.path for f in findings}) == len(SEED_PATHS) and len(findings) > 20
    store = _store(findings)
    assert len(store) == len(findings)
    assert list(store) == findings  # codes, messages, spans, native places, contexts
    assert [f.fingerprint for f in store] == [f.fingerprint for f in findings]
    assert store[0] == findings[0] and store[-1] == findings[-1] and store[7] == findings[7]
    assert list(store[3:9]) == findings[3:9]
    assert [len(c) for c in store.chunks()] == [
        len(list(g)) for _, g in itertools.groupby(findings, key=lambda f: f.location.path)
    ]
    severities, codes = tally(store)
    assert severities == tally(findings)[0] and codes == tally(findings)[1]
    assert sum(severities.values()) == len(findings) and severities[Severity.ERROR] > 0
    assert store.add([]) is None and len(store) == len(findings)
    with pytest.raises(IndexError):
        store[len(findings)]


@pytest.mark.parametrize("fmt", ["json", "text", "concise", "github", "sarif", "junit"])
@pytest.mark.parametrize("summary", [True, False])
@pytest.mark.parametrize("errors", [(), (RunError("unreadable", "x.pdf: bad", "x.pdf：坏", "x.pdf"),)])
def test_streamed_output_equals_the_whole_rendering(result: disclint.Result, fmt, summary, errors) -> None:
    for findings in (list(result.findings), []):
        kwargs = {"reports": result.reports, "lang": "zh", "errors": errors, "summary": summary}
        whole = render(findings, fmt, **kwargs, cwd=result.root)
        pieces = list(render_stream(_store(findings), fmt, **kwargs, cwd=result.root))
        assert "".join(pieces) == whole
        if fmt in ("json", "text", "concise", "github") and findings:
            assert len(pieces) >= len(SEED_PATHS)  # written a file at a time, not whole
    coloured = render(list(result.findings), "text", reports=result.reports, color=True, errors=errors)
    assert (
        "".join(
            render_stream(_store(result.findings), "text", reports=result.reports, color=True, errors=errors)
        )
        == coloured
    )


def test_baseline_applied_a_chunk_at_a_time_equals_compare(result: disclint.Result) -> None:
    findings = list(result.findings)
    entries = [Entry(f.fingerprint, f.code, f.location.path, f.message) for f in findings[::3]]
    entries.append(Entry("0" * 32, "ACC001", findings[0].location.path, "gone"))  # stale
    entries.append(Entry(findings[0].fingerprint, findings[0].code, findings[0].location.path, "twice"))
    whole = compare(findings, entries, {f.location.path for f in findings})
    matcher = Matcher(entries)
    kept = []
    for _, group in itertools.groupby(findings, key=lambda f: f.location.path):
        kept += matcher.filter(list(group))[0]
    assert kept == whole.kept and matcher.suppressed == whole.suppressed == len(findings[::3])
    assert matcher.stale({f.location.path for f in findings}) == whole.stale and len(whole.stale) == 2


def test_a_batch_run_writes_what_the_api_finds(tmp_path: Path) -> None:
    """The CLI (batch runner, compressed findings, streamed JSON) and the API (everything in
    memory, one json.dumps) give the same document."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for p in SEED_PATHS:
        (folder / p.name).write_bytes(p.read_bytes())
    out = subprocess.run(
        [sys.executable, "-m", "disclint", "check", "reports", "--format", "json", "-j", "2", "--no-cache"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ},
    )
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        api = disclint.check(["reports"])
        expected = render(list(api.findings), "json", reports=api.reports, errors=api.errors)
    finally:
        os.chdir(here)
    assert out.returncode == 1 and out.stdout == expected
    assert len(json.loads(out.stdout)["findings"]) == len(api.findings) > 20


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_json_values, st.sampled_from(["", "  ", "    "]))
def test_indented_json_is_json_dumps_with_indent_2(value, indent: str) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
    assert indented(value, indent) == expected


_natives = st.none() | st.builds(
    NativeLocation,
    page=st.none() | st.integers(1, 9),
    page_line=st.none() | st.integers(1, 99),
    table=st.none() | st.integers(1, 5),
    html_path=st.none() | st.text(max_size=6),
    bbox=st.none() | st.tuples(*[st.floats(0, 600, allow_nan=False)] * 4),
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.text(max_size=4),
        _json_values
        | st.decimals(allow_nan=False, allow_infinity=False, places=2)
        | st.sets(st.integers())
        | st.dictionaries(st.integers(0, 3), st.text(max_size=3), max_size=2),
        max_size=4,
    ),
    _natives,
    st.text(max_size=8),
    st.text(alphabet="ab/ 表", max_size=8),
)
def test_a_findings_json_text_is_its_dict_indented(context, native, text: str, logical: str) -> None:
    finding = Finding(
        "ACC001",
        text,
        Severity.WARNING,
        "“" + text + "”\n\t",
        Location("r/" + text + ".txt", 3, 1, 4, 12, native),
        context,
        logical,
        text,
        text + " 行",
    )
    for indent in ("", "    "):
        assert finding_text(finding, indent) == indented(finding_dict(finding), indent)


def test_every_seed_finding_written_as_its_dict_indented(result: disclint.Result) -> None:
    for finding in result.findings:
        assert finding_text(finding, "    ") == indented(finding_dict(finding), "    ")


def test_summary_with_a_baseline_keeps_the_batch_outcome(tmp_path: Path) -> None:
    """Regression: the baseline's outcome used to replace the batch outcome in the Result, so
    ``--summary`` with ``--baseline`` had no facts to build its rows from."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for p in SEED_PATHS[:2]:
        (folder / p.name).write_bytes(p.read_bytes())

    def disclint_cli(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "disclint", *args, "--no-cache"]
        return subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)

    made = disclint_cli("baseline", "reports", "-o", "base.json")
    assert made.returncode == 0, made.stderr
    out = disclint_cli(
        "check", "reports", "--baseline", "base.json", "--summary", "s.csv", "--format", "json"
    )
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert json.loads(out.stdout)["findings"] == []
    rows = (tmp_path / "s.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 3 and all(p.name in "".join(rows) for p in SEED_PATHS[:2])
