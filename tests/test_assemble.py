"""Assembly: counts, intervals, pain grouping and ranking, moments, opportunities, transitions, personas."""

from __future__ import annotations

import pytest

from cjm_insights import assemble as asm
from cjm_insights.assemble import assemble
from cjm_insights.types import JourneyMap, Theme
from tests.map_docs import documents, evidence


@pytest.fixture
def jm(taxonomy) -> JourneyMap:
    return assemble(evidence(), documents(), taxonomy, title="t")


def col(jm: JourneyMap, stage: str):
    return next(s for s in jm.stages if s.stage == stage)


def test_stages_in_taxonomy_order_with_counts(jm, taxonomy):
    assert [s.stage for s in jm.stages] == taxonomy.stage_ids
    ev = col(jm, "evaluation")
    assert ev.evidence_count == 4
    assert ev.by_source_type == {"interview": 2, "lost_deal": 1, "review": 1}
    assert ev.share == pytest.approx(4 / 11, abs=1e-4)
    assert col(jm, "usage").evidence_count == 0 and col(jm, "usage").emotion.n == 0
    assert [(r.id, r.count) for r in ev.touchpoints] == [("demo", 2), ("security_review", 2)]


def test_emotion_interval_by_sample_size(jm):
    support = col(jm, "support").emotion  # three -2s: no spread
    assert (support.n, support.mean, support.low, support.high, support.interval) == (
        3,
        -2,
        -2,
        -2,
        "ci95",
    )
    evaluation = col(
        jm, "evaluation"
    ).emotion  # +2 -2 -2 +2: t-interval wider than the scale, clipped
    assert evaluation.mean == 0 and (evaluation.low, evaluation.high) == (-2, 2)
    assert evaluation.sd == pytest.approx(2.3094, abs=1e-3)
    decision = col(jm, "decision").emotion  # two points: the range, not a t-interval
    assert (decision.n, decision.low, decision.high, decision.interval) == (2, 0, 1, "range")


def test_near_identical_pains_group_and_rank(jm):
    pains = col(jm, "evaluation").pains
    top = pains[0]
    assert top.summary.startswith("security questionnaire took")
    assert (top.count, top.doc_count, top.customer_count, top.max_severity) == (2, 2, 2, 3)
    assert top.severity == 2.5 and top.score == 5.0
    assert len(pains) == 2 and pains[1].score == 1.0


def test_repeated_complaint_counts_once_per_customer(jm):
    (sso,) = col(jm, "support").pains
    assert (sso.count, sso.doc_count, sso.customer_count) == (3, 3, 2)  # Globex twice, Initech once
    assert sso.score == 4.0


def test_moments_of_truth(jm):
    moments = col(jm, "evaluation").moments
    kinds = {m.kind for m in moments}
    assert kinds == {"clash", "severe_pain"}
    clash = next(m for m in moments if m.kind == "clash")
    assert len(clash.evidence_ids) == 4
    assert col(jm, "support").moments == []  # all negative, severity 2: no moment


def test_opportunities_cite_the_pain_evidence(jm):
    opp = col(jm, "evaluation").opportunities[0]
    pain = col(jm, "evaluation").pains[0]
    assert opp.text.startswith("How might we") and pain.summary in opp.text
    assert (
        opp.evidence_ids == pain.evidence_ids
        and opp.pain_id == pain.id
        and opp.written_by == "template"
    )


def test_opportunity_writer_hook(taxonomy):
    seen = []

    def writer(pain, evs):
        seen.append((pain.id, [e.id for e in evs]))
        return "How might we shorten security reviews?" if "security" in pain.summary else None

    jm = assemble(evidence(), documents(), taxonomy, opportunity_writer=writer)
    opps = col(jm, "evaluation").opportunities
    assert opps[0].written_by == "llm" and opps[0].text == "How might we shorten security reviews?"
    assert opps[1].written_by == "template"
    assert all(ids for _, ids in seen)


def test_transitions_keep_document_order(jm):
    steps = {(t.source, t.target): t for t in jm.transitions}
    assert set(steps) == {
        ("awareness", "evaluation"),
        ("evaluation", "research"),
        ("research", "decision"),
        ("evaluation", "decision"),
    }
    assert (
        steps[("evaluation", "research")].backward
        and not steps[("awareness", "evaluation")].backward
    )
    assert steps[("evaluation", "decision")].doc_ids == ["lost/acme.md"]


def test_every_item_cites_existing_evidence(jm):
    ids = {e.id for e in jm.evidence}
    for s in jm.stages:
        items = [*s.actors, *s.touchpoints, *s.themes, *s.pains, *s.moments, *s.opportunities]
        for item in items:
            assert item.evidence_ids and set(item.evidence_ids) <= ids
        assert set(s.emotion.evidence_ids) <= ids
    for t in jm.transitions:
        assert set(t.evidence_ids) <= ids


def test_fills_speaker_source_type_and_documents(jm):
    by_quote = {e.quote: e for e in jm.evidence}
    assert by_quote["the CFO signed off quickly"].speaker == "Dana"
    assert by_quote["Pricing was fine"].source_type == "lost_deal"
    assert {d.id for d in jm.documents} == {e.doc_id for e in jm.evidence}
    doc = next(d for d in jm.documents if d.id == "lost/acme.md")
    e = by_quote["Pricing was fine"]
    assert doc.text[e.start : e.end] == e.quote


def test_themes_assign_and_group_pains(taxonomy):
    evs = evidence()
    dana_pain, tickets = evs[0], evs[-3:]
    theme = Theme(id="theme-0", label="sso, login", evidence_ids=[e.id for e in tickets])
    jm = assemble(evs, documents(), taxonomy, [theme])
    assert {e.theme_id for e in jm.evidence if e.id in theme.evidence_ids} == {"theme-0"}
    assert next(e for e in jm.evidence if e.id == dana_pain.id).theme_id is None
    (sso,) = col(jm, "support").pains
    assert sso.theme_id == "theme-0"
    assert col(jm, "support").themes[0].id == "theme-0"


def test_a_pain_leads_with_a_quote_that_says_it(taxonomy):
    evs = evidence()
    tickets = evs[-3:]
    odd = tickets[-1].model_copy(update={"pain": "cannot log in at all", "severity": 3})
    evs[-1] = odd
    theme = Theme(id="theme-0", label="sso, login", evidence_ids=[e.id for e in tickets])
    (sso,) = col(assemble(evs, documents(), taxonomy, [theme]), "support").pains
    assert sso.summary == "SSO login fails for every user" and sso.count == 3
    # the most severe quote says something else: it must not stand for the group
    assert sso.evidence_ids[0] != odd.id and sso.evidence_ids[-1] == odd.id


def test_personas_by_actor_and_by_field(taxonomy, monkeypatch):
    monkeypatch.setattr(asm, "MIN_PERSONA_EVIDENCE", 2)
    jm = assemble(evidence(), documents(), taxonomy)
    assert set(jm.personas) == {"admin", "champion", "economic_buyer", "technical_evaluator"}
    admin = jm.personas["admin"]
    assert admin.persona == "admin" and admin.run["evidence"] == 3
    assert (
        col(admin, "support").evidence_count == 3 and col(admin, "evaluation").evidence_count == 0
    )
    assert admin.evidence == [] and admin.documents == []  # they cite the parent's
    by_team = assemble(evidence(), documents(), taxonomy, persona_field="team")
    assert by_team.personas == {}  # IT has 2, Finance 1: only one view worth showing
    monkeypatch.setattr(asm, "MIN_PERSONA_EVIDENCE", 1)
    by_team = assemble(evidence(), documents(), taxonomy, persona_field="team")
    assert set(by_team.personas) == {"IT", "Finance"}


def test_deterministic(taxonomy):
    a = assemble(evidence(), documents(), taxonomy).model_dump_json()
    b = assemble(
        list(reversed(evidence())), list(reversed(documents())), taxonomy
    ).model_dump_json()
    assert a == b


def test_empty_evidence(taxonomy):
    jm = assemble([], documents(), taxonomy)
    assert len(jm.stages) == len(taxonomy.stage_ids) and jm.evidence == [] and jm.transitions == []
