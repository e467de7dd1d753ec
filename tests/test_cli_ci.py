"""CLI conventions for CI: several outputs in one run, safe output files, stdin, quiet,
exit-zero, statistics, colour, untrusted file names, console encodings."""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from disclint.output import OutputError, encode_for, write_output

from cli_runner import run_bytes
from corpus import SEED_STEMS, SEEDS

SEED = SEEDS / f"{SEED_STEMS[2]}.txt"  # one ACC006 warning


disclint = run_bytes


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    shutil.copy(SEED, tmp_path / "r.txt")
    return tmp_path


def test_one_run_writes_several_formats_and_text_to_stdout(work: Path) -> None:
    out = disclint(
        "check",
        "r.txt",
        "-o",
        "sarif=out.sarif",
        "--output",
        "junit=out.xml",
        "-o",
        "json=out.json",
        cwd=work,
    )
    assert out.returncode == 1
    assert out.stdout.decode().startswith("r.txt:")  # text still goes to standard output
    assert json.loads((work / "out.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert (work / "out.xml").read_text(encoding="utf-8").startswith("<?xml")
    assert json.loads((work / "out.json").read_text(encoding="utf-8"))["summary"]["findings"] == 1


def test_plain_output_file_takes_the_format_and_stdout_stays_empty(work: Path) -> None:
    out = disclint("check", "r.txt", "--format", "concise", "-o", "out.txt", cwd=work)
    assert out.returncode == 1 and out.stdout == b""
    assert (work / "out.txt").read_text(encoding="utf-8").startswith("r.txt:")


def test_output_dash_is_standard_output(work: Path) -> None:
    out = disclint("check", "r.txt", "-o", "json=-", "-o", "x.txt", cwd=work)
    assert json.loads(out.stdout)["summary"]["findings"] == 1


def test_unknown_output_format_and_missing_file_are_usage_errors(work: Path) -> None:
    out = disclint("check", "r.txt", "-o", "xml=out.xml", "--lang", "en", cwd=work)
    assert out.returncode == 2 and b"--output xml=out.xml: unknown format 'xml'" in out.stderr
    out = disclint("check", "r.txt", "-o", "sarif=", cwd=work)
    assert out.returncode == 2
    assert "disclint: 错误: --output sarif=：'=' 后面没有文件名".encode() in out.stderr
    assert not (work / "out.xml").exists()


def test_output_never_overwrites_an_input_report(work: Path) -> None:
    before = (work / "r.txt").read_bytes()
    out = disclint("check", "r.txt", "-o", "sarif=r.txt", "--lang", "en", cwd=work)
    assert out.returncode == 2
    assert b"r.txt: is an input of this run; refusing to overwrite it" in out.stderr
    assert (work / "r.txt").read_bytes() == before
    out = disclint("baseline", ".", "-o", "r.txt", cwd=work)
    assert out.returncode == 2 and (work / "r.txt").read_bytes() == before


def test_planted_link_at_a_temporary_name_is_never_followed(work: Path) -> None:
    victim = work / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (work / ".out.sarif.tmp").symlink_to(victim)  # the fixed name earlier versions used
    assert disclint("check", "r.txt", "-o", "sarif=out.sarif", cwd=work).returncode == 1
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert json.loads((work / "out.sarif").read_text(encoding="utf-8"))["runs"]
    assert sorted(p.name for p in work.iterdir()) == [
        ".git",
        ".out.sarif.tmp",
        "out.sarif",
        "r.txt",
        "victim.txt",
    ]


def test_existing_output_keeps_its_permissions(work: Path) -> None:
    target = work / "out.json"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o640)
    disclint("check", "r.txt", "-o", "json=out.json", cwd=work)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["findings"] == 1


def test_character_device_is_written_not_replaced(work: Path) -> None:
    out = disclint("check", "r.txt", "-o", "sarif=/dev/null", cwd=work)
    assert out.returncode == 1, out.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_dev_stdout_writes_to_standard_output(work: Path) -> None:
    out = disclint("check", "r.txt", "-o", "json=/dev/stdout", "-o", "/dev/null", cwd=work)
    assert out.returncode == 1, out.stderr
    assert json.loads(out.stdout)["summary"]["findings"] == 1


def test_missing_output_folder_is_exit_2_with_a_message(work: Path) -> None:
    out = disclint("check", "r.txt", "-o", "sarif=nowhere/out.sarif", cwd=work)
    assert out.returncode == 2
    assert "nowhere/out.sarif：无法写入：文件夹 nowhere 不存在".encode() in out.stderr
    out = disclint("check", "r.txt", "-o", "sarif=nowhere/out.sarif", "--lang", "en", cwd=work)
    assert b"nowhere/out.sarif: cannot write: the folder nowhere does not exist" in out.stderr
    assert b"Traceback" not in out.stderr


def test_write_output_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        write_output("x", str(tmp_path), "text")


def test_stdin_with_a_file_name(work: Path) -> None:
    out = disclint(
        "check",
        "-",
        "--stdin-filename",
        "sub/报告.txt",
        "--format",
        "json",
        cwd=work,
        stdin=SEED.read_bytes(),
    )
    assert out.returncode == 1, out.stderr
    doc = json.loads(out.stdout)
    assert [f["location"]["path"] for f in doc["findings"]] == ["sub/报告.txt"]
    assert [f["code"] for f in doc["findings"]] == ["ACC006"]


def test_stdin_without_a_name_is_dash(work: Path) -> None:
    out = disclint("check", "-", "--format", "concise", cwd=work, stdin=SEED.read_bytes())
    assert out.stdout.decode().startswith("-:")


def test_exit_zero_and_quiet(work: Path) -> None:
    out = disclint("check", "r.txt", "--exit-zero", "--quiet", cwd=work)
    assert out.returncode == 0
    text = out.stdout.decode()
    assert text.startswith("r.txt:") and "发现" not in text  # no summary line
    assert disclint("check", "missing.txt", "--exit-zero", cwd=work).returncode == 2  # run errors still fail


def test_statistics_counts_per_rule(work: Path) -> None:
    shutil.copy(SEED, work / "r2.txt")
    out = disclint("check", ".", "--statistics", "--lang", "en", cwd=work)
    assert out.returncode == 1
    assert out.stdout.decode().splitlines() == ["2\tACC006\t[warning]\tnarrative-sum"]


@pytest.mark.parametrize(
    ("env", "coloured"),
    [({}, False), ({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False)],
)
def test_colour_rules(work: Path, env: dict[str, str], coloured: bool) -> None:
    out = disclint("check", "r.txt", cwd=work, env=env)  # stdout is a pipe, not a terminal
    assert (b"\x1b[" in out.stdout) is coloured


def test_control_characters_in_file_names_are_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "a\x1b[2Jb.txt")
    out = disclint("check", "in", "--format", "concise", cwd=tmp_path)
    assert b"\x1b" not in out.stdout
    assert out.stdout.decode().startswith("in/a\\x1b[2Jb.txt:")


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux only")
def test_file_name_that_is_not_utf8_does_not_crash(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"r\xff.txt"), "wb") as fh:
        fh.write(SEED.read_bytes())
    for fmt in ("text", "sarif", "json", "junit"):
        out = disclint("check", "in", "-o", f"{fmt}=out.{fmt}", "--format", "concise", cwd=tmp_path)
        assert out.returncode == 1, out.stderr
        assert b"Traceback" not in out.stderr
        assert out.stdout.decode().startswith("in/r\\xff.txt:")
        assert (tmp_path / f"out.{fmt}").read_text(encoding="utf-8")


GBK = {"PYTHONIOENCODING": "gbk"}


@pytest.fixture
def rare_char_report(work: Path) -> Path:
    """The seed with 𠮷 (outside GBK) in the file name and in the line of its finding."""
    text = SEED.read_text(encoding="utf-8")
    path = work / "𠮷.txt"
    path.write_text(text.replace("主动公开政府信息", "主动公开𠮷政府信息", 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "concise", "github", "json", "sarif", "junit", "gitlab", "rdjson"])
def test_gbk_console_does_not_crash(work: Path, rare_char_report: Path, fmt: str) -> None:
    out = disclint("check", rare_char_report.name, "--format", fmt, cwd=work, env=GBK)
    assert out.returncode == 1, out.stderr.decode("gbk", "replace")
    assert b"Traceback" not in out.stderr
    shown = out.stdout.decode("gbk")
    if fmt in ("json", "sarif", "gitlab", "rdjson"):
        # still valid JSON with the same content as on a UTF-8 console
        utf8 = disclint("check", rare_char_report.name, "--format", fmt, cwd=work)
        assert json.loads(shown) == json.loads(utf8.stdout.decode("utf-8"))
        assert "\\ud842\\udfb7" in shown or fmt == "sarif"  # SARIF percent-encodes the URI
    elif fmt == "junit":
        assert "&#134071;" in shown
    else:
        assert "\\U00020bb7" in shown


def test_gbk_console_files_written_with_o_are_utf8(work: Path, rare_char_report: Path) -> None:
    out = disclint(
        "check", rare_char_report.name, "-o", "sarif=out.sarif", "-o", "json=out.json", cwd=work, env=GBK
    )
    assert out.returncode == 1
    assert '"path": "𠮷.txt"' in (work / "out.json").read_text(encoding="utf-8")
    assert '"uri": "%F0%A0%AE%B7.txt"' in (work / "out.sarif").read_text(encoding="utf-8")


def test_encode_for_escapes_astral_characters_as_json_surrogate_pairs() -> None:
    assert encode_for('{"a": "𠮷中"}', "json", "gbk") == '{"a": "\\ud842\\udfb7中"}'.encode("gbk")
    assert json.loads(encode_for('{"a": "𠮷"}', "sarif", "ascii")) == {"a": "𠮷"}
