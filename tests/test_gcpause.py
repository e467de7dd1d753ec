"""The collector is paused while a report is parsed and checked, and left as it was found."""

from __future__ import annotations

import gc

import pytest

from disclint import engine
from disclint.gcpause import gc_paused
from disclint.parse import parse_text, pipeline


def test_paused_inside_and_on_again_after_even_on_an_error() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), gc_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_turned_off_stays_off() -> None:
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
        report = parse_text("一、总体情况\n")
        engine.run([report], engine.registry().default_settings())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_parse_and_check_pause_it_and_turn_it_back_on(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real_check, real_build = engine.recognize.recognised, pipeline.build_structure
    monkeypatch.setattr(
        engine.recognize, "recognised", lambda r: seen.append(gc.isenabled()) or real_check(r)
    )
    monkeypatch.setattr(pipeline, "build_structure", lambda *a: seen.append(gc.isenabled()) or real_build(*a))
    report = parse_text("一、总体情况\n本机关2024年主动公开政府信息64条。\n")
    assert seen == [False] and gc.isenabled()
    engine.run([report], engine.registry().default_settings())
    assert len(seen) > 1 and not any(seen) and gc.isenabled()
