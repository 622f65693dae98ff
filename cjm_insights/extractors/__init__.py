"""Extractors turn Documents into labelled Evidence. One protocol, many implementations.

Each implementation registers a factory `(config, workspace) -> Extractor` in
`registry.extractors` under its name: trivial, prototype (baselines), local (trained
heads, the keyless default), llm (extract-by-reference with any backend), hybrid.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from cjm_insights.config import Config
from cjm_insights.errors import CjmError
from cjm_insights.registry import extractors
from cjm_insights.types import Document, ExtractionResult, Taxonomy
from cjm_insights.workspace import Workspace

# Modules whose import registers an extractor; missing ones are skipped so that a
# partial install (no llama-cpp, say) still offers the others.
_BUILTIN_MODULES = ("baselines", "local", "llm", "hybrid")


class Extractor(Protocol):
    name: str

    def extract(self, documents: list[Document], taxonomy: Taxonomy) -> ExtractionResult: ...


def make_extractor(config: Config, workspace: Workspace) -> Extractor:
    for mod in _BUILTIN_MODULES:
        try:
            importlib.import_module(f"cjm_insights.extractors.{mod}")
        except ModuleNotFoundError as exc:
            if exc.name != f"cjm_insights.extractors.{mod}":
                raise
    try:
        factory = extractors.get(config.extractor)
    except Exception:
        known = ", ".join(sorted(extractors.get_all()))
        raise CjmError(f"unknown extractor {config.extractor!r} (known: {known})") from None
    return factory(config, workspace)
