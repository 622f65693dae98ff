"""A GGUF model in-process through llama-cpp-python: no key, no network.

JSON-schema constrained decoding (`response_format` json_object + schema becomes
a grammar, so the answer always parses). Prefix caching: llama-cpp keeps the KV
state of the previous prompt and re-evaluates only from the first differing
token, so the long system prompt (instructions + taxonomy, identical for every
call) is evaluated once per process; prompts put it first for that reason.
"""

from __future__ import annotations

import atexit
import os
import threading
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from cjm_insights.backends.base import BackendError, BaseBackend, Messages, RawReply, schema_of
from cjm_insights.config import Config
from cjm_insights.errors import CjmError
from cjm_insights.registry import backends
from cjm_insights.types import TokenUsage

N_CTX = 4096
MAX_TOKENS = 2048  # ~12 items of ~85 tokens fit; n_ctx 4096 leaves room for a ~1,900-token prompt
_MODELS: dict[tuple[str, int, int], Any] = {}  # loaded once per process: loading costs seconds
_LOCK = threading.Lock()  # one llama context is not thread-safe


def load_llama(path: Path, n_ctx: int = N_CTX, seed: int = 0) -> Any:
    try:
        import llama_cpp
    except ImportError:
        raise CjmError(
            'the llamacpp backend needs llama-cpp-python: pip install "cjm-insights[local]"'
        ) from None
    key = (str(path), n_ctx, seed)
    with _LOCK:
        if key not in _MODELS:
            _MODELS[key] = llama_cpp.Llama(
                model_path=str(path),
                n_ctx=n_ctx,
                n_threads=os.cpu_count() or 2,
                seed=seed,
                verbose=False,
            )
    return _MODELS[key]


@atexit.register
def _close_models() -> None:
    # Free models while llama_cpp's module globals still exist; left to the garbage
    # collector at interpreter exit, Llama.__del__ fails with a TypeError traceback.
    for llm in _MODELS.values():
        llm.close()
    _MODELS.clear()


class LlamaCppBackend(BaseBackend):
    name = "llamacpp"

    def __init__(self, config: Config, n_ctx: int = N_CTX):
        from cjm_insights import models_install

        self.path = models_install.resolve(config.model)
        self.model = self.path.name
        self.max_retries = config.max_retries
        self.temperature = config.temperature
        self.seed = config.seed
        self.n_ctx = n_ctx
        self._llm: Any = None

    @property
    def llm(self) -> Any:
        if self._llm is None:
            self._llm = load_llama(self.path, self.n_ctx, self.seed)
        return self._llm

    def _send(self, messages: Messages, response_model: type[BaseModel]) -> RawReply:
        llm = self.llm
        with _LOCK:
            try:
                out = llm.create_chat_completion(
                    messages=messages,
                    response_format={"type": "json_object", "schema": schema_of(response_model)},
                    temperature=self.temperature,
                    seed=self.seed,
                    max_tokens=MAX_TOKENS,
                )
            except ValueError as exc:  # e.g. prompt longer than the context window
                raise BackendError(f"{self.model}: {exc}") from None
        u = out.get("usage") or {}
        usage = TokenUsage(
            prompt_tokens=u.get("prompt_tokens", 0), completion_tokens=u.get("completion_tokens", 0)
        )
        return out["choices"][0]["message"]["content"] or "", usage


@backends.register("llamacpp")
def _factory(config: Config) -> LlamaCppBackend:
    return LlamaCppBackend(config)
