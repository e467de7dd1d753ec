"""`disclint serve` through the ASGI test client: the JSON API, limits, bad files, concurrency."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import re
import socket
import subprocess
import sys
import threading
import time
import warnings
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from PIL import Image

pytest.importorskip("starlette", reason="the serve extra is not installed")
pytest.importorskip("multipart", reason="the serve extra is not installed")

import httpx
import openpyxl
import pypdfium2 as pdfium
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

with warnings.catch_warnings():  # Starlette asks for httpx2; httpx is what is packaged today
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from disclint import cli
from disclint.engine import registry
from disclint.render.catalogue import explain
from disclint.serve import checking
from disclint.serve.app import create_app
from disclint.serve.checking import Packs, Upload, check, display_name, unique_names
from disclint.serve.views import file_views

from corpus import REAL, SEED_STEMS, SEEDS
from fixture_builders import build_docx, build_html, build_model, load_expected

STEM = "001_c2bcf9dd95c89acf"


def seed_bytes(stem: str = STEM) -> bytes:
    return (SEEDS / f"{stem}.txt").read_bytes()


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> Packs:
    """Packs as seen from an empty directory (no configuration file): national by default."""
    return Packs(cwd=tmp_path_factory.mktemp("noconfig"))


@pytest.fixture(scope="module")
def client(packs: Packs) -> Iterator[TestClient]:
    with TestClient(create_app(packs=packs)) as c:
        yield c


def cli_json(tmp_path: Path, files: dict[str, bytes], *args: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """``disclint check --format json`` on ``files`` written under their names in ``tmp_path``."""
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli.main, ["check", *files, "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.output


def injected_failure(*_args: Any) -> Any:
    """Stands in for a function of the app, to see what a bug in it does to the response."""
    raise RuntimeError("secret internals")


def post(client: TestClient, files: list[tuple[str, bytes]], url: str = "/api/check", **data: str) -> Any:
    return client.post(url, files=[("files", (name, body)) for name, body in files], data=data)


def test_api_is_the_cli_json(client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name = f"{STEM}.txt"
    response = post(client, [(name, seed_bytes())])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.text == cli_json(tmp_path, {name: seed_bytes()}, monkeypatch=monkeypatch)
    codes = [(f["code"], f["location"]["line"]) for f in response.json()["findings"]]
    assert ("ACC002", 84) in codes and ("CON001", 9) in codes


def test_api_english_and_another_pack(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {f"{s}.txt": seed_bytes(s) for s in SEED_STEMS[:3]}
    response = post(client, list(files.items()), lang="en", pack="ningxia")
    assert response.status_code == 200
    expected = cli_json(tmp_path, files, "--lang", "en", "--pack", "ningxia", monkeypatch=monkeypatch)
    assert response.text == expected
    assert response.json()["summary"]["files"] == 3


def test_unknown_pack_is_refused_not_opened(client: TestClient) -> None:
    for pack in ("../../rules/national.yaml", "/etc/passwd", "nosuchpack"):
        response = post(client, [("a.txt", seed_bytes())], pack=pack)
        assert response.status_code == 400
        assert response.json()["error"].startswith(f"unknown pack {pack!r} (available: national, ")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("scan.bmp", b"BM" + bytes(32)),
        ("setup.exe", b"MZ\x90\x00" + bytes(32)),
        ("report.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(32)),
        ("noextension", b"plain words"),
    ],
)
def test_bad_file_type_is_par001_on_that_file_only(client: TestClient, name: str, data: bytes) -> None:
    good = f"{STEM}.txt"
    response = post(client, [(name, data), (good, seed_bytes())], lang="en")
    assert response.status_code == 200
    findings = response.json()["findings"]
    bad = [f for f in findings if f["location"]["path"] == name]
    assert [f["code"] for f in bad] == ["PAR001"]
    suffix = Path(name).suffix or "(none)"
    assert bad[0]["message"] == (
        f"Cannot read the file: {name}: file type {suffix} is not supported "
        "(supported: .txt .md .docx .pdf .html .htm .png .jpg .jpeg .tif .tiff)."
    )
    assert any(f["code"] == "ACC002" and f["location"]["path"] == good for f in findings)
    assert response.json()["summary"]["files"] == 2


def _encrypted_pdf() -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(72, 700, "annual report")
    c.showPage()
    c.save()
    return buffer.getvalue()


def test_encrypted_pdf_is_par001(client: TestClient) -> None:
    response = post(client, [("locked.pdf", _encrypted_pdf())], lang="en")
    assert response.status_code == 200
    (finding,) = response.json()["findings"]
    assert finding["code"] == "PAR001"
    assert finding["message"] == (
        "Cannot read the file: locked.pdf is password-protected; remove the password and save it again."
    )
    page = post(client, [("locked.pdf", _encrypted_pdf())], url="/check")
    assert page.status_code == 200
    assert "PAR001" in page.text and "locked.pdf is password-protected" in page.text


def test_oversized_upload_is_refused_with_a_clear_message(packs: Packs) -> None:
    with TestClient(create_app(packs=packs, max_bytes=4096)) as small:
        big = [("big.txt", b"x" * 5000)]
        api = post(small, big)
        assert api.status_code == 413
        assert api.json() == {"error": "request body larger than the limit of 0.00390625 MB"}
        page = post(small, big, url="/check")
        assert page.status_code == 413
        assert "上传的文件太大：总大小不能超过 0.00390625 MB。" in page.text
        assert 'id="upload"' in page.text  # the form is shown again
        # a body sent without Content-Length is counted as it arrives
        boundary = "b0undary"
        chunks = [
            f"--{boundary}\r\nContent-Disposition: form-data; name=files; filename=c.txt\r\n\r\n".encode()
        ]
        chunks += [b"y" * 1024] * 8 + [f"\r\n--{boundary}--\r\n".encode()]
        chunked = small.post(
            "/api/check",
            content=iter(chunks),
            headers={"content-type": f"multipart/form-data; boundary={boundary}"},
        )
        assert chunked.status_code == 413
        assert post(small, [("ok.txt", b"x" * 1000)]).status_code == 200


def test_no_file_is_a_400(client: TestClient) -> None:
    response = client.post("/api/check", data={"lang": "en"})
    assert response.status_code == 400
    assert response.json() == {"error": "no file uploaded"}
    page = client.post("/check", data={"lang": "zh"})
    assert page.status_code == 400 and "没有选择文件。" in page.text


def test_two_uploads_at_once_see_only_their_own_files(packs: Packs) -> None:
    app = create_app(packs=packs)
    first, second = SEED_STEMS[0], SEED_STEMS[1]

    async def both() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:

            def send(stem: str) -> Any:
                return c.post("/api/check", files=[("files", ("report.txt", seed_bytes(stem)))])

            return list(await asyncio.gather(send(first), send(second), send(first)))

    responses = asyncio.run(both())
    assert [r.status_code for r in responses] == [200, 200, 200]
    alone = {}
    with TestClient(app) as c:
        for stem in (first, second):
            alone[stem] = post(c, [("report.txt", seed_bytes(stem))]).text
    assert [r.text for r in responses] == [alone[first], alone[second], alone[first]]
    assert alone[first] != alone[second]


def test_client_path_is_only_a_label(client: TestClient) -> None:
    """A file name naming a real file on the server: only the uploaded (empty) bytes are read."""
    real = str((SEEDS / f"{STEM}.txt").resolve())
    response = post(client, [(real, b"")])
    findings = response.json()["findings"]
    assert {f["location"]["path"] for f in findings} == {f"{STEM}.txt"}
    assert not any(f["code"].startswith("ACC") for f in findings)


def test_display_names() -> None:
    assert display_name("../../etc/passwd", 1) == "passwd"
    assert display_name("C:\\Users\\王\\报告.docx", 1) == "报告.docx"
    assert display_name("a\x00b\x1b[31m.txt", 1) == "ab[31m.txt"
    assert display_name("..", 3) == "upload-3"
    assert display_name(".hidden.txt", 1) == "hidden.txt"
    long = display_name("长" * 300 + ".pdf", 1)
    assert len(long) == 120 and long.endswith(".pdf")
    uploads = [Upload("a.txt", b""), Upload("dir/a.txt", b""), Upload("a.txt", b""), Upload("", b"")]
    assert unique_names(uploads) == ["a.txt", "a (2).txt", "a (3).txt", "upload-4"]


def test_explain_on_demand(client: TestClient) -> None:
    response = client.get("/explain/ACC002", params={"lang": "en"})
    assert response.status_code == 200
    assert response.text == explain(registry().rules["ACC002"], "en")
    assert client.get("/explain/NOPE999").status_code == 404


def test_pages_are_self_contained(client: TestClient) -> None:
    index = client.get("/?lang=en")
    assert index.status_code == 200
    assert 'data-lang="en"' in index.text
    assert re.findall(r'<option value="([^"]+)"', index.text) == ["national", "ningxia", "yinchuan"]
    result = post(client, [(f"{STEM}.txt", seed_bytes())], url="/check")
    for page in (index.text, result.text):
        assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", page)
    for asset in ("/static/serve.css", "/static/serve.js"):
        assert client.get(asset).status_code == 200
    # the downloads embedded in the page are the JSON and SARIF of the run
    embedded = re.search(r'<script type="application/json" id="dl-json-zh">(.*?)</script>', result.text, re.S)
    assert embedded is not None
    assert json.loads(json.loads(embedded.group(1)))["summary"]["by_code"]["ACC002"] == 1
    sarif = re.search(r'<script type="application/json" id="dl-sarif-en">(.*?)</script>', result.text, re.S)
    assert sarif is not None
    log = json.loads(json.loads(sarif.group(1)))
    assert log["version"] == "2.1.0"
    assert "ACC002" in {r["ruleId"] for r in log["runs"][0]["results"]}


def test_serve_command_without_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("disclint.serve.missing_modules", lambda: ["uvicorn"])
    result = CliRunner().invoke(cli.main, ["serve"])
    assert result.exit_code == 2
    assert "python -m pip install 'disclint[serve]'" in result.output


def test_serve_command_reports_a_broken_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "disclint.yaml").write_text("pack: nosuchpack\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli.main, ["serve", "--port", "0", "--lang", "en"])
    assert result.exit_code == 2
    assert "unknown pack 'nosuchpack'" in result.output


def test_serve_command_serves_on_localhost() -> None:
    """`disclint serve` end to end: the process listens on 127.0.0.1 and answers the page."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "disclint", "serve", "--port", str(port), "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"disclint serve did not start: {proc.communicate(timeout=5)[1]}")
                time.sleep(0.2)
        assert page.status_code == 200 and 'id="upload"' in page.text
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=30)
    assert f"disclint: serving on http://127.0.0.1:{port}/" in err


@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_docx_and_html_uploads_match_the_cli(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    model = build_model(STEM)
    source = tmp_path / "src"
    source.mkdir()
    if suffix == ".docx":
        data = build_docx(model, source / f"{STEM}.docx").read_bytes()
    else:
        data = build_html(model).encode("utf-8")
    name = f"{STEM}{suffix}"
    response = post(client, [(name, data)])
    assert response.status_code == 200
    assert response.text == cli_json(tmp_path, {name: data}, monkeypatch=monkeypatch)
    assert "ACC002" in response.json()["summary"]["by_code"]


def test_a_layout_failure_still_shows_the_findings(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("disclint.serve.views.document_view", injected_failure)
    page = post(client, [(f"{STEM}.txt", seed_bytes())], url="/check")
    assert page.status_code == 200
    assert 'id="layout-failed"' in page.text
    api = post(client, [(f"{STEM}.txt", seed_bytes())]).json()
    assert page.text.count('class="finding sev-') == api["summary"]["findings"] > 0


def test_too_many_files_is_a_400(client: TestClient) -> None:
    files = [(f"r{i}.txt", b"x") for i in range(51)]
    api = post(client, files)
    assert api.status_code == 400
    assert api.json() == {"error": "Too many files. Maximum number of files is 50."}
    page = post(client, files, url="/check")
    assert page.status_code == 400
    error = re.search(r'<p class="error" role="alert" id="error">(.*?)</p>', page.text, re.S)
    assert error is not None
    shown = re.sub(r'<span data-l="en">.*?</span>|<[^>]+>|\s', "", error.group(1))
    assert shown == "上传内容无法处理：Toomanyfiles.Maximumnumberoffilesis50."


def test_an_unexpected_error_is_a_short_500_without_traceback(
    packs: Packs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("disclint.serve.app.check", injected_failure)
    with TestClient(create_app(packs=packs), raise_server_exceptions=False) as c:
        response = post(c, [("a.txt", b"x")])
    assert response.status_code == 500
    assert response.text == "disclint: internal error; the upload was not kept."


def test_the_configured_regional_pack_is_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "disclint.yaml").write_text("pack: yinchuan\n", encoding="utf-8")
    configured = Packs(cwd=tmp_path)
    assert configured.names() == ["yinchuan", "national", "ningxia"]
    name = f"{STEM}.txt"
    with TestClient(create_app(packs=configured)) as c:
        index = c.get("/")
        assert re.findall(r'<option value="([^"]+)"', index.text)[0] == "yinchuan"
        response = post(c, [(name, seed_bytes())])
    assert response.text == cli_json(tmp_path, {name: seed_bytes()}, monkeypatch=monkeypatch)
    national = cli_json(tmp_path, {name: seed_bytes()}, "--pack", "national", monkeypatch=monkeypatch)
    assert response.text != national  # the regional pack's rules and settings did apply


def _sheet(data: bytes, name: str) -> list[list[Any]]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return [list(row) for row in book[name].iter_rows(values_only=True)]


def test_xlsx_summary_is_the_batch_summary(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {f"{s}.txt": seed_bytes(s) for s in SEED_STEMS[:2]}
    response = post(client, list(files.items()), url="/api/check?format=xlsx")
    assert response.status_code == 200
    assert response.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response.headers["content-disposition"] == 'attachment; filename="disclint-summary.xlsx"'
    reports = _sheet(response.content, "报告")
    assert reports[0][:3] == ["文件", "机关", "年度"]
    findings = json.loads(post(client, list(files.items())).text)["findings"]
    for stem, row in zip(SEED_STEMS[:2], reports[1:], strict=True):
        counts = Counter(f["severity"] for f in findings if f["location"]["path"] == f"{stem}.txt")
        assert row[0] == f"{stem}.txt"
        assert row[1] == load_expected(stem)["organ"]
        assert row[2] == load_expected(stem)["year"]
        assert row[6] == "national"
        assert row[7:10] == [counts["error"], counts["warning"], counts["info"]]
    assert reports[2][:3] == ["001_c2bcf9dd95c89acf.txt", "兴庆区掌政镇", 2020]
    assert len(_sheet(response.content, "问题")) == len(findings) + 1
    # the same workbook as `disclint check --summary` on the same files (one owner: batch/export.py)
    cli_json(tmp_path, files, "--summary", "cli.xlsx", monkeypatch=monkeypatch)
    cli_book = (tmp_path / "cli.xlsx").read_bytes()
    for sheet in ("报告", "问题", "规则统计", "机关跨年度"):
        assert _sheet(response.content, sheet) == _sheet(cli_book, sheet)
    english = post(client, list(files.items()), url="/api/check?format=xlsx", lang="en")
    assert _sheet(english.content, "reports")[0][:3] == ["file", "organ", "year"]


def test_api_sarif_and_unknown_format(client: TestClient) -> None:
    files = [(f"{STEM}.txt", seed_bytes())]
    sarif = post(client, files, url="/api/check?format=sarif", lang="en")
    assert sarif.status_code == 200
    assert sarif.headers["content-type"].startswith("application/sarif+json")
    log = sarif.json()
    assert log["version"] == "2.1.0"
    expected = post(client, files, lang="en").json()["findings"]
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["message"]["text"]) for r in results] == [
        (f["code"], f["message"]) for f in expected
    ]
    bad = post(client, files, url="/api/check?format=docx")
    assert bad.status_code == 400
    assert bad.json() == {"error": "unknown format 'docx' (available: json, sarif, xlsx)"}


def test_result_page_offers_the_xlsx_summary(client: TestClient) -> None:
    page = post(client, [(f"{STEM}.txt", seed_bytes())], url="/check")
    assert 'data-download="xlsx"' in page.text
    for lang, sheet in (("zh", "报告"), ("en", "reports")):
        embedded = re.search(
            rf'<script type="application/json" id="dl-xlsx-{lang}">(.*?)</script>', page.text
        )
        assert embedded is not None
        rows = _sheet(base64.b64decode(json.loads(embedded.group(1))), sheet)
        assert rows[1][:3] == [f"{STEM}.txt", "兴庆区掌政镇", 2020]


def test_checks_run_at_the_same_time_with_the_results_of_one_at_a_time(
    packs: Packs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two checks in two threads are inside the parser at the same moment (a lock around the
    pipeline would make the barrier time out), and give what each gives alone."""
    resolution = packs.choose("")
    uploads = {
        "text": [Upload("report.txt", seed_bytes(SEED_STEMS[0]))],
        "pdf": [Upload("report.pdf", (REAL / "hongze2024.pdf").read_bytes())],
    }
    real_parse = checking.parse_document
    barrier = threading.Barrier(2, timeout=120)
    arrivals: list[int] = []

    def meet_then_parse(doc: Any) -> Any:
        arrivals.append(barrier.wait())  # BrokenBarrierError if the other check cannot get here
        return real_parse(doc)

    monkeypatch.setattr(checking, "parse_document", meet_then_parse)
    with ThreadPoolExecutor(2) as pool:
        together = list(pool.map(lambda kind: check(uploads[kind], resolution), uploads))
    assert sorted(arrivals) == [0, 1]
    monkeypatch.setattr(checking, "parse_document", real_parse)
    alone = [check(uploads[kind], resolution) for kind in uploads]
    for a, b in zip(together, alone, strict=True):
        assert a.json("zh") == b.json("zh") and a.json("en") == b.json("en")
    assert together[0].json("zh") != together[1].json("zh")


def test_html_uploads_read_in_threads_keep_their_element_paths(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The HTML reader's element-path memo is per thread: pages read at once do not mix."""
    pages = {f"{s}.html": build_html(build_model(s)).encode("utf-8") for s in SEED_STEMS[:4]}
    expected = {n: cli_json(tmp_path, {n: d}, monkeypatch=monkeypatch) for n, d in pages.items()}
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda item: post(client, [item]).text, list(pages.items()) * 2))
    assert answers == [expected[n] for n in pages] * 2


def _text_in_box(pdf: Any, page: int, box: tuple[float, float, float, float]) -> str:
    """The PDF's text inside ``box`` (points from the top-left corner) on ``page``."""
    p = pdf[page - 1]
    height = p.get_height()
    text = p.get_textpage().get_text_bounded(box[0], height - box[3], box[2], height - box[1])
    return "".join(text.split())


def test_pdf_findings_show_their_page_with_the_box(packs: Packs) -> None:
    data = (REAL / "hongze2024.pdf").read_bytes()
    result = check([Upload("hongze2024.pdf", data)], packs.choose(""))
    (view,) = file_views(result)
    boxed = [f for f in result.findings["zh"] if f.location.native and f.location.native.bbox]
    assert boxed and all(f.location.native.page for f in boxed)  # type: ignore[union-attr]
    pdf = pdfium.PdfDocument(data)
    try:
        for f in boxed:  # the box holds the text of the finding's line (or cell)
            native = f.location.native
            assert native is not None and native.bbox is not None and native.page is not None
            inside = _text_in_box(pdf, native.page, native.bbox)
            line = "".join(f.line_text.split())
            assert inside and (inside in line if native.cell else inside == line), (f.code, inside, line)
        sizes = {n: pdf[n - 1].get_size() for n in range(1, len(pdf) + 1)}
    finally:
        pdf.close()
    items = {i.id: i for _sev, group in view.groups for i in group}
    shown = {p.number: p for p in view.pages}
    assert set(shown) == {f.location.native.page for f in boxed}  # type: ignore[union-attr]
    for page in view.pages:
        width, height = sizes[page.number]
        assert (page.width, page.height) == (width, height)
        assert page.src.startswith("data:image/png;base64,")
        with Image.open(io.BytesIO(base64.b64decode(page.src.split(",", 1)[1]))) as im:
            assert abs(im.size[0] - width * 96 / 72) < 1 and abs(im.size[1] - height * 96 / 72) < 1
        for b in page.boxes:
            item = items[b.id]
            assert item.page == page.number and item.page_image == f"P1-{page.number}"
            assert item.box is not None
            x0, top, x1, bottom = item.box
            assert (b.left, b.top) == (100 * x0 / width, 100 * top / height)
            assert (b.width, b.height) == (100 * (x1 - x0) / width, 100 * (bottom - top) / height)
    assert sum(len(p.boxes) for p in view.pages) == len(boxed)
    html = post(TestClient(create_app(packs=packs)), [("hongze2024.pdf", data)], url="/check").text
    for page in view.pages:
        assert f'id="P1-{page.number}"' in html and page.src in html
    assert html.count('class="box"') == len(boxed)


def test_text_uploads_have_no_page_images(client: TestClient) -> None:
    page = post(client, [(f"{STEM}.txt", seed_bytes())], url="/check")
    assert 'class="page-image"' not in page.text and "data-page-image" not in page.text


def test_pdf_findings_with_boxes_survive_the_batch_cache(packs: Packs) -> None:
    """Every PDF line now has a box: a finding read back from the result cache (JSON, where the
    box is a list) is equal to the one it was made from, and hashable."""
    from disclint.batch.cache import decode_findings, encode_findings

    result = check([Upload("hongze2024.pdf", (REAL / "hongze2024.pdf").read_bytes())], packs.choose(""))
    boxed = [f for f in result.findings["zh"] if f.location.native and f.location.native.bbox]
    assert boxed
    for f in boxed:
        counts = ((f.code, f.severity),)
        (back,) = decode_findings(encode_findings([f]), f.location.path, counts)
        assert back == f and hash(back) == hash(f)


def test_a_huge_page_is_rendered_at_a_bounded_size(client: TestClient) -> None:
    """A page declared 5 m wide (a hostile MediaBox) is drawn at most 2000 pixels on its long side."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(14400, 7200))
    c.setFont("Helvetica", 200)
    c.drawString(400, 6000, "Annual report 2024")
    c.showPage()
    c.save()
    page = post(client, [("poster.pdf", buffer.getvalue())], url="/check")
    assert page.status_code == 200
    (src,) = set(re.findall(r'<img src="data:image/png;base64,([^"]+)"', page.text))
    with Image.open(io.BytesIO(base64.b64decode(src))) as im:
        assert im.size == (2000, 1000)
    assert 'data-width="14400.0" data-height="7200.0"' in page.text
