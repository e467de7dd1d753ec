"""The result cache: one zlib-compressed JSON file per checked file, keyed like ruff's.

key = sha256(file content) + sha256(disclint version and code fingerprint, language, the pack that judges the file
(its file's bytes, its rules' metadata), the effective rule settings for the file, the rule
registry). An entry holds the file's report-level findings and its facts; a re-run over unchanged
files only reads these and re-renders.

The cache is data another program (or user) may have written: entries are JSON (compressed with
zlib), never pickle, and an entry that cannot be read or does not validate is a miss. Each entry
is decoded once: when it is read, only its head (the file's facts, the code and severity of each
finding, and the size and CRC-32 of the findings and figures that follow) is decoded and
validated; a truncated or damaged entry is a miss there. The findings are kept compressed as
they are (:class:`~disclint.findingstore.Encoded`), and decoded and validated only when they are
written; the figures only when the cross-year rules pair the report. The findings are stored as
the JSON output writes them (with the path left out): a re-run that writes JSON parses that text
to validate it (JSON syntax, the keys, types and order of every finding, the head's counts) and
then writes it as it is, with the file's path put in, instead of making ``Finding`` objects and
writing them again. Should either turn out not
to be valid then (an entry written by hand, with a right CRC), that file is checked again in
this process, its new entry written, and its fresh findings or facts used instead
(:meth:`ResultCache.recheck`), as for any miss.
The default directory is the private per-user one (:func:`disclint.user_cache.secure_cache_dir`),
never the shared temporary directory.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import stat
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import __version__
from ..findings import Finding, Location, Severity
from ..findingstore import CorruptChunk, Encoded
from ..readers.base import NativeLocation
from ..render.json import findings_text, jsonable, placed
from ..resources import code_fingerprint
from ..user_cache import secure_cache_dir
from .facts import ReportFacts
from .worker import FileResult, Job, check_file, internal_error, resolution

FORMAT = 4  # 3: heads hold counts, sizes and CRCs; facts say whether the file is judged as a report
# 4: findings kept as the JSON output's text (and their logical paths, snippets and line texts)
SUBDIR = "results"
SUFFIX = ".jz"  # zlib-compressed JSON (format 1 entries were plain ``.json``)
INDEX = "index.json"
SETTLED_NS = 3_000_000_000  # a file's stamp is trusted once it is this old (FAT keeps 2 s ticks)
MAX_INDEX = 200_000  # files the index keeps beyond those of the run
_HASH_CHUNK = 1 << 20


def default_cache_dir() -> Path | None:
    return secure_cache_dir(SUBDIR)


Stamp = tuple[int, int, int, int, int]  # st_dev, st_ino, st_size, st_mtime_ns, st_ctime_ns


def stamp(st: os.stat_result) -> Stamp:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class ResultCache:
    """Entries under ``directory/<2 hex>/<key>.jz``, and the stat index ``directory/index.json``.

    The index is the fast path of a re-run (like git's index and ruff's cache): for each file it
    keeps the stat stamp (device, inode, size, mtime and ctime in ns) the key was computed from,
    and a file whose stamp is unchanged is not read again. Only *settled* files are recorded:
    files whose mtime and ctime were more than :data:`SETTLED_NS` old when they were hashed. A
    later edit then always moves the ctime (which no program can set back), even on a file system
    with 2-second timestamps and even when the size and mtime are kept; a file that is still being
    written, or was edited within the same timestamp tick, is hashed every time until it settles.
    """

    def __init__(self, directory: Path, job: Job) -> None:
        self.directory = directory
        self._root = os.fspath(directory)
        self.job = job
        self._settings_keys: dict[tuple[int, ...], str] = {}
        self.hits = 0
        self.misses = 0
        self.hashed = 0  # files read and hashed (the rest: stamp unchanged)
        self._index: dict[str, tuple[Stamp, str, str]] | None = None  # path -> (stamp, settings, key)
        self._recorded: dict[str, tuple[Stamp, str, str]] = {}
        self._indexed: set[str] | None = None  # the keys the index knows
        self._rechecked: dict[str, FileResult] = {}  # entries that turned out not to be valid

    # -- keys ---------------------------------------------------------------------------------

    def key(self, path: str) -> str | None:
        """The entry key for ``path`` (None when the file cannot be read: no caching then)."""
        try:
            before = os.stat(path)
        except (OSError, ValueError):
            return None
        if not stat.S_ISREG(before.st_mode):  # a FIFO or device is never opened (it could block forever)
            return None
        settings = self._settings_key(path)
        name = os.path.abspath(path)
        known = self._load_index().get(name)
        if known is not None and known[0] == stamp(before) and known[1] == settings:
            self._recorded[name] = known
            return known[2]
        digest = hashlib.sha256()
        try:
            with open(path, "rb") as fh:
                while chunk := fh.read(_HASH_CHUNK):
                    digest.update(chunk)
                after = os.fstat(fh.fileno())
        except OSError:
            return None
        self.hashed += 1
        digest.update(settings.encode())
        key = digest.hexdigest()
        settled = time.time_ns() - SETTLED_NS
        if stamp(after) == stamp(before) and max(before.st_mtime_ns, before.st_ctime_ns) < settled:
            self._recorded[name] = (stamp(before), settings, key)
        return key

    def stored(self, key: str) -> bool:
        """An entry for ``key`` is (most likely) there: the index knows it, or its file exists."""
        if self._indexed is None:
            self._indexed = {known[2] for known in self._load_index().values()}
        return key in self._indexed or os.path.exists(self._entry(key))

    # -- the stat index -----------------------------------------------------------------------

    def _load_index(self) -> dict[str, tuple[Stamp, str, str]]:
        if self._index is None:
            self._index = read_index(self.directory / INDEX)
        return self._index

    def save_index(self) -> None:
        """Write the stamps of this run's files (and keep the others', up to a bound)."""
        index = self._load_index()
        if all(index.get(n) == v for n, v in self._recorded.items()):
            return  # nothing new
        merged = {**index, **self._recorded}
        if len(merged) > MAX_INDEX:
            merged = dict(self._recorded)
        data = {
            "format": FORMAT,
            "files": {n: [*st, settings, key] for n, (st, settings, key) in merged.items()},
        }
        try:
            fd, tmp = tempfile.mkstemp(prefix=".index.", suffix=".tmp", dir=self.directory)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                # ASCII (a file name may hold surrogates); dumps, not dump: the C encoder, in one go
                fh.write(json.dumps(data, separators=(",", ":")))
            os.replace(tmp, self.directory / INDEX)
        except OSError:
            return  # only costs time

    def _settings_key(self, path: str) -> str:
        run = resolution(self.job)
        # files matched by the same per-path entries share their settings
        memo = tuple(id(o) for o in run.overrides_for(path)) if run.config.overrides else ()
        if memo not in self._settings_keys:
            pack = run.pack_for(path)
            settings = run.settings_for(path)
            try:
                pack_bytes = pack.path.read_bytes().hex()
            except OSError:
                pack_bytes = ""
            basis = {
                "disclint": __version__,
                "code": code_fingerprint(),
                "format": FORMAT,
                "lang": run.lang,
                "pack": [pack.name, list(pack.sources), pack_bytes],
                "pack_rules": [[r.code, r.message_zh, r.message_en, r.summary] for r in pack.rules],
                "settings": {
                    code: [s.enabled, s.severity.value, jsonable(dict(s.params))]
                    for code, s in sorted(settings.items())
                },
                "rules": sorted([r.code, r.origin, r.scope] for r in run.registry.rules.values()),
            }
            text = json.dumps(basis, sort_keys=True, ensure_ascii=False, default=str)
            self._settings_keys[memo] = hashlib.sha256(text.encode()).hexdigest()
        return self._settings_keys[memo]

    def _entry(self, key: str) -> str:
        return f"{self._root}/{key[:2]}/{key}{SUFFIX}"  # a str: Path (or os.path.join) costs more per file

    # -- reading and writing ------------------------------------------------------------------

    def get(self, key: str, path: str) -> FileResult | None:
        entry = self._entry(key)
        try:
            with open(entry, "rb") as fh:
                raw = fh.read()
            result = result_from_bytes(raw, key, path, functools.partial(self._found_again, key, path))
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError, zlib.error):
            result = None  # missing or corrupt: a miss
        if result is None:
            self.misses += 1
        else:
            self.hits += 1
        return result

    def recheck(self, key: str, path: str) -> FileResult:
        """``path`` checked again in this process, its entry (``key``) rewritten: the entry read
        turned out not to be valid when its findings or figures were decoded. Once per entry."""
        if key not in self._rechecked:
            try:
                result = check_file(path, self.job)
            except Exception as exc:
                result = internal_error(path, self.job, f"{type(exc).__name__}: {exc}")
            if not result.errors:
                self.put(key, result)
            self.hits -= 1
            self.misses += 1
            self._rechecked[key] = result
        return self._rechecked[key]

    def refreshed(self, facts: ReportFacts) -> ReportFacts:
        """The facts of ``facts.path`` checked again (:meth:`recheck`): the figures of its entry
        turned out not to be valid."""
        key = self.key(facts.path)
        return facts if key is None else self.recheck(key, facts.path).facts

    def _found_again(self, key: str, path: str, shown: str) -> list[Finding]:
        """The findings of ``path`` checked again (:meth:`recheck`), located in ``shown``."""
        found = self.recheck(key, path).findings
        return [
            f if f.location.path == shown else replace(f, location=replace(f.location, path=shown))
            for f in found
        ]

    def put(self, key: str, result: FileResult) -> None:
        entry = self._entry(key)
        raw = result_to_bytes(result, key)
        try:
            os.makedirs(os.path.dirname(entry), mode=0o700, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=os.path.dirname(entry))
            with os.fdopen(fd, "wb") as fh:
                fh.write(raw)
            os.replace(tmp, entry)
        except OSError:
            return  # a cache that cannot be written only costs time


_HEX = frozenset("0123456789abcdef")


def _is_key(text: str) -> bool:
    """``text`` is a key as :meth:`ResultCache.key` makes them (a SHA-256 in hex)."""
    return len(text) == 64 and _HEX.issuperset(text)


def read_index(path: Path) -> dict[str, tuple[Stamp, str, str]]:
    """The stat index at ``path``; empty when missing or not valid (every file is hashed then)."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data["files"], dict):
            return {}
        out: dict[str, tuple[Stamp, str, str]] = {}
        shared: dict[str, str] = {}
        for name, item in data["files"].items():
            if (
                isinstance(item, list)
                and len(item) == 7
                and all(type(n) is int for n in item[:5])
                and all(isinstance(t, str) for t in item[5:])
                and _is_key(item[6])  # a key names an entry's file: never a path out of the cache
            ):
                settings = shared.setdefault(item[5], item[5])  # one string for the files of a run
                out[name] = ((item[0], item[1], item[2], item[3], item[4]), settings, item[6])
        return out
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return {}


def result_to_bytes(result: FileResult, key: str) -> bytes:
    """The entry for ``result``: zlib streams of UTF-8 (a file name's surrogates pass through):
    the head (JSON: the entry's key, the file's facts, each finding's code and severity, the
    size and CRC-32 of what follows), the findings (sorted; :func:`encode_findings`: two
    streams), then the facts' figures (:attr:`ReportFacts.figure_zip` as it is)."""
    facts = result.facts.as_dict()
    del facts["figures"]
    ordered = sorted(result.findings, key=Finding.sort_key)
    findings = encode_findings(ordered)
    figures = result.facts.figure_zip
    head = {
        "format": FORMAT,
        "key": key,
        "pack": result.pack,
        "facts": facts,
        "counts": [[f.code, f.severity.value] for f in ordered],
        "sizes": [len(findings), len(figures)],
        "crc": [zlib.crc32(findings), zlib.crc32(figures)],
    }
    return _zipped(head) + findings + figures


def encode_findings(findings: Sequence[Finding]) -> bytes:
    """Two zlib streams: the findings' text as the JSON output writes them, located in ``""``
    (:func:`~disclint.render.json.findings_text`: a re-run writes it as it is, with the file's
    path put in), then a JSON list of each finding's ``[logical path, snippet, line text]`` (the
    rest of a :class:`Finding`, read only when the findings are decoded)."""
    unlocated = [
        f if f.location.path == "" else replace(f, location=replace(f.location, path="")) for f in findings
    ]
    for f, u in zip(findings, unlocated, strict=True):
        u.__dict__["fingerprint"] = f.fingerprint  # the same finding: not hashed again
    sources = [[f.logical_path, f.snippet, f.line_text] for f in findings]
    return _zip_text(findings_text(unlocated)) + _zipped(sources)


def _zipped(data: Any) -> bytes:
    return _zip_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _zip_text(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


def _unzipped(raw: bytes) -> tuple[Any, bytes]:
    """The JSON of the zlib stream at the start of ``raw``, and the bytes after it."""
    text, rest = _unzipped_text(raw)
    return json.loads(text), rest


def _unzipped_text(raw: bytes) -> tuple[str, bytes]:
    """The text of the zlib stream at the start of ``raw``, and the bytes after it."""
    unzip = zlib.decompressobj()
    text = unzip.decompress(raw).decode("utf-8", "surrogatepass")
    if not unzip.eof:
        raise ValueError("truncated entry")
    return text, unzip.unused_data


def result_from_bytes(
    raw: bytes, key: str, path: str, recheck: Callable[[str], list[Finding]] | None = None
) -> FileResult | None:
    """The cached result for ``path``, or None when ``raw`` is not a valid entry for ``key``; raises
    (ValueError, TypeError, KeyError, zlib.error…) when its head is corrupt or the rest does not
    match it (size, CRC-32). The result keeps the compressed findings (:class:`Encoded`),
    decoded and checked when they are read or written (``recheck(shown path)`` gives them when
    they turn out not to be valid; without it :class:`CorruptChunk` is raised), and the facts
    keep the compressed figures."""
    head, rest = _unzipped(raw)
    if not isinstance(head, Mapping) or head.get("format") != FORMAT or head.get("key") != key:
        return None
    sizes, crcs = head["sizes"], head["crc"]
    if not (_two_ints(sizes) and _two_ints(crcs) and sum(sizes) == len(rest)):
        raise ValueError("sizes and CRCs of the entry's streams")
    findings, figure_zip = rest[: sizes[0]], rest[sizes[0] :]
    if zlib.crc32(findings) != crcs[0] or zlib.crc32(figure_zip) != crcs[1]:
        raise ValueError("damaged entry")
    facts = ReportFacts.from_dict({**head["facts"], "path": path}, figure_zip)
    encoded = Encoded(findings, path, _counts(head["counts"]), decode_findings, recheck, json_text)
    return FileResult(path, facts, encoded, _text(head["pack"]), cached=True)


def _two_ints(value: Any) -> bool:
    if type(value) is not list or len(value) != 2:
        return False
    a, b = value
    return type(a) is int and type(b) is int and a >= 0 and b >= 0


def decode_findings(raw: bytes, path: str, counts: tuple[tuple[str, Severity], ...]) -> list[Finding]:
    """The findings of :func:`encode_findings`'s ``raw``, located in ``path``; raises
    :class:`CorruptChunk` when they are not findings as it writes them, in the order they are
    kept in, with the codes and severities of ``counts`` (the entry's head)."""
    try:
        text, rest = _unzipped_text(raw)
        sources, tail = _unzipped(rest)
        items = _items(text, counts)
        if tail or type(sources) is not list or len(sources) != len(items):
            raise ValueError("not a logical path, snippet and line text per finding")
        return [_finding(item, more, path) for item, more in zip(items, sources, strict=True)]
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError, zlib.error) as exc:
        raise CorruptChunk(f"{path}: {exc}") from None


def json_text(raw: bytes, path: str, counts: tuple[tuple[str, Severity], ...]) -> str:
    """The findings of :func:`encode_findings`'s ``raw`` as the JSON output writes them
    (:func:`~disclint.render.json.findings_text`), located in ``path``: the text kept, once it
    is found to be findings as it writes them (:func:`decode_findings`'s checks; their logical
    paths, snippets and line texts are not read); raises :class:`CorruptChunk` when not."""
    try:
        text, _ = _unzipped_text(raw)
        out = placed(text, path, len(_items(text, counts)))
        if out is None:
            raise ValueError("the findings' paths are not where the JSON output has them")
        return out
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError, zlib.error) as exc:
        raise CorruptChunk(f"{path}: {exc}") from None


def _items(text: str, counts: tuple[tuple[str, Severity], ...]) -> list[dict[str, Any]]:
    """The findings of ``text`` (a :func:`findings_text`) as JSON objects, checked; raises
    ValueError (or TypeError, KeyError) when they are not those ``counts`` counts."""
    items = json.loads("[" + text + "]")  # text that is not values separated by commas fails here
    if _checked(items) != counts:
        raise ValueError("the findings are not those the entry's head counts")
    return items


def _counts(items: Any) -> tuple[tuple[str, Severity], ...]:
    """The (code, severity) pairs of an entry's head; raises ValueError (or KeyError)."""
    if type(items) is not list:
        raise ValueError("counts must be a list")
    known = _PAIRS.get
    pairs = [known((item[0], item[1])) if type(item) is list and len(item) == 2 else None for item in items]
    if None not in pairs:
        return tuple(pairs)  # type: ignore[arg-type]  # every pair seen before (the usual case)
    return tuple(
        _pair(*item) if type(item) is list and len(item) == 2 else _pair(None, None) for item in items
    )


def _pair(code: Any, severity: Any) -> tuple[str, Severity]:
    """One (code, severity) object per pair for the counts of every cached file (memory of a
    big run); raises ValueError when ``code`` is not a string or ``severity`` not a severity."""
    pair = _PAIRS.get((code, severity))
    if pair is None:
        if type(code) is not str or type(severity) is not str or severity not in _SEVERITIES:
            raise ValueError("a count is a code and a severity")
        pair = (sys.intern(code), _SEVERITIES[severity])
        if len(_PAIRS) < 10_000:
            _PAIRS[code, severity] = pair
    return pair


def _checked(items: Any) -> tuple[tuple[str, Severity], ...]:
    """Each finding's (code, severity); raises ValueError (or TypeError, KeyError) when ``items``
    are not findings as :func:`findings_text` writes them, in the order they are kept in."""
    if type(items) is not list:
        raise ValueError("findings must be a list")
    counts = []
    last: tuple[int, int, str] | None = None
    for item in items:
        code, severity, line, column = _check(item)
        order = (line, column, code)
        if last is not None and order < last:
            raise ValueError("findings out of order")  # written sorted, and given back as they are
        last = order
        counts.append(_pair(code, severity))
    return tuple(counts)


# one (code, severity) object per pair for the counts of every cached file (memory of a big run)
_PAIRS: dict[tuple[str, Any], tuple[str, Severity]] = {}


_SEVERITIES = {s.value: s for s in Severity}

# the keys of a finding and of its location as the JSON output writes them, in their order
_KEYS = ["code", "name", "severity", "message", "location", "context", "fingerprint", "logical_location"]
_PLACE = ["path", "line", "column", "end_line", "end_column"]


def _check(item: Any) -> tuple[str, Any, int, int]:
    """(code, severity, line, column) of a finding :func:`findings_text` wrote, located in
    ``""``; raises ValueError (or TypeError) when ``item`` is not one."""
    if type(item) is not dict or list(item) != _KEYS:
        raise ValueError("a finding has the keys of the JSON output, in their order")
    code, name, severity, message, where, context, fingerprint, logical = item.values()
    if not (type(code) is type(name) is type(message) is type(fingerprint) is type(logical) is str):
        raise ValueError("expected a string")
    if type(context) is not dict or type(where) is not dict:
        raise ValueError("context and location must be mappings")
    keys = list(where)
    if keys[:5] != _PLACE or where["path"] != "":
        raise ValueError("a location has the keys of the JSON output, in their order")
    line, column, end_line, end_column = (
        where["line"],
        where["column"],
        where["end_line"],
        where["end_column"],
    )
    if not (type(line) is type(column) is type(end_line) is type(end_column) is int):
        raise ValueError("expected an integer")
    if len(keys) > 5:
        _native(where, keys)  # its fields, no others
    return code, severity, line, column


def _native(where: dict[str, Any], keys: list[str]) -> NativeLocation | None:
    """The native location of a location object (the keys after its end column), or None."""
    return NativeLocation(**{k: where[k] for k in keys[5:]}) if len(keys) > 5 else None


def _finding(item: dict[str, Any], sources: Any, path: str) -> Finding:
    """The finding of a checked ``item`` (:func:`_check`), with its ``[logical path, snippet,
    line text]``, located in ``path``; raises ValueError when ``sources`` are not three strings."""
    if type(sources) is not list or len(sources) != 3 or not all(type(s) is str for s in sources):
        raise ValueError("a finding's logical path, snippet and line text are three strings")
    w = item["location"]
    native = _native(w, list(w))
    where = Location(path, w["line"], w["column"], w["end_line"], w["end_column"], native)
    found = Finding(
        item["code"],
        item["name"],
        _SEVERITIES[item["severity"]],
        item["message"],
        where,
        item["context"],
        *sources,
    )
    found.__dict__["fingerprint"] = item["fingerprint"]  # Finding.fingerprint is a cached_property
    return found


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a string")
    return value


def clean(directory: Path) -> int:
    """Remove every cache entry under ``directory`` (only what the cache writes); the number removed."""
    removed = 0
    if not directory.is_dir():
        return 0
    index = directory / INDEX
    if index.is_file() and not index.is_symlink():
        index.unlink(missing_ok=True)
    for sub in directory.iterdir():
        if len(sub.name) != 2 or not sub.is_dir() or sub.is_symlink():
            continue
        for entry in sub.iterdir():
            if entry.suffix in (SUFFIX, ".json", ".tmp") and entry.is_file() and not entry.is_symlink():
                entry.unlink(missing_ok=True)
                removed += 1
        if not any(sub.iterdir()):
            shutil.rmtree(sub, ignore_errors=True)
    return removed
