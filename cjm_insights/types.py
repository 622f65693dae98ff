"""The typed data that flows through the pipeline, in one place.

files -> Document -> Segment -> Evidence -> Theme / JourneyMap. Every object
carries where it came from (document id, character offsets, provenance), and
every model round-trips through JSON (`model_dump_json` / `model_validate_json`).

Label values on Evidence are checked against the *active* taxonomy: pass
`context={"taxonomy": tax}` to `model_validate`, or set it for a block with
`taxonomy.active(tax)`; the default is b2b-default.
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

SourceType = Literal["interview", "lost_deal", "ticket", "review", "notes"]
SOURCE_TYPES: tuple[str, ...] = ("interview", "lost_deal", "ticket", "review", "notes")
SegmentKind = Literal["sentence", "turn"]


class Model(BaseModel):
    """Base for all pipeline types: strict about unknown fields, JSON round-trip safe."""

    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------- taxonomy


class LabelDef(Model):
    id: str
    name: str | None = None
    definition: str = ""
    examples: list[str] = Field(default_factory=list)
    valence: int | None = None  # emotions only: the typical valence of the emotion

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, v: str) -> str:
        if not v or not v.replace("_", "").replace("-", "").isalnum():
            raise ValueError(f"label id {v!r} must be a non-empty slug (letters, digits, _ or -)")
        return v


class Taxonomy(Model):
    name: str
    version: str = "1"
    stages: list[LabelDef]
    touchpoints: list[LabelDef]
    emotions: list[LabelDef]
    actors: list[LabelDef]

    @model_validator(mode="after")
    def _unique_ids(self) -> Taxonomy:
        for field in ("stages", "touchpoints", "emotions", "actors"):
            ids = [d.id for d in getattr(self, field)]
            if not ids:
                raise ValueError(f"{field}: at least one label is required")
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"{field}: duplicate ids {dupes}")
        return self

    def ids(self, field: str) -> list[str]:
        return [d.id for d in getattr(self, field)]

    @property
    def stage_ids(self) -> list[str]:
        return self.ids("stages")

    def content_hash(self) -> str:
        """Short hash of the taxonomy content: part of every cache key and provenance."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:12]


# -------------------------------------------------------------------- documents


class Turn(Model):
    """A speaker turn: [start, end) is the utterance text, after the speaker label."""

    start: int
    end: int
    speaker: str | None = None
    role: str | None = None
    is_customer: bool = True  # False for interviewer / vendor-side moderator turns


class Segment(Model):
    """A sentence (or whole turn) with exact offsets into its document's text."""

    doc_id: str
    start: int
    end: int
    kind: SegmentKind = "sentence"
    turn: int | None = None  # index into Document.turns
    speaker: str | None = None
    role: str | None = None
    is_customer: bool = True


class Document(Model):
    id: str  # path relative to the corpus root, or "path#ID" for a table record
    source_type: SourceType
    path: str  # the file it came from, relative to the corpus root
    text: str
    metadata: dict[str, Any] = Field(default_factory=dict)
    turns: list[Turn] = Field(default_factory=list)
    sentences: list[Segment] = Field(default_factory=list)

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    @property
    def words(self) -> int:
        return len(self.text.split())

    def content_hash(self) -> str:
        return hashlib.sha256(f"{self.id}\0{self.text}".encode()).hexdigest()


class Problem(Model):
    """A per-file (or per-record) problem that was reported and skipped."""

    path: str
    where: str | None = None  # "line 12", "record 7", ...
    message: str

    def __str__(self) -> str:
        loc = f"{self.path}:{self.where}" if self.where else self.path
        return f"{loc}: {self.message}"


# --------------------------------------------------------------------- evidence


class Provenance(Model):
    extractor: str  # "local", "llm", "hybrid", "prototype", "trivial", "gold", "human"
    backend: str | None = None
    model: str | None = None
    prompt_version: str | None = None
    taxonomy_hash: str | None = None
    artifact_hash: str | None = None  # trained heads' hash for the local extractor


class Labels(Model):
    """The per-quote labels of labels.md section 1, with their consistency rules."""

    stage: str
    touchpoint: str
    touchpoint_other: str | None = None
    emotion: str
    valence: int = Field(ge=-2, le=2)
    actor: str = "unknown"
    pain_point: bool = False
    pain: str | None = None
    severity: int | None = Field(default=None, ge=1, le=3)

    @model_validator(mode="after")
    def _pain_consistent(self) -> Labels:
        if self.pain_point and (not self.pain or self.severity is None):
            raise ValueError("pain_point is true, so pain (text) and severity (1-3) are required")
        if not self.pain_point and (self.pain is not None or self.severity is not None):
            raise ValueError("pain_point is false, so pain and severity must be null")
        return self

    @model_validator(mode="after")
    def _in_taxonomy(self, info: ValidationInfo) -> Labels:
        from cjm_insights.taxonomy import check_labels, current

        tax = (info.context or {}).get("taxonomy") or current()
        check_labels(self, tax)
        return self

    def label_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in Labels.model_fields}


class Evidence(Labels):
    """A verbatim quote from one document, labelled. `quote == doc.text[start:end]`."""

    id: str = ""  # stable: derived from doc id and offsets when not given
    doc_id: str
    start: int = Field(ge=0)
    end: int
    quote: str
    source_type: SourceType | None = None
    speaker: str | None = None
    theme_id: str | None = None
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    reason: str | None = None
    reviewed: bool = False
    provenance: Provenance

    @model_validator(mode="after")
    def _span_ok(self) -> Evidence:
        if self.start >= self.end:
            raise ValueError(f"start ({self.start}) must be < end ({self.end})")
        if len(self.quote) != self.end - self.start:
            raise ValueError("quote length does not match end - start")
        if not self.id:
            self.id = evidence_id(self.doc_id, self.start, self.end)
        return self


def evidence_id(doc_id: str, start: int, end: int) -> str:
    """Stable id: the same span always gets the same id across runs and extractors."""
    return "ev-" + hashlib.sha1(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:10]


# ----------------------------------------------------------------------- themes


class QuoteRef(Model):
    doc_id: str
    start: int
    end: int
    text: str


class Theme(Model):
    id: str
    label: str  # offline: top keywords joined; replaced by `name` when an LLM wrote one
    name: str | None = None
    keywords: list[str] = Field(default_factory=list)
    size: int = 0
    representative: list[QuoteRef] = Field(default_factory=list)
    members: list[QuoteRef] = Field(default_factory=list)
    doc_count: int = 0
    source_type_counts: dict[str, int] = Field(default_factory=dict)
    evidence_ids: list[str] = Field(default_factory=list)


# -------------------------------------------------------------------------- map
# JourneyMap and its parts are defined by the assembly step (cjm_insights.assemble
# builds them); they live here so every consumer imports types from one place.


class Ranked(Model):
    """A counted item on the map (an actor, a touchpoint, a theme) with its evidence."""

    id: str
    label: str
    count: int
    evidence_ids: list[str] = Field(default_factory=list)


class EmotionPoint(Model):
    n: int = 0
    mean: float | None = None
    low: float | None = None  # 95% interval of the mean (or the spread when n is small)
    high: float | None = None
    evidence_ids: list[str] = Field(default_factory=list)


class PainPoint(Model):
    id: str
    summary: str
    stage: str
    count: int
    doc_count: int
    severity: float  # mean severity of its evidence
    score: float  # frequency x severity, the ranking key
    theme_id: str | None = None
    evidence_ids: list[str] = Field(default_factory=list)


class MomentOfTruth(Model):
    id: str
    stage: str
    touchpoint: str | None = None
    why: str
    evidence_ids: list[str] = Field(default_factory=list)


class Opportunity(Model):
    id: str
    stage: str
    text: str
    pain_id: str | None = None
    written_by: Literal["template", "llm", "human"] = "template"
    evidence_ids: list[str] = Field(default_factory=list)


class StageColumn(Model):
    stage: str
    name: str
    evidence_count: int = 0
    by_source_type: dict[str, int] = Field(default_factory=dict)
    actors: list[Ranked] = Field(default_factory=list)
    touchpoints: list[Ranked] = Field(default_factory=list)
    themes: list[Ranked] = Field(default_factory=list)
    emotion: EmotionPoint = Field(default_factory=EmotionPoint)
    pains: list[PainPoint] = Field(default_factory=list)
    moments: list[MomentOfTruth] = Field(default_factory=list)
    opportunities: list[Opportunity] = Field(default_factory=list)
    summary: str | None = None
    summary_evidence_ids: list[str] = Field(default_factory=list)


class Transition(Model):
    source: str
    target: str
    count: int
    doc_ids: list[str] = Field(default_factory=list)


class DocumentRef(Model):
    """What the map keeps of a source document: enough to show a quote in context offline."""

    id: str
    source_type: SourceType
    path: str
    text: str
    metadata: dict[str, Any] = Field(default_factory=dict)


class JourneyMap(Model):
    title: str
    taxonomy: str
    persona: str | None = None
    stages: list[StageColumn]
    transitions: list[Transition] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    documents: list[DocumentRef] = Field(default_factory=list)
    personas: dict[str, JourneyMap] = Field(default_factory=dict)
    run: dict[str, Any] = Field(default_factory=dict)  # counts, cost, provenance of the run


# ------------------------------------------------------------ step results


class IngestResult(Model):
    root: str
    documents: list[Document] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)


class Cost(Model):
    """What a step spent: the cost columns of an eval report and the end-of-run summary."""

    wall_s: float = 0.0
    llm_calls: int = 0
    cached_calls: int = 0
    failed_calls: int = 0
    retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    words: int = 0

    def __add__(self, other: Cost) -> Cost:
        return Cost(**{k: getattr(self, k) + getattr(other, k) for k in Cost.model_fields})


class ExtractionResult(Model):
    evidence: list[Evidence] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    cost: Cost = Field(default_factory=Cost)
