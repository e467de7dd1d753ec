"""Batch runs that go wrong: a killed worker, a corrupt or planted cache entry, `disclint clean`,
where the cache lives (issues 15 and 16)."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

from disclint.batch.cache import ResultCache, default_cache_dir
from disclint.batch.runner import run_batch
from disclint.batch.worker import CRASH_ENV, Job
from disclint.user_cache import is_private_dir

from corpus import SEED_PATHS

REPO = Path(__file__).resolve().parents[1]


def _disclint(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "disclint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for p in SEED_PATHS:
        shutil.copy(p, folder / p.name)
    return folder


def _by_file(stdout: str) -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = {}
    for f in json.loads(stdout)["findings"]:
        out.setdefault(Path(f["location"]["path"]).name, []).append((f["code"], f["location"]["line"]))
    return out


def test_a_killed_worker_gives_its_file_par001_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    clean = _disclint("check", "reports", "--format", "json", "-j", "1", "--no-cache", cwd=tmp_path)
    (folder / "kill-me.txt").write_text((folder / SEED_PATHS[2].name).read_text(encoding="utf-8"))
    env = {CRASH_ENV: "kill-me"}
    out = _disclint("check", "reports", "--format", "json", "-j", "2", "--no-cache", cwd=tmp_path, env=env)
    assert out.returncode == 2, out.stderr  # a file that could not be checked is a run error
    assert "internal error" in out.stderr
    assert "Traceback" not in out.stderr and "BrokenProcessPool" not in out.stderr
    got = _by_file(out.stdout)
    assert got.pop("kill-me.txt") == [("PAR001", 1)]
    assert got == _by_file(clean.stdout)  # every other file checked as usual
    message = next(f["message"] for f in json.loads(out.stdout)["findings"] if f["code"] == "PAR001")
    assert "internal error" in message


def test_a_killed_worker_in_process_api(tmp_path: Path, monkeypatch) -> None:
    folder = _folder(tmp_path)
    victim = folder / "kill-me.txt"
    victim.write_text("x", encoding="utf-8")
    monkeypatch.setenv(CRASH_ENV, "kill-me")
    files = sorted(str(p) for p in folder.iterdir())
    outcome = run_batch(files, Job(str(tmp_path)), jobs=2)
    assert [f.code for f in outcome.findings if f.location.path == str(victim)] == ["PAR001"]
    assert [f.path for f in outcome.facts] == files
    assert {f.location.path for f in outcome.findings} >= {str(folder / p.name) for p in SEED_PATHS}


def _streams(raw: bytes) -> list[object]:
    """An entry's zlib streams: its head (JSON); its findings, each as ``[the JSON output's object
    (located in ""), [logical path, snippet, line text]]``; then the figures' bytes."""
    out: list[str] = []
    for _ in range(3):
        unzip = zlib.decompressobj()
        out.append(unzip.decompress(raw).decode("utf-8"))
        raw = unzip.unused_data
    head, text, sources = out
    items = json.loads("[" + text + "]")  # the text of the JSON output, without its brackets
    assert len(items) == len(json.loads(sources))
    return [json.loads(head), [[i, s] for i, s in zip(items, json.loads(sources), strict=True)], raw]


def _entry(path: Path) -> list[object]:
    return _streams(path.read_bytes())


def _planted(head: object, findings: object, figures: object) -> bytes:
    """An entry of ``head``, ``findings`` and ``figures`` as someone who knows the format writes
    it: the head's sizes and CRCs are right, whatever the streams hold."""
    assert isinstance(head, dict) and isinstance(figures, bytes) and isinstance(findings, list)
    # the findings as the JSON output writes them (json.dumps with indent=2, nested in the array)
    text = ",\n    ".join(
        json.dumps(i, ensure_ascii=False, indent=2).replace("\n", "\n    ") for i, _ in findings
    )
    sources = [s for _, s in findings]
    found = zlib.compress(text.encode("utf-8")) + zlib.compress(json.dumps(sources).encode("utf-8"))
    head = {**head, "sizes": [len(found), len(figures)], "crc": [zlib.crc32(found), zlib.crc32(figures)]}
    return zlib.compress(json.dumps(head).encode("utf-8")) + found + figures


def _plant(path: Path, head: object, findings: object, figures: object) -> None:
    path.write_bytes(_planted(head, findings, figures))


def test_cache_entries_are_json_and_corrupt_or_planted_entries_are_misses(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    cache = tmp_path / "cache"
    first = _disclint(
        "check", "reports", "--format", "json", "-j", "1", "--cache-dir", str(cache), cwd=tmp_path
    )
    entries = sorted(cache.glob("*/*.jz"))
    assert len(entries) == len(SEED_PATHS)
    # zlib-compressed JSON, nothing that can run code when loaded
    head, findings, figures = _entry(entries[0])
    assert isinstance(head, dict) and set(head) == {
        "format",
        "key",
        "pack",
        "facts",
        "counts",
        "sizes",
        "crc",
    }
    assert isinstance(findings, list) and findings and all(len(i) == 8 and len(s) == 3 for i, s in findings)
    assert isinstance(figures, bytes) and json.loads(zlib.decompress(figures))["figures"]
    entries[0].write_bytes(b"{not json")  # corrupt: not even compressed
    _plant(entries[1], {**head, "key": "0" * 64}, findings, figures)  # another file's entry
    planted = _entry(entries[2])
    _plant(entries[2], planted[0], [[{"code": 1}, ["", "", ""]]], planted[2])  # wrong types
    truncated = entries[3].read_bytes()
    entries[3].write_bytes(truncated[: len(truncated) // 2])
    odd = _entry(entries[4])
    assert isinstance(odd[1], list)
    odd[1][0][0]["location"].update({"page": 1, "__init__": 2})  # a native location that is not one
    _plant(entries[4], *odd)
    again = _disclint(
        "check", "reports", "--format", "json", "-j", "1", "--cache-dir", str(cache), cwd=tmp_path
    )
    assert again.returncode == first.returncode == 1
    assert again.stdout == first.stdout and again.stderr == ""
    assert _entry(entries[0])[0] == head  # rewritten
    assert _entry(entries[4]) != odd
    (folder / SEED_PATHS[0].name).write_text("changed\n", encoding="utf-8")  # content changed: a miss
    changed = _by_file(
        _disclint("check", "reports", "--format", "json", "--cache-dir", str(cache), cwd=tmp_path).stdout
    )
    assert changed[SEED_PATHS[0].name] != _by_file(first.stdout)[SEED_PATHS[0].name]
    cleaned = _disclint("clean", "--cache-dir", str(cache), "--lang", "en", cwd=tmp_path)
    assert cleaned.returncode == 0 and f"removed {len(SEED_PATHS) + 1} cache entries" in cleaned.stderr
    assert list(cache.glob("*/*")) == []


def test_settings_are_part_of_the_key(tmp_path: Path) -> None:
    _folder(tmp_path)
    cache = tmp_path / "cache"
    args = ("check", "reports", "--format", "json", "--cache-dir", str(cache))
    _disclint(*args, cwd=tmp_path)
    only_acc = _disclint(*args, "--select", "ACC", cwd=tmp_path)
    assert {f["code"][:3] for f in json.loads(only_acc.stdout)["findings"]} == {"ACC"}
    english = _disclint(*args, "--lang", "en", cwd=tmp_path)
    assert "Cannot" in english.stdout or "column" in english.stdout
    assert len(list(cache.glob("*/*.jz"))) == 3 * len(SEED_PATHS)


def test_default_cache_is_the_private_per_user_directory(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DISCLINT_CACHE_DIR", str(tmp_path / "mine"))
    directory = default_cache_dir()
    assert directory == tmp_path / "mine" / "results" and is_private_dir(directory)
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("DISCLINT_CACHE_DIR", str(shared))
    assert default_cache_dir() is None  # others can write there: no cache at all


def test_cache_key_changes_with_content(tmp_path: Path) -> None:
    report = tmp_path / "a.txt"
    report.write_text("一\n", encoding="utf-8")
    cache = ResultCache(tmp_path / "c", Job(str(tmp_path)))
    before = cache.key(str(report))
    report.write_text("二\n", encoding="utf-8")
    assert before is not None and cache.key(str(report)) not in (None, before)
    assert cache.key(str(tmp_path / "missing.txt")) is None


def test_facts_round_trip_and_bad_figures() -> None:
    import pytest

    from disclint.batch.facts import ReportFacts, report_facts
    from disclint.parse import parse_text

    from report_builder import clean_report, edit

    text = edit(
        clean_report(2024), [("四、结转下年度继续办理 0 0 0 0 0 0 0", "四、结转下年度继续办理 1 0 0 0 0 0 1")]
    )
    facts = report_facts(parse_text(text, "a.txt"))
    again = ReportFacts.from_dict(json.loads(json.dumps(facts.as_dict())))
    assert again == facts and again.figures == facts.figures
    forward = again.figures["applications/carried_forward/total"]
    assert (forward.value, forward.snippet) == (1, "1")
    assert forward.line_text == "四、结转下年度继续办理 1 0 0 0 0 0 1"
    assert again.value("proactive/normative_documents/in_force") == 9
    with pytest.raises(ValueError):
        ReportFacts.from_dict({**facts.as_dict(), "figures": "{not json"})
    shapeless = ReportFacts.from_dict({**facts.as_dict(), "figures": '{"lines": [], "figures": {"x": [1]}}'})
    assert shapeless.figures == {}  # valid JSON of the wrong shape: no figures, no crash


def _fresh(tmp_path: Path) -> ResultCache:
    return ResultCache(tmp_path / "c", Job(str(tmp_path)))


def test_stat_index_skips_unchanged_files_and_sees_an_edit_that_keeps_size_and_mtime(
    tmp_path: Path, monkeypatch
) -> None:
    """The stat fast path: an unchanged file is not read again; an edit that keeps the size and
    puts the mtime back (``touch -d``, a tool preserving times) still changes the ctime."""
    import time

    import disclint.batch.cache as cache_module

    monkeypatch.setattr(cache_module, "SETTLED_NS", 0)  # trust stamps at once (the files are new)
    (tmp_path / "c").mkdir()
    report = tmp_path / "a.txt"
    report.write_text("一二三\n", encoding="utf-8")
    first = _fresh(tmp_path)
    key = first.key(str(report))
    assert key is not None and first.hashed == 1
    first.save_index()
    again = _fresh(tmp_path)
    assert again.key(str(report)) == key and again.hashed == 0  # not read: the stamp is unchanged
    old = report.stat()
    time.sleep(0.05)  # past the ctime tick
    report.write_text("一二四\n", encoding="utf-8")  # same size
    os.utime(report, ns=(old.st_atime_ns, old.st_mtime_ns))  # same mtime
    assert report.stat().st_size == old.st_size and report.stat().st_mtime_ns == old.st_mtime_ns
    edited = _fresh(tmp_path)
    new_key = edited.key(str(report))
    assert edited.hashed == 1 and new_key not in (None, key)
    edited.save_index()
    other_settings = ResultCache(tmp_path / "c", Job(str(tmp_path), select=("ACC",)))
    assert other_settings.key(str(report)) not in (None, key, new_key) and other_settings.hashed == 1


def test_unsettled_files_and_a_bad_index_are_always_hashed(tmp_path: Path, monkeypatch) -> None:
    import disclint.batch.cache as cache_module

    (tmp_path / "c").mkdir()
    report = tmp_path / "a.txt"
    report.write_text("一\n", encoding="utf-8")
    first = _fresh(tmp_path)
    key = first.key(str(report))  # just written: not settled, not recorded
    first.save_index()
    assert not (tmp_path / "c" / "index.json").exists()
    monkeypatch.setattr(cache_module, "SETTLED_NS", 0)
    second = _fresh(tmp_path)
    assert second.key(str(report)) == key and second.hashed == 1
    second.save_index()
    index = tmp_path / "c" / "index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    name = str(report.resolve())
    assert data["files"][name][:3] == [report.stat().st_dev, report.stat().st_ino, report.stat().st_size]
    data["files"][name][6] = "f" * 64  # a planted key with the right stamp is still only a key:
    index.write_text(json.dumps(data), encoding="utf-8")  # its entry does not exist, so a miss
    planted = _fresh(tmp_path)
    assert planted.key(str(report)) == "f" * 64 and planted.get("f" * 64, str(report)) is None
    # Regression: a planted "key" that is a path made the run read, and write its entry, outside
    # the cache (os.path.join(cache, "..", "../../x.jz")); only a SHA-256 in hex is a key now
    for escape in ("../" * 6 + "tmp/" + "x" * 40, "F" * 64, "0x" + "f" * 62, "f" * 63):
        data["files"][name][6] = escape
        index.write_text(json.dumps(data), encoding="utf-8")
        cache = _fresh(tmp_path)
        assert cache.key(str(report)) == key and cache.hashed == 1
    for bad in ("{not json", json.dumps({"format": 1, "files": {name: ["x"] * 7}}), "[]"):
        index.write_text(bad, encoding="utf-8")
        cache = _fresh(tmp_path)
        assert cache.key(str(report)) == key and cache.hashed == 1
    cache.save_index()
    assert cache_module.clean(tmp_path / "c") == 0 and not index.exists()


def test_a_file_name_that_is_not_utf8_is_cached(tmp_path: Path) -> None:
    """Entries and the stat index are ASCII JSON: a name with undecodable bytes (a surrogate in
    Python) is stored and found again instead of crashing the run."""
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"r\xff.txt"), "wb") as fh:
        fh.write(SEED_PATHS[0].read_bytes())
    args = ("check", "in", "--format", "concise", "--cache-dir", str(tmp_path / "c"))
    first = _disclint(*args, cwd=tmp_path)
    again = _disclint(*args, cwd=tmp_path)
    assert first.returncode == again.returncode == 1 and first.stderr == again.stderr == ""
    assert again.stdout == first.stdout and first.stdout.startswith("in/r\\xff.txt:")
    assert len(list((tmp_path / "c").glob("*/*.jz"))) == 1


def test_cache_key_changes_with_disclints_own_code(tmp_path: Path, monkeypatch) -> None:
    """Regression: a development checkout edited without a version bump reused results made by
    the old code; the key now holds a fingerprint of disclint's code and shipped data."""
    from disclint import resources
    from disclint.batch import cache as cache_module

    report = tmp_path / "a.txt"
    report.write_text("一\n", encoding="utf-8")
    before = ResultCache(tmp_path / "c", Job(str(tmp_path))).key(str(report))
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "edited")
    after = ResultCache(tmp_path / "c", Job(str(tmp_path))).key(str(report))
    assert before is not None and after not in (None, before)
    # the fingerprint itself follows an edit (same size, new time), an added and a removed file
    code = tmp_path / "code"
    (code / "pkg" / "__pycache__").mkdir(parents=True)
    module = code / "pkg" / "m.py"
    module.write_text("x = 1\n", encoding="utf-8")
    first = resources.tree_fingerprint(code)
    (code / "pkg" / "__pycache__" / "m.pyc").write_bytes(b"\0")  # bytecode is not code
    assert resources.tree_fingerprint(code) == first
    os.utime(module, ns=(1, 2))
    edited = resources.tree_fingerprint(code)
    (code / "pkg" / "n.py").write_text("", encoding="utf-8")
    added = resources.tree_fingerprint(code)
    assert len({first, edited, added}) == 3
    (code / "pkg" / "n.py").unlink()
    assert resources.tree_fingerprint(code) == edited


def test_a_rerun_with_a_few_changed_files_checks_them_in_one_worker_beside_the_cache(
    tmp_path: Path, monkeypatch
) -> None:
    """All files to check: a pool of -j workers that inherit the parser; one file in 60 changed:
    one worker, which loads the parser itself while the parent reads the cache; none changed: no
    worker at all. The outcome is the same each time."""
    import disclint.batch.cache as cache_module
    from disclint.batch import runner

    monkeypatch.setattr(cache_module, "SETTLED_NS", 0)
    made: list[tuple[int, bool]] = []

    class Recording(runner.LocalPool):
        def __init__(self, job: Job, jobs: int, *, warm: bool = True) -> None:
            made.append((jobs, warm))
            super().__init__(job, jobs, warm=warm)

    monkeypatch.setattr(runner, "LocalPool", Recording)
    folder = tmp_path / "r"
    folder.mkdir()
    files = []
    for i in range(60):
        path = folder / f"r{i:02d}.txt"
        path.write_text(f"第{i}号\n", encoding="utf-8")
        files.append(str(path))
    job = Job(str(tmp_path))

    def outcome() -> list[tuple[str, list[str]]]:
        done = run_batch(files, job, jobs=2, cache=ResultCache(tmp_path / "c", job))
        return [
            (f.path, [x.code for x in done.findings.chunk(c)] if c is not None else [])
            for f, c in zip(done.facts, done.chunk, strict=True)
        ]

    cold = outcome()
    assert made == [(2, True)] and len(cold) == 60
    (folder / "r07.txt").write_text("改\n", encoding="utf-8")
    changed = outcome()
    assert made == [(2, True), (1, False)]
    assert changed == cold  # the same findings (the edit keeps it a one-line report)
    assert outcome() == cold and len(made) == 2  # all cached: no worker


def test_an_entry_reads_back_exactly_and_one_out_of_order_is_corrupt(tmp_path: Path) -> None:
    """An entry is decoded once: its head when it is read (a damaged entry is a miss there),
    its findings when they are written, checked then, order included (a planted entry with
    right sizes and CRCs but findings out of order, or not those its head counts, is corrupt)."""
    import pytest

    from disclint.batch.cache import result_from_bytes, result_to_bytes
    from disclint.batch.worker import check_file
    from disclint.findings import Finding
    from disclint.findingstore import CorruptChunk

    result = check_file(str(SEED_PATHS[1]), Job(str(tmp_path)))
    assert len(result.findings) >= 2
    raw = result_to_bytes(result, "k")
    back = result_from_bytes(raw, "k", result.path)
    assert back is not None and back.cached and back.pack == result.pack and back.facts == result.facts
    assert list(back.findings) == sorted(result.findings, key=Finding.sort_key)
    kept = [f.fingerprint for f in back.findings]  # stored with the finding, not hashed again
    assert kept == [f.fingerprint for f in sorted(result.findings, key=Finding.sort_key)]
    assert kept == [dataclasses.replace(f).fingerprint for f in back.findings]  # a copy computes it
    assert back.facts.figures == result.facts.figures
    assert result_from_bytes(raw, "another key", result.path) is None
    head, findings, figures = _streams(raw)
    assert isinstance(head, dict) and isinstance(findings, list)
    assert head["counts"] == [
        [f.code, f.severity.value] for f in sorted(result.findings, key=Finding.sort_key)
    ]
    for damaged in (raw[:-1], raw[:-12] + bytes([raw[-12] ^ 1]) + raw[-11:], raw + b"x"):
        with pytest.raises(ValueError):  # truncated, a flipped bit (CRC-32), trailing bytes
            result_from_bytes(damaged, "k", result.path)
    recounted = [*findings[1:], findings[0]]  # the same findings, the order of the head's counts
    planted: list[object] = [findings[::-1], findings[1:], recounted, [[{"code": 1}, ["", "", ""]]]]
    for items in planted:
        entry = result_from_bytes(_planted(head, items, figures), "k", result.path)
        assert entry is not None  # the head is valid: read as a hit ...
        with pytest.raises(CorruptChunk):  # ... its findings are not: found when they are decoded
            list(entry.findings)
    again = [f.code for f in sorted(result.findings, key=Finding.sort_key)]
    entry = result_from_bytes(_planted(head, [], figures), "k", result.path, lambda _shown: [])
    assert entry is not None and len(entry.findings) == len(again)  # as the head counts ...
    assert list(entry.findings) == [] and len(entry.findings) == 0  # ... until checked again


def test_a_planted_entry_with_right_crcs_is_checked_again_when_written(tmp_path: Path) -> None:
    """Findings or figures that are not valid behind a valid head: the file is checked again in
    the run that finds them (its counts and exit code as a run without cache), its entry
    rewritten; the cross-year findings of a pair whose figures were planted are those of a
    clean run."""
    from report_builder import clean_report, edit

    folder = tmp_path / "reports"
    folder.mkdir()
    last = edit(
        clean_report(2023), [("四、结转下年度继续办理 0 0 0 0 0 0 0", "四、结转下年度继续办理 2 0 0 0 0 0 2")]
    )
    (folder / "a2023.txt").write_text(last, encoding="utf-8")
    (folder / "a2024.txt").write_text(clean_report(2024), encoding="utf-8")
    for p in SEED_PATHS[:3]:
        shutil.copy(p, folder / p.name)
    clean = _disclint("check", "reports", "--format", "json", "--no-cache", cwd=tmp_path)
    assert "ACC008" in {f["code"] for f in json.loads(clean.stdout)["findings"]}
    cache = tmp_path / "cache"
    args = ("check", "reports", "--format", "json", "-j", "1", "--cache-dir", str(cache))
    first = _disclint(*args, cwd=tmp_path)
    assert first.stdout == clean.stdout
    for entry in sorted(cache.glob("*/*.jz")):
        head, findings, figures = _entry(entry)
        assert isinstance(head, dict) and isinstance(findings, list)
        if (
            findings and "/a20" not in head["facts"]["path"]
        ):  # each finding another severity: not those counted
            swapped = [
                [{**i, "severity": "info" if i["severity"] != "info" else "error"}, s] for i, s in findings
            ]
            _plant(entry, head, swapped, figures)
        else:  # the pair's figures: not JSON, behind a right CRC
            _plant(entry, head, findings, zlib.compress(b"{not json"))
    planted = {e: e.read_bytes() for e in cache.glob("*/*.jz")}
    again = _disclint(*args, cwd=tmp_path)
    assert again.returncode == clean.returncode and again.stderr == ""
    assert again.stdout == clean.stdout
    assert all(e.read_bytes() != raw for e, raw in planted.items())  # every one rewritten
    assert (
        _disclint(*args, "--format", "text", cwd=tmp_path).stdout
        == _disclint("check", "reports", "--format", "text", "--no-cache", cwd=tmp_path).stdout
    )


def test_a_store_counts_a_chunk_checked_again() -> None:
    from disclint.findings import Finding, Location, Severity
    from disclint.findingstore import CorruptChunk, Encoded, FindingStore

    def finding(code: str, severity: Severity) -> Finding:
        return Finding(code, code.lower(), severity, "m", Location("a.txt", 1, 1, 1, 2), {})

    def corrupt(data: bytes, path: str, counts: object) -> list[Finding]:
        raise CorruptChunk(path)

    fresh = [finding("FMT001", Severity.WARNING)]
    counted = ((sys.intern("ACC001"), Severity.ERROR), (sys.intern("ACC002"), Severity.ERROR))
    store = FindingStore(
        [[finding("NUM001", Severity.INFO)], Encoded(b"", "a.txt", counted, corrupt, lambda p: fresh)]
    )
    assert (len(store), store.severities[Severity.ERROR], store.codes["ACC001"]) == (3, 2, 1)
    assert store.chunk(1) == fresh
    assert len(store) == 2 and dict(store.severities) == {Severity.INFO: 1, Severity.WARNING: 1}
    assert dict(store.codes) == {"NUM001": 1, "FMT001": 1}
    assert list(store) == [finding("NUM001", Severity.INFO), *fresh]  # kept: not checked twice
    with_no_recheck = Encoded(b"", "a.txt", counted, corrupt)
    import pytest

    with pytest.raises(CorruptChunk):
        FindingStore([with_no_recheck]).chunk(0)
