"""LLM backends behind one protocol (`base.Backend`): openai, langchain, llamacpp, scripted.

Each module registers a factory `(config) -> Backend` in `registry.backends`;
plugins add their own through the `cjm_insights_backends` entry point.
"""

from __future__ import annotations

import importlib

from cjm_insights.backends.base import Backend, BackendError, BaseBackend, ValidationFailed
from cjm_insights.config import Config
from cjm_insights.errors import CjmError
from cjm_insights.registry import backends

__all__ = ["Backend", "BackendError", "BaseBackend", "ValidationFailed", "make_backend"]

_BUILTIN = {
    "openai": "openai_backend",
    "langchain": "langchain_backend",
    "llamacpp": "llamacpp_backend",
    "scripted": "scripted",
}


def make_backend(config: Config) -> Backend:
    """Build the backend the config names (a built-in or a registered plugin)."""
    if config.backend in _BUILTIN:
        importlib.import_module(f"cjm_insights.backends.{_BUILTIN[config.backend]}")
    try:
        factory = backends.get(config.backend)
    except Exception:
        for mod in _BUILTIN.values():
            importlib.import_module(f"cjm_insights.backends.{mod}")
        known = ", ".join(sorted(backends.get_all()))
        raise CjmError(f"unknown backend {config.backend!r} (known: {known})") from None
    return factory(config)
