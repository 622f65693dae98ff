"""Assemble an EvalReport from scored quotes, print it as rich tables, compare two reports."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Group
from rich.table import Table

from cjm_insights.errors import CjmError
from cjm_insights.evaluation import scoring
from cjm_insights.evaluation.scoring import Scored, TextOf
from cjm_insights.types import Cost, EvalReport, ScoredQuote

COST_KEYS = ("wall_s", "llm_calls", "prompt_tokens", "completion_tokens")

# What the terminal shows per row; report.json has everything.
TABLE_METRICS = tuple((m, m) for m in scoring.METRICS)
LOWER_IS_BETTER = {
    "valence_mae",
    *(f"cost/1k words: {k}" for k in ("wall_s", "llm_calls", "prompt_tokens", "completion_tokens")),
}


def cost_dict(cost: Cost | None, words: int) -> dict[str, Any]:
    """Cost and cost per 1,000 words; unknown cost (scoring a predictions file) is None."""
    out: dict[str, Any] = {k: (getattr(cost, k) if cost is not None else None) for k in COST_KEYS}
    out["words"] = words
    out["per_1k_words"] = {
        k: (None if v is None or not words else round(v * 1000 / words, 4))
        for k, v in out.items()
        if k != "words"
    }
    return out


def build_report(
    gold: Sequence[ScoredQuote],
    preds: Sequence[ScoredQuote],
    text_of: TextOf,
    stages: Sequence[str],
    *,
    cost: Cost | None = None,
    words: int = 0,
    meta: dict[str, Any] | None = None,
) -> EvalReport:
    s = Scored(list(gold), list(preds), scoring.match(gold, preds))
    overall = scoring.metrics(s.gold, s.preds, s.matches, text_of)
    costs = cost_dict(cost, words)
    overall["cost"] = costs  # also at the top level: both readings of the contract hold
    return EvalReport(
        overall=overall,
        cost=costs,
        by_stage=scoring.by_stage(s, stages, text_of),
        by_source_type=scoring.by_source_type(s, text_of),
        confusion=scoring.confusion(s, stages),
        worst_misses=scoring.worst_misses(s),
        meta=meta or {},
    )


def load_report(path: str | Path) -> EvalReport:
    p = Path(path)
    try:
        return EvalReport.model_validate(json.loads(p.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise CjmError(f"{p}: not a readable report.json ({exc.__class__.__name__})") from None


# ---------------------------------------------------------------------- tables


def fmt(v: Any, digits: int = 3) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


STAGE_COLUMNS = (
    ("evidence_recall", "recall"),
    ("evidence_precision", "prec"),
    ("stage_accuracy", "stage acc"),
    ("stage_f1", "stage F1"),
    ("valence_sign_accuracy", "val sign"),
    ("pain_f1", "pain F1"),
)


def _metrics_table(title: str, slices: dict[str, dict[str, Any]]) -> Table:
    """Metrics as rows, slices (overall, each source type) as columns: fits 80 columns."""
    t = Table(title=title, title_justify="left")
    t.add_column("metric")
    for name in slices:
        t.add_column(name, justify="right")
    for key in ("gold", "predicted", "matched"):
        t.add_row(key, *(fmt(row.get("counts", {}).get(key)) for row in slices.values()))
    for key, _ in TABLE_METRICS:
        t.add_row(key, *(fmt(row.get(key)) for row in slices.values()))
    return t


def _stage_table(rows: dict[str, dict[str, Any]]) -> Table:
    t = Table(
        title="by stage (recall, labels: by gold stage; precision: by predicted stage)",
        title_justify="left",
    )
    t.add_column("stage")
    for name in ("gold", "pred", "match", *(n for _, n in STAGE_COLUMNS)):
        t.add_column(name, justify="right")
    for stage, row in rows.items():
        c = row["counts"]
        if c["gold"] or c["predicted"]:
            t.add_row(
                stage,
                fmt(c["gold"]),
                fmt(c["predicted"]),
                fmt(c["matched"]),
                *(fmt(row.get(k)) for k, _ in STAGE_COLUMNS),
            )
    return t


def tables(report: EvalReport) -> Group:
    """The terminal view: overall and per source type, per stage, cost, top misses."""
    meta = report.meta
    head = f"{meta.get('set', '?')} - extractor {meta.get('extractor', '?')}"
    overall = _metrics_table(head, {"overall": report.overall, **report.by_source_type})
    stages = _stage_table(report.by_stage)
    cost = Table(title="cost", title_justify="left")
    cost.add_column("")
    for k in (*COST_KEYS, "words"):
        cost.add_column(k, justify="right")
    c = report.cost
    cost.add_row("total", *(fmt(c.get(k), 2) for k in (*COST_KEYS, "words")))
    cost.add_row("per 1k words", *(fmt(c["per_1k_words"].get(k), 2) for k in COST_KEYS), "")
    misses = Table(
        title="worst misses (first 5 of each kind)", title_justify="left", show_lines=False
    )
    misses.add_column("kind")
    misses.add_column("labels")
    misses.add_column("quote", overflow="fold")
    for m in report.worst_misses.get("not_found", [])[:5]:
        misses.add_row("not found", f"{m['stage']}", _short(m["quote"]))
    for m in report.worst_misses.get("wrong_stage", [])[:5]:
        misses.add_row(
            "wrong stage",
            f"{m['gold_stage']} -> {m['predicted_stage']}",
            _short(m["predicted_quote"]),
        )
    return Group(overall, stages, cost, misses)


def _short(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "..."


def compare(a: EvalReport, b: EvalReport, names: tuple[str, str] = ("A", "B")) -> Table:
    """Overall metrics and per-stage accuracy side by side, with B - A."""
    t = Table(title=f"{names[0]} vs {names[1]}", title_justify="left")
    t.add_column("metric")
    t.add_column(names[0], justify="right")
    t.add_column(names[1], justify="right")
    t.add_column("delta (B-A)", justify="right")
    rows: list[tuple[str, Any, Any]] = [
        (m, a.overall.get(m), b.overall.get(m)) for m, _ in TABLE_METRICS
    ]
    rows += [
        (f"cost/1k words: {k}", a.cost["per_1k_words"].get(k), b.cost["per_1k_words"].get(k))
        for k in COST_KEYS
    ]
    for stage in dict.fromkeys([*a.by_stage, *b.by_stage]):
        rows.append(
            (
                f"{stage}: stage accuracy",
                a.by_stage.get(stage, {}).get("stage_accuracy"),
                b.by_stage.get(stage, {}).get("stage_accuracy"),
            )
        )
        rows.append(
            (
                f"{stage}: recall",
                a.by_stage.get(stage, {}).get("evidence_recall"),
                b.by_stage.get(stage, {}).get("evidence_recall"),
            )
        )
    for name, va, vb in rows:
        t.add_row(
            name, fmt(va), fmt(vb), _delta(va, vb, better=-1 if name in LOWER_IS_BETTER else 1)
        )
    return t


def _delta(a: Any, b: Any, better: int = 1) -> str:
    if a is None or b is None:
        return "-"
    d = b - a
    colour = "green" if d * better > 0 else "red" if d * better < 0 else "dim"
    return f"[{colour}]{d:+.3f}[/]"
