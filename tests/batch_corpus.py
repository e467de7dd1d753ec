"""A generated region for the batch tests: 52 reports of 26 organs over 2023 and 2024, built from
the clean test report (report_builder) and from seed 002 (a real 2024 township report) with the
organs, years and values changed — including broken carry-overs (ACC008) and broken table 二
in-force continuity (ACC009), and one renamed organ joined by an alias.

:func:`build` writes the files and returns what the batch must find, from the generator's own
knowledge (never from disclint's output).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from corpus import SEED_STEMS, SEEDS
from report_builder import clean_report, edit

DISTRICTS = ("兴庆区", "西夏区", "金凤区", "永宁县", "贺兰县", "灵武县")
TOWNS = ("掌政镇", "大新镇", "通贵镇", "月牙湖镇", "兴泾镇", "镇北堡镇", "良田镇", "丰登镇", "望远镇")
COUNTIES = ("金凤区", "灵武县", "平罗县", "隆德县", "中宁县", "盐池县")
DEPARTMENTS = ("民政局", "教育局", "财政局", "交通运输局", "卫生健康局", "司法局")
SEED_TOWNS = ("兴仁镇", "宣和镇", "常乐镇", "永康镇", "东园镇", "柔远镇", "镇罗镇", "香山镇")

# prev-year edits that carry one request forward (and keep the prev report balanced)
CARRY_FORWARD = (
    ("（七）总计 2 1 0 0 0 0 3", "（七）总计 1 1 0 0 0 0 2"),
    (
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 1 0 0 0 0 0 1",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 0 0 0 0 0",
    ),
    ("四、结转下年度继续办理 0 0 0 0 0 0 0", "四、结转下年度继续办理 1 0 0 0 0 0 1"),
)
RENAMED = ("银川市永宁县望洪乡人民政府", "银川市永宁县望洪镇人民政府")  # (2023 name, 2024 name)
ALIASES = {RENAMED[0]: RENAMED[1]}


@dataclass(frozen=True)
class Expected:
    path: str
    organ: str
    year: int
    level: str
    notice: str = "〔2021〕30号"
    table_format: str = "30"


@dataclass
class Region:
    root: Path
    reports: list[Expected] = field(default_factory=list)
    # (code, current file, previous file, column or row, expected, actual)
    cross_year: set[tuple[str, str, str, str, int, int]] = field(default_factory=set)

    def folder(self, year: int) -> Path:
        return self.root / str(year)


def _organ(k: int) -> tuple[str, str, str]:
    """(2023 name, 2024 name, level) of builder organ ``k``: same organ, sometimes written
    shorter in one year, as real reports do."""
    district = DISTRICTS[k % len(DISTRICTS)]
    if k % 3 == 0:
        town = TOWNS[k // 3 % len(TOWNS)]
        return f"{district}{town}", f"银川市{district}{town}人民政府", "township"
    if k % 3 == 1:
        dept = DEPARTMENTS[k // 3 % len(DEPARTMENTS)]
        return f"银川市{district}{dept}", f"银川市{district}{dept}", "department"
    name = f"{COUNTIES[k // 3]}人民政府"
    return name, name, "county"


def _seed_text(town: str, year: int) -> str:
    text = (SEEDS / f"{SEED_STEMS[2]}.txt").read_text(encoding="utf-8").replace("兴仁镇", town)
    if year == 2023:
        text = text.replace("2024", "2023").replace("2025", "2024")
    return text


def _write(region: Region, year: int, name: str, text: str, organ: str, level: str) -> str:
    path = region.folder(year) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    region.reports.append(Expected(str(path), organ, year, level))
    return str(path)


def build(root: Path) -> Region:
    """Write the region under ``root`` with its ``disclint.yaml`` (the organ alias)."""
    region = Region(root)
    aliases = "".join(f"  {k}: {v}\n" for k, v in ALIASES.items())
    (root / "disclint.yaml").write_text(f"organ-aliases:\n{aliases}", encoding="utf-8")
    for k in range(17):
        old, new, level = _organ(k)
        prev_text, cur_text = clean_report(2023, old), clean_report(2024, new)
        if k in (1, 7, 13):  # carried forward 1 in 2023, carried over 0 in 2024
            prev_text = edit(prev_text, CARRY_FORWARD)
        if k in (2, 8, 14):  # 9 in force expected (8 + 1 − 0), 12 written
            cur_text = edit(cur_text, [("行政规范性文件 1 0 9", "行政规范性文件 1 0 12")])
        prev = _write(region, 2023, f"organ{k:02d}.txt", prev_text, old, level)
        cur = _write(region, 2024, f"organ{k:02d}.txt", cur_text, new, level)
        if k in (1, 7, 13):
            region.cross_year |= {
                ("ACC008", cur, prev, "natural_person", 1, 0),
                ("ACC008", cur, prev, "total", 1, 0),
            }
        if k in (2, 8, 14):
            region.cross_year.add(("ACC009", cur, prev, "normative_documents", 9, 12))
    old, new = RENAMED  # a 乡 that became a 镇: one organ only through the configured alias
    prev = _write(region, 2023, "renamed.txt", clean_report(2023, old), old, "township")
    cur_text = edit(clean_report(2024, new), [("行政规范性文件 1 0 9", "行政规范性文件 1 0 5")])
    cur = _write(region, 2024, "renamed.txt", cur_text, new, "township")
    region.cross_year.add(("ACC009", cur, prev, "normative_documents", 9, 5))
    for j, town in enumerate(SEED_TOWNS):
        organ = f"沙坡头区{town}"
        cur_text = _seed_text(town, 2024)
        if j in (1, 5):  # nothing issued or repealed, yet 2 in force now
            cur_text = edit(cur_text, [("行政规范性文件 0 0 0", "行政规范性文件 0 0 2")])
        prev = _write(region, 2023, f"seed-{j}.txt", _seed_text(town, 2023), organ, "township")
        cur = _write(region, 2024, f"seed-{j}.txt", cur_text, organ, "township")
        if j in (1, 5):
            region.cross_year.add(("ACC009", cur, prev, "normative_documents", 0, 2))
    return region
