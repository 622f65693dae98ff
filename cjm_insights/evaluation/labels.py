"""Read, validate and write labelled quotes in the gold format of labels.md section 2.

Gold and predictions share one JSON-lines format. Every line is checked and every
problem is collected (file:line: what is wrong), so a labeller fixes them all in one
pass instead of one per run. Document ids are resolved exactly as ingestion makes
them (`path` or `path#ID`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cjm_insights.errors import CjmError
from cjm_insights.types import Document, Evidence, ScoredQuote, Taxonomy

REQUIRED = (
    "doc",
    "start",
    "end",
    "quote",
    "stage",
    "touchpoint",
    "emotion",
    "valence",
    "pain_point",
)

# The fields a written line carries, in this order; provenance and friends follow.
GOLD_FIELDS = (
    "doc", "start", "end", "quote", "stage", "touchpoint", "touchpoint_other", "emotion",
    "valence", "actor", "pain_point", "pain", "severity",
)  # fmt: skip

TextOf = Callable[[str], str]  # doc id -> its text; raises CjmError for an unknown id


def texts_from_documents(documents: Iterable[Document]) -> TextOf:
    by_id = {d.id: d.text for d in documents}

    def text_of(doc_id: str) -> str:
        if doc_id not in by_id:
            raise CjmError(f"unknown document {doc_id!r}")
        return by_id[doc_id]

    return text_of


def texts_from_corpus(corpus_root: str | Path) -> TextOf:
    """Resolve ids through ingestion itself, so a table record's text is what ingest gives."""
    from cjm_insights.ingest import document_text

    return lru_cache(maxsize=None)(lambda doc_id: document_text(corpus_root, doc_id))


def read_labels(
    path: str | Path,
    text_of: TextOf | Mapping[str, str],
    taxonomy: Taxonomy,
    *,
    strict: bool = True,
    source_types: Mapping[str, str] | None = None,
) -> list[ScoredQuote]:
    """All quotes of a labels file; raises CjmError listing every bad line.

    strict (gold): offsets must lie inside the document and `text[start:end] == quote`.
    Not strict (predictions): those are what the grounding rate measures, so they are
    scored rather than rejected; everything else is still checked.
    """
    quotes, errors = check_labels(path, text_of, taxonomy, strict=strict, source_types=source_types)
    if errors:
        shown = "\n".join(errors[:50])
        more = f"\n... and {len(errors) - 50} more" if len(errors) > 50 else ""
        raise CjmError(f"{path}: {len(errors)} bad label line(s):\n{shown}{more}")
    return quotes


def check_labels(
    path: str | Path,
    text_of: TextOf | Mapping[str, str],
    taxonomy: Taxonomy,
    *,
    strict: bool = True,
    source_types: Mapping[str, str] | None = None,
) -> tuple[list[ScoredQuote], list[str]]:
    """(the good quotes, one error message per bad line) - the CLI shows the messages."""
    p = Path(path)
    if isinstance(text_of, Mapping):
        text_of = _from_mapping(text_of)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CjmError(f"{p}: cannot read labels: {exc}") from None
    quotes: list[ScoredQuote] = []
    errors: list[str] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            q = _parse_line(line, n, text_of, taxonomy, strict)
        except ValueError as exc:
            errors.append(f"{p}:{n}: {exc}")
            continue
        if source_types is not None:
            q.source_type = source_types.get(q.doc_id)
        quotes.append(q)
    return quotes, errors


def _from_mapping(texts: Mapping[str, str]) -> TextOf:
    def text_of(doc_id: str) -> str:
        if doc_id not in texts:
            raise CjmError(f"unknown document {doc_id!r}")
        return texts[doc_id]

    return text_of


def _parse_line(
    line: str, n: int, text_of: TextOf, taxonomy: Taxonomy, strict: bool
) -> ScoredQuote:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ValueError("JSON nested too deeply to read") from None
    if not isinstance(row, dict):
        raise ValueError("a label line must be a JSON object")
    if "doc" not in row and "doc_id" in row:  # Evidence dumps say doc_id
        row["doc"] = row["doc_id"]
    missing = [k for k in REQUIRED if k not in row]
    if missing:
        raise ValueError(f"missing field(s): {', '.join(missing)}")
    data = {k: v for k, v in row.items() if k != "doc"} | {"doc_id": row["doc"], "line": n}
    try:
        q = ScoredQuote.model_validate(data, context={"taxonomy": taxonomy})
    except ValidationError as exc:
        raise ValueError(_describe(exc)) from None
    try:
        text = text_of(q.doc_id)
    except CjmError as exc:
        raise ValueError(f"doc {q.doc_id!r}: {exc}") from None
    if strict:
        if q.end > len(text):
            raise ValueError(
                f"end {q.end} is outside document {q.doc_id!r} ({len(text)} characters)"
            )
        if text[q.start : q.end] != q.quote:
            raise ValueError(
                f"text[{q.start}:{q.end}] of {q.doc_id!r} is {text[q.start : q.end]!r}, not the quote {q.quote!r}"
            )
    return q


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {msg}" if where else msg)
    return "; ".join(parts)


# --------------------------------------------------------------------- writing


def from_evidence(evidence: Iterable[Evidence]) -> list[ScoredQuote]:
    return [
        ScoredQuote.model_validate(e.model_dump(exclude={"id", "speaker", "theme_id", "reviewed"}))
        for e in evidence
    ]


def to_line(q: ScoredQuote | Evidence) -> dict[str, Any]:
    """One gold-format record: the labels.md fields first, then what the extractor added."""
    d = q.model_dump(mode="json", exclude_none=False)
    out: dict[str, Any] = {"doc": d.pop("doc_id")}
    out |= {k: d.pop(k) for k in GOLD_FIELDS if k in d}
    if out.get("touchpoint_other") is None:
        out.pop("touchpoint_other", None)
    d.pop("line", None)
    out |= {k: v for k, v in d.items() if v is not None and k not in ("reviewed",)}
    return out


def write_labels(path: str | Path, quotes: Iterable[ScoredQuote | Evidence]) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("w", encoding="utf-8") as f:
        for q in quotes:
            f.write(json.dumps(to_line(q), ensure_ascii=False) + "\n")
    return p
