"""``quick_init`` builds the same objects as the dataclass ``__init__`` it replaces."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest

from disclint.frozen import quick_init
from disclint.nodes import Cell, Located, Span
from disclint.parse.normalize import Value


@quick_init
@dataclass(frozen=True)
class _Plain:
    a: int
    b: str = "x"
    c: tuple[int, ...] = field(default_factory=tuple)


@quick_init
@dataclass(frozen=True, slots=True)
class _Slotted:
    a: int
    b: str = "x"


@pytest.mark.parametrize("cls", [_Plain, _Slotted])
def test_defaults_and_values_as_dataclass(cls: type) -> None:
    assert cls(1) == cls(1, "x")
    assert cls(a=2, b="y").b == "y"
    assert repr(cls(3)).startswith(f"{cls.__name__}(a=3, b='x'")
    with pytest.raises(dataclasses.FrozenInstanceError):
        cls(1).a = 2
    with pytest.raises(TypeError):
        cls()


def test_default_factory_is_called_per_object() -> None:
    assert _Plain(1).c == ()
    assert _Plain(1, "x", (4,)).c == (4,)


def test_ast_objects_keep_equality_order_hash_and_pickling() -> None:
    span = Span(1, 2, 1, 5)
    assert span == Span(1, 2, 1, 5) and hash(span) == hash(Span(1, 2, 1, 5))
    assert sorted([Span(2, 1, 2, 2), span]) == [span, Span(2, 1, 2, 2)]
    cell = Cell("a", 3, "3", span)  # (a named tuple, as Value: copied by ``_replace``)
    assert cell.kind == "number" and cell._replace(raw="4") == Cell("a", 3, "4", span)
    assert hash(cell) == hash(Cell("a", 3, "3", span, None, "number"))
    with pytest.raises(AttributeError):
        cell.raw = "4"  # type: ignore[misc]
    value = Value("3", 3, None, span)
    loc = Located("联系", ((0, 1, 1),))
    for obj in (span, cell, value, loc):
        assert pickle.loads(pickle.dumps(obj)) == obj
    assert loc.span_of(0, 2) == Span(1, 1, 1, 3)


def test_refuses_classes_it_cannot_build() -> None:
    with pytest.raises(TypeError, match="frozen"):

        @quick_init
        @dataclass
        class _Mutable:
            a: int

    with pytest.raises(TypeError, match="__post_init__"):

        @quick_init
        @dataclass(frozen=True)
        class _Checked:
            a: int

            def __post_init__(self) -> None:
                pass
