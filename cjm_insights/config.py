"""Run configuration as data: a YAML file (`--config cjm.yaml`), overridden by CLI flags.

Keys never live here: `api_key_env` names the environment variable to read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cjm_insights.errors import CjmError

ExtractorName = Literal["local", "llm", "hybrid", "prototype", "trivial"]


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    taxonomy: str = "b2b-default"  # built-in name or path to a YAML file
    workspace: str = ".cjm"
    extractor: ExtractorName = "local"

    # LLM engine
    backend: str = "llamacpp"  # openai | langchain | llamacpp | scripted | a plugin's name
    model: str | None = None  # model name, GGUF path, or "provider:model" for langchain
    base_url: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    temperature: float = 0.0
    seed: int = 0
    max_concurrency: int = 4
    max_retries: int = 2  # validation retries with the error fed back
    request_timeout_s: float = 120.0
    transport_retries: int = 5  # 429 / 5xx / timeouts, with backoff honouring Retry-After
    prompt: str = "extract"  # prompt file name in prompts/ (without .j2)
    window_tokens: int = 900
    prices: dict[str, float] = Field(default_factory=dict)  # {"prompt": $/1M, "completion": $/1M}

    # embeddings and themes
    embedder: str = "sentence-transformers"
    embed_model: str = "all-MiniLM-L6-v2"
    min_theme_size: int | None = None  # None: chosen from corpus size
    reduce_outliers: bool = False

    # local extractor
    local_model: str | None = None  # path to trained heads; None: the ones shipped in the package
    hybrid_threshold: float = 0.55  # below this confidence a unit goes to the LLM

    # privacy
    redact: bool | None = None  # None: on exactly when the backend is remote

    # ingestion
    source_type: str | None = None  # force one source type for the whole corpus
    text_column: str | None = None
    id_column: str | None = None

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Config:
        data: dict[str, Any] = {}
        if path is not None:
            p = Path(path)
            try:
                data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as exc:
                raise CjmError(f"{p}: cannot read config: {exc}") from None
            if not isinstance(data, dict):
                raise CjmError(f"{p}: config must be a mapping of keys to values")
        data.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            where = f"{path}: " if path else ""
            msgs = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise CjmError(f"{where}invalid config: {msgs}") from None

    @property
    def is_remote(self) -> bool:
        """True when text may leave the machine: a non-loopback endpoint or a hosted provider."""
        if self.extractor in ("local", "prototype", "trivial"):
            return False
        if self.backend in ("llamacpp", "scripted"):
            return False
        if self.backend == "openai" and self.base_url:
            from urllib.parse import urlparse

            host = (urlparse(self.base_url).hostname or "").lower()
            return not (host in ("localhost", "::1") or host.startswith("127."))
        return True

    @property
    def redact_enabled(self) -> bool:
        return self.is_remote if self.redact is None else self.redact
