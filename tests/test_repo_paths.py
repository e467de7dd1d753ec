"""Paths relative to the repository root in every format and in baselines, from any directory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from disclint.paths import project_root, relative, relatives, shown

from cli_runner import run_text
from corpus import SEED_STEMS, SEEDS

STEM = SEED_STEMS[2]


def disclint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_text(*args, cwd=cwd)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository (a .git folder is all that marks it) with reports/2024/<seed>.txt."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    target = root / "reports" / "2024"
    target.mkdir(parents=True)
    shutil.copy(SEEDS / f"{STEM}.txt", target / "x.txt")
    return root


def test_sarif_uris_are_repo_relative_from_a_subdirectory(repo: Path) -> None:
    out = disclint("check", "2024", "--format", "sarif", cwd=repo / "reports")
    log = json.loads(out.stdout)
    run = log["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"reports/2024/x.txt"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.as_uri() + "/"
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["reports/2024/x.txt"]


@pytest.mark.parametrize(
    ("fmt", "pick"),
    [
        ("json", lambda out: {f["location"]["path"] for f in json.loads(out)["findings"]}),
        (
            "github",
            lambda out: {ln.split("file=")[1].split(",")[0] for ln in out.splitlines() if "file=" in ln},
        ),
        ("concise", lambda out: {ln.split(":")[0] for ln in out.splitlines()}),
        ("text", lambda out: {ln.split(":")[0] for ln in out.splitlines() if ln.startswith("reports/")}),
        ("gitlab", lambda out: {i["location"]["path"] for i in json.loads(out)}),
        ("rdjson", lambda out: {d["location"]["path"] for d in json.loads(out)["diagnostics"]}),
    ],
)
def test_every_format_names_the_file_from_the_repo_root(repo: Path, fmt: str, pick) -> None:
    out = disclint("check", "x.txt", "--format", fmt, cwd=repo / "reports" / "2024")
    assert out.returncode == 1, out.stderr
    assert pick(out.stdout) == {"reports/2024/x.txt"}


def test_baseline_made_in_one_directory_works_from_another(repo: Path) -> None:
    # two different files with the same name: a baseline must not hide the other one's findings
    other = repo / "other" / "2024"
    other.mkdir(parents=True)
    shutil.copy(repo / "reports" / "2024" / "x.txt", other / "x.txt")
    base = repo / "baseline.json"
    assert disclint("baseline", "2024", "-o", str(base), cwd=repo / "reports").returncode == 0
    paths = {e["path"] for e in json.loads(base.read_text(encoding="utf-8"))["findings"]}
    assert paths == {"reports/2024/x.txt"}
    # from the root: the same file is fully suppressed
    out = disclint("check", "reports/2024/x.txt", "--baseline", str(base), cwd=repo)
    assert out.returncode == 0, out.stdout
    assert "基线与 suppress 配置屏蔽了" in out.stderr
    # from elsewhere, the other file with the same relative name is not hidden
    out = disclint("check", "2024/x.txt", "--baseline", str(base), "--format", "json", cwd=repo / "other")
    assert out.returncode == 1
    assert {f["location"]["path"] for f in json.loads(out.stdout)["findings"]} == {"other/2024/x.txt"}


def test_baseline_reports_suppressed_and_stale_entries(repo: Path) -> None:
    base = repo / "baseline.json"
    assert disclint("baseline", "reports", "-o", str(base), cwd=repo).returncode == 0
    recorded = json.loads(base.read_text(encoding="utf-8"))["findings"]
    # fix one finding by editing its entry away from the document: its entry becomes stale
    data = json.loads(base.read_text(encoding="utf-8"))
    data["findings"].append({**recorded[0], "fingerprint": "0" * 32, "message": "fixed long ago"})
    base.write_text(json.dumps(data), encoding="utf-8")
    out = disclint("check", "reports", "--baseline", str(base), "--lang", "en", cwd=repo)
    assert out.returncode == 0
    assert (
        f"disclint: the baseline and suppress entries hid {len(recorded)} findings; "
        "1 baseline entries are stale (fixed):" in out.stderr
    )
    assert f"  reports/2024/x.txt: {recorded[0]['code']} fixed long ago" in out.stderr


def test_suppress_entry_silences_one_finding_by_file_code_and_logical_location(repo: Path) -> None:
    out = disclint("check", "reports", "--format", "json", cwd=repo)
    findings = json.loads(out.stdout)["findings"]
    target = next(f for f in findings if f["logical_location"])
    (repo / "disclint.yaml").write_text(
        "suppress:\n"
        f"  - path: reports/*/x.txt\n    code: {target['code']}\n"
        f"    location: {target['logical_location']}\n    reason: checked by hand\n",
        encoding="utf-8",
    )
    out = disclint("check", ".", "--format", "json", cwd=repo / "reports")
    after = json.loads(out.stdout)["findings"]
    assert len(after) == len(findings) - 1
    assert not any(
        f["code"] == target["code"] and f["logical_location"] == target["logical_location"] for f in after
    )


def test_project_root_falls_back_to_config_root_then_cwd(tmp_path: Path) -> None:
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    assert project_root(work, None) == work
    assert project_root(work, tmp_path / "a") == tmp_path / "a"
    (tmp_path / ".git").write_text("gitdir: elsewhere\n")  # a worktree's .git is a file
    assert project_root(work, tmp_path / "a") == tmp_path


def test_relative_keeps_outside_paths_absolute_and_pseudo_names(tmp_path: Path) -> None:
    assert relative("-", tmp_path) == "-"
    assert relative("/elsewhere/r.txt", tmp_path, tmp_path) == "/elsewhere/r.txt"
    assert relative("sub/../r.txt", tmp_path, tmp_path) == "r.txt"


def test_shown_escapes_control_characters_and_undecodable_bytes() -> None:
    assert shown("报告/2024.txt") == "报告/2024.txt"
    assert shown("a\x1b[31mb.txt") == "a\\x1b[31mb.txt"
    assert shown("a\nb\u202e.txt") == "a\\x0ab\\u202e.txt"
    assert shown(os.fsdecode(b"r\xff.txt")) == "r\\xff.txt"
    shown(os.fsdecode(b"r\xff.txt")).encode("utf-8")  # encodable
    assert shown(shown("a\x1bb")) == shown("a\x1bb")  # idempotent: renderers may apply it again


def test_relatives_of_a_batch_equal_relative_one_by_one(tmp_path: Path) -> None:
    """The string fast path for thousands of files gives exactly what :func:`relative` gives."""
    root = tmp_path / "repo"
    (root / "sub").mkdir(parents=True)
    (tmp_path / "out").mkdir()
    names = ["sub/a.txt", "./sub/../sub/b.txt", str(root / "c.txt"), str(tmp_path / "out" / "x"), "-"]
    names += ["<stdin>", str(root), "../repo/d.txt", "sub//e.txt", str(tmp_path / "repox" / "f")]
    for cwd in (root, root / "sub", tmp_path):
        fast = relatives(names, root, cwd)
        assert fast == {n: relative(n, root, cwd) for n in names}
    fast = relatives(names, root, root)
    assert [fast[n] for n in names[:4]] == [
        "sub/a.txt",
        "sub/b.txt",
        "c.txt",
        (tmp_path / "out" / "x").as_posix(),
    ]


def test_relative_follows_links_into_the_root_by_folder_and_by_file(tmp_path: Path) -> None:
    # the resolved forms are compared too (a folder reached through a link, /tmp vs
    # /private/tmp); a folder is resolved once for all its files, a file only when it is a link
    root = tmp_path / "repo"
    (root / "reports").mkdir(parents=True)
    (root / "reports" / "a.txt").write_text("x")
    (tmp_path / "via").symlink_to(root / "reports", target_is_directory=True)
    (tmp_path / "alias.txt").symlink_to(root / "reports" / "a.txt")
    (tmp_path / "plain.txt").write_text("x")
    assert relative(str(tmp_path / "via" / "a.txt"), root) == "reports/a.txt"
    assert relative(str(tmp_path / "alias.txt"), root) == "reports/a.txt"
    assert relative(str(tmp_path / "plain.txt"), root) == (tmp_path / "plain.txt").as_posix()
    assert relative(str(root), root) == "."
    linked_root = tmp_path / "linked-repo"
    linked_root.symlink_to(root, target_is_directory=True)
    assert relative(str(root / "reports" / "a.txt"), linked_root) == "reports/a.txt"
