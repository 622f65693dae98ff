"""The openai backend against a fake server at the HTTP edge (httpx.MockTransport)."""

import json

import httpx
import openai
import pytest
from llm_docs import INTERVIEW, item, make_doc

from cjm_insights.backends import openai_backend
from cjm_insights.backends.openai_backend import OpenAIBackend
from cjm_insights.config import Config
from cjm_insights.errors import CjmError
from cjm_insights.extractors.llm import LLMExtractor


def fake_server(answers, status_for_schema=500):
    """A chat-completions endpoint that rejects json_schema like llama.cpp's server does."""
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        seen.append(body)
        if body["response_format"]["type"] == "json_schema" and status_for_schema:
            return httpx.Response(
                status_for_schema, json={"error": {"message": "json_schema unsupported"}}
            )
        content = json.dumps(answers.pop(0))
        return httpx.Response(
            200,
            json={
                "id": "x",
                "object": "chat.completion",
                "created": 0,
                "model": body["model"],
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": content},
                    }
                ],
                "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
            },
        )

    return handler, seen


def backend_with(handler, url="http://127.0.0.1:9/v1"):
    cfg = Config(extractor="llm", backend="openai", model="m", base_url=url, max_concurrency=2)
    b = OpenAIBackend(cfg)
    b.client = openai.OpenAI(
        base_url=url, api_key="k", http_client=httpx.Client(transport=httpx.MockTransport(handler))
    )
    b._client_kw["http_client"] = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return cfg, b


def test_falls_back_to_json_object_with_schema_and_remembers(workspace, taxonomy, monkeypatch):
    monkeypatch.setattr(openai_backend, "_MODE", {})
    handler, seen = fake_server([{"items": [item(1)]}, {"items": [item(2)]}])
    cfg, b = backend_with(handler)
    docs = [make_doc("a.txt", INTERVIEW), make_doc("b.txt", INTERVIEW.replace("Maya", "Lee"))]
    res = LLMExtractor(cfg, workspace, backend=b).extract(docs, taxonomy)
    assert res.problems == [] and len(res.evidence) == 2
    kinds = [s["response_format"]["type"] for s in seen]
    assert kinds == ["json_schema", "json_object", "json_object"]  # one probe, then remembered
    assert seen[1]["response_format"]["schema"]["properties"]["items"]
    assert res.cost.prompt_tokens == 200 and res.cost.completion_tokens == 40


def test_server_that_accepts_json_schema_keeps_it(workspace, taxonomy, monkeypatch):
    monkeypatch.setattr(openai_backend, "_MODE", {})
    handler, seen = fake_server([{"items": [item(1)]}], status_for_schema=0)
    cfg, b = backend_with(handler, "http://127.0.0.1:10/v1")
    LLMExtractor(cfg, workspace, backend=b).extract([make_doc("a.txt", INTERVIEW)], taxonomy)
    assert [s["response_format"]["type"] for s in seen] == ["json_schema"]
    assert seen[0]["response_format"]["json_schema"]["name"] == "Answer"


def test_remote_endpoint_needs_the_key_named_in_config(monkeypatch):
    monkeypatch.delenv("MY_KEY", raising=False)
    with pytest.raises(CjmError, match="MY_KEY"):
        OpenAIBackend(
            Config(backend="openai", model="gpt-4o-mini", api_key_env="MY_KEY", extractor="llm")
        )
    monkeypatch.setenv("MY_KEY", "sk-secret")
    b = OpenAIBackend(
        Config(backend="openai", model="gpt-4o-mini", api_key_env="MY_KEY", extractor="llm")
    )
    assert b.client.api_key == "sk-secret"


def test_auth_error_stops_the_run(workspace, taxonomy, monkeypatch):
    monkeypatch.setattr(openai_backend, "_MODE", {"http://127.0.0.1:11/v1": "json_object"})

    def handler(request):
        return httpx.Response(401, json={"error": {"message": "bad key"}})

    cfg, b = backend_with(handler, "http://127.0.0.1:11/v1")
    with pytest.raises(CjmError, match="AuthenticationError"):
        LLMExtractor(cfg, workspace, backend=b).extract([make_doc("a.txt", INTERVIEW)], taxonomy)
    # nothing about the key is logged
    assert all("sk-" not in str(c) for c in workspace.calls())
