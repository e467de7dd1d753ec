"""Image files in folders (issue 14): scanned pages are reports when OCR can run; logos and
icons are not; when OCR cannot run, one note says why. And ``ocr:`` in the configuration."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from disclint.cli import main
from disclint.config import ConfigError, resolve
from disclint.discover import MIN_PAGE_PIXELS, scan
from disclint.readers import ocr as ocr_module

from corpus import SEED_STEMS, SEEDS

Image = pytest.importorskip("PIL.Image")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A report folder: one text report, two scanned pages, a logo, an icon in a subfolder."""
    root = tmp_path / "reports"
    (root / "img").mkdir(parents=True)
    shutil.copy(SEEDS / f"{SEED_STEMS[0]}.txt", root / "a.txt")
    Image.new("RGB", (1240, 1754), "white").save(root / "page1.png")
    Image.new("L", (1240, 1754), 255).save(root / "page2.TIFF")
    Image.new("RGB", (300, 80), "red").save(root / "logo.jpg")
    Image.new("RGB", (32, 32), "blue").save(root / "img" / "icon.png")
    return root


def _names(files: tuple[str, ...], root: Path) -> list[str]:
    return [Path(f).relative_to(root).as_posix() for f in files]


def test_page_images_are_reports_when_ocr_can_run(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_module, "available", lambda: True)
    for mode in ("auto", "always"):
        result = scan([str(folder)], ocr=mode)
        assert _names(result.files, folder) == ["a.txt", "page1.png", "page2.TIFF"]
        assert [n.message for n in result.notes] == [
            f"2 small image file(s) (under {MIN_PAGE_PIXELS} pixels, such as logos and icons; "
            f"first: {folder / 'logo.jpg'}) not taken as report pages; name a file to check it anyway"
        ]
        assert "2 个小图像文件" in result.notes[0].message_zh


def test_a_small_image_named_on_the_command_line_is_read(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr_module, "available", lambda: True)
    result = scan([str(folder / "logo.jpg")], ocr="auto")
    assert result.files == (str(folder / "logo.jpg"),) and result.notes == ()


def test_without_the_extra_images_are_reported_once_with_the_install_hint(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr_module, "available", lambda: False)
    result = scan([str(folder)], ocr="auto")
    assert _names(result.files, folder) == ["a.txt"]
    assert [n.message for n in result.notes] == [
        f"4 image file(s) (PNG, JPEG, TIFF; first: {folder / 'logo.jpg'}) not checked: their text "
        'can only be read by OCR; install the OCR extra to read them: pip install "disclint[ocr]"'
    ]
    assert 'pip install "disclint[ocr]"' in result.notes[0].message_zh


def test_ocr_never_leaves_images_out_with_one_note(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_module, "available", lambda: True)
    result = scan([str(folder)], ocr="never")
    assert _names(result.files, folder) == ["a.txt"]
    assert len(result.notes) == 1 and "ocr: never" in result.notes[0].message
    assert scan([str(folder)]).notes == ()  # callers that do not read images: nothing said


def test_a_damaged_image_is_taken_so_the_reader_says_what_is_wrong(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr_module, "available", lambda: True)
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    assert scan([str(tmp_path)], ocr="auto").files == (str(tmp_path / "broken.png"),)


# --------------------------------------------------------------------------- ocr: in the configuration


def test_ocr_setting_in_the_configuration_and_the_flag_wins(tmp_path: Path) -> None:
    assert resolve(cwd=tmp_path).ocr == "auto"
    (tmp_path / "disclint.yaml").write_text("lang: en\nocr: never\n", encoding="utf-8")
    configured = resolve(cwd=tmp_path)
    assert configured.ocr == "never"
    assert configured.config.values["ocr"].source == "disclint.yaml:2:6"
    flagged = resolve(cwd=tmp_path, ocr="always")
    assert flagged.ocr == "always" and flagged.config.values["ocr"].source == "command line (--ocr)"


def test_a_wrong_ocr_setting_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "disclint.yaml").write_text("ocr: sometimes\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"disclint\.yaml:1:6"):
        resolve(cwd=tmp_path)


def test_check_reads_the_ocr_setting_and_the_flag_overrides_it(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ocr: never`` in disclint.yaml: the page images are left out with the note; ``--ocr
    auto`` on the command line takes them (read here by a stand-in reader: no OCR is run)."""
    monkeypatch.setattr(ocr_module, "available", lambda: True)
    (folder / "disclint.yaml").write_text("ocr: never\nlang: en\n", encoding="utf-8")
    (folder / "page2.TIFF").unlink()
    monkeypatch.chdir(folder)
    runner = CliRunner()
    off = runner.invoke(main, ["check", ".", "--format", "json", "-j", "1", "--no-cache"])
    assert off.exit_code == 1, off.output
    assert {f["location"]["path"] for f in json.loads(off.stdout)["findings"]} == {"a.txt"}
    assert "OCR is off (--ocr never, or ocr: never in the configuration)" in off.stderr

    seen: list[tuple[str, str]] = []

    def fake_read(data: bytes, path: str, ocr: str = "auto") -> object:
        from disclint.readers.base import ReadFailure

        seen.append((Path(path).name, ocr))
        return ReadFailure(path=path, kind="image", reason="stand-in", reason_zh="stand-in")

    import disclint.readers.images as images_module

    monkeypatch.setattr(images_module, "read_image_bytes", fake_read)
    on = runner.invoke(main, ["check", ".", "--ocr", "auto", "--format", "json", "-j", "1", "--no-cache"])
    assert seen == [("page1.png", "auto")], on.output
    assert on.exit_code == 2  # the stand-in could not read it: a run error


def test_a_folder_without_images_never_loads_the_ocr_engine(tmp_path: Path) -> None:
    """Regression: discovery asked whether OCR can run before looking at any file, which imported
    the OCR engine on every run (a third of a second, and onnxruntime's session file in $TMPDIR)."""
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    code = (
        "import sys; from disclint.discover import scan; "
        f"files = scan([{str(tmp_path)!r}], ocr='auto').files; "
        "print(len(files), 'rapidocr_onnxruntime' in sys.modules, 'onnxruntime' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["1", "False", "False"]
