"""The findings of a big run, held compactly: one compressed chunk per file.

A batch of 10,000 reports has some 54,000 findings. As :class:`~disclint.findings.Finding`
objects (with their messages, source lines and contexts) they take ~3 KiB each; a
:class:`FindingStore` keeps each file's findings as one zlib-compressed pickle (a few hundred
bytes) and gives them back as ``Finding`` objects one file at a time (:meth:`FindingStore.chunks`),
so a renderer that writes as it goes never holds more than one file's findings. The counts the
summaries need are kept as the chunks are added (:func:`tally`).

A file whose findings come from the result cache is kept as the cache stored them
(:class:`Encoded`: the entry's compressed JSON) and decoded, and validated, only when its
findings are read, so a re-run decodes each entry once. Should they then turn out not to be
valid, the file is checked again (:attr:`Encoded.recheck`) and the store's counts follow. The
JSON output takes a cached file's findings as the text the cache keeps (:meth:`FindingStore.texts`,
:attr:`Encoded.as_text`), validated but never made into ``Finding`` objects.

Pickle is safe here and only here: the chunks are made and read by this process, in memory, and
never leave it (the result cache on disk is JSON, see :mod:`disclint.batch.cache`). It is the
fastest round trip of a ``Finding`` the standard library has (about 3x JSON's).
"""

from __future__ import annotations

import pickle
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import overload

from .findings import Finding, Severity

_EMPTY = zlib.compress(pickle.dumps([]))
_CODE, _SEVERITY = itemgetter(0), itemgetter(1)  # of a (code, severity) count

Counts = tuple[tuple[str, Severity], ...]


class CorruptChunk(ValueError):
    """Encoded findings that cannot be decoded, or are not those their counts say."""


class Encoded(Sequence[Finding]):
    """One file's findings, still encoded: ``decode(data, path, counts)`` gives them (sorted,
    located in ``path``) or raises :class:`CorruptChunk`; ``recheck(path)`` then gives them
    afresh (and :attr:`counts` becomes theirs). ``counts`` holds each finding's (code,
    severity), so that a store counts them without decoding; :meth:`moved` gives the same
    findings under another path. ``as_text(data, path, counts)``, when given, is the findings'
    text as the JSON output writes them (:func:`disclint.render.json.findings_text`), or raises
    :class:`CorruptChunk`."""

    __slots__ = ("as_text", "counts", "data", "decode", "path", "recheck")

    def __init__(
        self,
        data: bytes,
        path: str,
        counts: Counts,
        decode: Callable[[bytes, str, Counts], list[Finding]],
        recheck: Callable[[str], list[Finding]] | None = None,
        as_text: Callable[[bytes, str, Counts], str] | None = None,
    ) -> None:
        self.data = data
        self.path = path
        self.counts = counts
        self.decode = decode
        self.recheck = recheck
        self.as_text = as_text

    def moved(self, path: str) -> Encoded:
        if path == self.path:
            return self
        return Encoded(self.data, path, self.counts, self.decode, self.recheck, self.as_text)

    def findings(self) -> list[Finding]:
        try:
            return self.decode(self.data, self.path, self.counts)
        except CorruptChunk:
            if self.recheck is None:
                raise
            found = self.recheck(self.path)
            self.counts = tuple((f.code, f.severity) for f in found)
            return found

    def __len__(self) -> int:
        return len(self.counts)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings())

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Finding]: ...
    def __getitem__(self, index: int | slice) -> Finding | Sequence[Finding]:
        return self.findings()[index]


class FindingStore(Sequence[Finding]):
    """An append-only sequence of findings, stored a chunk (usually one file's findings) at a time."""

    def __init__(self, chunks: Iterable[Sequence[Finding]] = ()) -> None:
        self._chunks: list[bytes | Encoded] = []
        self._sizes: list[int] = []
        self.severities: Counter[Severity] = Counter()
        self.codes: Counter[str] = Counter()
        for chunk in chunks:
            self.add(chunk)

    def add(self, findings: Sequence[Finding]) -> int | None:
        """Append ``findings`` (in their order) as one chunk; its index (None when empty). An
        :class:`Encoded` chunk is kept as it is."""
        if not findings:
            return None
        if isinstance(findings, Encoded):
            self.codes.update(map(_CODE, findings.counts))  # counted in C: a re-run adds thousands
            self.severities.update(map(_SEVERITY, findings.counts))
            self._chunks.append(findings)
        else:
            for f in findings:
                self.severities[f.severity] += 1
                self.codes[f.code] += 1
            self._chunks.append(zlib.compress(pickle.dumps(list(findings), pickle.HIGHEST_PROTOCOL), 1))
        self._sizes.append(len(findings))
        return len(self._chunks) - 1

    def chunk(self, index: int) -> list[Finding]:
        """The findings of chunk ``index``."""
        stored = self._chunks[index]
        if isinstance(stored, Encoded):
            before = stored.counts
            decoded = stored.findings()
            if stored.counts is not before:  # not valid: checked again, and counted again
                self._recount(index, before, decoded)
            return decoded
        found: list[Finding] = pickle.loads(zlib.decompress(stored))
        return found

    def _recount(self, index: int, before: Counts, found: list[Finding]) -> None:
        for code, severity in before:
            self.severities[severity] -= 1
            self.codes[code] -= 1
        for f in found:
            self.severities[f.severity] += 1
            self.codes[f.code] += 1
        for counter in (self.severities, self.codes):
            for key in [k for k, n in counter.items() if n <= 0]:
                del counter[key]  # as if never counted
        self._sizes[index] = len(found)
        self._chunks[index] = zlib.compress(pickle.dumps(found, pickle.HIGHEST_PROTOCOL), 1)

    def take(self, index: int) -> Sequence[Finding]:
        """The findings of chunk ``index`` for the last time (then freed): an :class:`Encoded`
        chunk stays encoded."""
        stored = self._chunks[index]
        found = stored if isinstance(stored, Encoded) else self.chunk(index)
        self.release(index)
        return found

    def release(self, index: int) -> None:
        """Free chunk ``index`` (read for the last time); it reads as empty from then on."""
        self._chunks[index] = _EMPTY

    def chunks(self) -> Iterator[list[Finding]]:
        """The findings, a chunk at a time, in order."""
        for index in range(len(self._chunks)):
            yield self.chunk(index)

    def texts(self, render: Callable[[Sequence[Finding]], str]) -> Iterator[str]:
        """``render`` of each chunk, in order; an :class:`Encoded` chunk's text as it keeps it
        (:attr:`Encoded.as_text`: ``render`` must be the function that wrote it), unless it
        turns out not to be valid (then decoded, checked again and recounted: :meth:`chunk`)."""
        for index, stored in enumerate(self._chunks):
            if isinstance(stored, Encoded) and stored.as_text is not None:
                try:
                    yield stored.as_text(stored.data, stored.path, stored.counts)
                    continue
                except CorruptChunk:
                    pass
            yield render(self.chunk(index))

    def __len__(self) -> int:
        return sum(self._sizes)

    def __iter__(self) -> Iterator[Finding]:
        for chunk in self.chunks():
            yield from chunk

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Finding]: ...
    def __getitem__(self, index: int | slice) -> Finding | Sequence[Finding]:
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += len(self)
        for chunk, size in enumerate(self._sizes):
            if 0 <= index < size:
                return self.chunk(chunk)[index]
            index -= size
        raise IndexError("finding index out of range")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (FindingStore, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


def chunks_of(findings: Sequence[Finding]) -> Iterable[Sequence[Finding]]:
    """``findings`` a chunk at a time: a store's own chunks, else the whole sequence as one."""
    return findings.chunks() if isinstance(findings, FindingStore) else (findings,)


def texts_of(findings: Sequence[Finding], render: Callable[[Sequence[Finding]], str]) -> Iterable[str]:
    """``render`` of ``findings`` a chunk at a time (:meth:`FindingStore.texts`)."""
    return findings.texts(render) if isinstance(findings, FindingStore) else (render(findings),)


def tally(findings: Sequence[Finding]) -> tuple[Counter[Severity], Counter[str]]:
    """How many findings per severity and per code, without decoding a store."""
    if isinstance(findings, FindingStore):
        return findings.severities, findings.codes
    return Counter(f.severity for f in findings), Counter(f.code for f in findings)
