"""Ingestion speed: ingest a corpus folder N times and print words/s.

    .venv/bin/python benchmarks/ingest_speed.py [CORPUS] [--repeat N]

The first run includes loading the spaCy model; the figure reported is the
median of the later runs (the steady state of a long session or a batch job).
"""

from __future__ import annotations

import argparse
import statistics
import time

from cjm_insights import segment
from cjm_insights.ingest import ingest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="corpora/sample")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    t0 = time.perf_counter()
    first = ingest(args.corpus)
    cold = time.perf_counter() - t0
    words = sum(d.words for d in first.documents)
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        ingest(args.corpus)
        times.append(time.perf_counter() - t0)
    warm = statistics.median(times)
    print(f"corpus      {args.corpus}: {len(first.documents)} documents, {words:,} words, "
          f"{sum(len(d.sentences) for d in first.documents):,} sentences, {len(first.problems)} skipped")  # fmt: skip
    print(f"segmenter   {segment.SEGMENTER}")
    print(f"first run   {cold:.2f} s (includes loading the model)")
    print(f"warm runs   median {warm:.3f} s of {args.repeat}: {words / warm:,.0f} words/s")


if __name__ == "__main__":
    main()
