"""A deterministic backend for tests: answers come from a list, a JSON-lines file or a function.

It records every conversation it was sent (`calls`), so a test can check what the
model saw, including the validation feedback of a retry.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from cjm_insights.backends.base import BaseBackend, Messages, RawReply
from cjm_insights.config import Config
from cjm_insights.errors import CjmError
from cjm_insights.registry import backends
from cjm_insights.types import TokenUsage

Answer = str | dict[str, Any] | BaseModel | BaseException
Script = list[Answer] | Callable[[Messages, type[BaseModel]], Answer]


class ScriptedBackend(BaseBackend):
    name = "scripted"

    def __init__(self, script: Script, *, model: str = "scripted", max_retries: int = 2):
        self.script = script
        self.model = model
        self.max_retries = max_retries
        self.calls: list[Messages] = []

    def _send(self, messages: Messages, response_model: type[BaseModel]) -> RawReply:
        self.calls.append([dict(m) for m in messages])
        answer = self._next(messages, response_model)
        if isinstance(answer, BaseException):
            raise answer
        if isinstance(answer, BaseModel):
            raw = answer.model_dump_json()
        elif isinstance(answer, dict):
            raw = json.dumps(answer)
        else:
            raw = answer
        prompt_chars = sum(len(m["content"]) for m in messages)
        # A stable stand-in for token counts: about four characters a token.
        return raw, TokenUsage(prompt_tokens=prompt_chars // 4, completion_tokens=len(raw) // 4)

    def _next(self, messages: Messages, response_model: type[BaseModel]) -> Answer:
        if callable(self.script):
            return self.script(messages, response_model)
        if not self.script:
            raise CjmError("scripted backend: no answers left")
        return self.script.pop(0)


@backends.register("scripted")
def _factory(config: Config) -> ScriptedBackend:
    """`--backend scripted --model answers.jsonl`: one JSON answer a line, used in order."""
    if not config.model:
        raise CjmError("scripted backend needs --model FILE.jsonl (one JSON answer a line)")
    path = Path(config.model)
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    except OSError as exc:
        raise CjmError(f"{path}: cannot read scripted answers: {exc.strerror}") from None
    return ScriptedBackend(lines, model=path.name, max_retries=config.max_retries)
