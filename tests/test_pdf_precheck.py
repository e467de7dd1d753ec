"""The PDF pre-check finds object headers and stream starts exactly as its old patterns did.

The old patterns (kept here as the specification) started with a character class or ``\\b``, so the
regex engine tried them at every byte of the file (a third of the reader's time on hongze2024.pdf);
the pre-check now finds the keyword and checks the rest around it. Hypothesis compares both on
byte strings made of the pieces that matter, including number runs longer than the first window
the header check reads backwards.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclint import limits
from disclint.readers.guard import check_pdf, object_headers, stream_starts

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


def test_more_object_headers_than_the_limit_are_refused() -> None:
    data = b"%PDF-1.7\n" + b"".join(b"%d 0" % i + b" " * 100 + b"obj\n<<>>\nendobj\n" for i in range(1, 6))
    with limits.using(limits.DEFAULT.with_values({"pdf-objects": 5}, "test")):
        check_pdf(data)
    with limits.using(limits.DEFAULT.with_values({"pdf-objects": 4}, "test")):
        with pytest.raises(limits.LimitExceeded) as raised:
            check_pdf(data)
    assert raised.value.limit.key == "pdf-objects"
