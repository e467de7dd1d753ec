"""A big run keeps its findings compressed a file at a time and writes its output as it goes
(issue 15): the stored findings and the streamed output equal the plain ones exactly."""

from __future__ import annotations

import dataclasses
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

# a finding's context: JSON values and values that rules may put there (Decimals, sets, int keys)
_contexts = st.dictionaries(
    st.text(max_size=4),
    _json_values
    | st.decimals(allow_nan=False, allow_infinity=False, places=2)
    | st.sets(st.integers())
    | st.dictionaries(st.integers(0, 3), st.text(max_size=3), max_size=2),
    max_size=4,
)
_FINDING_PARTS = (_contexts, _natives, st.text(max_size=8), st.text(alphabet="ab/ 表", max_size=8))


@settings(max_examples=200, deadline=None)
@given(*_FINDING_PARTS)
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


def _located(findings: list[Finding], path: str) -> list[Finding]:
    return [dataclasses.replace(f, location=dataclasses.replace(f.location, path=path)) for f in findings]


@settings(max_examples=200, deadline=None)
@given(*_FINDING_PARTS, st.text(max_size=12))
def test_json_written_from_the_cache_is_the_json_written_fresh(context, native, text, logical, path) -> None:
    """The cache keeps a file's findings as the JSON output's text (located in no path): put in
    any path, it is the text of the findings located there, byte for byte; decoded, they are
    the findings (their context as JSON has it)."""
    from disclint.batch.cache import decode_findings, encode_findings, json_text
    from disclint.render.json import findings_text

    found = [
        Finding(
            "ACC001",
            text,
            Severity.WARNING,
            "“" + text + "”\n\t",
            Location("a", 3, 1, 4, 12, native),
            context,
        ),
        Finding(
            "FMT002", "n", Severity.INFO, text, Location("a", 3, 2, 3, 2), {}, logical, text, text + " 行"
        ),
        Finding("PAR004", "noise", Severity.ERROR, "m", Location("a", 9, 1, 9, 5), {"k": [1, None, True]}),
    ]
    counts = tuple((f.code, f.severity) for f in found)
    raw = encode_findings(found)
    fresh = findings_text(_located(found, path))
    assert json_text(raw, path, counts) == fresh
    back = decode_findings(raw, path, counts)
    assert findings_text(back) == fresh  # their contexts as JSON has them (a NaN is no NaN's equal)
    plain = [
        dataclasses.replace(f, context={}, location=_plain_native(f.location)) for f in _located(found, path)
    ]
    assert [dataclasses.replace(f, context={}) for f in back] == plain
    assert [f.fingerprint for f in back] == [f.fingerprint for f in found]
    assert [(f.logical_path, f.snippet, f.line_text) for f in back] == [
        (f.logical_path, f.snippet, f.line_text) for f in found
    ]


def _plain_native(where: Location) -> Location:
    """``where`` as JSON has it: a native location without any field is none."""
    if where.native is not None and not where.native.as_dict():
        return dataclasses.replace(where, native=None)
    return where


def _entry_findings(result: disclint.Result) -> tuple[list[Finding], tuple[tuple[str, Severity], ...]]:
    path = SEED_PATHS[1].as_posix()
    found = sorted(
        (f for f in result.findings if f.location.path.endswith(SEED_PATHS[1].name)), key=Finding.sort_key
    )
    assert len(found) >= 2
    return _located(found, path), tuple((f.code, f.severity) for f in found)


def _with_text(raw: bytes, change) -> bytes:
    """An entry's findings (:func:`encode_findings`) with their text changed by ``change``."""
    import zlib

    unzip = zlib.decompressobj()
    text = unzip.decompress(raw).decode("utf-8")
    return zlib.compress(change(text).encode("utf-8")) + unzip.unused_data


def test_cached_json_text_that_is_not_as_written_is_not_written_as_it_is(result: disclint.Result) -> None:
    """Cached findings text is written as it is only when it is JSON findings as the output
    writes them: text laid out otherwise is decoded and written afresh (the same bytes); text
    that is not findings, or not those the head counts, is corrupt (the file is checked again)."""
    from disclint.batch.cache import decode_findings, encode_findings, json_text
    from disclint.findingstore import CorruptChunk, Encoded
    from disclint.render.json import findings_text

    found, counts = _entry_findings(result)
    path = found[0].location.path
    raw = encode_findings(found)
    fresh = findings_text(found)
    assert json_text(raw, path, counts) == fresh

    def compact(text: str) -> str:  # the same JSON values, laid out otherwise
        return json.dumps(json.loads("[" + text + "]"), ensure_ascii=False)[1:-1]

    relaid = _with_text(raw, compact)
    with pytest.raises(CorruptChunk):
        json_text(relaid, path, counts)
    store = FindingStore([Encoded(relaid, path, counts, decode_findings, None, json_text)])
    assert list(store.texts(findings_text)) == [fresh]  # decoded, written as any finding is
    with_summary = _with_text(raw, lambda t: t + '], "summary": {"error": 0}, "x": [')
    extra_key = _with_text(raw, lambda t: t.replace('"context": ', '"more": 1, "context": ', 1))
    path_elsewhere = _with_text(raw, lambda t: t.replace('"path": ""', '"path": "x"', 1))
    one_less = _with_text(raw, lambda t: t[: t.rindex(",\n    {")])
    for planted in (with_summary, extra_key, path_elsewhere, one_less, _with_text(raw, lambda t: "{")):
        with pytest.raises(CorruptChunk):
            json_text(planted, path, counts)
        with pytest.raises(CorruptChunk):
            decode_findings(planted, path, counts)
        rechecked = Encoded(planted, path, counts, decode_findings, lambda shown: found[:1], json_text)
        store = FindingStore([rechecked])
        assert list(store.texts(findings_text)) == [findings_text(found[:1])]  # checked again
        assert len(store) == 1 and sum(store.severities.values()) == 1  # and counted again


def test_the_path_is_put_only_where_the_output_has_it(result: disclint.Result) -> None:
    """A message or context holding the text around a finding's path (its newlines escaped in
    JSON) is kept as it is."""
    from disclint.batch.cache import encode_findings, json_text
    from disclint.render.json import findings_text

    found, counts = _entry_findings(result)
    mark = '\n      "location": {\n        "path": ""'
    tricky = [
        dataclasses.replace(f, message=mark, context={"location": {"path": ""}, "m": mark}) for f in found
    ]
    for path in ("a.txt", "目录/年报 2024.txt", 'q"uote\\d.txt', "bad\udcff.txt"):
        expected = findings_text(_located(tricky, path))
        assert json_text(encode_findings(tricky), path, counts) == expected
