"""Organ identity across years: keys, aliases, pairs of consecutive years, groups; organ levels."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from disclint.batch.facts import ReportFacts
from disclint.batch.organs import MIN_KEY, organ_groups, organ_key, year_pairs
from disclint.domain.organs import organ_level


def facts(path: str, organ: str | None, year: int | None) -> ReportFacts:
    return ReportFacts(path, "text", True, organ=organ, year=year)


def test_keys_drop_spaces_and_government_suffix_and_apply_aliases() -> None:
    assert organ_key("银川市 兴庆区掌政镇人民政府") == "银川市兴庆区掌政镇"
    assert organ_key("掌政乡", {"掌政乡人民政府": "掌政镇"}) == "掌政镇"
    assert organ_key(None) is None


def test_pairs_match_name_suffixes_in_consecutive_years_only() -> None:
    items = [
        facts("a2023.txt", "兴庆区掌政镇", 2023),
        facts("a2024.txt", "银川市兴庆区掌政镇人民政府", 2024),
        facts("b2024.txt", "沙坡头区兴仁镇", 2024),
        facts("b2022.txt", "沙坡头区兴仁镇", 2022),  # not consecutive
        facts("c2024.txt", "民政局", 2024),
        facts("c2023.txt", "银川市民政局", 2023),
    ]
    assert [(a.path, b.path) for a, b in year_pairs(items)] == [
        ("a2024.txt", "a2023.txt"),
        ("c2024.txt", "c2023.txt"),
    ]


def test_aliases_join_a_renamed_organ() -> None:
    items = [facts("old.txt", "掌政乡人民政府", 2023), facts("new.txt", "掌政镇人民政府", 2024)]
    assert year_pairs(items) == []
    pairs = year_pairs(items, {"掌政乡": "掌政镇"})
    assert [(a.path, b.path) for a, b in pairs] == [("new.txt", "old.txt")]
    groups = organ_groups(items, {"掌政乡": "掌政镇"})
    assert [[f.path for f in g] for g in groups] == [["old.txt", "new.txt"]]


def test_groups_join_years_and_keep_strangers_apart() -> None:
    items = [
        facts("x2024.txt", "银川市兴庆区掌政镇人民政府", 2024),
        facts("y2024.txt", "沙坡头区兴仁镇", 2024),
        facts("x2023.txt", "兴庆区掌政镇", 2023),
        facts("z.txt", None, None),
    ]
    assert [[f.path for f in g] for g in organ_groups(items)] == [
        ["x2023.txt", "x2024.txt"],
        ["y2024.txt"],
        ["z.txt"],
    ]


def test_levels() -> None:
    assert organ_level("宁夏回族自治区人民政府") == "province"
    assert organ_level("银川市人民政府") == "city"
    assert organ_level("银川市兴庆区人民政府") == "county"
    assert organ_level("兴庆区掌政镇人民政府") == "township"
    assert organ_level("银川市民政局") == "department"
    assert organ_level(None) is None


_PARTS = ("银川市", "兴庆区", "掌政镇", "民政局", "人民政府", "西夏区", "镇", "局", "乡")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.lists(st.sampled_from(_PARTS), min_size=1, max_size=4), st.integers(2021, 2024)))
)
def test_pairs_are_the_names_one_ends_with_the_other_a_year_apart(reports) -> None:
    """year_pairs against the definition, by brute force: every (this year, last year) pair whose
    names (organ keys of at least MIN_KEY characters) end one with the other; each pair once."""
    items = [facts(f"r{i}.txt", "".join(parts), year) for i, (parts, year) in enumerate(reports)]
    got = [(a.path, b.path) for a, b in year_pairs(items)]
    expected = set()
    for current in items:
        for previous in items:
            ck, pk = organ_key(current.organ), organ_key(previous.organ)
            if ck is None or pk is None or previous.year != (current.year or 0) - 1:
                continue
            if (len(ck) >= MIN_KEY and pk.endswith(ck)) or (len(pk) >= MIN_KEY and ck.endswith(pk)):
                expected.add((current.path, previous.path))
    assert len(got) == len(set(got)) and set(got) == expected
