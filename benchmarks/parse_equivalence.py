"""Same output before and after a speed change: parse and check JSON of many documents, dumped.

    python benchmarks/parse_equivalence.py dump OUT [--inputs DIR] [--variants 200] [--mutants 300]
    diff -r BEFORE AFTER

Run ``dump`` with the code before the change (e.g. ``PYTHONPATH=<old checkout>/src``) and with
the code after it, into two folders, and compare them: a speed change must give byte-identical
output. For every document it writes ``<name>.parse.json`` (as ``disclint parse --format json``)
and ``<name>.check.json`` (the findings of the national pack, as ``disclint check --format json``);
``batch.check.json`` is one check of all the variants together (the batch and cross-year rules).

The documents: every file of ``tests/data/corpus`` (text, HTML, PDF) and ``tests/fixtures``, the
report openings of ``tests/data/openings``, the seeds rendered as DOCX, HTML and PDF (LibreOffice)
and as markdown and ``pdftotext -layout`` text, a ruled PDF of each seed table, ``--variants``
distinct documents made from the seeds (:func:`bench_parse.variant`) and ``--mutants`` seeds with
lines deleted, repeated, swapped or cut (the parser's error recovery). Generated inputs are kept
in ``--inputs`` (default: a folder under the system temp dir) so both runs read the same files.
Finally every document is read again and parsed in 4 threads at once, and must give the same JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]

from bench_parse import text_document, variants  # noqa: E402

from disclint import engine  # noqa: E402
from disclint.jsonout import report_to_dict  # noqa: E402
from disclint.nodes import Report  # noqa: E402
from disclint.parse import parse_document, parse_path, unreadable  # noqa: E402
from disclint.readers import read_path  # noqa: E402
from disclint.readers.base import Document  # noqa: E402
from disclint.readers.guard import empty_document  # noqa: E402
from disclint.render.json import render_json  # noqa: E402

from corpus import DATA, SEED_PATHS  # noqa: E402


def mutant(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 12)):
        if len(lines) < 3:
            break
        k = rng.randrange(len(lines))
        op = rng.choice(("delete", "repeat", "swap", "cut", "join"))
        if op == "delete":
            del lines[k]
        elif op == "repeat":
            lines.insert(k, lines[k])
        elif op == "swap":
            j = rng.randrange(len(lines))
            lines[k], lines[j] = lines[j], lines[k]
        elif op == "cut":
            lines[k] = lines[k][: rng.randint(0, len(lines[k]))]
        elif k + 1 < len(lines):
            lines[k : k + 2] = [lines[k] + rng.choice(("", " ", "\t")) + lines[k + 1]]
    return "\n".join(lines)


def generated_files(inputs: Path) -> list[Path]:
    """Renderings of the seeds (DOCX, HTML, PDF, ruled PDF, pdftotext -layout), made once."""
    done = inputs / "renderings.done"
    if not done.exists():
        from disclint.readers import read_path

        from fixture_builders import build_model, markdown_of, renderings
        from ruled_pdf import build_ruled_pdf

        folder = inputs / "renderings"
        shutil.rmtree(folder, ignore_errors=True)
        found = renderings(folder)
        for stem, docx in found.docx.items():
            read = read_path(docx)
            if isinstance(read, Document):
                (folder / f"{stem}.docx.md").write_text(markdown_of(read), encoding="utf-8")
        for n, stem in enumerate(sorted(found.docx)):
            for table in (b for b in build_model(stem).blocks if not isinstance(b, str)):
                build_ruled_pdf(
                    table,
                    "三、收到和处理政府信息公开申请情况",
                    folder / f"{stem}.{table.kind}.ruled.pdf",
                    4 + n,
                )
        pdftotext = shutil.which("pdftotext")
        pdfs = [p for p in folder.glob("*.pdf") if ".ruled." not in p.name]  # pdftotext lacks their font
        for pdf in [*pdfs, *(DATA / "corpus" / "real").glob("*.pdf")] if pdftotext else []:
            out = folder / f"{pdf.name}.layout.txt"
            subprocess.run([pdftotext or "", "-layout", str(pdf), str(out)], check=True)
        done.write_text("")
    return sorted(p for p in (inputs / "renderings").iterdir() if p.is_file())


def documents(inputs: Path, n_variants: int, n_mutants: int) -> list[tuple[str, Document | Path]]:
    docs: list[tuple[str, Document | Path]] = []
    for path in sorted((DATA / "corpus").rglob("*")) + sorted((ROOT / "tests" / "fixtures").rglob("*")):
        if (
            path.is_file()
            and path.suffix in (".txt", ".html", ".pdf", ".docx", ".md")
            and path.name != "README.md"
        ):
            docs.append((path.relative_to(ROOT).as_posix().replace("/", "_"), path))
    from ruamel.yaml import YAML

    for path in sorted((DATA / "openings").rglob("*.yaml")):
        text = YAML(typ="safe").load(path.read_text(encoding="utf-8")).get("text")
        if text:
            docs.append((f"opening_{path.stem}", text_document(path.name, text)))
    docs += [(f"rendered_{p.name}", p) for p in generated_files(inputs)]
    seeds = [p.read_text(encoding="utf-8") for p in SEED_PATHS]
    docs += [(name, text_document(name, text)) for name, text in variants(seeds, n_variants)]
    rng = random.Random(9)
    for i in range(n_mutants):
        docs.append(
            (f"mutant{i:04d}", text_document(f"mutant{i:04d}.txt", mutant(seeds[i % len(seeds)], rng)))
        )
    return docs


def parse_one(item: Document | Path) -> Report:
    return parse_path(item) if isinstance(item, Path) else parse_document(item)


def parse_json(report: Report) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["dump"])
    ap.add_argument("out", type=Path)
    ap.add_argument("--inputs", type=Path, default=Path(tempfile.gettempdir()) / "disclint-equivalence")
    ap.add_argument("--variants", type=int, default=200)
    ap.add_argument("--mutants", type=int, default=300)
    args = ap.parse_args()
    args.inputs.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    docs = documents(args.inputs, args.variants, args.mutants)
    reg = engine.registry()
    settings = reg.default_settings()
    reports: dict[str, Report] = {}
    dumps: dict[str, str] = {}
    for name, item in docs:
        report = reports[name] = parse_one(item)
        dumps[name] = parse_json(report)
        (args.out / f"{name}.parse.json").write_text(dumps[name], encoding="utf-8")
        findings = engine.run([report], settings, "zh", reg, errors=[])
        (args.out / f"{name}.check.json").write_text(render_json(findings, files=1), encoding="utf-8")
    batch = [r for name, r in reports.items() if name.startswith("variant")]
    findings = engine.run(batch, settings, "zh", reg, errors=[])
    (args.out / "batch.check.json").write_text(render_json(findings, files=len(batch)), encoding="utf-8")
    # the parser serves threads at once (the readers are not asked to: PDFium is not thread-safe)
    read = [item if isinstance(item, Document) else empty_document(read_path(item)) for _name, item in docs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(
            pool.map(
                lambda d: parse_json(parse_document(d) if isinstance(d, Document) else unreadable(d)), read
            )
        )
    differ = [name for (name, _item), text in zip(docs, together, strict=True) if text != dumps[name]]
    print(f"{len(docs)} documents dumped to {args.out}; parsed in threads: {len(differ)} differ {differ[:5]}")
    if differ:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
