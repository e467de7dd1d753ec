"""Shared test fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from disclint import engine


@pytest.fixture(autouse=True)
def strict_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """In tests a message whose template and arguments do not match fails the test (a user run
    prints the template and a warning instead, see ``engine._message``)."""
    monkeypatch.setattr(engine, "_message", lambda rule, lang, args: rule.message(lang, args))


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Runs of `disclint check` in the tests (in-process and subprocesses) keep their result
    cache in a directory of the test session, never in the user's own cache."""
    if "DISCLINT_CACHE_DIR" in os.environ:
        yield
        return
    directory = tmp_path_factory.mktemp("disclint-cache")
    directory.chmod(0o700)
    os.environ["DISCLINT_CACHE_DIR"] = str(directory)
    try:
        yield
    finally:
        os.environ.pop("DISCLINT_CACHE_DIR", None)
