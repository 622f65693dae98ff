"""faiss index: exact neighbours for small sets, IVF past the threshold, saved and reloaded."""

import numpy as np

from cjm_insights import index as index_mod
from cjm_insights.index import VectorIndex


def unit(rows):
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_search_returns_the_planted_neighbour_first(tmp_path):
    rng = np.random.default_rng(0)
    base = unit(rng.normal(size=(200, 16)))
    query = unit(base[17:18] + 0.01 * rng.normal(size=(1, 16)))
    idx = VectorIndex.build(base, [f"u{i}" for i in range(200)])
    (hits,) = idx.search(query, k=3)
    assert hits[0][0] == "u17" and hits[0][1] > 0.99
    idx.save(tmp_path / "i.faiss")
    again = VectorIndex.load(tmp_path / "i.faiss")
    assert again.search(query, k=1)[0][0][0] == "u17"


def test_large_sets_use_an_ivf_index_that_still_finds_the_neighbour(monkeypatch):
    monkeypatch.setattr(index_mod, "IVF_THRESHOLD", 500)
    rng = np.random.default_rng(1)
    base = unit(rng.normal(size=(2000, 16)))
    idx = VectorIndex.build(base, [str(i) for i in range(2000)])
    assert type(idx.index).__name__.startswith("IndexIVF")
    hits = idx.search(base[[5, 900]], k=1)
    assert [h[0][0] for h in hits] == ["5", "900"]
