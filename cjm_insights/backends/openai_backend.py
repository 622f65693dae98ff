"""Any OpenAI-compatible endpoint (OpenAI, Azure's /openai/v1, vLLM, Ollama, llama.cpp server).

Structured output: `response_format` json_schema first. Servers that reject it
(llama-cpp-python's server answers HTTP 500) get `{"type": "json_object",
"schema": ...}` instead; the choice is remembered per base URL. Transport
retries (429, 5xx, timeouts, honouring Retry-After) are the `openai` client's
own; the schema probe runs without them so a rejecting server costs one request.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

import openai
from pydantic import BaseModel

from cjm_insights.backends.base import BackendError, BaseBackend, Messages, RawReply, schema_of
from cjm_insights.config import Config
from cjm_insights.errors import CjmError
from cjm_insights.registry import backends
from cjm_insights.types import TokenUsage

MAX_TOKENS = 2048
# base_url -> "json_schema" | "json_object": what this server accepted.
_MODE: dict[str, str] = {}


def response_format(mode: str, response_model: type[BaseModel]) -> dict[str, Any]:
    schema = schema_of(response_model)
    if mode == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": response_model.__name__, "schema": schema, "strict": False},
        }
    return {"type": "json_object", "schema": schema}


def api_key(config: Config) -> str:
    """The key from the environment variable the config names; loopback servers need none."""
    key = os.environ.get(config.api_key_env)
    if key:
        return key
    if not _loopback(config.base_url):
        raise CjmError(f"no API key: set the environment variable {config.api_key_env}")
    return "no-key"  # local servers ignore it, but the client insists on one


def _loopback(url: str | None) -> bool:
    from urllib.parse import urlparse

    host = (urlparse(url).hostname or "").lower() if url else ""
    return host in ("localhost", "::1") or host.startswith("127.")


def _fatal(exc: Exception) -> bool:
    """Errors no retry of this one window can fix: stop the run (finished work stays cached).

    A timeout is not one: a slow server fails that window (after the client's own
    retries), is reported for its document, and the run goes on."""
    if isinstance(exc, openai.APITimeoutError):
        return False
    return isinstance(
        exc,
        openai.AuthenticationError
        | openai.PermissionDeniedError
        | openai.NotFoundError
        | openai.APIConnectionError,
    )


def _rejects_schema(exc: Exception) -> bool:
    return isinstance(exc, openai.APIStatusError) and exc.status_code in (400, 422, 500, 501)


class OpenAIBackend(BaseBackend):
    name = "openai"
    parallel = True

    def __init__(self, config: Config):
        if not config.model:
            raise CjmError(
                "the openai backend needs --model (e.g. gpt-4o-mini, or the server's model name)"
            )
        self.model = config.model
        self.base_url = config.base_url or "https://api.openai.com/v1"
        self.temperature = config.temperature
        self.seed = config.seed
        self.max_retries = config.max_retries
        kw = {
            "base_url": self.base_url,
            "api_key": api_key(config),
            "timeout": config.request_timeout_s,
        }
        self._client_kw = kw
        self.concurrency = max(1, config.max_concurrency)
        self.transport_retries = config.transport_retries
        self.client = openai.OpenAI(max_retries=self.transport_retries, **kw)
        self._loop_state: tuple[Any, ...] | None = None

    def _async_state(self) -> tuple[openai.AsyncOpenAI, asyncio.Semaphore, asyncio.Lock]:
        # Async clients and semaphores belong to one event loop: make them per loop.
        loop = asyncio.get_running_loop()
        if self._loop_state is None or self._loop_state[0] is not loop:
            aclient = openai.AsyncOpenAI(max_retries=self.transport_retries, **self._client_kw)
            self._loop_state = (loop, aclient, asyncio.Semaphore(self.concurrency), asyncio.Lock())
        return self._loop_state[1:]  # type: ignore[return-value]

    def _request(
        self, messages: Messages, mode: str, response_model: type[BaseModel]
    ) -> dict[str, Any]:
        return {
            "model": self.model,
            "messages": messages,
            "temperature": self.temperature,
            "seed": self.seed,
            "max_tokens": MAX_TOKENS,
            "response_format": response_format(mode, response_model),
        }

    def _send(self, messages: Messages, response_model: type[BaseModel]) -> RawReply:
        mode = _MODE.get(self.base_url)
        try:
            if mode is None:
                try:
                    probe = self.client.with_options(max_retries=0)
                    resp = probe.chat.completions.create(
                        **self._request(messages, "json_schema", response_model)
                    )
                    _MODE[self.base_url] = "json_schema"
                    return _reply(resp)
                except openai.APIStatusError as exc:
                    if _rejects_schema(exc):
                        mode = _MODE[self.base_url] = "json_object"
                    else:  # 429 and the like: try again, with the client's backoff
                        mode = "json_schema"
                except openai.APIConnectionError:
                    mode = "json_schema"
            resp = self.client.chat.completions.create(
                **self._request(messages, mode, response_model)
            )
            return _reply(resp)
        except openai.OpenAIError as exc:
            raise _translate(exc, self.base_url) from exc

    async def _asend(self, messages: Messages, response_model: type[BaseModel]) -> RawReply:
        aclient, sem, probe_lock = self._async_state()
        async with sem:
            if _MODE.get(self.base_url) is None:
                async with probe_lock:  # one probe per server, the other first calls wait for it
                    if _MODE.get(self.base_url) is None:
                        return await asyncio.to_thread(self._send, messages, response_model)
            req = self._request(messages, _MODE[self.base_url], response_model)
            try:
                return _reply(await aclient.chat.completions.create(**req))
            except openai.OpenAIError as exc:
                raise _translate(exc, self.base_url) from exc


def _reply(resp: Any) -> RawReply:
    text = resp.choices[0].message.content or ""
    u = resp.usage
    usage = TokenUsage(
        prompt_tokens=getattr(u, "prompt_tokens", 0) or 0,
        completion_tokens=getattr(u, "completion_tokens", 0) or 0,
    )
    return text, usage


def _translate(exc: Exception, base_url: str) -> Exception:
    if isinstance(exc, CjmError):
        return exc
    msg = f"{base_url}: {type(exc).__name__}: {getattr(exc, 'message', None) or exc}"
    return CjmError(msg) if _fatal(exc) else BackendError(msg)


@backends.register("openai")
def _factory(config: Config) -> OpenAIBackend:
    return OpenAIBackend(config)
