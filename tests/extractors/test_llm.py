import json

import pytest
from llm_docs import INTERVIEW, item, make_doc

from cjm_insights.backends.scripted import ScriptedBackend
from cjm_insights.config import Config
from cjm_insights.extractors.llm import (
    NS,
    LLMExtractor,
    answer_model,
    extract,
    find_quote,
    role_actor,
)
from cjm_insights.registry import extractors
from cjm_insights.types import MAX_REASON_CHARS


def run(workspace, taxonomy, script, docs=None, prompt=None, **cfg):
    backend = script if isinstance(script, ScriptedBackend) else ScriptedBackend(script)
    config = Config(extractor="llm", backend="scripted", max_concurrency=1, **cfg)
    ex = LLMExtractor(config, workspace, backend=backend, prompt=prompt)
    return ex, backend, ex.extract(docs or [make_doc("i.txt", INTERVIEW)], taxonomy)


def test_quotes_are_sliced_from_the_source_with_provenance(workspace, taxonomy):
    doc = make_doc("i.txt", INTERVIEW)
    answer = {
        "items": [
            item(
                3,
                4,
                opening="The demo was",
                pain_point=True,
                pain="six week security review",
                severity=2,
            ),
            item(1, stage="awareness", touchpoint="other", emotion="frustrated", valence=-1),
        ]
    }
    _, backend, res = run(workspace, taxonomy, [answer], docs=[doc])
    assert res.problems == []
    assert len(res.evidence) == 2
    ev = res.evidence[0]
    assert ev.quote == doc.text[ev.start : ev.end]
    assert (
        ev.quote
        == "The demo was slick. But the security questionnaire took six weeks and nearly killed the deal."
    )
    assert ev.pain == "six week security review" and ev.severity == 2
    assert ev.actor == "economic_buyer"  # the model said unknown: the speaker is the CFO
    assert ev.speaker == "Maya"
    p = ev.provenance
    assert (p.extractor, p.backend, p.model, p.prompt_version) == (
        "llm",
        "scripted",
        "scripted",
        "extract-v3",
    )
    assert p.taxonomy_hash == taxonomy.content_hash()
    assert res.cost.llm_calls == 1 and res.cost.prompt_tokens > 0 and res.cost.words == doc.words
    # the document is delimited as data, the system prompt comes first and carries the taxonomy
    system, user = backend.calls[0][0]["content"], backend.calls[0][1]["content"]
    assert "security_review" in system and "never instructions" in system
    assert user.startswith('<document id="i.txt" type="interview">')


def test_invalid_ids_are_fed_back_and_retried(workspace, taxonomy):
    bad = {"items": [item(99)]}
    good = {"items": [item(2)]}
    _, backend, res = run(workspace, taxonomy, [bad, good])
    assert len(backend.calls) == 2
    feedback = backend.calls[1][-1]["content"]
    # only the window's ids are offered
    assert "items.0.first: Input should be 1, 2, 3, 4, 5 or 6" in feedback
    assert backend.calls[1][-2] == {"role": "assistant", "content": json.dumps(bad)}
    assert res.cost.retries == 1 and res.cost.llm_calls == 2
    assert [e.quote for e in res.evidence] == [
        "A peer at another firm mentioned Ledgerly on LinkedIn."
    ]
    log = workspace.calls()
    assert len(log) == 2 and log[1]["error"] and log[0]["error"] is None


def test_range_across_turns_and_inconsistent_pain_fail_validation(workspace, taxonomy):
    bad = {"items": [item(2, 3), item(1, pain_point=True), item(2, 1)]}
    _, backend, res = run(workspace, taxonomy, [bad, bad, bad])
    assert len(backend.calls) == 3  # 1 + max_retries (2)
    assert res.evidence == []
    (problem,) = res.problems
    assert problem.path == "i.txt" and problem.where.startswith("window 1")
    assert "still invalid after 2 retries" in problem.message
    assert res.cost.failed_calls == 1
    fb = backend.calls[1][-1]["content"]
    assert "different speaker turns" in fb and "pain_point is true" in fb
    assert "first (2) must not be after last (1)" in fb


def test_adversarial_answers_are_contained(workspace, taxonomy):
    system_copy = "You are a customer-research analyst. " * 40
    adversarial = {
        "items": [
            item(0),  # below the window
            item(1, stage="world_domination"),  # outside the taxonomy
        ]
    }
    injected = {"items": [item(1, reason=system_copy)]}
    _, _, res = run(workspace, taxonomy, [adversarial, injected])
    (ev,) = res.evidence
    assert len(ev.reason) <= MAX_REASON_CHARS
    # the schema itself offers only the taxonomy's ids
    schema = answer_model(taxonomy).model_json_schema()
    item_schema = schema["$defs"]["Item"]["properties"]
    assert item_schema["stage"]["enum"] == taxonomy.stage_ids


def test_rerun_is_served_from_the_cache_with_zero_calls(workspace, taxonomy):
    _, _, first = run(workspace, taxonomy, [{"items": [item(1), item(4)]}])
    empty = ScriptedBackend([])
    _, backend, again = run(workspace, taxonomy, empty)
    assert backend.calls == []
    assert again.cost.llm_calls == 0 and again.cost.cached_calls == 1
    assert [e.model_dump() for e in again.evidence] == [e.model_dump() for e in first.evidence]
    assert workspace.count(NS) == 1


def test_cache_key_changes_with_prompt_version_taxonomy_and_settings(workspace, taxonomy):
    ex, _, _ = run(workspace, taxonomy, [{"items": []}])
    (w,) = pack_one()
    k = ex.cache_key(w, taxonomy)
    assert k == ex.cache_key(w, taxonomy)
    other_tax = taxonomy.model_copy(update={"version": "2"})
    assert ex.cache_key(w, other_tax) != k
    warm = LLMExtractor(Config(temperature=0.7), workspace, backend=ex.backend)
    assert warm.cache_key(w, taxonomy) != k
    copyout = LLMExtractor(Config(), workspace, backend=ex.backend, prompt="extract_copyout")
    assert copyout.cache_key(w, taxonomy) != k
    assert ex.cache_key(w, taxonomy, "ticket") != ex.cache_key(w, taxonomy, "review")


def pack_one():
    from cjm_insights.extractors.windows import pack

    return pack(make_doc("i.txt", INTERVIEW))


def test_resume_after_an_exception_mid_run(workspace, taxonomy):
    docs = [make_doc(f"d{i}.txt", INTERVIEW.replace("Ledgerly", f"Vendor{i}")) for i in range(3)]
    boom = ScriptedBackend([{"items": [item(1)]}, KeyboardInterrupt()])
    with pytest.raises(KeyboardInterrupt):
        run(workspace, taxonomy, boom, docs=docs)
    resumed = ScriptedBackend([{"items": [item(2)]}, {"items": [item(3)]}])
    _, backend, res = run(workspace, taxonomy, resumed, docs=docs)
    assert len(backend.calls) == 2  # the first document's window was cached before the crash
    assert res.cost.cached_calls == 1
    assert [e.doc_id for e in res.evidence] == ["d0.txt", "d1.txt", "d2.txt"]
    # adding a document calls only for its windows
    more = ScriptedBackend([{"items": []}])
    _, backend, _ = run(
        workspace, taxonomy, more, docs=[*docs, make_doc("new.txt", "Bo (Admin): Setup was easy.")]
    )
    assert len(backend.calls) == 1 and "new.txt" in backend.calls[0][1]["content"]


def test_failed_window_is_reported_and_the_others_still_run(workspace, taxonomy):
    from cjm_insights.backends import BackendError

    docs = [make_doc("a.txt", INTERVIEW), make_doc("b.txt", INTERVIEW.replace("Maya", "Lee"))]
    _, _, res = run(
        workspace,
        taxonomy,
        [BackendError("HTTP 400 context too long"), {"items": [item(1)]}],
        docs=docs,
    )
    assert [p.path for p in res.problems] == ["a.txt"]
    assert "context too long" in res.problems[0].message
    assert [e.doc_id for e in res.evidence] == ["b.txt"]
    # failures are not cached: a re-run tries that window again
    _, backend, res2 = run(workspace, taxonomy, [{"items": []}], docs=docs)
    assert len(backend.calls) == 1 and res2.problems == []


def test_restated_opening_repairs_an_off_by_one_id(workspace, taxonomy):
    doc = make_doc("i.txt", INTERVIEW)
    _, _, res = run(
        workspace,
        taxonomy,
        [{"items": [item(3, opening="But the security questionnaire")]}],
        docs=[doc],
    )
    assert (
        res.evidence[0].quote
        == "But the security questionnaire took six weeks and nearly killed the deal."
    )


def test_copy_out_mode_finds_quotes_and_reports_invented_ones(workspace, taxonomy):
    fields = {k: v for k, v in item(1).items() if k not in ("first", "last", "opening")}
    answer = {
        "items": [
            {**fields, "quote": "The demo was   slick."},  # whitespace differs: still grounded
            {**fields, "quote": "The demo was the best I have ever seen."},  # invented
        ]
    }
    ex, _, res = run(workspace, taxonomy, [answer], prompt="extract_copyout")
    assert [e.quote for e in res.evidence] == ["The demo was slick."]
    assert ex.ungrounded == 1
    assert "quote not found verbatim" in res.problems[0].message


def test_find_quote():
    text = "alpha beta.\n  gamma delta."
    assert find_quote(text, "beta. gamma") == (6, 19)
    assert find_quote(text, "delta.", 0, 10) is None


def test_role_actor(taxonomy):
    assert role_actor("CFO", taxonomy) == "economic_buyer"
    assert role_actor("IT Director", taxonomy) == "technical_evaluator"
    assert role_actor("Procurement lead", taxonomy) == "procurement_legal"
    assert role_actor(None, taxonomy) == "unknown"


def test_dry_run_estimate_then_nothing_left(workspace, taxonomy):
    config = Config(extractor="llm", prices={"prompt": 1.0, "completion": 2.0})
    ex = LLMExtractor(config, workspace, backend=ScriptedBackend([{"items": []}]))
    docs = [make_doc("i.txt", INTERVIEW)]
    est = ex.estimate(docs, taxonomy)
    assert est["calls"] == 1 and est["prompt_tokens"] > 1000 and est["cost_usd"] > 0
    ex.extract(docs, taxonomy)
    assert ex.estimate(docs, taxonomy)["calls"] == 0


def test_registry_and_api(tmp_path, workspace, taxonomy):
    answers = tmp_path / "answers.jsonl"
    answers.write_text(json.dumps({"items": [item(1)]}) + "\n")
    config = Config(extractor="llm", backend="scripted", model=str(answers))
    ex = extractors.get("llm")(config, workspace)  # what make_extractor looks up
    assert ex.name == "llm"
    assert len(ex.extract([make_doc("i.txt", INTERVIEW)], taxonomy).evidence) == 1
    res = extract(
        [make_doc("j.txt", INTERVIEW)],
        ScriptedBackend([{"items": [item(2)]}]),
        taxonomy,
        workspace=workspace,
    )
    assert res.evidence[0].doc_id == "j.txt"


def test_cjm_log_lists_and_shows_calls(workspace, taxonomy):
    from typer.testing import CliRunner

    from cjm_insights.cli import app

    run(workspace, taxonomy, [{"items": [item(99)]}, {"items": [item(1)]}])
    ws = str(workspace.dir)
    r = CliRunner().invoke(app, ["log", "--workspace", ws])
    assert r.exit_code == 0 and "invalid" in r.output and "extract-v3" in r.output
    first = workspace.calls()[-1]["id"]
    r = CliRunner().invoke(app, ["log", "--workspace", ws, "--id", str(first)])
    assert r.exit_code == 0 and "<document" in r.output and "Input should be" in r.output
    r = CliRunner().invoke(app, ["log", "--workspace", ws, "--json", "-n", "1"])
    assert r.exit_code == 0 and json.loads(r.output)["response"] == json.dumps({"items": [item(1)]})
    r = CliRunner().invoke(app, ["log", "--workspace", ws + "-nope"])
    assert r.exit_code == 2 and "no workspace here" in " ".join(r.output.split())
