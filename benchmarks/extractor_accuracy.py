"""How disclint reads the text other extractors make of the same PDF: findings against the PDF's own.

    python benchmarks/extractor_accuracy.py [--keep DIR]

Each seed is rendered as a DOCX and a PDF (LibreOffice, tests/fixture_builders.py): as written,
with every 0 left blank, and both again with every cell's text centred in its cell (as most
published reports set their tables). Each PDF is turned into text by every extractor
installed here — poppler's ``pdftotext`` and ``pdftotext -layout``, and, when importable,
pdfplumber, pypdf, PyMuPDF (``get_text()`` and ``get_text(sort=True)``) and docx2txt (on the
DOCX) — and disclint checks that text. Per extractor it prints the finding codes the text gives
beyond those disclint finds in the PDF itself (``extra``: false findings, bar PAR003 for values
an extractor left unplaceable) and those it misses (``lost``). PAR004 (page numbers and
headers in the text) and PAR005 (blank cells) are left out: they describe the text, not the
report. Not a test: the extractors are not dependencies of disclint (``pip install pdfplumber
pypdf pymupdf docx2txt`` to include them).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from disclint import engine  # noqa: E402
from disclint.nodes import Report  # noqa: E402
from disclint.parse import parse_path, parse_text  # noqa: E402

from fixture_builders import blank_zeros, build_docx, build_model, docx_to_pdf, seed_stems  # noqa: E402

LEFT_OUT = {"PAR004", "PAR005"}


def extractors() -> dict[str, Callable[[Path], str]]:
    """The extractors installed here, each a function of a PDF (docx2txt: of its DOCX)."""
    found: dict[str, Callable[[Path], str]] = {}
    if shutil.which("pdftotext"):
        for name, mode in (("pdftotext", []), ("pdftotext -layout", ["-layout"])):
            found[name] = lambda pdf, mode=mode: (
                subprocess.run(
                    ["pdftotext", *mode, str(pdf), "-"], capture_output=True, text=True, check=True
                ).stdout
            )
    try:
        import pdfplumber

        def plumber(pdf: Path) -> str:
            with pdfplumber.open(pdf) as doc:
                return "\n".join(page.extract_text() or "" for page in doc.pages)

        found["pdfplumber"] = plumber
    except ImportError:
        pass
    try:
        import pypdf

        found["pypdf"] = lambda pdf: "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(pdf).pages)
    except ImportError:
        pass
    try:
        import pymupdf

        found["PyMuPDF"] = lambda pdf: "".join(p.get_text() for p in pymupdf.open(pdf))
        found["PyMuPDF sort"] = lambda pdf: "".join(p.get_text(sort=True) for p in pymupdf.open(pdf))
    except ImportError:
        pass
    try:
        import docx2txt

        found["docx2txt"] = lambda pdf: docx2txt.process(str(pdf.with_suffix(".docx")))
    except ImportError:
        pass
    return found


def codes(report: Report) -> Counter[str]:
    found = engine.run([report], engine.registry().default_settings(), "zh")
    return Counter(f.code for f in found if f.code not in LEFT_OUT)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--keep", type=Path, help="build the renderings here (and reuse them) instead of a temporary folder"
    )
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="disclint-extractors-"))
    folder.mkdir(parents=True, exist_ok=True)
    tools = extractors()
    print("extractors:", ", ".join(tools) or "none")
    for variant in ("as written", "zeros blank", "centred", "centred zeros blank"):
        where = folder / variant.replace(" ", "-")
        where.mkdir(exist_ok=True)
        pdfs = sorted(where.glob("*.pdf"))
        if len(pdfs) < len(seed_stems()):
            models = [build_model(s) for s in seed_stems()]
            if "zeros blank" in variant:
                models = [blank_zeros(m) for m in models]
            centred = variant.startswith("centred")
            docx = [build_docx(m, where / f"{m.stem}.docx", centred=centred) for m in models]
            pdfs = docx_to_pdf(docx, where)
        print(f"\n{variant}: {len(pdfs)} seed renderings")
        for name, extract in tools.items():
            extra: Counter[str] = Counter()
            lost: Counter[str] = Counter()
            for pdf in pdfs:
                truth = codes(parse_path(pdf))
                got = codes(parse_text(extract(pdf), f"{pdf.stem}.txt"))
                extra += got - truth
                lost += truth - got
            unread = extra.pop("PAR003", 0)
            print(
                f"  {name:18} extra {dict(sorted(extra.items())) or '-'}  lost {dict(sorted(lost.items())) or '-'}"
                f"  (PAR003 {unread})"
            )
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
