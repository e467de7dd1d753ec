"""Text reader and reader dispatch: encodings, line breaks, sniffing, failures, arbitrary bytes."""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclint import limits
from disclint.readers import Document, ReadFailure, read_bytes, read_path, sniff
from disclint.readers.guard import read_limited
from disclint.readers.text import decode_bytes, split_lines

from corpus import SEEDS

SAMPLE = "一、总体情况\n（一）主动公开\n共收到政府信息公开申请3件。\n"
SAMPLE_LINES = ["一、总体情况", "（一）主动公开", "共收到政府信息公开申请3件。"]


def texts(result: Document | ReadFailure) -> list[str]:
    assert isinstance(result, Document), result
    return [line.text for line in result.lines]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16le-bom", "utf16be-bom"],
)
def test_encodings_decode_to_the_same_lines(data: bytes, encoding: str) -> None:
    result = read_bytes(data, "report.txt")
    assert texts(result) == SAMPLE_LINES
    assert isinstance(result, Document)
    assert result.kind == "text"
    assert result.encoding == encoding
    assert all(line.native is None for line in result.lines)


def test_utf16_without_bom_is_recognised_from_its_nul_pattern() -> None:
    text = "Report 2020\n一、总体情况 phone 0951-6121130\n"
    assert texts(read_bytes(text.encode("utf-16-le"), "a.txt")) == [
        "Report 2020",
        "一、总体情况 phone 0951-6121130",
    ]
    assert texts(read_bytes(text.encode("utf-16-be"), "a.txt")) == [
        "Report 2020",
        "一、总体情况 phone 0951-6121130",
    ]


@pytest.mark.parametrize(
    ("raw", "lines"),
    [
        ("a\r\nb\r\nc\r\n", ["a", "b", "c"]),
        ("a\rb\rc", ["a", "b", "c"]),
        ("a\n\nb\n", ["a", "", "b"]),
        ("a\r\n\r\nb", ["a", "", "b"]),
        ("a\r\rb\n", ["a", "", "b"]),
        ("a\x0cb\u2028c\n", ["a\x0cb\u2028c"]),  # only CR/LF break lines, as in editors
        ("", []),
        ("\n", [""]),
    ],
)
def test_line_breaks(raw: str, lines: list[str]) -> None:
    assert split_lines(raw) == lines
    assert texts(read_bytes(raw.encode("utf-8"), "x.txt")) == lines


@pytest.mark.parametrize("stem", sorted(p.stem for p in SEEDS.glob("*.txt")))
def test_seed_line_n_is_source_line_n(stem: str) -> None:
    path = SEEDS / f"{stem}.txt"
    result = read_path(path)
    raw = path.read_text(encoding="utf-8")
    parts = raw.split("\n")
    if parts[-1] == "":
        parts.pop()
    assert texts(result) == parts
    assert len(parts) == raw.count("\n") + (0 if raw.endswith("\n") else 1)
    assert texts(read_bytes(raw.replace("\n", "\r\n").encode("gb18030"), "x.txt")) == texts(result)
    # the hand-checked section lines of the expected file point at the headings
    expected = (SEEDS.parent / "expected" / f"{stem}.yaml").read_text(encoding="utf-8")
    numerals = "一二三四五六"
    for number, line in re.findall(r"\{number: (\d), title: .*?, line: (\d+)\}", expected):
        assert texts(result)[int(line) - 1].strip().startswith(numerals[int(number) - 1] + "、")


def test_random_binary_with_nuls_is_refused() -> None:
    data = bytes(range(256)) * 8
    result = read_bytes(data, "bad.txt")
    assert isinstance(result, ReadFailure)
    assert result.reason == "bad.txt cannot be decoded as text (tried UTF-8, UTF-16, GB18030)."
    assert result.reason_zh
    assert decode_bytes(b"\x00\x01\x02abc\x00\xff\xfe") is None


def test_a_lying_utf16_bom_is_refused() -> None:
    assert isinstance(read_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8", "x.txt"), ReadFailure)


def test_markdown_goes_to_the_text_reader() -> None:
    result = read_bytes("# 一、总体情况\n- 1、机构职能\n".encode(), "report.md")
    assert isinstance(result, Document)
    assert result.kind == "text"
    assert texts(result) == ["# 一、总体情况", "- 1、机构职能"]


# --------------------------------------------------------------------------- sniffing


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\n\n%PDF-1.4 after junk", "pdf"),
        (_zip({"word/document.xml": b"<w:document/>"}), "docx"),
        (_zip({"content.xml": b"<office/>"}), "zip"),
        (b"PK\x03\x04 truncated", "docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "ole"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        (b"  <HTML>\n<BODY>x", "html"),
        (codecs.BOM_UTF16_LE + "<html><body>年报</body></html>".encode("utf-16-le"), "html"),
        ("一、总体情况 <input type=checkbox>".encode(), "text"),
    ],
)
def test_sniff_by_content(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


def test_content_wins_over_the_extension() -> None:
    html = "<html><body><p>一、总体情况</p></body></html>".encode()
    result = read_bytes(html, "report.txt")
    assert isinstance(result, Document)
    assert result.kind == "html"
    assert texts(result) == ["一、总体情况"]
    plain = read_bytes("一、总体情况\n".encode(), "report.pdf")
    assert isinstance(plain, Document)
    assert plain.kind == "text"


def test_binary_named_pdf_without_header_is_explained() -> None:
    result = read_bytes(bytes(range(256)) * 4, "report.pdf")
    assert isinstance(result, ReadFailure)
    assert result.kind == "pdf"
    assert "report.pdf is not a valid PDF file (no %PDF header)" in result.reason


def test_zip_that_is_not_a_word_document() -> None:
    result = read_bytes(_zip({"content.xml": b"<office/>"}), "report.docx")
    assert isinstance(result, ReadFailure)
    assert result.reason == "report.docx is a ZIP archive but not a Word document (no word/document.xml)."


def test_encrypted_office_document() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le")
    result = read_bytes(data, "secret.docx")
    assert isinstance(result, ReadFailure)
    assert result.reason.startswith("secret.docx is password-protected")


def test_legacy_doc() -> None:
    result = read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + b"WordDocument", "old.doc")
    assert isinstance(result, ReadFailure)
    assert "legacy binary Office file (.doc)" in result.reason


# --------------------------------------------------------------------------- read_path failures


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = read_path(missing)
    assert isinstance(result, ReadFailure)
    assert result.reason == f"{missing} does not exist."


def test_directory(tmp_path: Path) -> None:
    result = read_path(tmp_path)
    assert isinstance(result, ReadFailure)
    assert result.reason == f"{tmp_path} is a directory, not a file."


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "locked.txt"
    target.write_text("x", encoding="utf-8")

    def deny(self: Path, *args: object, **kwargs: object) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", deny)  # the reader opens the file to read at most file-size bytes
    result = read_path(target)
    assert isinstance(result, ReadFailure)
    assert result.reason == f"{target} cannot be opened: permission denied."


@pytest.mark.parametrize("told", [0, 10, 99, 100])
def test_a_file_longer_than_its_size_says_is_read_to_its_end_or_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: int
) -> None:
    """``read_limited`` reads what the file's size says, and on when there is more (a file that
    grew since, or one whose size is not known, as a pipe's): the whole file, or one byte over
    the limit, as when it read up to the limit at once."""
    target = tmp_path / "grown.txt"
    target.write_bytes(b"x" * 100)
    real_stat = Path.stat

    def stat(self: Path, *args: object, **kwargs: object) -> object:
        found = real_stat(self, *args, **kwargs)  # type: ignore[arg-type]
        if self != target:
            return found
        return type("Stat", (), {"st_size": told, "st_mode": found.st_mode})()

    monkeypatch.setattr(Path, "stat", stat)
    assert read_limited(target) == b"x" * 100
    if told <= 60:  # under the limit by its size, over it by what is read
        with limits.using(limits.DEFAULT.with_values({"file-size": 60}, "test")):
            with pytest.raises(limits.LimitExceeded):
                read_limited(target)


def test_read_path_reads_a_file(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    target.write_bytes(SAMPLE.encode("gb18030"))
    result = read_path(target)
    assert texts(result) == SAMPLE_LINES
    assert isinstance(result, Document)
    assert result.path == str(target)


# --------------------------------------------------------------------------- never raise

_PREFIXES = st.sampled_from(
    [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe"]
)
_SUFFIXES = st.sampled_from(["x.txt", "x.md", "x.pdf", "x.docx", "x.html", "x"])


@settings(max_examples=300, deadline=None)
@given(prefix=_PREFIXES, body=st.binary(max_size=2048), name=_SUFFIXES)
def test_arbitrary_bytes_never_raise(prefix: bytes, body: bytes, name: str) -> None:
    result = read_bytes(prefix + body, name)
    assert isinstance(result, Document | ReadFailure)
    if isinstance(result, ReadFailure):
        assert result.reason.startswith(name)
    else:
        assert all("\n" not in line.text and "\r" not in line.text for line in result.lines)


def test_regression_binary_with_nul_pattern_is_not_taken_for_utf16():
    # looked like UTF-16BE to the NUL heuristic and decoded to C1 controls and stray BOMs
    from disclint.readers import read_bytes
    from disclint.readers.base import ReadFailure

    result = read_bytes(b"\x00\x81\xfe\xff" * 100, "bad.txt")
    assert isinstance(result, ReadFailure) and "cannot be decoded" in result.reason
