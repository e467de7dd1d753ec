"""Rule packs: shipped packs, declarative kinds on the seeds, extends chains and overrides, errors."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from disclint.engine import Registry, registry, run
from disclint.findings import Finding, Severity
from disclint.nodes import Report
from disclint.packs import PackError, available_packs, load_pack, with_rules
from disclint.packs.schema import pack_schema
from disclint.parse import parse_path, parse_text
from disclint.resources import packs_dir

from corpus import SEEDS


@pytest.fixture(scope="module")
def reg() -> Registry:
    return registry()


@pytest.fixture(scope="module")
def seeds() -> dict[str, Report]:
    return {p.stem[:3]: parse_path(p) for p in sorted(SEEDS.glob("*.txt"))}


def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def _findings(
    pack_ref: str | Path, reports: list[Report], reg: Registry, code: str, lang: str = "en"
) -> list[Finding]:
    pack = load_pack(pack_ref, reg)
    return [f for f in run(reports, pack.settings, lang, with_rules(reg, pack)) if f.code == code]


def _where(findings: list[Finding]) -> list[tuple[str, int, int]]:
    return [(Path(f.location.path).stem[:3], f.location.line, f.location.column) for f in findings]


# ---------------------------------------------------------------------------------------------
# Shipped packs


def test_shipped_packs_are_listed_and_validate_against_the_schema(reg: Registry) -> None:
    assert {"national", "ningxia", "yinchuan"} <= set(available_packs(reg.pack_files))
    Draft202012Validator.check_schema(pack_schema())
    schema = json.loads((packs_dir() / "pack.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["define"]["propertyNames"]["pattern"] == "^[A-Z]{2,8}[0-9]{3}$"


def test_national_is_the_catalogue_at_its_defaults(reg: Registry) -> None:
    pack = load_pack("national", reg)
    assert pack.settings == reg.default_settings()
    assert pack.rules == ()
    # the `CON: on` line (the pack sits in rules/ of a checkout, in site-packages when installed)
    assert pack.origins["CON001"].endswith("national.yaml:23:3")


def test_ningxia_extends_national_and_changes_real_things(reg: Registry) -> None:
    pack = load_pack("ningxia", reg)
    assert [Path(p).name for p in pack.sources] == ["national.yaml", "ningxia.yaml"]
    assert pack.settings["CON001"].params["required"] == ["address", "postcode", "phone", "fax", "email"]
    assert pack.settings["ACC006"].severity is Severity.ERROR
    assert [(r.code, r.origin, r.severity) for r in pack.rules] == [("NX001", "ningxia", Severity.INFO)]


def test_yinchuan_chain_national_ningxia_yinchuan(reg: Registry) -> None:
    pack = load_pack("yinchuan", reg)
    assert [Path(p).name for p in pack.sources] == ["national.yaml", "ningxia.yaml", "yinchuan.yaml"]
    assert [r.code for r in pack.rules] == ["NX001", "YC001", "YC002"]
    assert pack.settings["DAT002"].severity is Severity.ERROR
    assert pack.settings["ACC006"].severity is Severity.ERROR  # inherited from ningxia


def test_ningxia_measure_citation_fires_where_it_is_missing(seeds: dict[str, Report], reg: Registry) -> None:
    found = _findings("ningxia", list(seeds.values()), reg, "NX001")
    # seed 001 cites 《宁夏回族自治区实施〈中华人民共和国政府信息公开条例〉办法》; the others do not
    assert _where(found) == [("000", 4, 1), ("002", 4, 1), ("003", 5, 1), ("004", 5, 1)]


def test_ningxia_requires_a_fax(seeds: dict[str, Report], reg: Registry) -> None:
    national = _findings("national", list(seeds.values()), reg, "CON001")
    ningxia = _findings("ningxia", list(seeds.values()), reg, "CON001")
    extra = {(f.location.path, f.context.get("field")) for f in ningxia} - {
        (f.location.path, f.context.get("field")) for f in national
    }
    assert sorted(Path(p).stem[:3] for p, _ in extra) == ["000", "002", "004"]


def test_yinchuan_accountability_content_only_for_governments(
    seeds: dict[str, Report], reg: Registry
) -> None:
    found = _findings("yinchuan", list(seeds.values()), reg, "YC001")
    missing = sorted((Path(f.location.path).stem[:3], f.context["pattern"]) for f in found)
    # 003 mentions 考核, 评议 and 责任追究; 004 is a department (民政局): not checked
    assert missing == [
        ("000", "考核"),
        ("000", "评议"),
        ("000", "责任追究"),
        ("001", "考核"),
        ("001", "评议"),
        ("002", "评议"),
        ("002", "责任追究"),
    ]


# ---------------------------------------------------------------------------------------------
# Each declarative kind on the seeds: one rule that fires, one that does not


def test_require_text(tmp_path: Path, seeds: dict[str, Report], reg: Registry) -> None:
    pack = _write(
        tmp_path,
        "p.yaml",
        """
        name: t
        define:
          TST001: {name: fee, kind: require-text, scope: 6, pattern: 信息处理费}
          TST002: {name: basis, kind: require-text, scope: preamble, pattern: 中华人民共和国政府信息公开条例}
        """,
    )
    reports = list(seeds.values())
    assert _where(_findings(pack, reports, reg, "TST001")) == [
        ("000", 542, 1),
        ("001", 123, 1),
        ("004", 209, 1),
    ]
    assert _findings(pack, reports, reg, "TST002") == []


def test_forbid_text(tmp_path: Path, seeds: dict[str, Report], reg: Registry) -> None:
    pack = _write(
        tmp_path,
        "p.yaml",
        """
        name: t
        define:
          TST001:
            name: no-weibo
            kind: forbid-text
            scope: [1, 6]
            pattern: 政务微博
            message:
              zh: 出现“{match}”
              en: "found {match} in section {scope}"
          TST002: {name: nothing, kind: forbid-text, pattern: 不存在的词语}
        """,
    )
    found = _findings(pack, list(seeds.values()), reg, "TST001")
    assert _where(found) == [("000", 59, 7), ("000", 130, 11), ("002", 38, 19)]
    assert found[0].location.end_column == 11 and found[0].message == "found 政务微博 in section 1"
    assert _findings(pack, list(seeds.values()), reg, "TST002") == []


def test_identity(tmp_path: Path, seeds: dict[str, Report], reg: Registry) -> None:
    pack = _write(
        tmp_path,
        "p.yaml",
        """
        name: t
        define:
          TST001:
            name: row-total
            kind: identity
            severity: error
            expression: >-
              t3.*.total == t3.*.natural_person + t3.*.commercial_enterprise + t3.*.research_institution
              + t3.*.social_welfare_org + t3.*.legal_service_org + t3.*.other_org
          TST002:
            name: catalogue
            kind: identity
            expression: t2.*.prev_items + t2.*.change >= 0
        """,
    )
    found = _findings(pack, list(seeds.values()), reg, "TST001")
    assert _where(found) == [("001", 84, 38)]
    assert found[0].context == {
        "table": "applications",
        "row": "unable_not_held",
        "column": "total",
        "expected": 3,
        "actual": 0,
        "binding": {"row": "unable_not_held"},
    }
    assert found[0].severity is Severity.ERROR
    assert _findings(pack, list(seeds.values()), reg, "TST002") == []


def test_contact_fields(tmp_path: Path, seeds: dict[str, Report], reg: Registry) -> None:
    pack = _write(
        tmp_path,
        "p.yaml",
        """
        name: t
        define:
          TST001: {name: fax, kind: contact-fields, fields: [fax]}
          TST002: {name: phone, kind: contact-fields, fields: [phone, website]}
        """,
    )
    found = _findings(pack, list(seeds.values()), reg, "TST001", lang="zh")
    assert _where(found) == [("000", 28, 5), ("002", 364, 9), ("004", 5, 360)]
    assert found[0].message == "缺少联系方式：传真"
    assert _findings(pack, list(seeds.values()), reg, "TST002") == []


def test_deadline(tmp_path: Path, seeds: dict[str, Report], reg: Registry) -> None:
    pack = _write(
        tmp_path,
        "p.yaml",
        """
        name: t
        define:
          TST001: {name: early, kind: deadline, deadlines: {township: 01-20}}
          TST002: {name: statutory, kind: deadline}
        """,
    )
    found = _findings(pack, list(seeds.values()), reg, "TST001")
    # seed 001 (a 镇) is signed 2021年1月25日: after 01-20, before the statutory 01-31
    assert _where(found) == [("001", 129, 1)]
    assert found[0].context == {"date": "2021-01-25", "deadline": "2021-01-20", "organ_type": "township"}
    assert _findings(pack, list(seeds.values()), reg, "TST002") == []


def test_require_section(tmp_path: Path, seeds: dict[str, Report], reg: Registry) -> None:
    pack = _write(
        tmp_path,
        "p.yaml",
        """
        name: t
        define:
          TST001: {name: six, kind: require-section, sections: [5, 6]}
        """,
    )
    assert _findings(pack, list(seeds.values()), reg, "TST001") == []
    text = (SEEDS / "000_24cd27ad2d34b72d.txt").read_text(encoding="utf-8")
    cut = parse_text(text[: text.index("六、其他需要报告的事项")], "cut.txt")
    found = _findings(pack, [cut], reg, "TST001")
    # where SEC001 puts it: after the last section present (was the title before the kinds shared SEC001's code)
    assert [(f.location.line, f.message) for f in found] == [(540, "section 6 is missing")]


def test_when_limits_a_rule_to_matching_reports(
    tmp_path: Path, seeds: dict[str, Report], reg: Registry
) -> None:
    pack = _write(
        tmp_path,
        "p.yaml",
        """
        name: t
        define:
          TST001:
            name: fee-30
            kind: require-text
            scope: 6
            pattern: 信息处理费
            when: {year_min: 2021, formats: ["30"]}
        """,
    )
    assert _findings(pack, list(seeds.values()), reg, "TST001") == []  # 000, 001, 004 are 2020 reports


# ---------------------------------------------------------------------------------------------
# extends and overrides


def test_child_overrides_parent_rule_params_severity_and_prefixes(tmp_path: Path, reg: Registry) -> None:
    _write(
        tmp_path,
        "base.yaml",
        """
        name: base
        extends: ningxia
        rules:
          CON: off
          CON001: on
        """,
    )
    child = _write(
        tmp_path,
        "child.yaml",
        """
        name: child
        extends: ./base.yaml
        rules:
          NX001:
            severity: warning
            pattern: 宁夏
          missing-contact: {required: [phone]}
          SEC: info
          SEC001: error
        """,
    )
    pack = load_pack(child, reg)
    s = pack.settings
    assert (s["CON001"].enabled, s["CON002"].enabled, s["CON003"].enabled) == (True, False, False)
    assert s["CON001"].params["required"] == ["phone"]
    assert s["NX001"].severity is Severity.WARNING and s["NX001"].params["pattern"] == "宁夏"
    assert s["NX001"].params["scope"] == "preamble"  # untouched parameters are inherited
    assert (s["SEC001"].severity, s["SEC002"].severity) == (Severity.ERROR, Severity.INFO)
    assert [Path(p).name for p in pack.sources] == [
        "national.yaml",
        "ningxia.yaml",
        "base.yaml",
        "child.yaml",
    ]
    assert pack.origins["CON001"].endswith("child.yaml:7:3")


def test_extends_several_packs_each_applied_once_in_order(tmp_path: Path, reg: Registry) -> None:
    _write(tmp_path, "a.yaml", "name: a\nextends: national\nrules: {DAT002: error}\n")
    _write(tmp_path, "b.yaml", "name: b\nextends: national\nrules: {DAT002: info, DAT003: off}\n")
    pack = load_pack(_write(tmp_path, "c.yaml", "name: c\nextends: [a.yaml, b.yaml]\n"), reg)
    assert [Path(p).name for p in pack.sources] == ["national.yaml", "a.yaml", "b.yaml", "c.yaml"]
    assert pack.settings["DAT002"].severity is Severity.INFO
    assert pack.settings["DAT003"].enabled is False


def test_all_off_then_select_a_few(tmp_path: Path, reg: Registry) -> None:
    pack = load_pack(_write(tmp_path, "p.yaml", "name: p\nrules:\n  ALL: off\n  ACC: on\n"), reg)
    enabled = sorted(c for c, s in pack.settings.items() if s.enabled)
    assert enabled == [c for c in sorted(reg.rules) if c.startswith("ACC")]


def test_plugin_contributed_pack_is_found_by_name(tmp_path: Path, reg: Registry) -> None:
    vendor = _write(tmp_path, "vendor.yaml", "name: vendor\nextends: ningxia\nrules: {CON: off}\n")
    fake = Registry(dict(reg.rules), [vendor], [], reg.pm)
    (tmp_path / "user").mkdir()
    user = _write(tmp_path / "user", "p.yaml", "name: user\nextends: vendor\n")
    pack = load_pack(user, fake)
    assert pack.settings["CON001"].enabled is False
    assert "vendor" in available_packs(fake.pack_files)


# ---------------------------------------------------------------------------------------------
# Errors: file:line:col, never a traceback


def _error(tmp_path: Path, text: str, reg: Registry, name: str = "bad.yaml") -> str:
    path = _write(tmp_path, name, text)
    with pytest.raises(PackError) as info:
        load_pack(path, reg)
    return str(info.value).replace(str(path), name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name: x\nrules:\n  CON009: off\n", "bad.yaml:3:3: unknown rule code 'CON009'; did you mean"),
        ("name: x\nrules:\n  XYZ: off\n", "bad.yaml:3:3: unknown rule code 'XYZ'"),
        (
            "name: x\nrules:\n  CON001: critical\n",
            "bad.yaml:3:11: unknown severity 'critical' for CON001 (expected off, on, error, warning or info)",
        ),
        (
            "name: x\nrules:\n  CON001: {severity: fatal}\n",
            "bad.yaml:3:22: rules.CON001.severity: 'fatal' is not one of error, warning, info",
        ),
        ("name: x\nrules: [CON001]\n", "bad.yaml:2:8: rules must be of type object, not list"),
        ("name: x\nrulez: {}\n", "bad.yaml:2:1: unknown key 'rulez' in pack"),
        ("description: no name\n", "bad.yaml:1:1: pack lacks the required key 'name'"),
        (
            "name: x\nrules:\n  CON001: {fields: [fax]}\n",
            "bad.yaml:3:12: CON001 has no parameter 'fields' (it takes: required)",
        ),
        ("name: x\nrules:\n  CON: {required: [fax]}\n", "bad.yaml:3:9: parameters need a full rule code"),
        ("name: x\nextends: nowhere\n", "bad.yaml:2:10: unknown pack 'nowhere'"),
        (
            "name: x\nextends: [national, ./missing.yaml]\n",
            "bad.yaml:2:21: pack file './missing.yaml' not found",
        ),
        ("name: x\nrules:\n  CON001: off\n CON002: off\n", "bad.yaml:4:2: invalid YAML"),
        ("name: x\nname: y\n", "bad.yaml:2:1: invalid YAML"),
        ("name: [x\n", "bad.yaml:2:1: invalid YAML"),
        ("", "bad.yaml:1:1: empty pack"),
    ],
)
def test_pack_errors(tmp_path: Path, reg: Registry, text: str, expected: str) -> None:
    assert _error(tmp_path, text, reg).startswith(expected)


@pytest.mark.parametrize(
    ("define", "expected"),
    [
        # malformed expressions: the column inside the expression, translated to the file
        (
            "    expression: t3.new_received.total + == 1\n",
            "bad.yaml:6:41: invalid expression: unexpected '=='",
        ),
        (
            "    expression: 't3.new_recieved.total == 1'\n",
            "bad.yaml:6:21: invalid expression: unknown row key",
        ),
        (
            "    expression: |\n      t3.new_received.total ==\n        t3.nothing.total\n",
            "bad.yaml:8:12: invalid expression: unknown row key 'nothing'",
        ),
        (
            "    expression: t2.fees.amount < 1 ± 0.5\n",
            "bad.yaml:6:38: invalid expression: a tolerance applies to == and != only, not to <",
        ),
        (
            "    expressions: t3.new_received.total == 1\n",
            "bad.yaml:6:5: unknown key 'expressions' in define.TST001",
        ),
    ],
)
def test_expression_errors_point_into_the_pack(
    tmp_path: Path, reg: Registry, define: str, expected: str
) -> None:
    text = "name: x\ndefine:\n  TST001:\n    name: t\n    kind: identity\n" + define
    assert _error(tmp_path, text, reg).startswith(expected)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "    kind: require-text\n    pattern: '([unclosed'\n",
            "bad.yaml:6:15: invalid regular expression: missing ]: [unclosed",
        ),
        (
            "    kind: require-text\n",
            "bad.yaml:3:3: define.TST001: a require-text rule takes exactly one of 'pattern' or 'patterns'",
        ),
        (
            "    kind: require-text\n    pattern: x\n    scope: 9\n",
            "bad.yaml:7:12: define.TST001.scope: scope 9 is not 1 to 6, preamble, title or any",
        ),
        (
            "    kind: contact-fields\n    fields: [fax, pager]\n",
            "bad.yaml:6:19: define.TST001.fields.1: 'pager' is not one of address",
        ),
        (
            "    kind: deadline\n    deadlines: {township: 02-30}\n",
            "bad.yaml:6:27: '02-30' is not a month-day date",
        ),
        (
            "    kind: deadline\n    deadlines: {cities: 01-31}\n",
            "bad.yaml:6:17: unknown key 'cities' in define.TST001.deadlines",
        ),
        ("    kind: shout\n", "bad.yaml:5:11: define.TST001.kind: 'shout' is not one of"),
        (
            "    kind: contact-fields\n    fields: [fax]\n    message:\n      zh: 缺{fieldz}\n      en: x\n",
            "bad.yaml:8:11: unknown placeholder {fieldz} in message (a contact-fields rule offers: field, field_zh)",
        ),
        (
            "    kind: contact-fields\n    fields: [fax]\n    pattern: x\n",
            "bad.yaml:7:5: contact-fields rules take no parameter 'pattern'",
        ),
    ],
)
def test_define_errors(tmp_path: Path, reg: Registry, body: str, expected: str) -> None:
    text = "name: x\ndefine:\n  TST001:\n    name: t\n" + body
    assert _error(tmp_path, text, reg).startswith(expected)


def test_defined_code_must_be_new(tmp_path: Path, reg: Registry) -> None:
    text = "name: x\ndefine:\n  CON001: {name: t, kind: contact-fields, fields: [fax]}\n"
    assert _error(tmp_path, text, reg).startswith(
        "bad.yaml:3:3: rule code CON001 is already used by disclint"
    )
    text = "name: x\nextends: ningxia\ndefine:\n  NX001: {name: t, kind: contact-fields, fields: [fax]}\n"
    assert _error(tmp_path, text, reg).startswith("bad.yaml:4:3: rule code NX001 is already used by ningxia")
    text = "name: x\ndefine:\n  nx1: {name: t, kind: contact-fields, fields: [fax]}\n"
    assert _error(tmp_path, text, reg).startswith("bad.yaml:3:3: 'nx1' is not a rule code")


def test_override_of_a_defined_rule_is_validated_like_its_definition(tmp_path: Path, reg: Registry) -> None:
    text = "name: x\nextends: ningxia\nrules:\n  NX001:\n    pattern: '(('\n"
    assert _error(tmp_path, text, reg).startswith("bad.yaml:5:15: invalid regular expression")


def test_cycle_in_extends(tmp_path: Path, reg: Registry) -> None:
    _write(tmp_path, "a.yaml", "name: a\nextends: b.yaml\n")
    _write(tmp_path, "b.yaml", "name: b\nextends:\n  - national\n  - c.yaml\n")
    _write(tmp_path, "c.yaml", "name: c\nextends: a.yaml\n")
    with pytest.raises(PackError) as info:
        load_pack(tmp_path / "a.yaml", reg)
    err = info.value
    assert (Path(err.path).name, err.line, err.column) == ("c.yaml", 2, 10)
    assert err.message.startswith("cycle in extends: ")
    assert [Path(p).name for p in err.message.split(": ", 1)[1].split(" → ")] == [
        "a.yaml",
        "b.yaml",
        "c.yaml",
        "a.yaml",
    ]
    self_ref = _write(tmp_path, "self.yaml", "name: s\nextends: [self.yaml]\n")
    with pytest.raises(PackError, match=r"self\.yaml:2:11: cycle in extends"):
        load_pack(self_ref, reg)


def test_unknown_pack_on_the_command_line(reg: Registry) -> None:
    with pytest.raises(PackError) as info:
        load_pack("atlantis", reg)
    assert str(info.value).startswith(
        "<command line>: unknown pack 'atlantis' (available: national, ningxia, yinchuan"
    )


def test_pack_schema_is_generated_from_the_kinds() -> None:
    from disclint.packs.kinds import KINDS
    from disclint.packs.schemagen import build_schema, schema_text

    shipped = (packs_dir() / "pack.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(), "stale; run: python -m disclint.packs.schemagen rules/pack.schema.json"
    definition = build_schema()["$defs"]["definition"]
    assert definition["properties"]["kind"]["enum"] == list(KINDS)
    for kind in KINDS.values():
        for spec in kind.params:
            assert definition["properties"][spec.name] == spec.schema
    identity = next(c for c in definition["allOf"] if c["if"]["properties"]["kind"] == {"const": "identity"})
    assert identity["then"] == {"required": ["expression"]}


def test_pack_kinds_and_builtin_rules_share_their_checks(seeds: dict[str, Report], reg: Registry) -> None:
    from disclint.packs.kinds import KINDS
    from disclint.rule import RuleContext

    con001, sec001 = reg.rules["CON001"], reg.rules["SEC001"]
    text = (SEEDS / "000_24cd27ad2d34b72d.txt").read_text(encoding="utf-8")
    cut = parse_text(text[: text.index("五、存在的主要问题及改进情况")], "cut.txt")
    for rep in [*seeds.values(), cut]:
        fields = ["address", "postcode", "phone", "fax", "email", "website"]
        by_rule = [v.span for v in con001.check(rep, RuleContext({"required": fields}))]
        by_kind = [v.span for v in KINDS["contact-fields"].check(rep, RuleContext({"fields": fields}))]
        assert by_rule == by_kind
        by_rule = [(v.context["section"], v.span) for v in sec001.check(rep, RuleContext({}))]
        by_kind = [
            (v.context["section"], v.span)
            for v in KINDS["require-section"].check(rep, RuleContext({"sections": [1, 2, 3, 4, 5, 6]}))
        ]
        assert by_rule == by_kind
    assert [v.context["section"] for v in sec001.check(cut, RuleContext({}))] == [5, 6]


def test_kind_placeholders_name_things_in_the_message_language(
    tmp_path: Path, seeds: dict[str, Report], reg: Registry
) -> None:
    pack = _write(
        tmp_path,
        "p.yaml",
        """
        name: t
        define:
          TST001:
            name: fee
            kind: require-text
            scope: 6
            pattern: 不存在的说法
            message: {zh: "{scope}缺少说明（{scope_zh}）", en: "{scope}: missing ({scope_zh})"}
          TST002: {name: fax, kind: contact-fields, fields: [fax]}
        """,
    )
    zh = _findings(pack, [seeds["000"]], reg, "TST001", lang="zh")
    en = _findings(pack, [seeds["000"]], reg, "TST001", lang="en")
    assert [f.message for f in zh] == ["第六部分缺少说明（第六部分）"]
    assert [f.message for f in en] == ["6: missing (第六部分)"]
    assert [f.message for f in _findings(pack, [seeds["000"]], reg, "TST002", lang="en")] == [
        "missing contact field: fax"
    ]
