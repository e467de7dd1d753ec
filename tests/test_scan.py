"""Directory scans: nothing silently skipped, nothing dangerous opened, no recursion limit."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import zipfile
from pathlib import Path

import pytest

from disclint import discover as discover_module
from disclint.discover import MAX_DEPTH, ignore_spec, scan

from cli_runner import run_text
from corpus import SEED_STEMS, SEEDS

SEED = SEEDS / f"{SEED_STEMS[2]}.txt"


def disclint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_text(*args, cwd=cwd)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "reports"
    root.mkdir()
    shutil.copy(SEED, root / "a.txt")
    return root


def test_fifo_and_socket_in_a_folder_are_reported_and_never_opened(tree: Path) -> None:
    os.mkfifo(tree / "pipe.txt")  # opening it for reading would block forever
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tree / "s.txt"))
    try:
        result = scan([str(tree)])
    finally:
        sock.close()
    assert result.files == (str(tree / "a.txt"),)
    assert [n.message for n in result.notes] == [
        f"{tree / 'pipe.txt'}: not a regular file (FIFO, socket or device); skipped",
        f"{tree / 's.txt'}: not a regular file (FIFO, socket or device); skipped",
    ]
    assert result.errors == ()


def test_fifo_named_on_the_command_line_is_an_error_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    out = disclint("check", "pipe.txt", "--lang", "en", cwd=tmp_path)
    assert out.returncode == 2
    assert "pipe.txt is not a regular file (FIFO, socket or device); it was not opened." in out.stderr


def test_very_deep_folder_is_walked_without_recursion_and_the_limit_is_reported(tmp_path: Path) -> None:
    deep = tmp_path / "deep"
    deep.mkdir()
    levels = [str(deep)]
    for _ in range(1200):  # iteratively: Path.mkdir(parents=True) and shutil.rmtree recurse
        levels.append(os.path.join(levels[-1], "d"))
        os.mkdir(levels[-1])
    try:
        shutil.copy(SEED, deep / "d" / "a.txt")
        result = scan([str(deep)])
        assert result.files == (str(deep / "d" / "a.txt"),)
        (error,) = result.errors
        assert error.kind == "scan"
        assert error.message.endswith(f": more than {MAX_DEPTH} folder levels deep; not scanned")
        out = disclint("check", "deep", "--lang", "en", cwd=tmp_path)
        assert (
            out.returncode == 2 and "RecursionError" not in out.stderr and "folder levels deep" in out.stderr
        )
    finally:
        os.unlink(deep / "d" / "a.txt")
        for level in reversed(levels[1:]):
            os.rmdir(level)


def test_unreadable_subfolder_is_a_run_error(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tree / "locked"
    locked.mkdir()
    real = os.scandir

    def scandir(path):  # root ignores chmod 000, so the refusal is simulated
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(discover_module.os, "scandir", scandir)
    result = scan([str(tree)])
    assert result.files == (str(tree / "a.txt"),)
    (error,) = result.errors
    assert (
        error.message == f"{locked}: cannot read the folder (Permission denied); its files were not checked"
    )


def test_symlinks_outside_the_given_roots_are_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "leak.txt").write_text("机密内容 SECRET-TOKEN\n", encoding="utf-8")
    tree = tmp_path / "reports"
    tree.mkdir()
    shutil.copy(SEED, tree / "a.txt")
    (tree / "link.txt").symlink_to(secret / "leak.txt")
    (tree / "linkdir").symlink_to(secret)
    (tree / "inside.txt").symlink_to(tree / "a.txt")  # inside the root: followed
    (tree / "loop").symlink_to(tree)  # a loop back: walked once
    result = scan([str(tree)])
    assert result.files == (str(tree / "a.txt"), str(tree / "inside.txt"))
    assert sorted(n.message for n in result.notes) == [
        f"{tree / 'link.txt'}: symbolic link to a place outside the folders given; not followed",
        f"{tree / 'linkdir'}: symbolic link to a place outside the folders given; not followed",
    ]
    out = disclint("check", "reports", "--format", "json", cwd=tmp_path)
    assert "SECRET-TOKEN" not in out.stdout and "leak.txt" not in out.stdout


def test_unsupported_formats_are_reported_with_what_to_do(tree: Path) -> None:
    (tree / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (tree / "wps.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with zipfile.ZipFile(tree / "fixed.ofd", "w") as ofd:  # OFD is a ZIP package with OFD.xml
        ofd.writestr("OFD.xml", "<ofd:OFD/>")
    out = disclint("check", ".", "--format", "json", "--lang", "en", cwd=tree)
    assert out.returncode == 2
    messages = {e["path"]: e["message"] for e in json.loads(out.stdout)["errors"]}
    assert messages == {
        "fixed.ofd": "fixed.ofd is an OFD document (.ofd), which is not supported; export it to PDF.",
        "old.doc": "old.doc is a legacy binary Office file (.doc), which is not supported; save it as .docx.",
        "wps.wps": "wps.wps is a WPS Office document (.wps), which is not supported; save it as .docx or PDF in WPS.",
    }


def test_exclude_and_ignore_file(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    for name in ("reports/a.txt", "reports/draft/b.txt", "docs/guide.md", "README.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SEED, tmp_path / name)
    (tmp_path / ".disclintignore").write_text("# not reports\ndocs/\n/README.md\n", encoding="utf-8")
    out = disclint("check", ".", "--exclude", "draft", "--format", "json", cwd=tmp_path)
    assert {f["location"]["path"] for f in json.loads(out.stdout)["findings"]} == {"reports/a.txt"}
    # patterns are relative to the project root, wherever disclint runs
    out = disclint("check", ".", "--format", "json", cwd=tmp_path / "reports")
    assert {f["location"]["path"] for f in json.loads(out.stdout)["findings"]} == {
        "reports/a.txt",
        "reports/draft/b.txt",
    }


def test_ignore_spec_matches_gitignore_semantics(tmp_path: Path) -> None:
    spec = ignore_spec(tmp_path, ["*.md", "!keep.md", "build/"])
    assert spec.match_file("x/readme.md") and not spec.match_file("keep.md")
    assert spec.match_file("build/") and not spec.match_file("build.txt")
