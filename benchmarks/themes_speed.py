"""Embedding and clustering speed on a corpus, and on a 10x synthetic replication of it.

    python benchmarks/themes_speed.py [CORPUS]

Prints sentences embedded per second (no cache), clustering time, theme counts, and
the second-run cost with a warm workspace cache (zero texts embedded).
"""

from __future__ import annotations

import sys
import tempfile
import time

from cjm_insights.embed import SentenceTransformerEmbedder
from cjm_insights.pipeline import _ingest_or_fail, sentence_units, themes_for
from cjm_insights.themes import ThemeUnit, find_themes
from cjm_insights.types import QuoteRef
from cjm_insights.workspace import Workspace


def replicate(units: list[ThemeUnit], times: int) -> list[ThemeUnit]:
    """Copies with a distinct suffix, so the texts (and cache keys) differ but topics stay."""
    out = []
    for k in range(times):
        for u in units:
            text = f"{u.ref.text} (copy {k})" if k else u.ref.text
            ref = QuoteRef(doc_id=f"{u.ref.doc_id}~{k}", start=0, end=len(text), text=text)
            out.append(ThemeUnit(ref, u.source_type))
    return out


def main(corpus: str) -> None:
    units = sentence_units(_ingest_or_fail(corpus))
    emb = SentenceTransformerEmbedder()
    emb.embed(["warm up"])
    for label, us in (("sample", units), ("10x", replicate(units, 10))):
        t0 = time.perf_counter()
        vecs = emb.embed([u.ref.text for u in us])
        t1 = time.perf_counter()
        res = find_themes(us, vecs)
        t2 = time.perf_counter()
        words = sum(len(u.ref.text.split()) for u in us)
        print(
            f"{label}: {len(us)} sentences, {words} words; embed {len(us) / (t1 - t0):.0f} sentences/s "
            f"({words / (t1 - t0):.0f} words/s); cluster {t2 - t1:.1f}s; {len(res.themes)} themes"
        )
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(tmp)
        for run in ("first", "second"):
            t0 = time.perf_counter()
            _, stats = themes_for(units, ws)
            print(
                f"{run} run with workspace cache: embedded {stats['embedded']}, cached {stats['cached']}, "
                f"{time.perf_counter() - t0:.1f}s"
            )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "corpora/sample")
