"""The HTML summary in a real browser: headless Chromium (Debian's `chromium`) driven by
Playwright; skipped with the reason when either is missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from disclint.cli import main

from batch_corpus import build
from browser import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="module")
def summary_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("html")
    build(root)
    target = root / "summary.html"
    old = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(
            main, ["check", "2024", "--previous", "2023", "-q", "--summary", str(target)]
        )
    finally:
        os.chdir(old)
    assert result.exit_code == 1, result.output
    return target


def test_page_is_self_contained(summary_html: Path) -> None:
    html = summary_html.read_text(encoding="utf-8")
    assert "http://" not in html.split("<body>")[0] and "<script src" not in html and "<link" not in html


def test_table_counts_and_sorting_in_headless_chromium(summary_html: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (Debian package `chromium`)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route(
                "**/*",
                lambda route: (
                    route.abort() if not route.request.url.startswith("file:") else route.continue_()
                ),
            )
            page.goto(summary_html.as_uri())
            rows = page.locator("#reports tbody tr")
            assert rows.count() == 26
            assert page.locator("#totals").inner_text().startswith("26 份报告")
            rule_rows = {
                r.locator("td").nth(0).inner_text(): int(r.locator("td").nth(2).inner_text())
                for r in page.locator("#rules tbody tr").all()
            }
            assert rule_rows["ACC009"] == 6 and rule_rows["ACC008"] == 6
            widths = page.eval_on_selector_all(
                "#rules .bar", "bars => bars.map(b => b.getBoundingClientRect().width)"
            )
            assert max(widths) == pytest.approx(300, abs=1) and all(w > 0 for w in widths)
            renamed = page.locator("#reports tbody tr", has_text="2024/renamed.txt")
            assert renamed.locator("td").nth(10).inner_text() == "ACC009"
            # sort by errors (column 8), descending on the second click
            header = page.locator("#reports th").nth(7)
            header.click()
            header.click()
            errors = [int(t) for t in page.locator("#reports tbody tr td:nth-child(8)").all_inner_texts()]
            assert errors == sorted(errors, reverse=True) and errors[0] > errors[-1]
            finding = page.locator(
                "details.report[data-path='2024/renamed.txt'] li.finding[data-code='ACC009']"
            )
            lines = (summary_html.parent / "2024" / "renamed.txt").read_text(encoding="utf-8").split("\n")
            line = next(i for i, text in enumerate(lines, 1) if text == "行政规范性文件 1 0 5")
            assert finding.count() == 1
            page.locator("details.report[data-path='2024/renamed.txt'] > summary").click()  # expand
            text = finding.inner_text()
            assert (
                text.startswith(f"{line}:") and "行政规范性文件 1 0 5" in text and "2023/renamed.txt" in text
            )
        finally:
            browser.close()
