"""The example plugin (tests/plugin_example): a Python rule and a pack through `disclint.plugins`.

It is installed into a temporary directory (never into the test environment) and used from a
subprocess with that directory on PYTHONPATH, where importlib.metadata finds its entry point.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from corpus import SEEDS

PLUGIN = Path(__file__).resolve().parent / "plugin_example"


def _pip(target: Path, *extra: str) -> bool:
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-input", *extra]
    done = subprocess.run(
        [*cmd, "--target", str(target), str(PLUGIN)], capture_output=True, text=True, timeout=300
    )
    return done.returncode == 0


def _install_by_hand(target: Path) -> None:
    """What pip --target would leave, for offline runs without a wheel builder."""
    shutil.copytree(PLUGIN / "disclint_example", target / "disclint_example")
    info = target / "disclint_example-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: disclint-example\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text("[disclint.plugins]\nexample = disclint_example\n")


@pytest.fixture(scope="session")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("plugin")
    if not (_pip(target, "--no-build-isolation") or _pip(target)):
        shutil.rmtree(target)
        target.mkdir()
        _install_by_hand(target)
    assert (target / "disclint_example" / "packs" / "vendor-example.yaml").is_file()
    return target


def _python(plugin_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin_path), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env, timeout=300
    )


def test_plugin_rule_and_pack_are_registered(plugin_path: Path) -> None:
    done = _python(
        plugin_path,
        """
        import json
        from disclint.engine import registry
        from disclint.packs import available_packs, load_pack
        reg = registry()
        pack = load_pack("vendor-example", reg)
        print(json.dumps({
            "origin": reg.rules["EXT001"].origin,
            "errors": reg.plugin_errors,
            "packs": sorted(available_packs(reg.pack_files)),
            "sources": [s.rsplit("/", 1)[-1] for s in pack.sources],
            "ext": [pack.settings["EXT001"].severity.value, pack.settings["EXT001"].params["words"]],
            "builtin_origin": reg.rules["ACC001"].origin,
        }))
        """,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data == {
        "origin": "example",
        "errors": [],
        "packs": ["national", "ningxia", "vendor-example", "yinchuan"],
        "sources": ["national.yaml", "ningxia.yaml", "vendor-example.yaml"],
        "ext": ["error", ["政务微博"]],
        "builtin_origin": "disclint",
    }


def test_plugin_rule_fires_only_with_its_pack(plugin_path: Path) -> None:
    done = _python(
        plugin_path,
        f"""
        import json
        from pathlib import Path
        from disclint.engine import registry, run
        from disclint.packs import load_pack, with_rules
        from disclint.parse import parse_path
        reg = registry()
        reports = [parse_path(p) for p in sorted(Path({str(SEEDS)!r}).glob("*.txt"))]
        default = [f for f in run(reports, reg.default_settings(), "en", reg) if f.code == "EXT001"]
        pack = load_pack("vendor-example", reg)
        found = [f for f in run(reports, pack.settings, "en", with_rules(reg, pack)) if f.code == "EXT001"]
        print(json.dumps({{
            "default": len(default),
            "found": [[Path(f.location.path).name[:3], f.location.line, f.location.column, f.severity.value, f.message]
                      for f in found],
        }}, ensure_ascii=False))
        """,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["default"] == 0  # no words by default: silent on the seeds
    assert data["found"] == [
        ["000", 59, 7, "error", "the report uses the word '政务微博'"],
        ["000", 130, 11, "error", "the report uses the word '政务微博'"],
        ["002", 38, 19, "error", "the report uses the word '政务微博'"],
        ["002", 342, 8, "error", "the report uses the word '政务微博'"],
    ]


def test_disclint_rules_shows_the_origin(plugin_path: Path) -> None:
    done = _python(plugin_path, "from disclint.cli import main; main(['rules', '--lang', 'en'])")
    assert done.returncode == 0, done.stderr
    ext = [line.split() for line in done.stdout.splitlines() if line.startswith("EXT001")]
    assert ext and ext[0][:2] == ["EXT001", "forbidden-word"] and "example" in ext[0]
