"""The parser-table cache never loads a file another user could have planted (issue 16)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from disclint.lark_parsers import lalr_parser
from disclint.user_cache import is_private_dir, secure_cache_dir


class _Planted:
    """Unpickling this writes a marker file: proof that a planted pickle ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "pwned"))


def _plant(path: Path, marker: Path) -> None:
    # Lark's cache format: a sha256 line, then pickles; a hostile file only needs the pickle
    with path.open("wb") as fh:
        fh.write(b"0" * 64 + b"\n")
        pickle.dump(_Planted(marker), fh)


def test_cache_dir_is_private_and_created_0700(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCLINT_CACHE_DIR", str(tmp_path / "c"))
    d = secure_cache_dir("lark")
    assert d == tmp_path / "c" / "lark"
    assert (d.stat().st_mode & 0o777) == 0o700
    assert is_private_dir(d)


def test_group_or_world_writable_cache_dir_is_refused(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("DISCLINT_CACHE_DIR", str(shared))
    assert secure_cache_dir() is None
    assert secure_cache_dir("lark") is None


def test_symlinked_cache_dir_is_refused(tmp_path, monkeypatch):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real)
    monkeypatch.setenv("DISCLINT_CACHE_DIR", str(link))
    assert secure_cache_dir() is None


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_regression_cache_file_owned_by_another_user_is_never_unpickled(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("DISCLINT_CACHE_DIR", str(cache))
    lark_dir = secure_cache_dir("lark")
    assert lark_dir is not None
    lalr_parser("expr.lark", lexer="contextual")  # writes the real cache file
    [cached] = list(lark_dir.iterdir())
    marker = tmp_path / "marker"
    _plant(cached, marker)
    os.chown(cached, 65534, 65534)  # now "nobody" owns it, as if planted
    lalr_parser("expr.lark", lexer="contextual")
    assert not marker.exists()


def test_regression_nothing_is_cached_in_the_shared_temp_dir(tmp_path):
    """A whole run leaves no Lark cache in $TMPDIR, so nothing planted there is ever read."""
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    tmpdir.chmod(0o1777)
    env = dict(os.environ, TMPDIR=str(tmpdir), DISCLINT_CACHE_DIR=str(tmp_path / "private"))
    report = tmp_path / "r.txt"
    report.write_text("一、总体情况\n本年度。\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "disclint", "check", str(report)], env=env, capture_output=True, text=True
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert list(tmpdir.iterdir()) == []
    assert any((tmp_path / "private" / "lark").iterdir())
