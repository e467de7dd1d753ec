"""What a run loads at start-up (issue 15: a re-run from the cache is mostly start-up).

The packs shipped with disclint are not validated against the pack schema at each run (that is
what the first test does, once); a user's pack still is. A re-run whose files are all in the
result cache imports neither jsonschema, nor the parsers (Lark, OpenCC), nor the readers of PDF,
DOCX or images, nor the summary exporters, nor a process pool."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from disclint.packs import PackError, load_pack
from disclint.packs.schema import check_schema, require_pack_shape
from disclint.packs.yamlsrc import load_yaml
from disclint.resources import packs_dir

from corpus import SEED_PATHS

SHIPPED = sorted(Path(str(packs_dir())).glob("*.yaml"))


def test_the_shipped_packs_are_found_as_files() -> None:
    # a wheel install gives the data-only package as a MultiplexedPath through importlib.resources,
    # whose str() is no path: packs_dir() must be the real folder there too
    assert {p.name for p in SHIPPED} >= {"national.yaml", "ningxia.yaml", "yinchuan.yaml"}


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_pack_validates_against_the_schema(path: Path) -> None:
    source = load_yaml(path, path.name)
    require_pack_shape(source)
    check_schema(source)  # raises the first schema error as a PackError


def test_a_copy_of_a_shipped_pack_elsewhere_is_validated(tmp_path: Path) -> None:
    import disclint.engine

    copy = tmp_path / "national.yaml"
    shutil.copy(Path(str(packs_dir())) / "national.yaml", copy)
    with copy.open("a", encoding="utf-8") as fh:
        fh.write("colour: blue\n")
    with pytest.raises(PackError) as caught:
        load_pack(str(copy), disclint.engine.registry())
    assert "colour" in caught.value.text("en")


HEAVY = (
    "jsonschema",
    "lark",
    "opencc",
    "openpyxl",
    "jinja2",
    "tqdm",
    "dask",
    "concurrent.futures.process",
    "disclint.parse.pipeline",
    "disclint.readers.pdf",
    "disclint.readers.docx",
    "disclint.readers.ocr",  # the configuration's --ocr modes are not the OCR reader
    "disclint.readers.raster",
    "disclint.readers.pdf_grid",
    "disclint.batch.export",
    "disclint.batch.dask_cluster",
)

_RUN = """
import json, runpy, sys
sys.argv = ["disclint", *json.loads(sys.argv[1])]
try:
    runpy.run_module("disclint", run_name="__main__")
except SystemExit as exit:
    code = exit.code
print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr)
"""


def test_a_rerun_from_the_cache_loads_no_parser_reader_or_exporter(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for p in SEED_PATHS[:3]:
        shutil.copy(p, folder / p.name)
    args = [
        "check",
        str(folder),
        "--format",
        "json",
        "-o",
        str(tmp_path / "out.json"),
        "--cache-dir",
        str(tmp_path / "c"),
    ]
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", _RUN, json.dumps(args)], capture_output=True, text=True, cwd=tmp_path
        )
        code, modules = json.loads(done.stderr.strip().splitlines()[-1])
        runs.append((code, set(modules)))
    (cold_code, cold), (warm_code, warm) = runs
    assert cold_code == warm_code == 1
    assert "disclint.parse.pipeline" in cold or "concurrent.futures.process" in cold  # the first run checks
    assert sorted(m for m in warm if m.split(".")[0] in HEAVY or m in HEAVY) == []
