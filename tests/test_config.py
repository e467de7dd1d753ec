"""Configuration discovery, precedence (defaults < file < flags), per-path overrides, errors."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from disclint.config import ConfigError, discover, load_config, resolve, resolve_settings
from disclint.engine import Registry, registry
from disclint.findings import Severity
from disclint.packs import PackError, load_pack


@pytest.fixture(scope="module")
def reg() -> Registry:
    return registry()


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_discovery_walks_up_and_prefers_disclint_yaml(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    found = discover(deep)
    assert found is None or not found.is_relative_to(tmp_path)
    _write(tmp_path / "pyproject.toml", "[tool.disclint]\npack = 'ningxia'\n")
    assert discover(deep) == tmp_path / "pyproject.toml"
    _write(tmp_path / "a" / "pyproject.toml", "[project]\nname = 'x'\n")  # no [tool.disclint]: skipped
    assert discover(deep) == tmp_path / "pyproject.toml"
    _write(tmp_path / "a" / ".disclint.yaml", "pack: yinchuan\n")
    assert discover(deep) == tmp_path / "a" / ".disclint.yaml"
    _write(tmp_path / "a" / "disclint.yaml", "pack: national\n")
    assert discover(deep) == tmp_path / "a" / "disclint.yaml"


def test_values_record_where_they_came_from(tmp_path: Path) -> None:
    _write(tmp_path / "disclint.yaml", "pack: ningxia\nformat: json\nignore: [PAR004]\n")
    config = load_config({"format": "sarif", "lang": None}, cwd=tmp_path)
    assert config.file == tmp_path / "disclint.yaml"
    assert (config["pack"], config.values["pack"].source) == ("ningxia", "disclint.yaml:1:7")
    assert (config["format"], config.values["format"].source) == ("sarif", "command line (--format)")
    assert (config["lang"], config.values["lang"].source) == ("zh", "default")
    assert (config["ignore"], config.values["ignore"].source) == (["PAR004"], "disclint.yaml:3:9")
    text = config.describe()
    assert re.search(r"^pack +=  ?ningxia", text, re.M) and "# disclint.yaml:1:7" in text  # keys aligned
    assert "# command line (--format)" in text


def test_pyproject_table(tmp_path: Path) -> None:
    _write(
        tmp_path / "pyproject.toml",
        """
        [project]
        name = "archive"

        [tool.disclint]
        pack = "ningxia"
        fail_on = "warning"
        select = ["ACC", "CON001"]
        """,
    )
    config = load_config(cwd=tmp_path)
    assert config["pack"] == "ningxia" and config["fail-on"] == "warning"
    assert config["select"] == ["ACC", "CON001"]
    assert config.values["fail-on"].source == "pyproject.toml [tool.disclint] fail-on"


def test_command_line_flags_win(tmp_path: Path, reg: Registry) -> None:
    _write(tmp_path / "disclint.yaml", "pack: ningxia\nselect: [CON]\nignore: [CON003]\nfail-on: error\n")
    run = resolve(pack="national", select=["ACC"], ignore=["ACC008"], fail_on="info", cwd=tmp_path, reg=reg)
    assert run.pack_name == "national" and run.fail_on == "info"
    assert run.config["select"] == ["ACC"]
    assert run.config["ignore"] == ["CON003", "ACC008"]  # --ignore adds to the configured list
    s = run.settings_for("a.txt")
    assert sorted(c for c, v in s.items() if v.enabled) == [
        *(f"ACC00{i}" for i in range(1, 8)),
        "ACC009",
        "ACC010",
    ]


def test_select_ignore_longest_prefix_and_severities(tmp_path: Path, reg: Registry) -> None:
    _write(
        tmp_path / "disclint.yaml",
        """
        select: [CON, DAT002]
        ignore: [CON00]
        severity: {CON: error, CON002: info, DAT: info}
        """,
    )
    run = resolve(select=["CON", "CON002", "DAT002"], cwd=tmp_path, reg=reg)
    s = run.settings_for("a.txt")
    assert sorted(c for c, v in s.items() if v.enabled) == ["CON002", "DAT002"]
    assert (s["CON001"].severity, s["CON002"].severity, s["DAT002"].severity) == (
        Severity.ERROR,
        Severity.INFO,
        Severity.INFO,
    )


def test_per_path_overrides(tmp_path: Path, reg: Registry) -> None:
    _write(
        tmp_path / "disclint.yaml",
        """
        pack: national
        per-path:
          - paths: ["archive/2020/*"]
            ignore: [CON]
          - paths: ningxia/
            pack: ningxia
            severity: {CON001: error}
          - paths: ["*.md"]
            select: [SEC]
        """,
    )
    sub = tmp_path / "archive"
    sub.mkdir()
    run = resolve(cwd=sub, reg=reg)  # paths are matched relative to the configuration file
    s2020 = run.settings_for("2020/a.txt")
    assert not any(v.enabled for c, v in s2020.items() if c.startswith("CON"))
    assert run.settings_for("2021/a.txt")["CON001"].enabled
    nx = run.settings_for("../ningxia/b.txt")
    assert run.pack_for("../ningxia/b.txt").name == "ningxia"
    assert "NX001" in nx and "NX001" not in run.settings_for("2021/a.txt")
    assert nx["CON001"].severity is Severity.ERROR
    assert nx["CON001"].params["required"] == ["address", "postcode", "phone", "fax", "email"]
    md = run.settings_for("notes/r.md")
    assert sorted(c for c, v in md.items() if v.enabled) == [
        c for c in sorted(reg.rules) if c.startswith("SEC")
    ]
    assert [r.code for r in run.rules] == ["NX001"]
    assert "NX001" in run.registry.rules


def test_command_line_pack_beats_per_path_packs(tmp_path: Path, reg: Registry) -> None:
    _write(tmp_path / "disclint.yaml", "per-path:\n  - paths: ['*']\n    pack: ningxia\n")
    assert resolve(cwd=tmp_path, reg=reg).pack_for("a.txt").name == "ningxia"
    assert resolve(pack="yinchuan", cwd=tmp_path, reg=reg).pack_for("a.txt").name == "yinchuan"


def test_pack_path_relative_to_the_config_file(tmp_path: Path, reg: Registry) -> None:
    _write(tmp_path / "packs" / "mine.yaml", "name: mine\nextends: ningxia\nrules: {DAT: off}\n")
    _write(tmp_path / "disclint.yaml", "pack: packs/mine.yaml\n")
    (tmp_path / "deep").mkdir()
    run = resolve(cwd=tmp_path / "deep", reg=reg)
    assert run.pack_name == "mine" and not run.settings_for("a.txt")["DAT001"].enabled


def test_resolve_settings_wrapper(tmp_path: Path, reg: Registry) -> None:
    _write(tmp_path / "disclint.yaml", "pack: ningxia\n")
    options = {"ignore": ["NX"], "format": "json"}
    by_path, rules, config = resolve_settings(options, ["a.txt"], cwd=tmp_path, reg=reg)
    assert [r.code for r in rules] == ["NX001"]
    assert by_path["a.txt"]["NX001"].enabled is False
    assert config["format"] == "json"
    assert "NX001" not in reg.rules  # the registry given is never changed


def test_the_registry_is_immutable_and_built_per_configuration(tmp_path: Path, reg: Registry) -> None:
    with pytest.raises(TypeError):
        reg.rules["NX001"] = reg.rules["ACC001"]  # type: ignore[index]
    nx = resolve(pack="ningxia", cwd=tmp_path)  # the global registry: nothing is registered in it
    assert "NX001" in nx.registry.rules
    assert "NX001" not in registry().rules
    national = resolve(pack="national", cwd=tmp_path)
    assert "NX001" not in national.registry.rules and "NX001" not in national.settings_for("a.txt")
    assert [r.code for r in load_pack("ningxia", reg).rules] == ["NX001"]
    bigger = reg.with_rules(nx.rules)
    assert set(bigger.rules) - set(reg.rules) == {"NX001"} and bigger.pm is reg.pm


def test_run_settings_take_every_path_into_account(tmp_path: Path, reg: Registry) -> None:
    _write(
        tmp_path / "disclint.yaml",
        """
        pack: national
        ignore: [CNT002]
        per-path:
          - paths: ["a/*"]
            ignore: [CON001]
          - paths: ["b/*"]
            severity: {CON002: error}
          - paths: ["c/*"]
            pack: ningxia
          - paths: ["d/*"]
            select: [CNT002]
        """,
    )
    run = resolve(cwd=tmp_path, reg=reg)
    assert run.settings_for("d/x.txt")["CNT002"].enabled and not run.settings_for("a/x.txt")["CNT002"].enabled
    combined = run.run_settings(["a/x.txt", "b/x.txt", "c/x.txt", "d/x.txt"])
    # disabled for the first file only, or enabled by a later file's entry: enabled for the run
    assert combined["CON001"].enabled and combined["CNT002"].enabled and combined["NX001"].enabled
    # the files disagree on CON002's level: the configuration's own level (each finding keeps its own)
    assert combined["CON002"].severity is reg.rules["CON002"].severity
    assert run.run_settings(["b/x.txt"])["CON002"].severity is Severity.ERROR
    assert not run.run_settings(["a/x.txt"])["CON001"].enabled


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pack: ningxia\nformt: json\n", "disclint.yaml:2:1: unknown key 'formt'"),
        (
            "format: xml\n",
            "disclint.yaml:1:9: format: 'xml' is not one of text, concise, json, sarif, github, junit, gitlab, rdjson",
        ),
        ("select: [con]\n", "disclint.yaml:1:10: select.0: 'con' is not a rule code or family prefix"),
        ("per-path:\n  - pack: ningxia\n", "disclint.yaml:2:5: per-path.0: 'paths' is a required property"),
        ("pack: [a\n", "disclint.yaml:2:1: invalid YAML"),
        ("pack: atlantis\n", "disclint.yaml:1:7: unknown pack 'atlantis'"),
        ("select: [XYZ]\n", "disclint.yaml:1:9: unknown rule code or prefix 'XYZ'"),
        (
            "per-path:\n  - paths: x\n    ignore: [QQQ]\n",
            "disclint.yaml:2:5: unknown rule code or prefix 'QQQ'",
        ),
    ],
)
def test_config_errors(tmp_path: Path, reg: Registry, text: str, expected: str) -> None:
    _write(tmp_path / "disclint.yaml", text)
    with pytest.raises(PackError) as info:
        resolve(cwd=tmp_path, reg=reg)
    assert str(info.value).startswith(expected)


def test_flag_and_toml_errors(tmp_path: Path, reg: Registry) -> None:
    with pytest.raises(ConfigError, match=r"^command line \(--select\): unknown rule code or prefix 'NOPE'"):
        resolve(select=["NOPE"], cwd=tmp_path, reg=reg)
    with pytest.raises(ConfigError, match=r"^command line \(--pack\): unknown pack 'atlantis'"):
        resolve(pack="atlantis", cwd=tmp_path, reg=reg)
    with pytest.raises(ConfigError, match=r"^missing.yaml: configuration file not found"):
        resolve(config_file="missing.yaml", cwd=tmp_path, reg=reg)
    _write(tmp_path / "pyproject.toml", "[tool.disclint]\npack = 'ningxia'\nlang = 'fr'\n")
    with pytest.raises(ConfigError, match=r"^pyproject.toml:3:1: lang: 'fr' is not one of zh, en"):
        resolve(cwd=tmp_path, reg=reg)
    _write(tmp_path / "bad.toml", "[tool.disclint]\npack = \n")
    with pytest.raises(ConfigError, match=r"^bad.toml:2:8: invalid TOML"):
        resolve(config_file="bad.toml", cwd=tmp_path, reg=reg)
