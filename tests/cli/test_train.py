"""`cjm train` on an LLM engine's predictions (distillation), with the scripted backend as teacher."""

import json
import re

import pytest
from local_docs import FILLER, PAINS, PRAISE, labelled_corpus
from typer.testing import CliRunner

from cjm_insights.backends.scripted import ScriptedBackend
from cjm_insights.cli import app
from cjm_insights.config import Config
from cjm_insights.extractors.llm import extract
from cjm_insights.extractors.local import LocalExtractor
from cjm_insights.heads import load
from cjm_insights.ingest import ingest

TEACHER = {text: (stage, valence) for text, stage, valence in PAINS + PRAISE}


def teacher(messages, response_model):
    """A 'strong model': cites every sentence it knows as evidence, with its labels."""
    items = []
    for sid, text in re.findall(r"^\[(\d+)\] (.*)$", messages[-1]["content"], re.M):
        if text.strip() in TEACHER:
            stage, valence = TEACHER[text.strip()]
            pain = valence < 0
            items.append(
                {
                    "first": int(sid),
                    "opening": text[:20],
                    "last": int(sid),
                    "stage": stage,
                    "touchpoint": "product",
                    "emotion": "frustrated" if pain else "satisfied",
                    "valence": valence,
                    "actor": "champion",
                    "pain_point": pain,
                    "pain": text.split(" and ")[0].rstrip(".") if pain else None,
                    "severity": 2 if pain else None,
                    "reason": "scripted teacher",
                }
            )
    return {"items": items}


@pytest.fixture(scope="module")
def distilled(tmp_path_factory, taxonomy):
    root = tmp_path_factory.mktemp("distil")
    corpus = root / "corpus"
    docs, _ = labelled_corpus(8)
    for d in docs:
        (corpus / d.path).parent.mkdir(parents=True, exist_ok=True)
        (corpus / d.path).write_text(d.text, encoding="utf-8")
    ingested = ingest(corpus).documents
    config = Config(
        extractor="llm", backend="scripted", max_concurrency=1, workspace=str(root / "ws")
    )
    from cjm_insights.workspace import Workspace

    result = extract(
        ingested,
        ScriptedBackend(teacher),
        taxonomy,
        config=config,
        workspace=Workspace(root / "ws"),
    )
    assert len(result.evidence) == 8 * 4, result.problems
    preds = root / "predictions.jsonl"
    with preds.open("w") as fh:
        for e in result.evidence:
            fh.write(json.dumps({"doc": e.doc_id, **e.model_dump(mode="json")}) + "\n")
    out = root / "model"
    args = [
        "train",
        str(preds),
        "--corpus",
        str(corpus),
        "--out",
        str(out),
        "--seed",
        "1",
        "--workspace",
        str(root / "ws"),
    ]
    run = CliRunner().invoke(app, args)
    return root, corpus, ingested, result, out, run, args


def test_train_writes_a_loadable_artifact(distilled):
    root, _, _, _, out, run, _ = distilled
    assert run.exit_code == 0, run.output
    heads = load(out)
    assert heads.hash in run.output.replace("\n", "") or heads.hash[:12] in run.output
    assert heads.meta["trained_on"][0]["labels"].endswith("predictions.jsonl")
    assert heads.meta["salient_units"] == 8 * 4


def test_student_reproduces_the_teacher(distilled, taxonomy):
    root, _, docs, teacher_result, out, _, _ = distilled
    from cjm_insights.embed import make_embedder
    from cjm_insights.workspace import Workspace

    student = LocalExtractor(load(out), make_embedder(workspace=Workspace(root / "ws")))
    found = {(e.doc_id, e.start): e.stage for e in student.extract(docs, taxonomy).evidence}
    taught = {(e.doc_id, e.start): e.stage for e in teacher_result.evidence}
    agree = sum(found.get(k) == v for k, v in taught.items())
    assert agree >= 0.8 * len(taught)
    assert not any(docs_text(docs, k).startswith(tuple(FILLER)) for k in found)


def docs_text(docs, key):
    doc = next(d for d in docs if d.id == key[0])
    return doc.text[key[1] :]


def test_same_seed_same_artifact(distilled, tmp_path):
    *_, out, _, args = distilled
    args = [
        *args[: args.index("--out") + 1],
        str(tmp_path / "again"),
        *args[args.index("--out") + 2 :],
    ]
    assert CliRunner().invoke(app, args).exit_code == 0
    assert load(tmp_path / "again").hash == load(out).hash


def test_mismatched_labels_and_corpora_is_a_clear_error(tmp_path):
    (tmp_path / "a.jsonl").write_text("")
    run = CliRunner().invoke(
        app,
        [
            "train",
            str(tmp_path / "a.jsonl"),
            str(tmp_path / "a.jsonl"),
            "--corpus",
            str(tmp_path),
            "--corpus",
            str(tmp_path),
            "--corpus",
            str(tmp_path),
            "--out",
            str(tmp_path / "m"),
        ],
    )
    assert run.exit_code == 2
    assert "--corpus" in run.output
