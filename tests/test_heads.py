import json

import numpy as np
import pytest
from local_docs import HashEmbedder, labelled_corpus

from cjm_insights import heads
from cjm_insights.errors import CjmError

EMOTION_VALENCE = {"frustrated": -2, "satisfied": 1, "neutral": 0}


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    docs, gold = labelled_corpus(8)
    ts = heads.training_set([(gold, docs)], HashEmbedder(), log=lambda *a: None)
    h = heads.train(ts, seed=3, log=lambda *a: None)
    folder = tmp_path_factory.mktemp("heads")
    heads.save(h, folder, {"embedder": HashEmbedder.model_id})
    return ts, h, folder


def predictions(h, ts):
    return h.predict(ts.units, ts.X, EMOTION_VALENCE, {})


def test_training_set_marks_gold_sentences_salient(trained):
    ts, _, _ = trained
    assert len(ts.units) == 8 * 7  # four labelled and three filler answers per interview
    assert sum(t is not None for t in ts.targets) == 8 * 4
    assert len(set(ts.groups)) == 8


def test_heads_learn_the_fixture(trained):
    ts, h, _ = trained
    preds = predictions(h, ts)
    salient = {(p.unit.doc_id, p.unit.start) for p in preds}
    gold = {(u.doc_id, u.start) for u, t in zip(ts.units, ts.targets, strict=True) if t}
    assert len(salient & gold) >= 0.9 * len(gold)
    assert len(salient - gold) <= 0.1 * len(gold)
    stage_ok = [p.labels["stage"] == t["stage"] for p, t in _paired(preds, ts)]
    assert np.mean(stage_ok) >= 0.9
    cv = h.meta["cv"]
    assert 0.0 <= cv["span_precision"] <= 1.0 and h.threshold == cv["threshold"]


def _paired(preds, ts):
    by_key = {(u.doc_id, u.start): t for u, t in zip(ts.units, ts.targets, strict=True)}
    return [
        (p, by_key[(p.unit.doc_id, p.unit.start)])
        for p in preds
        if by_key[(p.unit.doc_id, p.unit.start)]
    ]


def test_emotion_always_agrees_with_valence_sign(trained):
    ts, h, _ = trained
    for p in predictions(h, ts):
        assert np.sign(EMOTION_VALENCE[p.labels["emotion"]]) == np.sign(p.labels["valence"])
        assert (p.labels["severity"] is not None) == p.labels["pain_point"]
        assert 0.0 <= p.salience <= 1.0 and all(0.0 <= v <= 1.0 for v in p.probs.values())


def test_same_seed_same_heads_and_predictions(trained, tmp_path):
    ts, h, folder = trained
    again = heads.train(ts, seed=3, log=lambda *a: None)
    heads.save(again, tmp_path, {"embedder": HashEmbedder.model_id})
    assert again.hash == h.hash
    assert (tmp_path / "weights.npz").read_bytes() == (folder / "weights.npz").read_bytes()
    a, b = predictions(h, ts), predictions(again, ts)
    assert [p.model_dump() for p in a] == [p.model_dump() for p in b]


def test_artifact_round_trip_and_hash(trained):
    ts, h, folder = trained
    loaded = heads.load(folder)
    assert loaded.hash == h.hash == (folder / "SHA256").read_text().strip()
    assert loaded.meta["embedder"] == HashEmbedder.model_id
    assert [p.model_dump() for p in predictions(loaded, ts)] == [
        p.model_dump() for p in predictions(h, ts)
    ]
    # plain JSON and npz: nothing that unpickles code
    assert json.loads((folder / "heads.json").read_text())["threshold"] == h.threshold
    np.load(folder / "weights.npz", allow_pickle=False).close()


def test_edited_artifact_is_refused(trained, tmp_path):
    _, _, folder = trained
    for name in ("heads.json", "weights.npz", "SHA256"):
        (tmp_path / name).write_bytes((folder / name).read_bytes())
    meta = json.loads((tmp_path / "heads.json").read_text())
    meta["threshold"] = 0.01
    (tmp_path / "heads.json").write_text(json.dumps(meta))
    with pytest.raises(CjmError, match="SHA256"):
        heads.load(tmp_path)
    with pytest.raises(CjmError, match="not a local-heads artifact"):
        heads.load(tmp_path / "missing")


def test_taxonomy_restriction_applies_to_labels(trained):
    ts, h, _ = trained
    preds = h.predict(ts.units, ts.X, EMOTION_VALENCE, {"stage": {"usage"}})
    assert preds and {p.labels["stage"] for p in preds} == {"usage"}
    with pytest.raises(CjmError, match="retrain"):
        h.predict(ts.units, ts.X, EMOTION_VALENCE, {"stage": {"not-a-stage"}})


def test_read_labels_accepts_predictions_and_names_bad_lines(tmp_path):
    good = tmp_path / "predictions.jsonl"
    row = {
        "doc_id": "a.txt",
        "start": 0,
        "end": 5,
        "quote": "hello",
        "stage": "usage",
        "touchpoint": "product",
        "emotion": "neutral",
        "valence": 0,
        "actor": "unknown",
        "pain_point": False,
        "pain": None,
        "severity": None,
        "provenance": {"extractor": "llm"},
        "confidence": 0.7,
    }
    good.write_text(json.dumps(row) + "\n\n")
    assert heads.read_labels(good)["a.txt"][0]["stage"] == "usage"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(row) + "\n{not json\n")
    with pytest.raises(CjmError, match=r"bad.jsonl:2"):
        heads.read_labels(bad)


def test_span_scoring_is_one_to_one_by_half_overlap():
    gold = {"d": [(0, 100), (100, 120)]}
    # one long prediction covers both gold quotes but matches only one of them
    assert heads.span_prf([("d", 0, 120)], gold) == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": pytest.approx(2 / 3),
    }
    # overlap below half the shorter span is no match
    assert heads.span_prf([("d", 90, 200)], {"d": [(0, 100)]})["precision"] == 0.0
    assert heads.span_prf([("d", 95, 125), ("e", 0, 10)], gold)["precision"] == 0.5
