"""Any langchain chat model: `--model provider:model` (init_chat_model), or an
OpenAI-compatible server through langchain-openai's ChatOpenAI when --base-url is set.

Structured output with `with_structured_output(schema, include_raw=True)`; the raw
message gives the text we validate (with the shared retry loop) and
`usage_metadata` the tokens. A server that rejects json_schema (llama.cpp's)
gets JSON mode with the schema attached instead, remembered per endpoint.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from cjm_insights.backends.base import BackendError, BaseBackend, Messages, RawReply, schema_of
from cjm_insights.backends.openai_backend import api_key
from cjm_insights.config import Config
from cjm_insights.errors import CjmError
from cjm_insights.registry import backends
from cjm_insights.types import TokenUsage

_MODE: dict[str, str] = {}  # endpoint -> "json_schema" | "json_object"


class LangchainBackend(BaseBackend):
    name = "langchain"
    parallel = True

    def __init__(self, config: Config, chat_model: Any = None):
        if chat_model is None and not config.model:
            raise CjmError(
                "the langchain backend needs --model provider:model (e.g. openai:gpt-4o-mini)"
            )
        self.model = config.model or type(chat_model).__name__
        self.max_retries = config.max_retries
        self.endpoint = config.base_url or self.model
        self.llm = chat_model if chat_model is not None else _chat_model(config, config.transport_retries)
        # The first call probes whether the server takes json_schema; without transport
        # retries, a server that answers 500 to it costs one request, not a backoff series.
        self.probe_llm = self.llm if chat_model is not None else _chat_model(config, 0)

    def _runnable(self, mode: str, response_model: type[BaseModel], llm: Any = None) -> Any:
        llm = llm or self.llm
        schema = schema_of(response_model)
        schema.setdefault("title", response_model.__name__)
        if mode == "json_object":
            # JSON mode plus the schema, which llama.cpp's server turns into a grammar.
            return llm.bind(response_format={"type": "json_object", "schema": schema})
        kw = {"method": "json_schema"} if _is_openai(llm) else {}
        return llm.with_structured_output(schema, include_raw=True, **kw)

    def _send(self, messages: Messages, response_model: type[BaseModel]) -> RawReply:
        mode = _MODE.get(self.endpoint, "json_schema")
        llm = self.llm if self.endpoint in _MODE else self.probe_llm
        try:
            try:
                out = self._runnable(mode, response_model, llm).invoke(messages)
                _MODE.setdefault(self.endpoint, mode)
            except Exception as exc:
                if mode != "json_schema" or not _rejects_schema(exc):
                    raise
                _MODE[self.endpoint] = "json_object"
                out = self._runnable("json_object", response_model).invoke(messages)
        except CjmError:
            raise
        except Exception as exc:
            raise _translate(exc) from exc
        return _reply(out)

    async def _asend(self, messages: Messages, response_model: type[BaseModel]) -> RawReply:
        mode = _MODE.get(self.endpoint)
        if mode is None:  # the first call finds out what the server accepts
            import asyncio

            return await asyncio.to_thread(self._send, messages, response_model)
        try:
            return _reply(await self._runnable(mode, response_model).ainvoke(messages))
        except Exception as exc:
            raise _translate(exc) from exc


def _chat_model(config: Config, retries: int) -> Any:
    if config.base_url or ":" not in (config.model or ""):
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            model=config.model,
            base_url=config.base_url,
            api_key=api_key(config),
            temperature=config.temperature,
            seed=config.seed,
            timeout=config.request_timeout_s,
            max_retries=retries,
        )
    from langchain.chat_models import init_chat_model

    try:
        return init_chat_model(config.model, temperature=config.temperature, max_retries=retries)
    except (ImportError, ValueError) as exc:
        raise CjmError(f"langchain cannot make chat model {config.model!r}: {exc}") from None


def _is_openai(llm: Any) -> bool:
    return type(llm).__name__ in ("ChatOpenAI", "AzureChatOpenAI")


def _rejects_schema(exc: Exception) -> bool:
    return getattr(exc, "status_code", None) in (400, 422, 500, 501)


def _translate(exc: Exception) -> Exception:
    import openai

    msg = f"langchain: {type(exc).__name__}: {exc}"[:500]
    if isinstance(
        exc, openai.AuthenticationError | openai.NotFoundError | openai.APIConnectionError
    ):
        return CjmError(msg)
    return BackendError(msg)


def _reply(out: Any) -> RawReply:
    """Text and usage from either a structured-output dict {raw, parsed} or a plain message."""
    msg = out["raw"] if isinstance(out, dict) and "raw" in out else out
    parsed = out.get("parsed") if isinstance(out, dict) else None
    text = msg.content if isinstance(msg.content, str) else ""
    if not text.strip():
        # Tool-calling providers put the answer in a tool call, not the content.
        calls = getattr(msg, "tool_calls", None) or []
        if calls:
            text = json.dumps(calls[0]["args"])
        elif parsed is not None:
            text = parsed.model_dump_json() if isinstance(parsed, BaseModel) else json.dumps(parsed)
    meta = getattr(msg, "usage_metadata", None) or {}
    usage = TokenUsage(
        prompt_tokens=meta.get("input_tokens", 0) or 0,
        completion_tokens=meta.get("output_tokens", 0) or 0,
    )
    return text, usage


@backends.register("langchain")
def _factory(config: Config) -> LangchainBackend:
    return LangchainBackend(config)
