from cjm_insights.backends.scripted import ScriptedBackend
from cjm_insights.summaries import write_texts
from cjm_insights.types import Evidence, JourneyMap, Provenance, StageColumn, Theme


def make_map():
    text = "The security review took six weeks. Support was great."
    ev = [
        Evidence(
            doc_id="d",
            start=0,
            end=35,
            quote=text[0:35],
            stage="evaluation",
            touchpoint="security_review",
            emotion="frustrated",
            valence=-2,
            pain_point=True,
            pain="slow review",
            severity=2,
            provenance=Provenance(extractor="gold"),
        ),
        Evidence(
            doc_id="d",
            start=36,
            end=54,
            quote=text[36:54],
            stage="support",
            touchpoint="support_ticket",
            emotion="satisfied",
            valence=2,
            provenance=Provenance(extractor="gold"),
        ),
    ]
    theme = Theme(
        id="t0",
        label="security review weeks",
        keywords=["security", "review"],
        evidence_ids=[ev[0].id],
    )
    cols = [
        StageColumn(stage="evaluation", name="Evaluation"),
        StageColumn(stage="support", name="Support"),
    ]
    return JourneyMap(
        title="m", taxonomy="b2b-default", stages=cols, themes=[theme], evidence=ev
    ), ev


def test_names_and_summaries_cite_only_shown_evidence(workspace, taxonomy):
    jmap, ev = make_map()
    backend = ScriptedBackend(
        [
            {
                "text": "Slow security reviews",
                "evidence_ids": ["ev-made-up"],
            },  # invented id: retried
            {"text": "Slow security reviews", "evidence_ids": [ev[0].id]},
            {"text": "Reviews drag on for weeks.", "evidence_ids": [ev[0].id]},
            {"text": "", "evidence_ids": []},
            {"text": "x", "evidence_ids": []},
            {
                "text": "y",
                "evidence_ids": [ev[0].id],
            },  # support stage shown only ev[1]: still wrong
        ]
    )
    jmap, problems, cost = write_texts(jmap, backend, workspace, taxonomy)
    assert jmap.themes[0].name == "Slow security reviews"
    assert "ev-made-up" in backend.calls[1][-1]["content"]
    assert jmap.stages[0].summary == "Reviews drag on for weeks." and jmap.stages[
        0
    ].summary_evidence_ids == [ev[0].id]
    assert jmap.stages[1].summary is None
    assert [p.path for p in problems] == ["stage support"]
    assert cost.llm_calls == 3 and cost.failed_calls == 1
    # a second run is served from the cache for what succeeded
    again = ScriptedBackend([{"text": "Good support", "evidence_ids": [ev[1].id]}])
    jmap2, problems2, cost2 = write_texts(make_map()[0], again, workspace, taxonomy)
    assert cost2.cached_calls == 2 and len(again.calls) == 1 and problems2 == []
    assert jmap2.stages[1].summary == "Good support"
