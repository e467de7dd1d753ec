"""`disclint serve` in a real browser: the server on a free local port, driven by headless Chromium.

Chromium is Debian's (``/usr/bin/chromium``, installed by .ci/run), driven through Playwright with
``executable_path`` (Playwright's own browser download is never used). Without Chromium or
Playwright the tests are skipped with the reason.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pypdfium2 as pdfium
import pytest

from browser import CHROMIUM, CHROMIUM_ARGS
from corpus import SEEDS
from fixture_builders import load_expected, renderings

uvicorn = pytest.importorskip("uvicorn", reason="the serve extra (uvicorn) is not installed")
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

TIMEOUT_MS = 60_000
STEM = "001_c2bcf9dd95c89acf"  # a 60-format report with table errors (ACC001/ACC002) and PAR003 rows

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).is_file(), reason=f"Chromium is not installed ({CHROMIUM}); apt-get install chromium"
)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The app under uvicorn in a thread, on a port the OS picks; yields its base URL."""
    from disclint.serve.app import create_app

    config = uvicorn.Config(create_app(), host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start within 30 s")
        time.sleep(0.05)
    port = srv.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}/"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=TIMEOUT_MS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    p = context.new_page()
    p.set_default_timeout(TIMEOUT_MS)
    yield p
    context.close()


def save_small_png(source: Path, target: Path, width: int = 960) -> None:
    """A copy of a screenshot small enough for the repository: scaled down, 256-colour palette."""
    from PIL import Image

    with Image.open(source) as im:
        small = im.convert("RGB").resize(
            (width, round(im.height * width / im.width)), Image.Resampling.LANCZOS
        )
        small.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(target, optimize=True)


def _upload(page: Any, base: str, files: list[Path]) -> None:
    page.goto(base)
    page.set_input_files("#files", [str(f) for f in files])
    page.click("#submit")
    page.wait_for_selector("section.file")


def _listed(page: Any) -> list[tuple[str, int]]:
    items = page.query_selector_all("li.finding")
    return [(i.get_attribute("data-code"), int(i.get_attribute("data-line"))) for i in items]


def _cli_json(path: Path) -> list[dict[str, Any]]:
    """The findings of `disclint check --format json` on ``path`` (run in its folder, no configuration)."""
    out = subprocess.run(
        [sys.executable, "-m", "disclint", "check", path.name, "--format", "json"],
        capture_output=True,
        text=True,
        cwd=path.parent,
        timeout=300,
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr
    findings: list[dict[str, Any]] = json.loads(out.stdout)["findings"]
    return findings


def _cli_findings(path: Path) -> list[tuple[str, int]]:
    return [(f["code"], f["location"]["line"]) for f in _cli_json(path)]


def _in_viewport(page: Any, selector: str) -> bool:
    return bool(
        page.eval_on_selector(
            selector,
            "el => { const r = el.getBoundingClientRect();"
            " return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }",
        )
    )


def test_seed_text_findings_highlight_and_scroll(server: str, page: Any, tmp_path: Path) -> None:
    seed = SEEDS / f"{STEM}.txt"
    _upload(page, server, [seed])
    expected = load_expected(STEM)
    # identity from the parsed report
    assert page.inner_text("dd[data-id=organ]") == expected["organ"]
    assert page.inner_text("dd[data-id=year]") == "2020"
    assert page.inner_text("dd[data-id=notice]") == "国办公开办函〔2019〕60号"
    assert page.inner_text("dd[data-id=format]") == "60号文格式"
    # every finding the CLI reports, each expected one among them
    listed = _listed(page)
    assert sorted(listed) == sorted(_cli_findings(seed))
    for f in expected["findings"]:
        if not f.get("optional"):
            assert (f["code"], f["line"]) in listed
    # the three tables are real HTML tables
    kinds = [t.get_attribute("data-kind") for t in page.query_selector_all("table.report-table")]
    assert kinds == ["proactive", "applications", "review_litigation"]

    # click ACC002 on line 84: its cell (the 总计 of 本机关不掌握相关政府信息, 0) is highlighted and in view
    assert page.evaluate("window.scrollY") == 0
    item = page.locator("li.finding[data-code=ACC002][data-line='84']")
    fid = item.get_attribute("data-target")
    target = f'[data-f~="{fid}"]'
    assert not _in_viewport(page, target)
    item.click()
    page.wait_for_function(f"document.querySelector('{target}').classList.contains('focus')")
    cell = page.query_selector(target)
    assert cell.evaluate("el => el.tagName") == "TD"
    assert cell.inner_text() == "0"
    row_label = cell.evaluate("el => el.parentElement.querySelector('th').textContent")
    assert row_label == "(四) 无法提供 1. 本机关不掌握相关政府信息"
    page.wait_for_function(
        f"(() => {{ const r = document.querySelector('{target}').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; })()"
    )
    assert page.evaluate("window.scrollY") > 0
    assert (
        page.eval_on_selector(target, "el => getComputedStyle(el).backgroundColor") == "rgb(255, 183, 77)"
    )  # --focus
    page.screenshot(path=str(tmp_path / "serve.png"))
    with page.expect_download() as download:
        page.click("button[data-download=json]")
    saved = tmp_path / "findings.json"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "disclint.json"
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert sorted((f["code"], f["location"]["line"]) for f in data["findings"]) == sorted(listed)
    assert data["findings"][0]["message"] == "正文含Markdown 自动链接（1处）：<http://www.xqq.gov.cn>"
    # the xlsx summary: the batch summary workbook of this check
    with page.expect_download() as xlsx_download:
        page.click("button[data-download=xlsx]")
    assert xlsx_download.value.suggested_filename == "disclint-summary.xlsx"
    xlsx_download.value.save_as(tmp_path / "summary.xlsx")
    book = openpyxl.load_workbook(tmp_path / "summary.xlsx", read_only=True)
    header, row = list(book["报告"].iter_rows(values_only=True))
    assert header[:3] == ("文件", "机关", "年度") and header[7:10] == ("错误", "警告", "提示")
    counts = Counter(f["severity"] for f in data["findings"])
    assert row[:3] == (f"{STEM}.txt", expected["organ"], 2020)
    assert row[7:10] == (counts["error"], counts["warning"], counts["info"]) and counts["error"] > 0
    readme_copy = os.environ.get("DISCLINT_SERVE_SCREENSHOT")
    if readme_copy:  # docs/img/serve.png in the README: see docs/serve.md
        save_small_png(tmp_path / "serve.png", Path(readme_copy))

    # a finding in the prose: the characters it is about are marked
    prose = page.locator("li.finding[data-code=ACC005][data-line='23']")
    prose.click()
    marked = f'[data-f~="{prose.get_attribute("data-target")}"]'
    page.wait_for_function(f"document.querySelector('{marked}').classList.contains('focus')")
    assert page.eval_on_selector(marked, "el => el.tagName") == "MARK"
    assert page.eval_on_selector(marked, "el => el.closest('p').id") == "L1-23"
    (acc005,) = (f for f in _cli_json(seed) if f["code"] == "ACC005")
    line = seed.read_text(encoding="utf-8").splitlines()[acc005["location"]["line"] - 1]
    where = acc005["location"]
    assert page.inner_text(marked) == line[where["column"] - 1 : where["end_column"] - 1]
    assert not page.query_selector(target + ".focus")  # the previous one is no longer marked

    # English on demand; the rule's long text on demand
    assert "各申请人列之和为3，但总计为0" in item.inner_text()
    page.click("[data-set-lang=en]")
    assert item.locator(".msg").inner_text() == (
        "Table 三, row '1.本机关不掌握相关政府信息': the applicant columns add up to 3, but 总计 is 0"
    )
    assert item.locator(".where").inner_text() == "line 84"
    item.locator("button.explain").click()
    page.wait_for_selector(f"#item-{fid} pre.explain-text:not([hidden])")
    assert item.locator("pre.explain-text").inner_text().startswith("# ACC002 applicant-total")


def test_generated_pdf_shows_pages(
    server: str, page: Any, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    made = renderings(tmp_path_factory.getbasetemp() / "renderings")
    if not made.pdf:
        pytest.skip(made.pdf_skip_reason)
    pdf = made.pdf[STEM]
    _upload(page, server, [pdf])
    listed = _listed(page)
    assert sorted(listed) == sorted(_cli_findings(pdf))
    assert ("ACC002", next(line for code, line in listed if code == "ACC002")) in listed
    item = page.locator("li.finding[data-code=ACC002]").first
    assert "第 " in item.locator(".where").inner_text() and " 页" in item.locator(".where").inner_text()
    item.click()
    fid = item.get_attribute("data-target")
    target = f'[data-f~="{fid}"]'
    page.wait_for_function(f"document.querySelector('{target}').classList.contains('focus')")
    assert page.query_selector(target).evaluate("el => el.tagName") == "TD"
    assert _in_viewport(page, target)
    assert page.inner_text("dd[data-id=format]") == "60号文格式"
    assert page.query_selector_all("div.page")  # page breaks of the PDF shown in the document

    # the finding's page, rendered, under the finding, with the finding's box drawn over it
    line = int(item.get_attribute("data-line"))
    (cli,) = (f for f in _cli_json(pdf) if f["code"] == "ACC002" and f["location"]["line"] == line)
    number, (x0, top, x1, bottom) = cli["location"]["page"], cli["location"]["bbox"]
    figure = item.locator("figure.page-image")
    assert figure.is_visible() and figure.get_attribute("data-page") == str(number)
    assert item.locator(".where").inner_text().startswith(f"第 {number} 页")
    document = pdfium.PdfDocument(pdf)
    try:
        width, height = document[number - 1].get_size()
    finally:
        document.close()
    img = figure.locator("img").bounding_box()
    box = figure.locator(f'.box[data-box="{fid}"]')
    assert "current" in (box.get_attribute("class") or "")
    drawn = box.bounding_box()
    scale = img["width"] / width
    assert abs(img["height"] - height * scale) < 1.5  # the page's aspect ratio is kept
    assert abs(drawn["x"] - (img["x"] + x0 * scale)) < 1.5
    assert abs(drawn["y"] - (img["y"] + top * scale)) < 1.5
    assert abs(drawn["width"] - (x1 - x0) * scale) < 1.5
    assert abs(drawn["height"] - (bottom - top) * scale) < 1.5
    assert _in_viewport(page, f'.box[data-box="{fid}"]')
    assert page.evaluate("el => el.complete && el.naturalWidth > 0", figure.locator("img").element_handle())
    page.screenshot(path=str(tmp_path / "serve-pdf.png"))
    readme_copy = os.environ.get("DISCLINT_SERVE_PDF_SCREENSHOT")
    if readme_copy:  # docs/img/serve-pdf.png in docs/serve.md
        save_small_png(tmp_path / "serve-pdf.png", Path(readme_copy))
    # another finding: its own page image and box; one page image is shown at a time
    other = page.locator(f"li.finding[data-page-image]:not([data-target={fid}])").first
    other.click()
    assert page.locator("figure.page-image:visible").count() == 1
    shown = other.locator("figure.page-image")
    assert shown.is_visible()
    assert shown.locator(".box.current").get_attribute("data-box") == other.get_attribute("data-target")
    assert page.locator(".box.current").count() == 1


def test_bad_file_shows_par001_next_to_good_one(server: str, page: Any, tmp_path: Path) -> None:
    bad = tmp_path / "scan.bmp"
    bad.write_bytes(b"BM" + bytes(64))
    _upload(page, server, [SEEDS / f"{STEM}.txt", bad])
    sections = page.query_selector_all("section.file")
    assert [s.query_selector("h2").inner_text().split(" ")[0] for s in sections] == [
        f"{STEM}.txt",
        "scan.bmp",
    ]
    bad_items = sections[1].query_selector_all("li.finding")
    assert [i.get_attribute("data-code") for i in bad_items] == ["PAR001"]
    assert ".bmp" in bad_items[0].inner_text()
    assert sections[1].query_selector("dd[data-id=kind]").inner_text() == "不支持的类型"
    assert sections[0].query_selector("dd[data-id=kind]").inner_text() == "TEXT"


def test_drag_and_drop_then_check(server: str, page: Any) -> None:
    page.goto(server)
    text = (SEEDS / f"{STEM}.txt").read_text(encoding="utf-8")
    page.evaluate(
        """([name, text]) => {
            const dt = new DataTransfer();
            dt.items.add(new File([text], name, {type: "text/plain"}));
            const zone = document.getElementById("drop");
            zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
        }""",
        ["dropped.txt", text],
    )
    assert page.inner_text("#chosen").startswith("dropped.txt (")
    page.click("[data-set-lang=en]")  # the language chosen on the form carries over to the result
    page.click("#submit")
    page.wait_for_selector("section.file")
    assert page.get_attribute("body", "data-lang") == "en"
    assert page.inner_text("section.file h2").startswith("dropped.txt")
    assert ("ACC002", 84) in _listed(page)
    assert (
        page.locator("li.finding[data-code=CON001] .msg").inner_text()
        == "The contact details lack the postcode"
    )
