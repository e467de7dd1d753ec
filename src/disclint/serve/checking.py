"""One check of uploaded files: bytes in, reports and findings (in both languages) out.

Nothing here opens a path: the uploaded bytes are read in memory (``readers.read_bytes``), and the
client's file name is only a label, cleaned by :func:`display_name`. The pack is chosen by name
from the packs the server knows (:meth:`Packs.names`), never from a path the client sends.

Checks run in parallel threads (the server's thread pool): the parser keeps no per-run state on
shared objects, the rules and packs are read-only once loaded. Two native engines are the
exception: PDFium and the OCR engine are entered by one thread at a time, under the readers' own
lock (``readers/engines.py``), which also covers serve's page images.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .. import engine
from ..config import Resolution, resolve
from ..discover import REPORT_SUFFIXES
from ..findings import Finding
from ..nodes import Report
from ..packs.errors import PackError
from ..packs.resolve import available_packs
from ..parse import parse_document, unreadable
from ..readers import ReadFailure, read_bytes
from ..render import render

LANGS = ("zh", "en")
SARIF_ROOT = Path("/uploads")  # the uploads' virtual folder in SARIF (not the server's directory)
_NAME_MAX = 120
# what the upload form accepts: the reports `disclint check` finds, and page images (read by OCR)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
UPLOAD_SUFFIXES = REPORT_SUFFIXES + tuple(s for s in IMAGE_SUFFIXES if s not in REPORT_SUFFIXES)


@dataclass(frozen=True)
class Upload:
    name: str  # as the client sent it (untrusted)
    data: bytes


@dataclass(frozen=True)
class Result:
    """The reports of one check and their findings; ``findings[lang]`` are in the same order.
    ``data`` holds each report's uploaded bytes (for its page images) for as long as the result."""

    reports: tuple[Report, ...]
    findings: dict[str, list[Finding]]
    resolution: Resolution
    data: tuple[bytes, ...] = ()

    def json(self, lang: str) -> str:
        return render(self.findings[lang], "json", reports=self.reports)

    def sarif(self, lang: str) -> str:
        findings = self.findings[lang]
        first = self.reports[0].path if self.reports else "."
        return render(
            findings,
            "sarif",
            reports=self.reports,
            registry=self.resolution.registry,
            lang=lang,
            cwd=SARIF_ROOT,
            settings=self.resolution.settings_for(first),
            pack=self.resolution.pack_name,
        )

    def xlsx(self, lang: str) -> bytes:
        """The batch summary workbook (``disclint check --summary x.xlsx``) of these files."""
        from ..batch.export import xlsx_bytes
        from ..batch.facts import report_facts
        from ..batch.runner import BatchOutcome
        from ..batch.summary import build_summary
        from ..findingstore import FindingStore

        run, files, findings = self.resolution, [r.path for r in self.reports], self.findings[lang]
        packs = {path: run.pack_for(path).name for path in files}
        outcome = BatchOutcome(
            files, FindingStore([findings]), [report_facts(r) for r in self.reports], packs
        )
        summary = build_summary(outcome, findings, run.fail_on, run.organ_aliases, run.registry, files)
        return xlsx_bytes(summary, lang)


def display_name(raw: str, index: int) -> str:
    """The client's file name made safe to show and to use as a report's path: its last path
    component, without control characters, at most 120 characters; ``upload-N`` if nothing is left."""
    name = re.split(r"[\\/]", raw or "")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().lstrip(".")
    if len(name) > _NAME_MAX:
        suffix = PurePosixPath(name).suffix[:10]
        name = name[: _NAME_MAX - len(suffix)] + suffix
    return name or f"upload-{index}"


def unique_names(uploads: Sequence[Upload]) -> list[str]:
    """Display names, made distinct within one upload (``a.txt``, ``a (2).txt``)."""
    out: list[str] = []
    seen: set[str] = set()
    for i, up in enumerate(uploads, 1):
        name = display_name(up.name, i)
        candidate, n = name, 1
        while candidate in seen:
            n += 1
            stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
            candidate = f"{stem} ({n}){suffix}"
        seen.add(candidate)
        out.append(candidate)
    return out


def _unsupported(name: str) -> Report:
    suffix = PurePosixPath(name).suffix.lower() or "(none)"
    allowed = " ".join(UPLOAD_SUFFIXES)
    return unreadable(
        ReadFailure(
            name,
            "unsupported",
            f"{name}: file type {suffix} is not supported (supported: {allowed}).",
            f"{name}：不支持的文件类型 {suffix}（支持：{allowed}）。",
        )
    )


def parse_upload(name: str, data: bytes) -> Report:
    """Parse one upload in memory; a file that cannot be read becomes a report that yields PAR001."""
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        return _unsupported(name)
    doc = read_bytes(data, name)
    if isinstance(doc, ReadFailure):
        return unreadable(doc)
    try:
        return parse_document(doc)
    except Exception as exc:  # a parser bug is that file's PAR001, never a failed request
        return unreadable(ReadFailure(name, doc.kind, f"{name} could not be parsed: {exc!r}."))


class Packs:
    """The packs a visitor can choose, and their resolved settings (loaded once per pack)."""

    def __init__(self, config_file: str | None = None, cwd: Path | None = None) -> None:
        self.config_file = config_file
        self.cwd = (cwd or Path.cwd()).resolve()
        configured = self._resolve(None)  # raises PackError on a broken configuration or pack
        self.configured = configured.pack_name
        self._cache: dict[str, Resolution] = {self.configured: configured}
        self._lock = threading.Lock()

    def _resolve(self, pack: str | None) -> Resolution:
        return resolve(pack=pack, config_file=self.config_file, cwd=self.cwd, reg=engine.registry())

    def names(self) -> list[str]:
        """The configured pack first, then every shipped or plugin pack."""
        others = [n for n in available_packs(engine.registry().pack_files) if n != self.configured]
        return [self.configured, *others]

    def choose(self, name: str | None) -> Resolution:
        """The run settings for a client's choice (empty: the configured pack); only a name of
        :meth:`names` is accepted, anything else (a path included) is a ``PackError``."""
        name = name or self.configured
        if name not in self.names():
            raise PackError("<form>", 0, 0, f"unknown pack {name!r} (available: {', '.join(self.names())})")
        with self._lock:
            if name not in self._cache:
                self._cache[name] = self._resolve(name)
            return self._cache[name]


def check(uploads: Sequence[Upload], resolution: Resolution) -> Result:
    """Parse and check ``uploads`` as one batch; messages in every language of :data:`LANGS`."""
    names = unique_names(uploads)
    reports = tuple(parse_upload(name, up.data) for name, up in zip(names, uploads, strict=True))
    findings = {
        lang: engine.run(list(reports), resolution.settings_for, lang, resolution.registry) for lang in LANGS
    }
    return Result(reports, findings, resolution, tuple(up.data for up in uploads))
