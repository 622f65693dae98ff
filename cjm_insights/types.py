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
# Every item carries the ids of the evidence it rests on; ids are stable across
# runs (derived from stage, labels and normalised text, never from list positions).

MAP_SCHEMA_VERSION = "1"


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
    interval: Literal["ci95", "range", "none"] = "none"  # what [low, high] is
    sd: float | None = None
    evidence_ids: list[str] = Field(default_factory=list)


class PainPoint(Model):
    id: str
    summary: str
    stage: str
    count: int  # evidence items
    doc_count: int  # distinct documents
    customer_count: int = 0  # distinct customers (a document counts as its own customer without a customer field)
    severity: float  # mean severity of its evidence
    max_severity: int = 0
    score: float  # frequency (distinct customers) x mean severity, the ranking key
    theme_id: str | None = None
    touchpoints: list[str] = Field(default_factory=list)
    source_types: list[str] = Field(default_factory=list)
    evidence_ids: list[str] = Field(default_factory=list)


class MomentOfTruth(Model):
    id: str
    stage: str
    touchpoint: str | None = None
    kind: Literal["clash", "severe_pain"] = "clash"  # strong + and - meet / a severity-3 pain
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
    share: float = 0.0  # of all evidence on the map
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
    """Stage A mentioned right before stage B within one document (in text order)."""

    source: str
    target: str
    count: int  # documents with this step
    backward: bool = False  # B comes before A in journey order: a loop back
    doc_ids: list[str] = Field(default_factory=list)
    evidence_ids: list[str] = Field(default_factory=list)  # the quote pairs that make the step


class DocumentRef(Model):
    """What the map keeps of a source document: enough to show a quote in context offline."""

    id: str
    source_type: SourceType
    path: str
    text: str
    metadata: dict[str, Any] = Field(default_factory=dict)


class JourneyMap(Model):
    """The assembled map. Persona maps (in `personas`) share their parent's evidence
    and documents: their items cite ids found in the parent's `evidence` list."""

    schema_version: str = MAP_SCHEMA_VERSION
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


# ------------------------------------------------------------ LLM extraction
# Types of the LLM engine (backends/, extractors/windows.py, extractors/llm.py).


class TokenUsage(Model):
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def __add__(self, other: TokenUsage) -> TokenUsage:
        return TokenUsage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )


class Completion(Model):
    """A backend's validated answer: `obj` is an instance of the requested response model."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    obj: Any
    usage: TokenUsage = Field(default_factory=TokenUsage)
    raw: str = ""  # the text of the last (accepted) answer
    attempts: int = 1  # 1 + validation retries
    latency_s: float = 0.0


class WindowSentence(Model):
    """One line of a window. `sid` is what the model cites; context lines have none."""

    sid: int | None = None  # 1-based within the window; None: context only, never evidence
    start: int
    end: int
    turn: int | None = None
    speaker: str | None = None
    role: str | None = None
    is_customer: bool = True


class Window(Model):
    """Whole speaker turns of one document, packed under a token budget, ready for a prompt."""

    doc_id: str
    index: int  # window number within its document
    sentences: list[WindowSentence]
    text: str = ""  # the rendered window as the model sees it (and the cache key's input)

    @property
    def cited(self) -> dict[int, WindowSentence]:
        return {s.sid: s for s in self.sentences if s.sid is not None}


MAX_REASON_CHARS = 200  # a reason is a note, not a place to smuggle text (or a prompt) through


def _short(v: str | None) -> str | None:
    return None if v is None else " ".join(str(v).split())[:MAX_REASON_CHARS]


def _labels_problems(item: Any, tax: Taxonomy | None) -> list[str]:
    """Taxonomy and consistency problems of one answered item, worded for the model."""
    out = []
    if tax is not None:
        for field, kind in (("stage", "stages"), ("touchpoint", "touchpoints"), ("emotion", "emotions"), ("actor", "actors")):
            value = getattr(item, field)
            if value not in tax.ids(kind):
                out.append(f"{field} {value!r} is not one of: {', '.join(tax.ids(kind))}")
    if item.pain_point and (not item.pain or item.severity is None):
        out.append("pain_point is true, so pain (short text) and severity (1-3) are required")
    if not item.pain_point and (item.pain or item.severity is not None):
        out.append("pain_point is false, so pain and severity must be null")
    return out


class ExtractionItem(Model):
    """One evidence item as the model answers it, by reference to sentence ids.

    The schema stays small on purpose: small local models follow short enums
    better. `extractors.llm.answer_model(taxonomy)` narrows the label fields to
    the taxonomy's ids (enums in the JSON schema, a grammar for local models).
    Validation context (`model_validate(..., context=...)`): `citeable`
    ({sentence id: turn}) checks the ids against the window, `taxonomy` the labels.
    """

    first: int
    opening: str | None = None  # the first words of sentence `first`, restated (helps small models)
    last: int
    stage: str
    touchpoint: str
    emotion: str
    valence: int = Field(ge=-2, le=2)
    actor: str = "unknown"
    pain_point: bool = False
    pain: str | None = None
    severity: int | None = Field(default=None, ge=1, le=3)
    reason: str = ""

    _trim = field_validator("reason", "pain", "opening")(classmethod(lambda cls, v: _short(v)))

    def problems(self, context: dict[str, Any]) -> list[str]:
        out = []
        citeable: dict[int, int | None] | None = context.get("citeable")
        if citeable is not None:
            ids = sorted(citeable)
            valid = f"{ids[0]}-{ids[-1]}" if ids else "none"
            for name in ("first", "last"):
                if getattr(self, name) not in citeable:
                    out.append(f"{name} {getattr(self, name)} is not a sentence id of this document (valid: {valid}; context lines have no id)")
            if not out and self.first > self.last:
                out.append(f"first ({self.first}) must not be after last ({self.last})")
            elif not out and len({citeable[i] for i in range(self.first, self.last + 1) if i in citeable}) > 1:
                out.append(f"sentences {self.first}-{self.last} belong to different speaker turns: one item per turn")
        return out + _labels_problems(self, context.get("taxonomy"))


class ExtractionAnswer(Model):
    items: list[ExtractionItem] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_items(self, info: ValidationInfo) -> ExtractionAnswer:
        context = info.context or {}
        errors = [f"items[{i}]: {p}" for i, item in enumerate(self.items) for p in item.problems(context)]
        if errors:
            raise ValueError("; ".join(errors))
        return self


class CopyOutItem(Model):
    """Copy-out comparison mode: the model copies the quote instead of citing ids."""

    quote: str = Field(min_length=1)
    stage: str
    touchpoint: str
    emotion: str
    valence: int = Field(ge=-2, le=2)
    actor: str = "unknown"
    pain_point: bool = False
    pain: str | None = None
    severity: int | None = Field(default=None, ge=1, le=3)
    reason: str = ""

    _trim = field_validator("reason", "pain")(classmethod(lambda cls, v: _short(v)))


class CopyOutAnswer(Model):
    items: list[CopyOutItem] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_items(self, info: ValidationInfo) -> CopyOutAnswer:
        tax = (info.context or {}).get("taxonomy")
        errors = [f"items[{i}]: {p}" for i, item in enumerate(self.items) for p in _labels_problems(item, tax)]
        if errors:
            raise ValueError("; ".join(errors))
        return self


# ------------------------------------------------------------ local extractor
# Types of the keyless default extractor (features.py, heads.py, spans.py, extractors/local.py).


class Unit(Model):
    """A candidate evidence unit: one customer-side sentence, with what its features need."""

    doc_id: str
    index: int  # index into Document.sentences
    start: int
    end: int
    source_type: SourceType
    turn: int | None = None
    speaker: str | None = None
    role: str | None = None
    role_actor: str | None = None  # the actor the speaker's role implies, when it does


class UnitPrediction(Model):
    """What the heads say about one unit: salience and each label with its probability."""

    unit: Unit
    salience: float  # calibrated probability that the unit is quote-worthy evidence
    labels: dict[str, Any] = Field(default_factory=dict)  # head name -> predicted value
    probs: dict[str, float] = Field(default_factory=dict)  # head name -> probability of that value


class CitedText(Model):
    """An LLM-written text (theme name, stage summary) and the evidence ids it rests on.

    Validation context `evidence_ids` (the ids the model was shown): every cited id
    must be one of them, and at least one must be cited.
    """

    text: str = Field(min_length=1, max_length=600)
    evidence_ids: list[str]

    @model_validator(mode="after")
    def _cites_known_evidence(self, info: ValidationInfo) -> CitedText:
        known = (info.context or {}).get("evidence_ids")
        if not self.evidence_ids:
            raise ValueError("cite at least one evidence id from the list")
        if known is not None:
            unknown = [i for i in self.evidence_ids if i not in known]
            if unknown:
                raise ValueError(f"evidence ids {unknown} were not in the list; cite only ids shown")
        return self


# ------------------------------------------------------------ evaluation
# Types of the evaluation harness (cjm_insights/evaluation/).


class ScoredQuote(Labels):
    """A gold or predicted quote as the harness reads it (labels.md section 2).

    Unlike Evidence, `quote` need not equal the document's text at [start, end):
    a prediction that is not grounded is still scored (and counted against the
    grounding rate). The gold reader checks that equality itself.
    """

    model_config = ConfigDict(extra="ignore")  # extra fields are allowed and ignored (labels.md)

    doc_id: str
    start: int = Field(ge=0)
    end: int
    quote: str
    source_type: SourceType | None = None
    line: int | None = None  # 1-based line in the file it was read from
    confidence: float | None = None
    reason: str | None = None
    provenance: Provenance | None = None

    @model_validator(mode="after")
    def _span_ok(self) -> ScoredQuote:
        if self.start >= self.end:
            raise ValueError(f"start ({self.start}) must be < end ({self.end})")
        return self


class EvalReport(Model):
    """What `cjm eval` / `cjm_insights.evaluate` produce; report.json is its JSON dump.

    Metric dicts map metric name -> value; a metric with nothing to measure is None
    (null in JSON, "-" in tables), never 0.
    """

    overall: dict[str, Any]
    cost: dict[str, Any]
    by_stage: dict[str, dict[str, Any]]
    by_source_type: dict[str, dict[str, Any]]
    confusion: dict[str, Any]  # {"labels": [...], "matrix": [[gold x predicted]]}
    worst_misses: dict[str, list[dict[str, Any]]]
    meta: dict[str, Any] = Field(default_factory=dict)


# ------------------------------------------------------------ ingestion
# Types of the ingestion step (ingest.py, readers.py, sourcetype.py).


class TableOptions(Model):
    """Which columns of a CSV / JSONL / JSON file hold a record's text and id."""

    text_column: str | None = None
    id_column: str | None = None


class Manifest(Model):
    """`cjm.yaml` in a corpus root: forces source types (and table columns) by path glob.

    Globs match paths relative to the corpus root ("interviews/*", "tickets.csv");
    a bare folder name matches everything under it. The first matching glob wins.
    """

    source_types: dict[str, SourceType] = Field(default_factory=dict)
    text_column: str | None = None
    id_column: str | None = None
    tables: dict[str, TableOptions] = Field(default_factory=dict)
