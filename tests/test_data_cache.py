"""The shipped YAML data read through its JSON copy in the private cache (start-up speed, issue 15):
the same data as the YAML, and a copy that is not ours or not valid is never used."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from disclint import data_cache
from disclint.resources import grammar_text

SHIPPED = [
    "tables/applications.yaml",
    "tables/proactive.yaml",
    "tables/review_litigation.yaml",
    "sections.yaml",
]


def _yaml(name: str):
    return YAML(typ="safe", pure=True).load(grammar_text(name))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("DISCLINT_CACHE_DIR", str(tmp_path / "c"))
    return tmp_path / "c" / data_cache.SUBDIR


@pytest.mark.parametrize("name", SHIPPED)
def test_the_json_copy_gives_the_yamls_data(cache: Path, name: str) -> None:
    first = data_cache.yaml_data(name)  # parsed, and copied
    copies = list(cache.glob("*.json"))
    assert len(copies) == 1 and json.loads(copies[0].read_text(encoding="utf-8")) == first
    again = data_cache.yaml_data(name)  # read from the copy
    assert first == again == _yaml(name)


def test_a_copy_that_is_corrupt_or_not_ours_is_not_used(cache: Path) -> None:
    name = "sections.yaml"
    data_cache.yaml_data(name)
    (copy,) = cache.glob("*.json")
    copy.write_text('{"planted": true', encoding="utf-8")  # not JSON
    assert data_cache.yaml_data(name) == _yaml(name)
    assert json.loads(copy.read_text(encoding="utf-8")) == _yaml(name)  # replaced
    copy.write_text('{"planted": true}', encoding="utf-8")
    copy.chmod(0o666)  # others may write it: never read
    assert data_cache.yaml_data(name) == _yaml(name)
    os.unlink(copy)
    copy.symlink_to(cache.parent / "elsewhere.json")
    (cache.parent / "elsewhere.json").write_text('{"planted": true}', encoding="utf-8")
    assert data_cache.yaml_data(name) == _yaml(name)


def test_without_a_private_cache_the_yaml_is_parsed(tmp_path: Path, monkeypatch) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("DISCLINT_CACHE_DIR", str(shared))
    assert data_cache.yaml_data("sections.yaml") == _yaml("sections.yaml")
    assert list(shared.rglob("*.json")) == []


def test_data_json_would_change_is_not_copied(tmp_path: Path) -> None:
    import datetime

    target = tmp_path / "x.json"
    data_cache._keep(target, {1: "int key"})
    data_cache._keep(target, {"d": datetime.date(2024, 1, 1)})
    assert not target.exists() and list(tmp_path.iterdir()) == []
    data_cache._keep(target, {"a": [1, 2.5, True, None, "字"]})
    assert json.loads(target.read_text(encoding="utf-8")) == {"a": [1, 2.5, True, None, "字"]}
