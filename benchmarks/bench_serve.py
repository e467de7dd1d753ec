"""Latency of `disclint serve` per request, in-process (ASGI test client), one core.

    python benchmarks/bench_serve.py [--rounds 10] [FILE ...]

For each file (default: the first seed and the vendored real PDF and HTML) prints the median time
of ``POST /api/check`` (parse, check, JSON) and of ``POST /check`` (the same in both languages,
plus the result page with the document laid out and the JSON/SARIF downloads), and the size of
the page. Not a test: run it by hand and quote the figures.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from pathlib import Path

from disclint.serve.app import create_app

with warnings.catch_warnings():  # Starlette asks for httpx2; httpx is what is packaged today
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"
DEFAULT_FILES = [
    DATA / "seeds" / "001_c2bcf9dd95c89acf.txt",
    DATA / "real" / "hongze2024.pdf",
    DATA / "real" / "shuyang2023.html",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    args = ap.parse_args()
    client = TestClient(create_app())
    client.post("/api/check", files=[("files", ("warm.txt", b"warm up"))])  # parser tables, packs

    def timed(url: str, name: str, data: bytes) -> tuple[float, int]:
        rounds, size = [], 0
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            response = client.post(url, files=[("files", (name, data))])
            rounds.append(time.perf_counter() - t0)
            response.raise_for_status()
            size = len(response.content)
        return statistics.median(rounds), size

    print(f"{'file':<32} {'api ms':>8} {'page ms':>8} {'page KB':>8}")
    for path in args.files:
        data = path.read_bytes()
        api, _ = timed("/api/check", path.name, data)
        page, size = timed("/check", path.name, data)
        print(f"{path.name:<32} {api * 1000:>8.0f} {page * 1000:>8.0f} {size / 1024:>8.0f}")


if __name__ == "__main__":
    main()
