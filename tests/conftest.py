"""Shared test fixtures."""

from __future__ import annotations

import pytest

from disclint import engine


@pytest.fixture(autouse=True)
def strict_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """In tests a message whose template and arguments do not match fails the test (a user run
    prints the template and a warning instead, see ``engine._message``)."""
    monkeypatch.setattr(engine, "_message", lambda rule, lang, args: rule.message(lang, args))
