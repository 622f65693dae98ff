"""The local extractor's heads: training, calibrated prediction, and the on-disk artifact.

Every head is a linear model (scikit-learn LogisticRegression, class_weight
'balanced') over the standardised feature rows of features.py:

  salience    is this sentence quote-worthy evidence?        (all candidate units)
  stage, touchpoint, emotion, valence, actor, pain_point      (salient units)
  severity                                                    (pain units)

Probabilities are calibrated on out-of-fold scores (documents grouped by file, so
no file is in both halves): Platt scaling for salience, one temperature per label
head. The salience threshold and the longest merged run are chosen on the same
out-of-fold predictions by scoring merged quotes against the gold quotes exactly
as the harness does, F-beta with beta < 1 because precision is the hard half.
Nothing here ever sees a dev set.

Artifact: `heads.json` (classes, calibration, threshold, metadata) + `weights.npz`
(float32 arrays, loaded with allow_pickle=False) + `SHA256` over both. No pickles.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from cjm_insights.errors import CjmError
from cjm_insights.spans import merge_runs
from cjm_insights.types import Unit, UnitPrediction

LABEL_HEADS = ("stage", "touchpoint", "emotion", "valence", "actor", "pain_point", "severity")
FORMAT_VERSION = 1
BETA = 0.8  # F-beta for the threshold: precision weighted a little above recall
FOLDS = 5
THRESHOLDS = np.round(np.arange(0.15, 0.91, 0.025), 3)
MERGE_CHOICES = (1, 2, 3)
# Roles that say reliably who is speaking (CFO, IT, procurement, admin, vendor staff)
# decide the actor outright; vaguer ones ("manager", "owner") are only a feature: in
# training data they matched the labelled actor about a third of the time.
ROLE_FIRST = frozenset(
    {"economic_buyer", "technical_evaluator", "procurement_legal", "admin", "vendor"}
)
C_GRID = (0.3, 1.0, 3.0)  # per head, chosen out-of-fold on the training data


# ------------------------------------------------------------------ heads


@dataclass
class LinearHead:
    classes: list[Any]
    coef: np.ndarray  # (k, d); k == 1 for a binary head
    intercept: np.ndarray  # (k,)
    temperature: float = 1.0  # label heads: softmax(logits / T)
    platt: tuple[float, float] | None = None  # binary heads: sigmoid(a * score + b)

    def scores(self, Z: np.ndarray) -> np.ndarray:
        return Z @ self.coef.T + self.intercept

    def proba(self, Z: np.ndarray) -> np.ndarray:
        """(n, len(classes)) calibrated probabilities."""
        if len(self.classes) == 1:  # the training data knew one value only
            return np.ones((Z.shape[0], 1), np.float32)
        return _calibrated(self.scores(Z), self.temperature, self.platt)


def _calibrated(s: np.ndarray, temperature: float, platt: tuple[float, float] | None) -> np.ndarray:
    if s.shape[1] == 1:
        a, b = platt or (1.0 / temperature, 0.0)
        p1 = 1.0 / (1.0 + np.exp(-(a * s[:, 0] + b)))
        return np.stack([1.0 - p1, p1], axis=1)
    z = s / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class Heads:
    mean: np.ndarray
    scale: np.ndarray
    salience: LinearHead
    labels: dict[str, LinearHead]
    threshold: float = 0.5
    max_merge: int = 2
    meta: dict[str, Any] = field(default_factory=dict)
    hash: str = ""

    def standardise(self, X: np.ndarray) -> np.ndarray:
        return ((X - self.mean) / self.scale).astype(np.float32)

    def predict(
        self,
        units: list[Unit],
        X: np.ndarray,
        emotion_valence: dict[str, int],
        allowed: dict[str, set],
    ) -> list[UnitPrediction]:
        """Salience for every unit; labels for the units at or above the threshold."""
        if not units:
            return []
        Z = self.standardise(X)
        sal = self.salience.proba(Z)[:, 1]
        keep = np.flatnonzero(sal >= self.threshold)
        probs = {name: head.proba(Z[keep]) for name, head in self.labels.items()}
        out = []
        for row, i in enumerate(keep):
            labels, conf = decode(
                {n: p[row] for n, p in probs.items()}, self, emotion_valence, allowed
            )
            ra = units[i].role_actor
            if ra in ROLE_FIRST and ra in allowed.get("actor", {ra}):
                labels["actor"], conf["actor"] = ra, 1.0
            out.append(
                UnitPrediction(unit=units[i], salience=float(sal[i]), labels=labels, probs=conf)
            )
        return out


def decode(
    probs: dict[str, np.ndarray],
    heads: Heads,
    emotion_valence: dict[str, int],
    allowed: dict[str, set],
) -> tuple[dict[str, Any], dict[str, float]]:
    """One unit's labels from its head probabilities, consistent with each other and the taxonomy.

    Valence, emotion and pain_point are chosen jointly: an emotion's sign must agree
    with the valence's (a 'delighted' quote at valence -2 is not an answer), and a pain
    is not positive (in every labelled set we have, about 1% of pains are). When the
    heads disagree, the more confident ones win instead of the first one asked.
    """
    labels: dict[str, Any] = {}
    conf: dict[str, float] = {}
    for name in ("stage", "touchpoint", "actor"):
        labels[name], conf[name] = _argmax(
            heads.labels[name].classes, probs[name], allowed.get(name)
        )
    v_classes, e_classes = heads.labels["valence"].classes, heads.labels["emotion"].classes
    p_classes = heads.labels["pain_point"].classes
    best = None
    for vi, v in enumerate(v_classes):
        for ei, e in enumerate(e_classes):
            if allowed.get("emotion") is not None and e not in allowed["emotion"]:
                continue
            ev = emotion_valence.get(e)
            if ev is not None and np.sign(ev) != np.sign(v):
                continue
            for pi, pain in enumerate(p_classes):
                if bool(pain) and v > 0:
                    continue
                score = probs["valence"][vi] * probs["emotion"][ei] * probs["pain_point"][pi]
                if best is None or score > best[0]:
                    best = (score, v, e, pain, vi, ei, pi)
    if best is None:
        raise CjmError("no emotion in the taxonomy agrees with any valence the heads know")
    _, labels["valence"], labels["emotion"], labels["pain_point"], vi, ei, pi = best
    conf["valence"] = probs["valence"][vi]
    conf["emotion"] = probs["emotion"][ei]
    conf["pain_point"] = probs["pain_point"][pi]
    labels["valence"] = int(labels["valence"])
    labels["pain_point"] = bool(labels["pain_point"])
    if labels["pain_point"]:
        labels["severity"], conf["severity"] = _argmax(
            heads.labels["severity"].classes, probs["severity"]
        )
        labels["severity"] = int(labels["severity"])
    else:
        labels["severity"] = None
    return labels, {k: float(v) for k, v in conf.items()}


def _argmax(classes: list[Any], p: np.ndarray, allowed: set | None = None) -> tuple[Any, float]:
    idx = [i for i, c in enumerate(classes) if allowed is None or c in allowed]
    if not idx:
        raise CjmError(
            f"none of the trained labels {classes} is in the active taxonomy; retrain with `cjm train`"
        )
    i = max(idx, key=lambda j: p[j])
    return classes[i], float(p[i])


# ------------------------------------------------------------------ training


@dataclass
class TrainingSet:
    """Feature rows with their targets. `targets[i]` is the gold quote unit i belongs to, or None."""

    units: list[Unit]
    X: np.ndarray
    targets: list[dict[str, Any] | None]
    gold_spans: dict[str, list[tuple[int, int]]]  # doc id -> gold (start, end), for span scoring
    groups: list[str]  # the file each unit comes from: CV never splits a file


def _fit(Z: np.ndarray, y: list[Any], C: float, seed: int) -> LinearHead:
    from sklearn.linear_model import LogisticRegression

    if len({str(v) for v in y}) == 1:
        return LinearHead([y[0]], np.zeros((1, Z.shape[1]), np.float32), np.zeros(1, np.float32))
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000, random_state=seed)
    clf.fit(Z, np.asarray(y, dtype=object).astype(str) if not _is_numeric(y) else np.asarray(y))
    classes = [_restore(c, y) for c in clf.classes_]
    return LinearHead(classes, clf.coef_.astype(np.float32), clf.intercept_.astype(np.float32))


def _is_numeric(y: list[Any]) -> bool:
    return all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in y)


def _restore(c: Any, y: list[Any]) -> Any:
    """sklearn gives classes back as strings for object targets; bools come back as bools."""
    if isinstance(y[0], bool):
        return c == "True"
    if _is_numeric(y):
        return int(c)
    return str(c)


def _label_targets(ts: TrainingSet, name: str) -> tuple[np.ndarray, list[Any]]:
    """Row indices and values of the units that carry this head's label."""
    idx, vals = [], []
    for i, g in enumerate(ts.targets):
        if g is None or g.get(name) is None:
            continue
        if name == "severity" and not g.get("pain_point"):
            continue
        idx.append(i)
        vals.append(bool(g[name]) if name == "pain_point" else g[name])
    return np.asarray(idx, dtype=int), vals


def train(ts: TrainingSet, seed: int = 0, c_grid: tuple[float, ...] = C_GRID, log=print) -> Heads:
    """Fit all heads, calibrate and pick the threshold on out-of-fold predictions."""
    from threadpoolctl import threadpool_limits

    # One BLAS thread: these problems are small, and on a shared 2-core machine a
    # threaded BLAS spins against other processes (measured: 60x slower).
    with threadpool_limits(limits=1):
        return _train(ts, seed, c_grid, log)


def _train(ts: TrainingSet, seed: int, c_grid: tuple[float, ...], log) -> Heads:
    y_sal = [t is not None for t in ts.targets]  # python bools: classes come back as bools
    if sum(y_sal) < 10 or sum(y_sal) == len(y_sal) or len(set(ts.groups)) < 2:
        raise CjmError(
            "training needs at least 10 labelled quotes, some unlabelled sentences, and at least 2 files"
        )
    mean, scale = _scaler(ts.X)
    Z = ((ts.X - mean) / scale).astype(np.float32)
    label_sets = {name: _label_targets(ts, name) for name in LABEL_HEADS}

    log(
        f"cross-validating C in {list(c_grid)} ({min(FOLDS, len(set(ts.groups)))} folds by file) ..."
    )
    runs = {C: _out_of_fold(Z, y_sal, label_sets, ts.groups, C, seed) for C in c_grid}
    best_c = {
        name: max(c_grid, key=lambda C, n=name: _oof_score(runs[C], n, y_sal, label_sets))
        for name in ("salience", *LABEL_HEADS)
    }
    oof = {name: runs[best_c[name]][name] for name in best_c}

    log(f"fitting the heads on all data (C per head: {best_c}) ...")
    sal = _fit(Z, y_sal, best_c["salience"], seed)
    sal.platt = _fit_platt(oof["salience"], np.asarray(y_sal))
    heads_ = {}
    for name, (idx, vals) in label_sets.items():
        head = _fit(Z[idx], vals, best_c[name], seed)
        oof_classes = _classes_of(vals)
        head.temperature = _fit_temperature(oof[name][idx], [oof_classes.index(v) for v in vals])
        heads_[name] = head
    heads = Heads(mean.astype(np.float32), scale.astype(np.float32), sal, heads_)

    threshold, max_merge, cv = _choose_threshold(ts, heads, oof)
    heads.threshold, heads.max_merge = threshold, max_merge
    heads.meta = {
        "format": FORMAT_VERSION,
        "seed": seed,
        "C": best_c,
        "units": len(ts.units),
        "salient_units": int(sum(y_sal)),
        "files": len(set(ts.groups)),
        "cv": cv | _cv_label_metrics(oof, label_sets, heads),
    }
    return heads


def _scaler(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Standardise the scalar features only: the embedding blocks are unit vectors already,
    and leaving them as they are keeps the regularisation even across their dimensions."""
    from cjm_insights.features import SCALAR_NAMES

    mean = np.zeros(X.shape[1], np.float32)
    scale = np.ones(X.shape[1], np.float32)
    k = len(SCALAR_NAMES)
    mean[-k:] = X[:, -k:].mean(axis=0)
    sd = X[:, -k:].std(axis=0)
    scale[-k:] = np.where(sd < 1e-6, 1.0, sd)
    return mean, scale


def _oof_score(oof, name: str, y_sal: list[bool], label_sets) -> float:
    """Out-of-fold quality of one head: average precision for salience, accuracy for labels."""
    if name == "salience":
        from sklearn.metrics import average_precision_score

        return float(average_precision_score(y_sal, oof["salience"]))
    idx, vals = label_sets[name]
    if not len(idx):
        return 0.0
    classes = _classes_of(vals)
    pred = oof[name][idx].argmax(axis=1)
    return float(np.mean([classes[p] == v for p, v in zip(pred, vals, strict=True)]))


def _out_of_fold(Z, y_sal, label_sets, groups, C, seed) -> dict[str, np.ndarray]:
    """Raw scores of every head for every unit, each from a model that never saw its file."""
    from sklearn.model_selection import GroupKFold

    n = len(y_sal)
    folds = GroupKFold(n_splits=min(FOLDS, len(set(groups))))
    oof: dict[str, np.ndarray] = {"salience": np.zeros(n, np.float32)}
    ys = np.asarray(y_sal)
    for train_idx, test_idx in folds.split(Z, ys, groups):
        if len(set(ys[train_idx])) < 2:
            continue
        sal = _fit(Z[train_idx], [bool(v) for v in ys[train_idx]], C, seed)
        oof["salience"][test_idx] = sal.scores(Z[test_idx])[:, 0]
        in_train = np.zeros(n, bool)
        in_train[train_idx] = True
        for name, (idx, vals) in label_sets.items():
            classes = _classes_of(vals)
            oof.setdefault(name, np.zeros((n, len(classes)), np.float32))
            tr = [k for k, i in enumerate(idx) if in_train[i]]
            if len({str(vals[k]) for k in tr}) < 2:
                continue
            head = _fit(Z[idx[tr]], [vals[k] for k in tr], C, seed)
            cols = [classes.index(c) for c in head.classes]
            s = head.scores(Z[test_idx])
            if s.shape[1] == 1:  # binary: put the score on the positive column
                s = np.hstack([-s / 2, s / 2])
            full = np.full((len(test_idx), len(classes)), -30.0, np.float32)
            full[:, cols] = s
            oof[name][test_idx] = full
    return oof


def _classes_of(vals: list[Any]) -> list[Any]:
    return sorted(set(vals), key=str)


def _fit_platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e4, max_iter=1000).fit(scores.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def _fit_temperature(logits: np.ndarray, y: list[int]) -> float:
    """The temperature minimising the out-of-fold negative log-likelihood."""
    from scipy.optimize import minimize_scalar

    # Binary heads' out-of-fold scores are stored as (-s/2, s/2): softmax(. / T) is then
    # sigmoid(s / T), exactly what LinearHead.proba computes for them.
    y_arr = np.asarray(y)

    def nll(t: float) -> float:
        p = _calibrated(logits, t, None)
        return -float(np.mean(np.log(np.clip(p[np.arange(len(y_arr)), y_arr], 1e-9, 1.0))))

    if not len(y_arr):
        return 1.0
    return float(minimize_scalar(nll, bounds=(0.05, 20.0), method="bounded").x)


def _choose_threshold(ts: TrainingSet, heads: Heads, oof) -> tuple[float, int, dict[str, Any]]:
    """Threshold and merge bound maximising span-level F-beta on out-of-fold predictions."""
    sal = _calibrated(oof["salience"].reshape(-1, 1), 1.0, heads.salience.platt)[:, 1]
    stage, valence, pain = (
        _oof_argmax(ts, oof, name) for name in ("stage", "valence", "pain_point")
    )
    preds = [
        UnitPrediction(
            unit=u,
            salience=float(sal[i]),
            labels={"stage": stage[i], "valence": int(valence[i]), "pain_point": bool(pain[i])},
        )
        for i, u in enumerate(ts.units)
    ]
    best: tuple[float, float, int, dict[str, float]] | None = None
    for m in MERGE_CHOICES:
        for t in THRESHOLDS:
            runs = merge_runs([p for p in preds if p.salience >= t], max_units=m)
            spans = [(r[0].unit.doc_id, r[0].unit.start, r[-1].unit.end) for r in runs]
            prf = span_prf(spans, ts.gold_spans)
            f = _fbeta(prf["precision"], prf["recall"], BETA)
            if best is None or f > best[0] + 1e-9:
                best = (f, float(t), m, prf)
    assert best is not None
    f, t, m, prf = best
    return (
        t,
        m,
        {"threshold": t, "max_merge": m, "span_fbeta": round(f, 4)}
        | {f"span_{k}": round(v, 4) for k, v in prf.items()},
    )


def _oof_argmax(ts: TrainingSet, oof, name: str) -> list[Any]:
    classes = _classes_of(_label_targets(ts, name)[1])
    return [classes[i] for i in oof[name].argmax(axis=1)]


def _fbeta(p: float, r: float, beta: float) -> float:
    return 0.0 if p + r == 0 else (1 + beta**2) * p * r / (beta**2 * p + r)


def span_prf(
    pred: list[tuple[str, int, int]], gold: dict[str, list[tuple[int, int]]]
) -> dict[str, float]:
    """Evidence precision/recall/F1 by the labels.md rule: one-to-one, greedy by overlap,
    overlap >= half the shorter span. (The harness is the reference; this is its core, for CV.)"""
    by_doc: dict[str, list[tuple[int, int]]] = {}
    for d, s, e in pred:
        by_doc.setdefault(d, []).append((s, e))
    matched = 0
    for d, ps in by_doc.items():
        pairs = []
        for i, (ps_, pe) in enumerate(ps):
            for j, (gs, ge) in enumerate(gold.get(d, [])):
                ov = min(pe, ge) - max(ps_, gs)
                if ov > 0 and ov >= 0.5 * min(pe - ps_, ge - gs):
                    pairs.append((ov, i, j))
        used_p, used_g = set(), set()
        for _ov, i, j in sorted(pairs, reverse=True):
            if i not in used_p and j not in used_g:
                used_p.add(i)
                used_g.add(j)
        matched += len(used_p)
    n_gold = sum(len(v) for v in gold.values())
    p = matched / len(pred) if pred else 0.0
    r = matched / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": _fbeta(p, r, 1.0)}


def _cv_label_metrics(oof, label_sets, heads: Heads) -> dict[str, float]:
    """Out-of-fold accuracy of each label head on the units that carry its label."""
    out = {}
    for name, (idx, vals) in label_sets.items():
        classes = _classes_of(vals)
        if not len(idx):
            continue
        pred = [classes[i] for i in oof[name][idx].argmax(axis=1)]
        out[f"{name}_accuracy"] = round(
            float(np.mean([p == v for p, v in zip(pred, vals, strict=True)])), 4
        )
    return out


# ------------------------------------------------------------------ artifact


def save(heads: Heads, out_dir: str | Path, extra_meta: dict[str, Any] | None = None) -> str:
    """Write the artifact; returns its hash (sha256 over heads.json and weights.npz)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    arrays = {
        "mean": heads.mean,
        "scale": heads.scale,
        "salience.coef": heads.salience.coef,
        "salience.intercept": heads.salience.intercept,
    }
    for name, h in heads.labels.items():
        arrays[f"{name}.coef"], arrays[f"{name}.intercept"] = h.coef, h.intercept
    buf = out / "weights.npz"
    with open(buf, "wb") as fh:
        np.savez_compressed(fh, **{k: v.astype(np.float32) for k, v in arrays.items()})
    from cjm_insights.features import SCALAR_NAMES

    meta = {
        **heads.meta,
        "scalars": list(SCALAR_NAMES),
        **(extra_meta or {}),
        "threshold": heads.threshold,
        "max_merge": heads.max_merge,
        "salience": {
            "classes": heads.salience.classes,
            "platt": list(heads.salience.platt or (1.0, 0.0)),
        },
        "heads": {
            n: {"classes": h.classes, "temperature": h.temperature} for n, h in heads.labels.items()
        },
    }
    (out / "heads.json").write_text(
        json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    digest = _digest(out)
    (out / "SHA256").write_text(digest + "\n", encoding="utf-8")
    heads.hash, heads.meta = digest, meta
    return digest


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for name in ("heads.json", "weights.npz"):
        h.update((folder / name).read_bytes())
    return h.hexdigest()


def load(folder: str | Path) -> Heads:
    """Load an artifact folder; the hash is checked so provenance means what it says."""
    path = Path(folder)
    try:
        meta = json.loads((path / "heads.json").read_text(encoding="utf-8"))
        with np.load(path / "weights.npz", allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except (OSError, ValueError, KeyError) as exc:
        raise CjmError(
            f"{path}: not a local-heads artifact ({exc}); build one with `cjm train`"
        ) from None
    digest = _digest(path)
    stated = (path / "SHA256").read_text().strip() if (path / "SHA256").is_file() else digest
    if stated != digest:
        raise CjmError(f"{path}: artifact files do not match their SHA256 (edited or truncated?)")
    sal = LinearHead(
        meta["salience"]["classes"],
        arrays["salience.coef"],
        arrays["salience.intercept"],
        platt=tuple(meta["salience"]["platt"]),
    )
    labels = {
        n: LinearHead(
            h["classes"],
            arrays[f"{n}.coef"],
            arrays[f"{n}.intercept"],
            temperature=h["temperature"],
        )
        for n, h in meta["heads"].items()
    }
    return Heads(
        arrays["mean"],
        arrays["scale"],
        sal,
        labels,
        meta["threshold"],
        meta["max_merge"],
        meta,
        digest,
    )


# ------------------------------------------------------------------ from files


def read_labels(path: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Gold quotes (labels.md format) or an extractor's predictions.jsonl, grouped by document.

    Extra fields (provenance, confidence, reason) are ignored; a line that is not a
    labelled span is an error naming the line, since training on it would be silent garbage.
    """
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CjmError(f"{p}: cannot read labels: {exc.strerror}") from None
    out: dict[str, list[dict[str, Any]]] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            doc = row.get("doc") or row["doc_id"]
            item = {"doc": doc, "start": int(row["start"]), "end": int(row["end"])}
            item |= {k: row.get(k) for k in LABEL_HEADS}
            item["valence"] = int(item["valence"]) if item["valence"] is not None else None
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise CjmError(
                f"{p}:{n}: not a labelled quote ({exc.__class__.__name__}: {exc})"
            ) from None
        out.setdefault(doc, []).append(item)
    return out


def labelled_docs(docs, gold: dict[str, list[dict[str, Any]]]):
    """The documents the labels speak for: a labelled document, or any record of a labelled table.

    A document with no label line is ambiguous (no evidence, or never labelled?), except
    for a record of a table file whose other records are labelled: that one had nothing.
    """
    labelled_files = {d.split("#", 1)[0] for d in gold}
    return [d for d in docs if d.id in gold or ("#" in d.id and d.path in labelled_files)]


def training_set(pairs, embedder, log=print) -> TrainingSet:
    """Build the TrainingSet from (labels, documents) pairs; documents come from `ingest`."""
    from cjm_insights.features import build_features, unit_targets

    units, rows, targets, groups = [], [], [], []
    gold_spans: dict[str, list[tuple[int, int]]] = {}
    for k, (gold, docs) in enumerate(pairs):
        docs = labelled_docs(docs, gold)
        missing = sorted(set(gold) - {d.id for d in docs})
        if missing:
            log(
                f"warning: {len(missing)} labelled documents not found in the corpus, e.g. {missing[0]}"
            )
        for doc, f in zip(docs, build_features(docs, embedder), strict=True):
            g = gold.get(doc.id, [])
            key = f"{k}:{doc.id}"  # two corpora may both hold "interviews/a.txt"
            units += [u.model_copy(update={"doc_id": key}) for u in f.units]
            rows.append(f.X)
            targets += unit_targets(f.units, g)
            groups += [f"{k}:{doc.path}"] * len(f.units)
            gold_spans[key] = [(q["start"], q["end"]) for q in g]
    if not units:
        raise CjmError("no candidate units in the labelled documents")
    return TrainingSet(units, np.vstack(rows), targets, gold_spans, groups)


def train_from_files(
    labels: list[str | Path],
    corpora: list[str | Path],
    out: str | Path,
    *,
    seed: int = 0,
    workspace: str | Path = ".cjm",
    embed_model: str = "all-MiniLM-L6-v2",
    log=print,
) -> Heads:
    """`cjm train`: labels[i] pairs with corpora[i] (one corpus serves every labels file).

    A labels file may be gold (labels.md) or an extractor's predictions.jsonl: training
    the heads on a strong model's predictions is distillation.
    """
    from cjm_insights.embed import make_embedder
    from cjm_insights.ingest import ingest
    from cjm_insights.workspace import Workspace

    if not labels:
        raise CjmError("give at least one labels file")
    if len(corpora) == 1:
        corpora = list(corpora) * len(labels)
    if len(corpora) != len(labels):
        raise CjmError(
            f"{len(labels)} labels files but {len(corpora)} --corpus folders: give one, or one per file"
        )
    embedder = make_embedder("sentence-transformers", Workspace(workspace), model=embed_model)
    pairs = []
    for lab, corpus in zip(labels, corpora, strict=True):
        result = ingest(corpus)
        for problem in result.problems:
            log(f"warning: {problem}")
        pairs.append((read_labels(lab), result.documents))
    log("embedding and building features ...")
    ts = training_set(pairs, embedder, log=log)
    log(
        f"{len(ts.units)} units, {sum(t is not None for t in ts.targets)} salient, {len(set(ts.groups))} files"
    )
    heads = train(ts, seed=seed, log=log)
    save(
        heads,
        out,
        {
            "embedder": embedder.model_id,
            "trained_on": [
                {"labels": str(lab), "corpus": str(c)}
                for lab, c in zip(labels, corpora, strict=True)
            ],
        },
    )
    return heads
