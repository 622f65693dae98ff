"""Run an extractor on a labelled set (or read its predictions) and score it.

A set is a folder: corpus/ (the documents) and labels.jsonl (gold, labels.md).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import re
import subprocess
import time
from pathlib import Path

from cjm_insights import taxonomy as taxonomies
from cjm_insights.config import Config
from cjm_insights.errors import CjmError
from cjm_insights.evaluation.labels import (
    from_evidence,
    read_labels,
    texts_from_documents,
    write_labels,
)
from cjm_insights.evaluation.report import build_report
from cjm_insights.types import Cost, Document, EvalReport, ScoredQuote, Taxonomy
from cjm_insights.workspace import Workspace


def _config(config: Config | str | Path | None, **overrides) -> Config:
    if isinstance(config, Config):
        return config.model_copy(update={k: v for k, v in overrides.items() if v is not None})
    return Config.load(config, **overrides)


def _documents(corpus: Path) -> list[Document]:
    from cjm_insights.ingest import ingest

    if not corpus.is_dir():
        raise CjmError(f"{corpus}: corpus folder not found")
    docs = ingest(corpus).documents
    if not docs:
        raise CjmError(f"{corpus}: no documents could be ingested")
    return docs


def _text_lookup(docs: list[Document]):
    by_id = {d.id: d.text for d in docs}
    return by_id.get


def git_commit(where: Path) -> str | None:
    """The commit the code under evaluation came from, when it is a git checkout."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=where,
            capture_output=True,
            text=True,
            timeout=5,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def _meta(set_name: str, extractor: str, config: Config, tax: Taxonomy, **extra) -> dict:
    return {
        "set": set_name,
        "extractor": extractor,
        "config": config.model_dump(mode="json"),
        "taxonomy": tax.name,
        "taxonomy_hash": tax.content_hash(),
        "git_commit": git_commit(Path(__file__).parent),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        **extra,
    }


def predict(
    docs: list[Document], config: Config, tax: Taxonomy, workspace: Workspace
) -> tuple[list[ScoredQuote], Cost]:
    from cjm_insights.extractors import make_extractor

    extractor = make_extractor(config, workspace)
    t0 = time.perf_counter()
    with taxonomies.active(tax):
        result = extractor.extract(docs, tax)
    cost = result.cost
    if not cost.wall_s:  # an extractor that does not time itself is timed here
        cost = cost.model_copy(update={"wall_s": time.perf_counter() - t0})
    return from_evidence(result.evidence), cost


def evaluate(
    set_dir: str | Path,
    config: Config | str | Path | None = None,
    *,
    extractor: str | None = None,
    predictions: str | Path | None = None,
    out: str | Path | None = None,
    workspace: str | Path | None = None,
    docs_glob: list[str] | None = None,
) -> EvalReport:
    """Score an extractor (or a predictions file) against SET/labels.jsonl.

    `docs_glob` (fnmatch patterns on document ids) scores a slice of the set:
    a slow model gets a number in minutes, and its cached windows count
    towards a later run on the whole set. Writes predictions.jsonl and
    report.json to `out` (default <workspace>/evals/<set>-<extractor>-<UTC
    timestamp>/) and returns the report.
    """
    root = Path(set_dir)
    labels_path = root / "labels.jsonl"
    if not labels_path.is_file():
        raise CjmError(f"{root}: not a labelled set (no labels.jsonl; see docs/evaluation.md)")
    cfg = _config(config, extractor=extractor, workspace=str(workspace) if workspace else None)
    tax = taxonomies.load(cfg.taxonomy)
    all_docs = _documents(root / "corpus")
    docs = _select(all_docs, docs_glob, root)
    text_of = texts_from_documents(all_docs)
    types = {d.id: d.source_type for d in all_docs}
    chosen = {d.id for d in docs}
    gold = [
        g for g in read_labels(labels_path, text_of, tax, source_types=types) if g.doc_id in chosen
    ]
    cost: Cost | None
    if predictions is not None:
        name = "predictions"
        preds = read_labels(predictions, text_of, tax, strict=False, source_types=types)
        preds = [p for p in preds if p.doc_id in chosen]
        cost = None
    else:
        name = cfg.extractor
        preds, cost = predict(docs, cfg, tax, Workspace(cfg.workspace))
        for p in preds:
            p.source_type = types.get(p.doc_id)
    words = sum(d.words for d in docs)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out_dir = (
        Path(out) if out else Path(cfg.workspace) / "evals" / f"{_slug(root.name)}-{name}-{stamp}"
    )
    meta = _meta(
        root.name,
        name,
        cfg,
        tax,
        set_path=str(root),
        documents=len(docs),
        docs_glob=docs_glob or None,
        predictions_file=str(predictions) if predictions else None,
        out=str(out_dir),
    )
    report = build_report(
        gold, preds, _text_lookup(docs), tax.stage_ids, cost=cost, words=words, meta=meta
    )
    write_outputs(out_dir, report, preds)
    return report


def _select(docs: list[Document], patterns: list[str] | None, root: Path) -> list[Document]:
    if not patterns:
        return docs
    chosen = [d for d in docs if any(fnmatch.fnmatchcase(d.id, p) for p in patterns)]
    if not chosen:
        raise CjmError(
            f"{root}: no document id matches {', '.join(patterns)} (ids look like {docs[0].id})"
        )
    return chosen


def agreement(
    gold_a: str | Path,
    gold_b: str | Path,
    corpus: str | Path,
    config: Config | str | Path | None = None,
    *,
    out: str | Path | None = None,
) -> EvalReport:
    """Inter-annotator agreement: annotation B scored against annotation A."""
    cfg = _config(config)
    tax = taxonomies.load(cfg.taxonomy)
    docs = _documents(Path(corpus))
    text_of = texts_from_documents(docs)
    types = {d.id: d.source_type for d in docs}
    a = read_labels(gold_a, text_of, tax, source_types=types)
    b = read_labels(gold_b, text_of, tax, source_types=types)
    meta = _meta(
        Path(corpus).name,
        f"agreement:{Path(gold_b).name}",
        cfg,
        tax,
        reference=str(gold_a),
        other=str(gold_b),
    )
    report = build_report(
        a, b, _text_lookup(docs), tax.stage_ids, words=sum(d.words for d in docs), meta=meta
    )
    if out is not None:
        write_outputs(Path(out), report, None)
    return report


def write_outputs(out_dir: Path, report: EvalReport, preds: list[ScoredQuote] | None) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if preds is not None:
            write_labels(out_dir / "predictions.jsonl", preds)
        (out_dir / "report.json").write_text(
            json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    except OSError as exc:
        raise CjmError(f"{out_dir}: cannot write the report: {exc.strerror}") from None


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "set"
