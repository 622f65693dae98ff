"""End to end on tests/fixtures/tinyset: every metric computed by hand (see its make_labels.py)."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

import cjm_insights
from cjm_insights.cli import app
from cjm_insights.errors import CjmError
from cjm_insights.ingest import ingest

A = "interviews/dana-cfo.txt"
B = "lost-deals/acme-lost-deal.txt"


@pytest.fixture
def tinyset(repo):
    return repo / "tests" / "fixtures" / "tinyset"


def test_evaluate_predictions_on_the_tiny_set(tinyset, tmp_path):
    report = cjm_insights.evaluate(
        tinyset, predictions=tinyset / "predictions.jsonl", out=tmp_path / "out"
    )
    o = report.overall
    # gold 6, predicted 6 (one fabricated), matched 5 (the support quote is missed)
    assert o["counts"] == {"gold": 6, "predicted": 6, "matched": 5}
    assert o["evidence_recall"] == pytest.approx(5 / 6)
    assert o["evidence_precision"] == pytest.approx(5 / 6)
    assert o["evidence_f1"] == pytest.approx(5 / 6)
    assert o["grounding_rate"] == pytest.approx(5 / 6)  # the fabricated quote
    # pairs (gold -> predicted stage): awareness->awareness, evaluation->decision,
    # usage->usage, decision->decision, evaluation->evaluation
    assert o["stage_accuracy"] == pytest.approx(4 / 5)
    # per-stage F1: awareness 1, usage 1, evaluation (P1 R.5) 2/3, decision (P.5 R1) 2/3
    assert o["stage_macro_f1"] == pytest.approx((1 + 1 + 2 / 3 + 2 / 3) / 4)
    # po .8; gold marginals aw1 ev2 us1 de1, predicted aw1 ev1 us1 de2: pe = 6/25
    assert o["stage_kappa"] == pytest.approx((0.8 - 6 / 25) / (1 - 6 / 25))
    assert o["touchpoint_accuracy"] == pytest.approx(4 / 5)  # demo -> product
    assert o["valence_sign_accuracy"] == pytest.approx(4 / 5)  # +1 -> 0
    assert o["valence_mae"] == pytest.approx((0 + 1 + 1 + 0 + 0) / 5)
    # gold pains: security review, lost on price; predicted: those two + the demo
    assert o["pain_precision"] == pytest.approx(2 / 3)
    assert o["pain_recall"] == 1.0
    assert o["pain_f1"] == pytest.approx(0.8)

    ev, de, su, ad = (report.by_stage[s] for s in ("evaluation", "decision", "support", "advocacy"))
    assert ev["evidence_recall"] == 1.0 and ev["stage_accuracy"] == 0.5
    assert de["evidence_precision"] == 1.0 and de["counts"]["predicted"] == 2
    assert su["evidence_recall"] == 0.0 and su["stage_accuracy"] is None
    assert ad["evidence_precision"] == 0.0 and ad["evidence_recall"] is None

    types = {d.id: d.source_type for d in ingest(tinyset / "corpus").documents}
    interview, lost = report.by_source_type[types[A]], report.by_source_type[types[B]]
    assert interview["counts"] == {"gold": 4, "predicted": 4, "matched": 3}
    assert lost["counts"] == {"gold": 2, "predicted": 2, "matched": 2}
    assert lost["stage_accuracy"] == 1.0 and lost["touchpoint_accuracy"] == 0.5

    labels = report.confusion["labels"]
    assert report.confusion["matrix"][labels.index("evaluation")][labels.index("decision")] == 1
    assert [m["quote"] for m in report.worst_misses["not_found"]] == [
        "Support fixed our export bug within an hour."
    ]
    assert report.worst_misses["wrong_stage"][0]["predicted_stage"] == "decision"
    assert report.cost["wall_s"] is None and report.cost["words"] > 0  # a file has no known cost

    saved = json.loads((tmp_path / "out" / "report.json").read_text())
    assert saved["overall"]["stage_accuracy"] == pytest.approx(0.8)
    assert saved["meta"]["set"] == "tinyset" and saved["meta"]["extractor"] == "predictions"
    rows = [
        json.loads(x) for x in (tmp_path / "out" / "predictions.jsonl").read_text().splitlines()
    ]
    assert len(rows) == 6 and rows[0]["doc"] in (A, B)


def test_evaluate_runs_the_trivial_extractor(tinyset, tmp_path):
    report = cjm_insights.evaluate(tinyset, extractor="trivial", workspace=tmp_path / "ws")
    docs = ingest(tinyset / "corpus").documents
    customer = sum(s.is_customer for d in docs for s in d.sentences)
    o = report.overall
    assert o["counts"]["predicted"] == customer
    assert o["grounding_rate"] == 1.0
    # every gold quote is a customer sentence; trivial says `usage` for all: 1 of 6 is usage
    assert o["evidence_recall"] == 1.0
    assert o["stage_accuracy"] == pytest.approx(1 / 6)
    assert o["pain_recall"] == 0.0 and o["pain_precision"] is None
    out = tmp_path / "ws" / "evals"
    (folder,) = list(out.iterdir())  # default: <workspace>/evals/<set>-<extractor>-<time>/
    assert folder.name.startswith("tinyset-trivial-")
    assert {p.name for p in folder.iterdir()} == {"predictions.jsonl", "report.json"}
    assert report.cost["wall_s"] > 0 and report.cost["llm_calls"] == 0
    assert report.cost["per_1k_words"]["llm_calls"] == 0


def test_docs_glob_scores_a_slice_of_the_set(tinyset, tmp_path):
    """A slice: gold, predictions and words of the other documents are left out."""
    whole = cjm_insights.evaluate(
        tinyset, predictions=tinyset / "predictions.jsonl", out=tmp_path / "whole"
    )
    report = cjm_insights.evaluate(
        tinyset,
        predictions=tinyset / "predictions.jsonl",
        out=tmp_path / "out",
        docs_glob=["lost-deals/*"],
    )
    assert report.overall["counts"] == {"gold": 2, "predicted": 2, "matched": 2}
    assert report.meta["documents"] == 1 and report.meta["docs_glob"] == ["lost-deals/*"]
    assert 0 < report.cost["words"] < whole.cost["words"]
    with pytest.raises(CjmError, match="no document id matches nothing/"):
        cjm_insights.evaluate(
            tinyset, predictions=tinyset / "predictions.jsonl", docs_glob=["nothing/*"]
        )


def test_a_set_with_bad_gold_is_an_error_naming_the_line(tinyset, tmp_path):
    bad = tmp_path / "set"
    shutil.copytree(tinyset, bad)
    lines = (bad / "labels.jsonl").read_text().splitlines()
    row = json.loads(lines[2]) | {"quote": "not what the document says"}
    lines[2] = json.dumps(row)
    (bad / "labels.jsonl").write_text("\n".join(lines) + "\n")
    with pytest.raises(CjmError, match=r"labels.jsonl:3: "):
        cjm_insights.evaluate(bad, predictions=tinyset / "predictions.jsonl", out=tmp_path / "o")


def test_cli_eval_compare_and_agreement(tinyset, tmp_path):
    runner = CliRunner()
    r = runner.invoke(
        app,
        [
            "eval",
            str(tinyset),
            "-p",
            str(tinyset / "predictions.jsonl"),
            "--out",
            str(tmp_path / "a"),
        ],
    )
    assert r.exit_code == 0, r.output
    assert "stage_accuracy" in r.output and "0.800" in r.output
    r = runner.invoke(
        app,
        [
            "eval",
            str(tinyset),
            "-e",
            "trivial",
            "--out",
            str(tmp_path / "b"),
            "--workspace",
            str(tmp_path / "ws"),
        ],
    )
    assert r.exit_code == 0, r.output

    r = runner.invoke(
        app,
        [
            "eval",
            "--compare",
            str(tmp_path / "a" / "report.json"),
            str(tmp_path / "b" / "report.json"),
        ],
    )
    assert r.exit_code == 0, r.output
    assert "stage_accuracy" in r.output
    assert "-0.633" in r.output  # 1/6 - 4/5
    assert "evaluation: stage accuracy" in r.output

    r = runner.invoke(
        app,
        [
            "agreement",
            str(tinyset / "labels.jsonl"),
            str(tinyset / "labels.jsonl"),
            "--corpus",
            str(tinyset / "corpus"),
        ],
    )
    assert r.exit_code == 0, r.output
    assert "1.000" in r.output

    r = runner.invoke(app, ["eval", str(tmp_path / "nowhere")])
    assert r.exit_code == 2 and "not a labelled set" in r.output
    r = runner.invoke(app, ["eval"])
    assert r.exit_code == 2


def test_agreement_of_two_annotations(tinyset, tmp_path):
    from cjm_insights.evaluation import agreement

    other = tmp_path / "b.jsonl"
    rows = [json.loads(x) for x in (tinyset / "labels.jsonl").read_text().splitlines()]
    rows[0]["stage"] = "research"  # annotator B disagrees once
    other.write_text("".join(json.dumps(r) + "\n" for r in rows[:-1]))  # and skips one quote
    report = agreement(tinyset / "labels.jsonl", other, tinyset / "corpus", out=tmp_path / "o")
    assert report.overall["evidence_recall"] == pytest.approx(5 / 6)
    assert report.overall["evidence_precision"] == 1.0
    assert report.overall["stage_accuracy"] == pytest.approx(4 / 5)
    assert (tmp_path / "o" / "report.json").is_file()
