"""The PDF pre-check finds object headers and stream starts exactly as its old patterns did.

The old patterns (kept here as the specification) started with a character class or ``\\b``, so the
regex engine tried them at every byte of the file (a third of the reader's time on hongze2024.pdf);
the pre-check now finds the keyword and checks the rest around it. Hypothesis compares both on
byte strings made of the pieces that matter, including number runs longer than the first window
the header check reads backwards.
"""

from __future__ import annotations

import random
import re
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclint import limits
from disclint.readers import guard
from disclint.readers.guard import (
    MAX_DEFLATE_RATIO,
    check_pdf,
    could_exceed,
    object_headers,
    stream_keywords,
    stream_starts,
)

OLD_OBJ = re.compile(rb"\d+\s+\d+\s+obj\b")
OLD_STREAM = re.compile(rb"\bstream\r?\n")

PIECES = [
    b"obj",
    b"endobj",
    b"objx",
    b"stream\n",
    b"stream\r\n",
    b"endstream",
    b"xstream\n",
    b"_stream\n",
    b"stream",
    b"1",
    b"12",
    b"9" * 70,
    b" ",
    b" " * 70,
    b"\n",
    b"\r",
    b"\t",
    b"\x0b",
    b"\x0c",
    b"\xa0",
    b"\x00",
    b"x",
    b"o",
    b"<<",
]


def pdf_like(max_size: int = 60) -> st.SearchStrategy[bytes]:
    return st.lists(st.sampled_from(PIECES), max_size=max_size).map(b"".join)


@settings(max_examples=400)
@given(pdf_like())
def test_object_headers_as_before(data: bytes) -> None:
    assert [end for _, end in object_headers(data)] == [m.end() for m in OLD_OBJ.finditer(data)]


@settings(max_examples=400)
@given(pdf_like())
def test_stream_starts_as_before(data: bytes) -> None:
    assert stream_starts(data) == [m.span() for m in OLD_STREAM.finditer(data)]
    # the ends found in the same search are those a search of their own finds
    assert stream_keywords(data)[1] == [m.start() for m in re.finditer(b"endstream", data)]


@pytest.mark.parametrize(
    ("data", "headers"),
    [
        (b"1 0 obj", 1),
        (b"12 0 obj<<", 1),
        (b"1" + b" " * 500 + b"0" + b"\n" * 300 + b"obj ", 1),  # numbers far before the keyword
        (b"1 0 objx", 0),  # not the keyword
        (b"1 obj", 0),  # one number only
        (b"x 0 obj", 0),
        (b"1 0 obj 2 0 obj", 2),
        (b" " * 1000 + b"0 obj", 0),  # a long run of whitespace and one number
    ],
)
def test_object_headers_examples(data: bytes, headers: int) -> None:
    assert sum(1 for _ in object_headers(data)) == headers


def _passes_then_refused(data: bytes, key: str, passes: int, refused: int) -> limits.LimitExceeded:
    """``check_pdf(data)`` passes with limit ``key`` at ``passes`` and is refused at ``refused``."""
    with limits.using(limits.DEFAULT.with_values({key: passes}, "test")):
        check_pdf(data)
    with limits.using(limits.DEFAULT.with_values({key: refused}, "test")):
        with pytest.raises(limits.LimitExceeded) as raised:
            check_pdf(data)
    assert raised.value.limit.key == key
    return raised.value


def test_more_object_headers_than_the_limit_are_refused() -> None:
    data = b"%PDF-1.7\n" + b"".join(b"%d 0" % i + b" " * 100 + b"obj\n<<>>\nendobj\n" for i in range(1, 6))
    _passes_then_refused(data, "pdf-objects", 5, 4)


# --------------------------------------------------------------------------- the deflate bound


def _flate_object(number: int, data: bytes, filters: bytes = b"/FlateDecode") -> bytes:
    return (
        b"%d 0 obj\n<< /Length %d /Filter %s >>\nstream\n" % (number, len(data), filters)
        + data
        + b"\nendstream\nendobj\n"
    )


def _inflated_streams(monkeypatch: pytest.MonkeyPatch, data: bytes) -> list[int]:
    """Byte offsets of the streams ``check_pdf`` inflates to measure them."""
    seen: list[int] = []
    real = guard._inflated_size

    def spy(stream: memoryview, offset: int) -> None:
        seen.append(offset)
        real(stream, offset)

    monkeypatch.setattr(guard, "_inflated_size", spy)
    check_pdf(data)
    return seen


def test_the_bound_is_deflates_largest_expansion_below_the_ratio_floor() -> None:
    # 1032 * n + 258 < 1 MiB up to n = 1015: no limit can refuse what such a stream inflates to
    assert not could_exceed(1015)
    assert could_exceed(1016)
    with limits.using(limits.DEFAULT.with_values({"part-size": 10_578}, "test")):
        assert not could_exceed(10)  # 10,578 bytes at most: not over the part size
        assert could_exceed(11)


def test_deflate_never_expands_past_the_bound() -> None:
    for size in (1, 100, 5_000, 200_000):
        packed = zlib.compress(b"\0" * size, 9)
        assert size <= MAX_DEFLATE_RATIO * len(packed) + 258


def test_only_short_flate_only_streams_are_left_uninflated(monkeypatch: pytest.MonkeyPatch) -> None:
    short = zlib.compress(b"BT /F1 12 Tf (x) Tj ET\n" * 20)
    long = zlib.compress(random.Random(0).randbytes(4_000))  # does not compress
    assert len(short) < 1015 < len(long)
    data = b"%PDF-1.7\n" + _flate_object(1, short) + _flate_object(2, long)
    data += _flate_object(3, short, b"[/FlateDecode /ASCIIHexDecode]")  # a chain: always inflated
    data += _flate_object(4, short, b"[ /FlateDecode ]")  # one filter in an array: bounded
    inflated = _inflated_streams(monkeypatch, data)
    offsets = [keyword for keyword, _ in stream_starts(data)]
    assert inflated == [offsets[1], offsets[2]]


def test_a_short_stream_over_a_lowered_part_size_is_still_refused() -> None:
    packed = zlib.compress(b"\0" * 30_000, 9)  # a few dozen bytes: over the bound of 20,000
    _passes_then_refused(b"%PDF-1.7\n" + _flate_object(1, packed), "part-size", 30_000, 20_000)


def test_a_stream_with_a_wrong_checksum_is_counted_to_its_end() -> None:
    packed = bytearray(zlib.compress(b"\0" * 5_000, 9))
    packed[-1] ^= 0xFF  # the Adler-32 checksum: zlib refused the step that inflated all 5,000 bytes
    data = b"%PDF-1.7\n" + _flate_object(1, bytes(packed))
    with limits.using(limits.DEFAULT.with_values({"part-size": 4_000}, "test")):
        with pytest.raises(limits.LimitExceeded) as raised:
            check_pdf(data)
    assert raised.value.actual == 5_000


def test_a_stream_that_is_not_zlib_is_left_to_pdfium() -> None:
    bad_header = b"\x78\x00" + zlib.compress(b"\0" * 5_000)[2:]  # (0x7800 % 31 != 0)
    data = b"%PDF-1.7\n" + _flate_object(1, bad_header)
    with limits.using(limits.DEFAULT.with_values({"part-size": 4_000}, "test")):
        check_pdf(data)  # zlib refuses it at its first byte, as it always did


def test_the_pdf_check_inflates_with_zlib_ng() -> None:
    # the declared dependency (twice as fast as the system's zlib on hongze2024.pdf's fonts)
    assert guard._inflating.__name__ == "zlib_ng.zlib_ng"


@pytest.fixture(params=["zlib-ng", "zlib"])
def inflater(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The check as installed (zlib-ng), and as on a platform without zlib-ng's wheel."""
    if request.param == "zlib":
        monkeypatch.setattr(guard, "_inflating", zlib)
        monkeypatch.setattr(guard, "_INFLATE_ERRORS", (zlib.error,))
    return str(request.param)


def test_a_flate_bomb_is_refused_with_its_size_by_either_inflater(inflater: str) -> None:
    data = b"%PDF-1.7\n" + _flate_object(1, zlib.compress(b"\0" * 3_000_000, 9))
    with pytest.raises(limits.LimitExceeded) as raised:
        check_pdf(data)
    assert raised.value.limit.key == "compression-ratio"
    with limits.using(limits.DEFAULT.with_values({"compression-ratio": 10**6}, "test")):
        check_pdf(data)  # the same stream under a looser ratio: measured to its end, accepted
    with limits.using(
        limits.DEFAULT.with_values({"compression-ratio": 10**6, "part-size": 2_000_000}, "test")
    ):
        with pytest.raises(limits.LimitExceeded) as raised:
            check_pdf(data)
    assert raised.value.limit.key == "part-size"


def test_a_stream_damaged_after_its_start_is_left_to_pdfium_by_either_inflater(inflater: str) -> None:
    rng = random.Random(3)
    text = b"".join(
        b"BT /F%d %d Tf (%d) Tj ET\n" % (rng.randrange(9), rng.randrange(40), i) for i in range(20_000)
    )
    packed = zlib.compress(text, 6)
    damaged = packed[:2_000] + b"\xff" * 64 + packed[2_064:]  # an invalid block midway
    with pytest.raises(zlib.error):
        zlib.decompress(damaged)
    check_pdf(b"%PDF-1.7\n" + _flate_object(1, damaged))  # inflating stops at the damage: no error
