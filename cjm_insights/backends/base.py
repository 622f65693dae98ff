"""The one backend protocol, and the validation-retry loop every backend shares.

A backend turns chat messages plus a pydantic response model into a validated
instance of that model and its token usage. Backends only implement "send these
messages, asking for this JSON schema; give me the text and usage back"; the
loop here validates the text (with a context, so the extractor's rules - ids in
the window, labels in the taxonomy - are part of validation), and on failure
sends the model its own answer and pydantic's error, a bounded number of times.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from cjm_insights.errors import ExtractionError
from cjm_insights.types import Completion, TokenUsage

Messages = list[dict[str, str]]
M = TypeVar("M", bound=BaseModel)
# Called once per attempt, for the call log: (messages, raw text, error or None, usage, latency_s).
OnAttempt = Callable[[Messages, str, str | None, TokenUsage, float], None]
RawReply = tuple[str, TokenUsage]

MAX_ERROR_CHARS = 1500  # keep the feedback short: it is paid for in prompt tokens


class Backend(Protocol):
    name: str
    model: str

    def complete(
        self,
        messages: Messages,
        response_model: type[M],
        *,
        context: dict[str, Any] | None = None,
        on_attempt: OnAttempt | None = None,
    ) -> Completion: ...

    async def acomplete(
        self,
        messages: Messages,
        response_model: type[M],
        *,
        context: dict[str, Any] | None = None,
        on_attempt: OnAttempt | None = None,
    ) -> Completion: ...


class BackendError(ExtractionError):
    """One request failed for a reason local to it (bad request, server error after retries)."""


class ValidationFailed(ExtractionError):
    """The model's answer was still invalid after the retries."""

    def __init__(self, message: str, usage: TokenUsage, attempts: int, raw: str):
        super().__init__(message)
        self.usage = usage
        self.attempts = attempts
        self.raw = raw


def schema_of(response_model: type[BaseModel]) -> dict[str, Any]:
    return response_model.model_json_schema()


def feedback(raw: str, error: str) -> Messages:
    """The turn that tells the model what was wrong with its answer."""
    return [
        {"role": "assistant", "content": raw},
        {
            "role": "user",
            "content": "Your answer was not valid:\n"
            + error[:MAX_ERROR_CHARS]
            + "\nAnswer again with the whole corrected JSON object only.",
        },
    ]


def describe(exc: ValidationError) -> str:
    lines = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(p) for p in err["loc"]) or "answer"
        lines.append(f"- {where}: {err['msg']}")
    return "\n".join(lines)


def _validate(raw: str, response_model: type[M], context: dict[str, Any] | None) -> M:
    text = _strip_fences(raw)
    try:
        return response_model.model_validate_json(text, context=context)
    except ValidationError as exc:
        if not any(e["type"] == "json_invalid" for e in exc.errors()):
            raise
        # A raw newline or tab inside a string: llama.cpp's JSON grammar lets it
        # through and Qwen-1.5B writes one now and then. The content is fine;
        # anything worse than that is still the model's to fix.
        try:
            obj = json.loads(text, strict=False)
        except ValueError:
            raise exc from None
        return response_model.model_validate(obj, context=context)


def _strip_fences(raw: str) -> str:
    # Models without constrained decoding like to wrap JSON in ```json fences.
    text = raw.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[1] if "\n" in text else text[3:]
        text = text.rsplit("```", 1)[0]
    return text


class BaseBackend:
    """Implements complete/acomplete over `_send`/`_asend` with the shared retry loop."""

    name = "base"
    model = ""
    max_retries = 2
    parallel = False  # True: the extractor may have several requests in flight

    def _send(self, messages: Messages, response_model: type[BaseModel]) -> RawReply:
        raise NotImplementedError

    async def _asend(self, messages: Messages, response_model: type[BaseModel]) -> RawReply:
        import asyncio

        return await asyncio.to_thread(self._send, messages, response_model)

    def complete(self, messages, response_model, *, context=None, on_attempt=None) -> Completion:
        conv = list(messages)
        total = TokenUsage()
        for attempt in range(self.max_retries + 1):
            t0 = time.perf_counter()
            raw, usage = self._send(conv, response_model)
            done = _check(
                raw, usage, response_model, context, conv, on_attempt, time.perf_counter() - t0
            )
            total = total + usage
            if isinstance(done, BaseModel):
                return Completion(obj=done, usage=total, raw=raw, attempts=attempt + 1)
            conv = conv + feedback(raw, done)
        raise ValidationFailed(_gave_up(done, self.max_retries), total, self.max_retries + 1, raw)

    async def acomplete(
        self, messages, response_model, *, context=None, on_attempt=None
    ) -> Completion:
        conv = list(messages)
        total = TokenUsage()
        for attempt in range(self.max_retries + 1):
            t0 = time.perf_counter()
            raw, usage = await self._asend(conv, response_model)
            done = _check(
                raw, usage, response_model, context, conv, on_attempt, time.perf_counter() - t0
            )
            total = total + usage
            if isinstance(done, BaseModel):
                return Completion(obj=done, usage=total, raw=raw, attempts=attempt + 1)
            conv = conv + feedback(raw, done)
        raise ValidationFailed(_gave_up(done, self.max_retries), total, self.max_retries + 1, raw)


def _check(raw, usage, response_model, context, conv, on_attempt, latency) -> BaseModel | str:
    """The validated object, or the error text to feed back."""
    try:
        obj = _validate(raw, response_model, context)
        error = None
    except ValidationError as exc:
        obj, error = None, describe(exc)
    if on_attempt is not None:
        on_attempt(conv, raw, error, usage, latency)
    return obj if obj is not None else error  # type: ignore[return-value]


def _gave_up(error: str, retries: int) -> str:
    first = error.splitlines()[0] if error else "invalid answer"
    more = f" (+{len(error.splitlines()) - 1} more)" if len(error.splitlines()) > 1 else ""
    return f"answer still invalid after {retries} retries: {first}{more}"
