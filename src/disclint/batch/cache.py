"""The result cache: one JSON file per checked file, keyed like ruff's.

key = sha256(file content) + sha256(disclint version, language, the pack that judges the file
(its file's bytes, its rules' metadata), the effective rule settings for the file, the rule
registry). An entry holds the file's report-level findings and its facts; a re-run over unchanged
files only reads these and re-renders.

The cache is data another program (or user) may have written: entries are JSON, never pickle,
every field is validated, and an entry that cannot be read or does not validate is a miss. The
default directory is the private per-user one (:func:`disclint.user_cache.secure_cache_dir`),
never the shared temporary directory.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import __version__
from ..findings import Finding, Location, Severity
from ..readers.base import NativeLocation
from ..render.json import jsonable
from ..user_cache import secure_cache_dir
from .facts import ReportFacts
from .worker import FileResult, Job, resolution

FORMAT = 1
SUBDIR = "results"
_HASH_CHUNK = 1 << 20


def default_cache_dir() -> Path | None:
    return secure_cache_dir(SUBDIR)


class ResultCache:
    """Entries under ``directory/<2 hex>/<key>.json``."""

    def __init__(self, directory: Path, job: Job) -> None:
        self.directory = directory
        self.job = job
        self._settings_keys: dict[tuple[int, ...], str] = {}
        self.hits = 0
        self.misses = 0

    # -- keys ---------------------------------------------------------------------------------

    def key(self, path: str) -> str | None:
        """The entry key for ``path`` (None when the file cannot be read: no caching then)."""
        digest = hashlib.sha256()
        if not os.path.isfile(path):  # a FIFO or device is never opened (it could block forever)
            return None
        try:
            with open(path, "rb") as fh:
                while chunk := fh.read(_HASH_CHUNK):
                    digest.update(chunk)
        except OSError:
            return None
        digest.update(self._settings_key(path).encode())
        return digest.hexdigest()

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

    def _entry(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    # -- reading and writing ------------------------------------------------------------------

    def get(self, key: str, path: str) -> FileResult | None:
        entry = self._entry(key)
        try:
            with open(entry, encoding="utf-8") as fh:
                data = json.load(fh)
            result = result_from_json(data, key, path)
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
            result = None  # missing or corrupt: a miss
        if result is None:
            self.misses += 1
        else:
            self.hits += 1
        return result

    def put(self, key: str, result: FileResult) -> None:
        entry = self._entry(key)
        data = result_to_json(result, key)
        try:
            entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=entry.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, entry)
        except OSError:
            return  # a cache that cannot be written only costs time


def result_to_json(result: FileResult, key: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "key": key,
        "pack": result.pack,
        "facts": result.facts.as_dict(),
        "findings": [finding_to_json(f) for f in result.findings],
    }


def result_from_json(data: Any, key: str, path: str) -> FileResult | None:
    """The cached result for ``path``, or None when ``data`` is not a valid entry for ``key``."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT or data.get("key") != key:
        return None
    findings = data["findings"]
    if not isinstance(findings, list):
        return None
    facts = ReportFacts.from_dict({**data["facts"], "path": path})
    return FileResult(
        path, facts, tuple(finding_from_json(f, path) for f in findings), str(data["pack"]), cached=True
    )


def finding_to_json(f: Finding) -> dict[str, Any]:
    loc = f.location
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "message": f.message,
        "span": [loc.line, loc.column, loc.end_line, loc.end_column],
        "native": loc.native.as_dict() if loc.native is not None else None,
        "context": jsonable(f.context),
        "logical_path": f.logical_path,
        "snippet": f.snippet,
        "line_text": f.line_text,
    }


def finding_from_json(data: Mapping[str, Any], path: str) -> Finding:
    line, column, end_line, end_column = (int(n) for n in data["span"])
    native = data.get("native")
    context = data.get("context") or {}
    if not isinstance(context, dict):
        raise ValueError("context must be a mapping")
    return Finding(
        code=_text(data["code"]),
        name=_text(data["name"]),
        severity=Severity(data["severity"]),
        message=_text(data["message"]),
        location=Location(
            path, line, column, end_line, end_column, NativeLocation(**native) if native else None
        ),
        context=context,
        logical_path=_text(data.get("logical_path", "")),
        snippet=_text(data.get("snippet", "")),
        line_text=_text(data.get("line_text", "")),
    )


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a string")
    return value


def clean(directory: Path) -> int:
    """Remove every cache entry under ``directory`` (only what the cache writes); the number removed."""
    removed = 0
    if not directory.is_dir():
        return 0
    for sub in directory.iterdir():
        if len(sub.name) != 2 or not sub.is_dir() or sub.is_symlink():
            continue
        for entry in sub.iterdir():
            if entry.suffix in (".json", ".tmp") and entry.is_file() and not entry.is_symlink():
                entry.unlink(missing_ok=True)
                removed += 1
        if not any(sub.iterdir()):
            shutil.rmtree(sub, ignore_errors=True)
    return removed
