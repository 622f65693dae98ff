"""Assembly: labelled Evidence (+ Themes) -> JourneyMap. Deterministic: counting, ranking, grouping.

Same input, same map (byte for byte): everything is sorted with explicit tie-breaks
and every id is derived from content, never from list positions or the clock.
Rules a reader of the map should know (docs/map.md says them too):
- a pain's frequency is its number of distinct customers (the customer field of a
  ticket or review via `dupes.customer_of`; a document without one is its own
  customer), so twenty tickets about one outage from one account count once;
- pains in a stage are grouped when they share a theme or their `pain` texts are
  near-identical, and ranked by frequency x mean severity;
- moments of truth are (stage, touchpoint) cells where strongly positive and
  strongly negative quotes meet, and severity-3 pains (lost deal, churn);
- the emotion curve is the mean valence with a t-based 95% interval (n >= 3) or
  the min-max spread (n = 2).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from difflib import SequenceMatcher

from cjm_insights.dupes import customer_of
from cjm_insights.themes import UNCLUSTERED
from cjm_insights.types import (
    Document,
    DocumentRef,
    EmotionPoint,
    Evidence,
    JourneyMap,
    MomentOfTruth,
    Opportunity,
    PainPoint,
    Ranked,
    StageColumn,
    Taxonomy,
    Theme,
    Transition,
)

# A hook the LLM engine may supply: (pain, its evidence) -> a "How might we ..." text,
# or None to keep the template. The opportunity cites the pain's evidence ids either way.
OpportunityWriter = Callable[[PainPoint, list[Evidence]], str | None]

TOP_PAINS_WITH_OPPORTUNITY = 3  # per stage: one opportunity per top pain
NEAR_IDENTICAL = 0.85  # SequenceMatcher ratio on normalised pain texts
MIN_PERSONA_EVIDENCE = 10  # a persona map from fewer quotes says nothing
NOT_PERSONAS = {"unknown", "vendor"}  # the vendor's own staff are not a buyer persona


def assemble(
    evidence: Iterable[Evidence],
    documents: Iterable[Document | DocumentRef],
    taxonomy: Taxonomy,
    themes: Sequence[Theme] = (),
    *,
    title: str = "Journey map",
    persona_field: str | None = None,
    opportunity_writer: OpportunityWriter | None = None,
) -> JourneyMap:
    """The map of all evidence, with one persona map per actor (or per `persona_field`
    value in the documents' metadata) in `personas`."""
    docs = {d.id: d for d in documents}
    evs = _prepared(evidence, docs, themes)
    jm = _assemble_one(evs, docs, taxonomy, themes, title, None, opportunity_writer)
    jm.evidence = evs
    jm.documents = [_doc_ref(docs[i]) for i in sorted({e.doc_id for e in evs}) if i in docs]
    for persona, members in _personas(evs, docs, persona_field).items():
        jm.personas[persona] = _assemble_one(
            members, docs, taxonomy, themes, f"{title}: {persona}", persona, opportunity_writer
        )
    jm.run |= {"persona_field": persona_field or "actor"}
    return jm


# ---------------------------------------------------------------- preparation


def _prepared(evidence: Iterable[Evidence], docs: dict, themes: Sequence[Theme]) -> list[Evidence]:
    """Copies with source type, speaker and theme filled in, in a stable order."""
    theme_of = {eid: t.id for t in themes for eid in t.evidence_ids}
    out = []
    for e in evidence:
        doc = docs.get(e.doc_id)
        update = {}
        if e.source_type is None and doc is not None:
            update["source_type"] = doc.source_type
        if e.speaker is None and isinstance(doc, Document):
            update["speaker"] = _speaker_at(doc, e.start)
        if e.theme_id is None and e.id in theme_of:
            update["theme_id"] = theme_of[e.id]
        out.append(e.model_copy(update=update) if update else e)
    unique = {e.id: e for e in out}  # one quote, one item, however often it was passed
    return sorted(unique.values(), key=lambda e: (e.doc_id, e.start, e.end))


def _speaker_at(doc: Document, offset: int) -> str | None:
    for turn in doc.turns:
        if turn.start <= offset < turn.end:
            return turn.speaker
    return None


def _doc_ref(doc: Document | DocumentRef) -> DocumentRef:
    if isinstance(doc, DocumentRef):
        return doc
    return DocumentRef(
        id=doc.id, source_type=doc.source_type, path=doc.path, text=doc.text, metadata=doc.metadata
    )


def _personas(evs: list[Evidence], docs: dict, field: str | None) -> dict[str, list[Evidence]]:
    groups: dict[str, list[Evidence]] = defaultdict(list)
    for e in evs:
        if field is None:
            key = e.actor
        else:
            doc = docs.get(e.doc_id)
            value = doc.metadata.get(field) if doc is not None else None
            key = str(value).strip() if value not in (None, "") else None
        if key and key not in NOT_PERSONAS:
            groups[key].append(e)
    kept = {k: v for k, v in groups.items() if len(v) >= MIN_PERSONA_EVIDENCE}
    # Only worth a switch when the readers would see more than one view.
    return dict(sorted(kept.items())) if len(kept) >= 2 else {}


# ------------------------------------------------------------------- assembly


def _assemble_one(
    evs: list[Evidence],
    docs: dict,
    taxonomy: Taxonomy,
    themes: Sequence[Theme],
    title: str,
    persona: str | None,
    writer: OpportunityWriter | None,
) -> JourneyMap:
    by_stage: dict[str, list[Evidence]] = defaultdict(list)
    for e in evs:
        by_stage[e.stage].append(e)
    theme_names = {t.id: (t.name or t.label) for t in themes}
    labels = {
        kind: {d.id: d.name or _title(d.id) for d in getattr(taxonomy, kind)}
        for kind in ("stages", "touchpoints", "actors")
    }
    stages = []
    for stage in taxonomy.stage_ids:
        members = by_stage.get(stage, [])
        col = StageColumn(
            stage=stage,
            name=labels["stages"][stage],
            evidence_count=len(members),
            share=round(len(members) / len(evs), 4) if evs else 0.0,
            by_source_type=dict(
                sorted(Counter(e.source_type or "unknown" for e in members).items())
            ),
            actors=_ranked(members, lambda e: e.actor, labels["actors"]),
            touchpoints=_ranked(members, _touchpoint_key, labels["touchpoints"]),
            themes=_ranked(members, lambda e: e.theme_id, theme_names),
            emotion=emotion_point(members),
        )
        col.pains = pain_points(stage, members, docs)
        col.moments = moments_of_truth(stage, members, col.pains)
        col.opportunities = opportunities(col, evs, writer)
        stages.append(col)
    return JourneyMap(
        title=title,
        taxonomy=taxonomy.name,
        persona=persona,
        stages=stages,
        transitions=transitions(evs, taxonomy.stage_ids),
        themes=[] if persona else list(themes),
        run={
            "evidence": len(evs),
            "documents": len({e.doc_id for e in evs}),
            "taxonomy_hash": taxonomy.content_hash(),
        },
    )


def _title(slug: str) -> str:
    return slug.replace("_", " ").replace("-", " ").capitalize()


def _touchpoint_key(e: Evidence) -> str:
    if e.touchpoint == "other" and e.touchpoint_other:
        return f"other:{e.touchpoint_other.strip().lower()}"
    return e.touchpoint


def _ranked(
    members: list[Evidence], key: Callable[[Evidence], str | None], names: dict[str, str]
) -> list[Ranked]:
    ids: dict[str, list[str]] = defaultdict(list)
    for e in members:
        k = key(e)
        if k:
            ids[k].append(e.id)
    items = [
        Ranked(id=k, label=names.get(k) or k.removeprefix("other:"), count=len(v), evidence_ids=v)
        for k, v in ids.items()
    ]
    return sorted(items, key=lambda r: (-r.count, r.id))


# --------------------------------------------------------------- emotion curve


def emotion_point(members: list[Evidence]) -> EmotionPoint:
    n = len(members)
    ids = [e.id for e in members]
    if n == 0:
        return EmotionPoint()
    vals = [e.valence for e in members]
    mean = sum(vals) / n
    if n == 1:
        return EmotionPoint(n=1, mean=mean, low=mean, high=mean, interval="none", evidence_ids=ids)
    sd = math.sqrt(sum((v - mean) ** 2 for v in vals) / (n - 1))
    if n == 2:  # a t-interval on two points is wider than the scale: show the spread
        return EmotionPoint(
            n=n, mean=mean, low=min(vals), high=max(vals), interval="range", sd=sd, evidence_ids=ids
        )
    from scipy.stats import t

    half = t.ppf(0.975, n - 1) * sd / math.sqrt(n)
    return EmotionPoint(
        n=n,
        mean=round(mean, 4),
        low=round(max(-2.0, mean - half), 4),
        high=round(min(2.0, mean + half), 4),
        interval="ci95",
        sd=round(sd, 4),
        evidence_ids=ids,
    )


# ------------------------------------------------------------------- pains


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _short_hash(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode()).hexdigest()[:8]


def pain_points(stage: str, members: list[Evidence], docs: dict) -> list[PainPoint]:
    pains = [e for e in members if e.pain_point and e.pain]
    groups = _group_pains(pains)
    out = []
    for group in groups:
        summary = _summary(group)
        customers = {_customer(e, docs) for e in group}
        severity = sum(e.severity or 1 for e in group) / len(group)
        themes = Counter(e.theme_id for e in group if e.theme_id and e.theme_id != UNCLUSTERED)
        out.append(
            PainPoint(
                id=f"pain-{stage}-{_short_hash(stage, _norm(summary))}",
                summary=summary,
                stage=stage,
                count=len(group),
                doc_count=len({e.doc_id for e in group}),
                customer_count=len(customers),
                severity=round(severity, 3),
                max_severity=max(e.severity or 1 for e in group),
                score=round(len(customers) * severity, 3),
                theme_id=min(themes, key=lambda t: (-themes[t], t)) if themes else None,
                touchpoints=sorted({e.touchpoint for e in group}),
                source_types=sorted({e.source_type or "unknown" for e in group}),
                evidence_ids=[e.id for e in _representative_first(group, summary)],
            )
        )
    return sorted(out, key=lambda p: (-p.score, -p.count, p.summary, p.id))


def _representative_first(group: list[Evidence], summary: str) -> list[Evidence]:
    """The quotes whose own pain is the group's summary lead, so the quote a
    reader sees first under a pain says that pain; then the most severe."""
    return sorted(
        group,
        key=lambda e: (e.pain != summary, -(e.severity or 0), -abs(e.valence), len(e.quote), e.id),
    )


def _summary(group: list[Evidence]) -> str:
    """The most said phrasing; ties: the one sharing most words with the others
    (the group's centre), then the most severe, then the shortest."""
    texts = Counter(e.pain for e in group if e.pain)
    words = {p: set(_norm(p).split()) for p in texts}

    def centrality(p: str) -> float:
        return sum(
            len(words[p] & words[q]) / (len(words[p] | words[q]) or 1) * texts[q]
            for q in texts
            if q != p
        )

    def severity(p: str) -> int:
        return max(e.severity or 0 for e in group if e.pain == p)

    return min(texts, key=lambda p: (-texts[p], -centrality(p), -severity(p), len(p), p))


def _customer(e: Evidence, docs: dict) -> str:
    doc = docs.get(e.doc_id)
    who = customer_of(doc) if isinstance(doc, Document | DocumentRef) else None
    return f"customer:{who}" if who else f"doc:{e.doc_id}"


def _group_pains(pains: list[Evidence]) -> list[list[Evidence]]:
    """Union-find: same (real) theme, or near-identical pain text."""
    parent = list(range(len(pains)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    norms = [_norm(e.pain or "") for e in pains]
    for i in range(len(pains)):
        for j in range(i + 1, len(pains)):
            same_theme = (
                pains[i].theme_id not in (None, UNCLUSTERED)
                and pains[i].theme_id == pains[j].theme_id
            )
            if same_theme or _near(norms[i], norms[j]):
                parent[find(j)] = find(i)
    groups: dict[int, list[Evidence]] = defaultdict(list)
    for i, e in enumerate(pains):
        groups[find(i)].append(e)
    return list(groups.values())


def _near(a: str, b: str) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= NEAR_IDENTICAL


# ---------------------------------------------------------- moments of truth


def moments_of_truth(
    stage: str, members: list[Evidence], pains: list[PainPoint]
) -> list[MomentOfTruth]:
    out = []
    cells: dict[str, list[Evidence]] = defaultdict(list)
    for e in members:
        cells[e.touchpoint].append(e)
    for tp, evs in sorted(cells.items()):
        pos = [e for e in evs if e.valence >= 2]
        neg = [e for e in evs if e.valence <= -2]
        if pos and neg:
            out.append(
                MomentOfTruth(
                    id=f"mot-{stage}-{tp}",
                    stage=stage,
                    touchpoint=tp,
                    kind="clash",
                    why=f"{len(pos)} strongly positive and {len(neg)} strongly negative quotes meet here",
                    evidence_ids=[e.id for e in (*pos, *neg)],
                )
            )
    if not out:  # no single touchpoint holds both: the stage as a whole may
        pos = [e for e in members if e.valence >= 2]
        neg = [e for e in members if e.valence <= -2]
        if pos and neg:
            out.append(
                MomentOfTruth(
                    id=f"mot-{stage}",
                    stage=stage,
                    kind="clash",
                    why=f"{len(pos)} strongly positive and {len(neg)} strongly negative quotes meet in this stage",
                    evidence_ids=[e.id for e in (*pos, *neg)],
                )
            )
    for pain in pains:
        if pain.max_severity >= 3:
            out.append(
                MomentOfTruth(
                    id=f"mot-{pain.id}",
                    stage=stage,
                    touchpoint=pain.touchpoints[0] if len(pain.touchpoints) == 1 else None,
                    kind="severe_pain",
                    why=f"lost the deal, churned or nearly: {pain.summary}",
                    evidence_ids=pain.evidence_ids,
                )
            )
    return out


# ---------------------------------------------------------------- opportunities


def template_opportunity(pain: PainPoint, stage_name: str) -> str:
    return f"How might we remove \u201c{pain.summary}\u201d from the {stage_name.lower()} stage?"


def opportunities(
    col: StageColumn, evs: list[Evidence], writer: OpportunityWriter | None
) -> list[Opportunity]:
    by_id = {e.id: e for e in evs}
    out = []
    for pain in col.pains[:TOP_PAINS_WITH_OPPORTUNITY]:
        text, by = None, "template"
        if writer is not None:
            text = writer(pain, [by_id[i] for i in pain.evidence_ids if i in by_id])
            by = "llm"
        if not text:
            text, by = template_opportunity(pain, col.name), "template"
        out.append(
            Opportunity(
                id=pain.id.replace("pain-", "opp-", 1),
                stage=col.stage,
                text=text,
                pain_id=pain.id,
                written_by=by,
                evidence_ids=pain.evidence_ids,
            )
        )
    return out


# ----------------------------------------------------------------- transitions


def transitions(evs: list[Evidence], stage_order: list[str]) -> list[Transition]:
    """Stage steps in text order within each document: evaluation -> research is a loop back."""
    rank = {s: i for i, s in enumerate(stage_order)}
    by_doc: dict[str, list[Evidence]] = defaultdict(list)
    for e in evs:
        by_doc[e.doc_id].append(e)
    docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for doc_id, items in by_doc.items():
        items.sort(key=lambda e: (e.start, e.end))
        for a, b in zip(items, items[1:], strict=False):
            if a.stage != b.stage:
                docs[(a.stage, b.stage)].add(doc_id)
                pairs[(a.stage, b.stage)] += [a.id, b.id]
    out = [
        Transition(
            source=s,
            target=t,
            count=len(d),
            backward=rank.get(t, 0) < rank.get(s, 0),
            doc_ids=sorted(d),
            evidence_ids=list(dict.fromkeys(pairs[(s, t)])),
        )
        for (s, t), d in docs.items()
    ]
    return sorted(out, key=lambda x: (-x.count, rank.get(x.source, 99), rank.get(x.target, 99)))
