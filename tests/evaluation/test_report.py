"""Report assembly: the report.json contract, "-" for undefined, compare with deltas."""

from __future__ import annotations

import json

from rich.console import Console

from cjm_insights.evaluation.report import build_report, compare, fmt, load_report, tables
from cjm_insights.types import Cost, ScoredQuote

TEXT = "The security review took six weeks. We love the dashboards."
OVERALL_KEYS = {
    "evidence_recall", "evidence_precision", "evidence_f1", "grounding_rate", "stage_accuracy",
    "stage_macro_f1", "stage_kappa", "touchpoint_accuracy", "valence_sign_accuracy", "valence_mae",
    "pain_precision", "pain_recall", "pain_f1", "counts",
}  # fmt: skip
STAGES = ["evaluation", "usage", "support"]


def q(start, end, stage="usage", **kw):
    labels = {
        "touchpoint": "product",
        "emotion": "neutral",
        "valence": 0,
        "source_type": "interview",
    } | kw
    return ScoredQuote(
        doc_id="d", start=start, end=end, quote=TEXT[start:end], stage=stage, **labels
    )


def render(obj) -> str:
    console = Console(record=True, width=250)
    console.print(obj)
    return console.export_text()


def make(preds, cost=None):
    gold = [q(0, 35, stage="evaluation"), q(36, 59)]
    return build_report(
        gold,
        preds,
        {"d": TEXT}.get,
        STAGES,
        cost=cost,
        words=10,
        meta={"set": "s", "extractor": "x"},
    )


def test_report_json_has_the_contracted_keys(tmp_path):
    r = make(
        [q(0, 35, stage="evaluation")],
        cost=Cost(wall_s=2.0, llm_calls=4, prompt_tokens=1000, completion_tokens=50, words=10),
    )
    data = json.loads(r.model_dump_json())
    assert set(data["overall"]) >= OVERALL_KEYS
    for key in (
        "overall",
        "cost",
        "by_stage",
        "by_source_type",
        "confusion",
        "worst_misses",
        "meta",
    ):
        assert key in data
    assert set(data["cost"]) >= {
        "wall_s",
        "llm_calls",
        "prompt_tokens",
        "completion_tokens",
        "words",
        "per_1k_words",
    }
    assert data["cost"]["per_1k_words"]["llm_calls"] == 400.0  # 4 calls over 10 words
    assert data["overall"]["cost"] == data["cost"]
    for row in (*data["by_stage"].values(), *data["by_source_type"].values()):
        assert set(row) >= OVERALL_KEYS
    assert data["overall"]["counts"] == {"gold": 2, "predicted": 1, "matched": 1}


def test_undefined_metrics_are_null_in_json_and_dash_in_tables(tmp_path):
    r = make([])  # nothing predicted: no pairs
    assert r.overall["stage_accuracy"] is None and r.overall["evidence_recall"] == 0.0
    path = tmp_path / "report.json"
    path.write_text(r.model_dump_json())
    assert json.loads(path.read_text())["overall"]["stage_kappa"] is None
    assert fmt(None) == "-" and fmt(0.0) == "0.000"
    text = render(tables(load_report(path)))
    kappa_row = next(
        line for line in text.splitlines() if line.strip("│ ").startswith("stage_kappa")
    )
    assert kappa_row.split()[-2:] == ["-", "│"]
    recall_row = next(
        line for line in text.splitlines() if line.strip("│ ").startswith("evidence_recall")
    )
    assert "0.000" in recall_row


def test_compare_shows_both_reports_and_the_delta():
    a = make([q(0, 35, stage="usage")])  # stage wrong
    b = make([q(0, 35, stage="evaluation"), q(36, 59)])  # both right
    text = render(compare(a, b, names=("old", "new")))
    row = next(line for line in text.splitlines() if line.strip("│ ").startswith("stage_accuracy"))
    assert "0.000" in row and "1.000" in row and "+1.000" in row
    assert "evaluation: stage accuracy" in text
    recall = next(
        line for line in text.splitlines() if line.strip("│ ").startswith("evidence_recall")
    )
    assert "+0.500" in recall
