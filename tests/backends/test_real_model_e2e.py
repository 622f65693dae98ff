"""End to end with a real model: in-process llama.cpp, and over HTTP (openai and langchain backends).

SmolLM2-135M tests the mechanics, never quality: its labels are meaningless, but
every quote must be verbatim and every label inside the taxonomy.
"""

import re

import pytest
from llm_docs import INJECTION, INTERVIEW, make_doc

from cjm_insights.config import Config
from cjm_insights.extractors.llm import LLMExtractor

pytestmark = pytest.mark.slow

TICKET = "Subject: SSO broken after upgrade. Since the upgrade our Okta SSO fails for every user. We opened a P1 and waited two days for a first reply. Please escalate."


def corpus():
    ticket = make_doc("tickets.csv#7", TICKET, "ticket")  # no turns: the fallback sentence split
    return [
        make_doc("interviews/maya.txt", INTERVIEW),
        make_doc("interviews/sam.txt", INJECTION),
        ticket,
    ]


def check_grounded(res, docs, taxonomy):
    by_id = {d.id: d for d in docs}
    for ev in res.evidence:
        assert ev.quote == by_id[ev.doc_id].text[ev.start : ev.end]  # grounding 1.0
        assert ev.stage in taxonomy.stage_ids and ev.touchpoint in taxonomy.ids("touchpoints")
        assert ev.emotion in taxonomy.ids("emotions") and ev.actor in taxonomy.ids("actors")
        assert len(ev.reason or "") <= 200
        assert "customer-research analyst" not in (ev.reason or "")  # no system prompt leaking out
        # interviewer turns are never evidence
        assert not ev.quote.startswith(("How did", "And the evaluation", "Anything else"))
    # nothing silently dropped: every window gave an answer (possibly empty) or a reported problem
    assert res.cost.llm_calls - res.cost.retries + res.cost.cached_calls == 3  # three windows
    failed = [p for p in res.problems if "LLM extraction failed" in p.message]
    assert res.cost.failed_calls == len(failed)


def test_llamacpp_in_process(smollm2, workspace, taxonomy):
    docs = corpus()
    config = Config(extractor="llm", backend="llamacpp", model=str(smollm2), max_retries=1)
    ex = LLMExtractor(config, workspace)
    res = ex.extract(docs, taxonomy)
    check_grounded(res, docs, taxonomy)
    assert res.evidence, res.problems
    assert res.cost.prompt_tokens > 1000 and res.cost.completion_tokens > 0
    assert {c["backend"] for c in workspace.calls()} == {"llamacpp"}
    # a re-run calls again only for windows that failed (failures are not cached)
    again = LLMExtractor(config, workspace).extract(docs, taxonomy)
    assert again.cost.cached_calls == 3 - res.cost.failed_calls
    assert (again.cost.llm_calls == 0) == (res.cost.failed_calls == 0)
    assert {e.id for e in res.evidence} <= {e.id for e in again.evidence}


@pytest.mark.parametrize("backend", ["openai", "langchain"])
def test_over_http_against_llama_cpp_server(
    backend, llama_server, workspace, taxonomy, monkeypatch
):
    from cjm_insights.backends import langchain_backend, openai_backend

    monkeypatch.setattr(openai_backend, "_MODE", {})
    monkeypatch.setattr(langchain_backend, "_MODE", {})
    docs = corpus()
    config = Config(
        extractor="llm",
        backend=backend,
        model="smollm2",
        base_url=llama_server,
        max_retries=1,
        max_concurrency=2,
    )
    res = LLMExtractor(config, workspace).extract(docs, taxonomy)
    check_grounded(res, docs, taxonomy)
    assert res.evidence, res.problems
    assert res.cost.prompt_tokens > 1000
    # the server answered 500 to json_schema; the backend switched to json_object + schema
    modes = openai_backend._MODE if backend == "openai" else langchain_backend._MODE
    assert modes == {llama_server if backend == "openai" else llama_server: "json_object"}
    assert {c["backend"] for c in workspace.calls()} == {backend}
    assert not any(re.search(r"sk-|api[_-]?key", c["request"] or "") for c in workspace.calls())
