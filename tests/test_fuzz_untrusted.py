"""Fuzz tests over what packs give disclint: identity expressions and whole pack files.

Whatever the input, the expression compiler returns an identity or raises ExprError (with a
position inside the text), a compiled identity evaluates on a report without raising, and the
pack loader returns a pack or raises PackError (``file:line:col: …``) — never another exception
(RecursionError, TypeError, KeyError …).
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from disclint import expr
from disclint.engine import Registry, registry
from disclint.nodes import Report
from disclint.packs import PackError, load_pack
from disclint.parse import parse_path

from corpus import SEEDS

# --------------------------------------------------------------------------- expressions

KEYS = ["new_received", "carried_over", "outcome_total", "carried_forward", "total", "*", "natural_*", "nope"]
cells = st.builds(
    lambda t, r, c: f"{t}.{r}.{c}",
    st.sampled_from(["t2", "t3", "t4", "t9"]),
    st.sampled_from(KEYS),
    st.sampled_from(KEYS),
)
atoms = st.one_of(cells, st.integers(0, 10**6).map(str), st.just("1.5"))


def _combine(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, st.sampled_from(["+", "-", "*", "/", "×", "÷"]), children).map(" ".join),
        children.map(lambda e: f"({e})"),
        children.map(lambda e: f"-{e}"),
        children.map(lambda e: f"abs({e})"),
        st.lists(children, min_size=1, max_size=4).map(lambda es: f"sum({', '.join(es)})"),
    )


sides = st.recursive(atoms, _combine, max_leaves=40)
well_formed = st.builds(
    lambda a, op, b, tol: f"{a} {op} {b}{tol}",
    sides,
    st.sampled_from(["==", "!=", "<", "<=", ">", ">=", "≠", "≤", "≥"]),
    sides,
    st.sampled_from(["", " ± 1", " tol 0.5", " ±"]),
)
TOKENS = [
    "t3",
    ".",
    "new_received",
    "*",
    "+",
    "-",
    "(",
    ")",
    "==",
    "sum(",
    "abs(",
    ",",
    "1",
    "±",
    "tol",
    " ",
    "\n",
]
token_soup = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)
expressions = st.one_of(well_formed, token_soup, st.text(max_size=80))


@pytest.fixture(scope="module")
def seed_report() -> Report:
    return parse_path(sorted(SEEDS.glob("*.txt"))[0])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=expressions)
def test_expressions_compile_or_fail_cleanly(text: str, seed_report: Report) -> None:
    try:
        identity = expr.compile_expression(text)
    except expr.ExprError as exc:
        assert 0 <= exc.offset <= len(text)
        assert exc.line >= 1 and exc.column >= 1
        return
    expr.failures(identity, seed_report)  # evaluation never raises either


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("+".join(["1"] * 150) + " == 0", "more than 100 operators"),
        ("×".join(["1"] * 150) + " == 0", "more than 100 operators"),
        ("(" * 40 + "1" + ")" * 40 + " == 1", "parentheses nested more than 16 deep"),
        ("-" * 200 + "1 == 1", "more than 100 operators"),
        ("1 == " + "1" * 5000, "longer than 4000 characters"),
    ],
)
def test_expression_size_limits(text: str, message: str) -> None:
    with pytest.raises(expr.ExprError) as info:
        expr.compile_expression(text)
    assert message in info.value.message


# --------------------------------------------------------------------------- packs

PACK_KEYS = ["name", "description", "extends", "rules", "define", "kind", "pattern", "patterns", "scope"]
PACK_KEYS += ["expression", "message", "zh", "en", "severity", "fields", "sections", "when", "ALL", "CON001"]
PACK_KEYS += ["XX001", "ignore_case", "deadlines", "enabled"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.sampled_from(["national", "error", "off", "on", "require-text", "identity", "any", "{pattern}", "x"]),
    st.text(max_size=20),
)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(PACK_KEYS), st.text(max_size=8)), children, max_size=5),
    ),
    max_leaves=30,
)


def _dump(data: Any) -> str:
    out = StringIO()
    YAML(typ="safe", pure=True).dump(data, out)
    return out.getvalue()


@pytest.fixture(scope="module")
def reg() -> Registry:
    return registry()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(
        trees, st.fixed_dictionaries({"name": st.just("fuzz")}, optional={"define": trees, "rules": trees})
    )
)
def test_pack_loader_loads_or_fails_cleanly(data: Any, reg: Registry, tmp_path: Path) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(_dump(data), encoding="utf-8")
    try:
        load_pack(path, reg)
    except PackError as exc:
        assert str(exc).startswith(f"{exc.path}:") or exc.line == 0


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("[]{}:-&*!|>'\"# \nab1")), max_size=200))
def test_pack_loader_on_arbitrary_text(text: str, reg: Registry, tmp_path: Path) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError):  # no text of these characters is a valid pack (no name)
        load_pack(path, reg)
