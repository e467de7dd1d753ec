"""Integration files: the pre-commit hook (run through `pre-commit try-repo`), the GitHub Action,
the licence, project URLs and the sdist."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from corpus import SEED_STEMS, SEEDS

REPO = Path(__file__).resolve().parents[1]


def _yaml(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_pre_commit_hook_definition() -> None:
    (hook,) = _yaml(REPO / ".pre-commit-hooks.yaml")
    assert hook["id"] == "disclint"
    assert hook["language"] == "python"  # pre-commit installs disclint itself
    assert hook["entry"].split()[:2] == ["disclint", "check"]
    import re

    pattern = re.compile(hook["files"])
    assert all(pattern.search(n) for n in ("a.txt", "b.PDF", "c.docx", "d.html", "e.htm", "f.doc", "g.ofd"))
    assert not any(pattern.search(n) for n in ("setup.py", "a.json", "a.txt.bak"))


@pytest.mark.skipif(
    shutil.which("git") is None or not (REPO / ".git").exists(), reason="needs git and a git checkout"
)
def test_pre_commit_try_repo_runs_the_hook_on_a_sample_repository(tmp_path: Path) -> None:
    """Offline: the hook's environment is built from the local checkout, its dependencies come
    from this test environment (PYTHONPATH) and nothing is fetched from an index."""
    sample = tmp_path / "sample"
    sample.mkdir()
    shutil.copy(SEEDS / f"{SEED_STEMS[2]}.txt", sample / "report.txt")
    (sample / "notes.py").write_text("x = 1\n", encoding="utf-8")
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    for cmd in (["init", "-q", "."], ["add", "."], ["commit", "-qm", "sample"]):
        subprocess.run([*git, *cmd], cwd=sample, check=True, capture_output=True)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # i.e. --no-build-isolation: setuptools/wheel from here
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
    }
    env.pop("GIT_DIR", None)
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "disclint", "--all-files"],
        cwd=sample, capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    out = done.stdout
    assert done.returncode == 1, out + done.stderr
    assert "- hook id: disclint" in out and "- exit code: 1" in out
    assert "report.txt:32:7: ACC006 [警告]" in out
    assert "notes.py" not in out.split("- exit code: 1", 1)[1]  # only report files are passed


def test_github_action_is_a_composite_that_checks_and_uploads_sarif() -> None:
    action = _yaml(REPO / "action.yml")
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    check = next(s for s in steps if s.get("id") == "check")
    assert 'disclint check $PATHS --format github --output "sarif=$SARIF"' in check["run"]
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert "always()" in upload["if"]
    assert steps[-1]["run"] == 'exit "$CODE"'  # the job still fails after the upload
    assert set(action["inputs"]) >= {"paths", "args", "sarif-file", "upload-sarif"}


def test_licence_matches_pyproject_and_urls_give_sarif_links() -> None:
    from disclint.engine import registry
    from disclint.render.catalogue import repository_url, rule_doc_url

    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert 'license = { text = "MIT" }' in (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert repository_url() == "https://github.com/disclint/disclint"
    assert rule_doc_url(registry().rules["ACC001"]) == (
        "https://github.com/disclint/disclint/blob/main/docs/rules/ACC001.md"
    )


def test_sdist_contains_the_examples_and_licence(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(
            ".git", "*.egg-info", "__pycache__", ".*cache", ".hypothesis", "build", "dist"
        ),
    )
    done = subprocess.run(
        [sys.executable, "-c", "from setuptools import build_meta as b; print(b.build_sdist('dist'))"],
        cwd=source, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    name = done.stdout.strip().splitlines()[-1]
    with tarfile.open(source / "dist" / name) as sdist:
        names = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
    assert "examples/示例镇2024年政府信息公开工作年度报告.txt" in names
    assert {"LICENSE", "docs/ci.md", "docs/api.md", ".pre-commit-hooks.yaml", "action.yml"} <= names
    assert "grammar/report.lark" in names


def test_every_package_of_the_source_tree_ships_in_the_wheel() -> None:
    """pyproject lists packages explicitly (grammar/ and rules/ are mapped in): a new subpackage
    missing from the list works in an editable install and breaks every real one."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    listed = set(
        tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    src = REPO / "src"
    found = {".".join(p.parent.relative_to(src).parts) for p in src.glob("disclint/**/__init__.py")}
    assert found - listed == set()
