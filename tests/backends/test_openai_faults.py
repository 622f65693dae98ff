"""The openai backend against a real, fault-injecting HTTP server on 127.0.0.1.

Each document meets one kind of fault. Transient ones (429 with Retry-After, one
truncated answer) are absorbed by retries; persistent ones (500s, stalls past the
timeout, schema-invalid answers) fail that document's window only: the run ends,
the failure is reported per document and counted, and nothing finished is lost.
"""

import re
from collections import Counter

from llm_docs import INTERVIEW, make_doc

from cjm_insights.config import Config
from cjm_insights.extractors.llm import LLMExtractor
from cjm_insights.testing import FakeOpenAIServer

DOC_FAULTS = {
    "rate-limited.txt": ["429", "429"],  # then fine
    "truncated-once.txt": ["truncated"],  # then fine: the parse error is fed back
    "always-500.txt": ["500"] * 20,
    "always-stalls.txt": ["timeout"] * 20,
    "always-invalid.txt": ["invalid"] * 20,
    "healthy.txt": [],
}


def faults_by_document():
    remaining = {doc: list(faults) for doc, faults in DOC_FAULTS.items()}
    seen = Counter()

    def fault_for(body):
        doc = re.search(r'<document id="([^"]+)"', body["messages"][-1]["content"]) or re.search(
            r'<document id="([^"]+)"', body["messages"][1]["content"]
        )
        seen[doc.group(1)] += 1
        queue = remaining[doc.group(1)]
        return queue.pop(0) if queue else None

    return fault_for, seen


def documents():
    # distinct text per document: identical windows share one cached answer by design
    return [make_doc(name, f"{INTERVIEW}\nMaya (CFO): This was {name}.") for name in DOC_FAULTS]


def extractor(url, workspace, **kw):
    cfg = Config(
        extractor="llm",
        backend="openai",
        model="fake",
        base_url=url,
        request_timeout_s=0.5,
        transport_retries=2,
        max_retries=1,
        max_concurrency=3,
        **kw,
    )
    return LLMExtractor(cfg, workspace)


def test_faults_fail_only_their_document_and_are_counted(workspace, taxonomy):
    docs = documents()
    fault_for, seen = faults_by_document()
    with FakeOpenAIServer(fault_for=fault_for, stall_s=2.0) as server:
        result = extractor(server.url, workspace).extract(docs, taxonomy)

    failed = {p.path for p in result.problems}
    assert failed == {"always-500.txt", "always-stalls.txt", "always-invalid.txt"}
    assert all("LLM extraction failed" in p.message for p in result.problems)
    assert result.cost.failed_calls == 3
    with_evidence = {e.doc_id for e in result.evidence}
    assert with_evidence == {"rate-limited.txt", "truncated-once.txt", "healthy.txt"}
    # bounded: the 429s were retried (honouring Retry-After: 0), the 500s gave up
    assert seen["rate-limited.txt"] == 3
    assert 2 <= seen["always-500.txt"] <= 1 + 2 + 1  # probe + client retries
    assert seen["always-invalid.txt"] == 2  # one answer, one validation retry
    texts = {d.id: d.text for d in docs}
    for e in result.evidence:
        assert texts[e.doc_id][e.start : e.end] == e.quote


def test_rerun_after_faults_only_redoes_the_failed_documents(workspace, taxonomy):
    docs = documents()
    fault_for, _ = faults_by_document()
    with FakeOpenAIServer(fault_for=fault_for, stall_s=2.0) as server:
        first = extractor(server.url, workspace).extract(docs, taxonomy)
    port = int(server.url.split(":")[-1].split("/")[0])  # same server, restarted healthy
    with FakeOpenAIServer(port=port) as healthy:
        second = extractor(healthy.url, workspace).extract(docs, taxonomy)
        asked = {
            re.search(r'<document id="([^"]+)"', r["body"]["messages"][-1]["content"]).group(1)
            for r in healthy.chat_requests
        }
    assert asked == {"always-500.txt", "always-stalls.txt", "always-invalid.txt"}
    assert second.problems == []
    kept = {(e.doc_id, e.start, e.end) for e in first.evidence}
    assert kept <= {(e.doc_id, e.start, e.end) for e in second.evidence}  # nothing lost
