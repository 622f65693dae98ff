"""The researcher's corrections: an edited quotes.csv back into the map, remembered in the workspace.

What counts as a correction, row by row (keyed by the stable evidence id):
- a changed label (stage, touchpoint, emotion, valence, actor, pain fields) -> "edit";
- a mark in the `reviewed` column -> "edit" with reviewed = true;
- an evidence id missing from the file (the row was deleted) -> "delete".
Every row is validated against the taxonomy; all problems are reported together,
each naming the CSV line, before anything is applied or saved. The quote text and
offsets are not editable: quotes are always sliced from the source.

Corrections are stored in the workspace (`Workspace.save_corrections`) under the
evidence id, which is derived from document and offsets, so a later `cjm draft`
re-run finds the same ids and applies them again (`apply_saved`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cjm_insights.errors import CjmError
from cjm_insights.render.csv import LABEL_COLUMNS, unneutralise
from cjm_insights.types import Evidence, Labels, Taxonomy
from cjm_insights.workspace import Workspace

Corrections = dict[str, tuple[str, dict[str, Any]]]  # evidence id -> (action, data)

TRUE = {"yes", "y", "true", "1", "x", "✓", "✔", "reviewed"}
FALSE = {"no", "n", "false", "0", ""}


def read_corrections(
    path: str | Path, evidence: Iterable[Evidence], taxonomy: Taxonomy
) -> Corrections:
    """Compare an edited quotes.csv with the evidence it was written from."""
    p = Path(path)
    current = {e.id: e for e in evidence}
    records, errors = _records(p)
    seen: set[str] = set()
    out: Corrections = {}
    for line, row in records:
        try:
            eid, change = _row_change(row, current, taxonomy)
        except ValueError as exc:
            errors.append(f"{p}:{line}: {exc}")
            continue
        if eid in seen:
            errors.append(f"{p}:{line}: evidence {eid} appears twice")
        seen.add(eid)
        if change:
            out[eid] = ("edit", change)
    if errors:
        raise CjmError(f"{p}: {len(errors)} bad row(s):\n" + "\n".join(errors[:50]))
    for eid in sorted(set(current) - seen):
        out[eid] = ("delete", {})
    return out


def _records(p: Path) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CjmError(f"{p}: cannot read corrections: {exc}") from None
    first = text.split("\n", 1)[0]
    # Excel in some locales saves with ';' (or tab) instead of ','.
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise CjmError(f"{p}:1: empty file, expected the header of quotes.csv") from None
    missing = [c for c in ("evidence_id", *LABEL_COLUMNS) if c not in header]
    if missing:
        raise CjmError(
            f"{p}:1: missing column(s) {', '.join(missing)}; edit the quotes.csv that cjm wrote"
        )
    out, errors, line = [], [], 1
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                errors.append(f"{p}:{start}: {len(cells)} cells but {len(header)} columns")
                continue
            out.append((start, {h: unneutralise(c) for h, c in zip(header, cells, strict=False)}))
    except csv.Error as exc:
        errors.append(f"{p}:{reader.line_num}: {exc}")
    return out, errors


def _row_change(
    row: dict[str, str], current: dict[str, Evidence], taxonomy: Taxonomy
) -> tuple[str, dict[str, Any]]:
    eid = row.get("evidence_id", "").strip()
    if not eid:
        raise ValueError(
            "no evidence_id (rows cannot be added here: quotes come from the documents)"
        )
    if eid not in current:
        raise ValueError(
            f"evidence {eid} is not in this map (was the file written from another run?)"
        )
    labels = _labels(row, taxonomy)
    ev = current[eid]
    change = {k: v for k, v in labels.label_dict().items() if getattr(ev, k) != v}
    if _flag(row.get("reviewed", ""), "reviewed"):
        change["reviewed"] = True
    return eid, change


def _labels(row: dict[str, str], taxonomy: Taxonomy) -> Labels:
    def text(name: str) -> str | None:
        v = (row.get(name) or "").strip()
        return v or None

    pain_point = _flag(row.get("pain_point", ""), "pain_point")
    data = {
        "stage": text("stage"),
        "touchpoint": text("touchpoint"),
        "touchpoint_other": text("touchpoint_other"),
        "emotion": text("emotion"),
        "valence": _int(text("valence"), "valence"),
        "actor": text("actor") or "unknown",
        "pain_point": pain_point,
        # a researcher who clears the pain flag should not also have to clear the text
        "pain": text("pain") if pain_point else None,
        "severity": _int(text("severity"), "severity") if pain_point else None,
    }
    try:
        return Labels.model_validate(data, context={"taxonomy": taxonomy})
    except ValidationError as exc:
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err["loc"])
            msg = err["msg"].removeprefix("Value error, ")
            parts.append(f"{where}: {msg}" if where else msg)
        raise ValueError("; ".join(parts)) from None


def _flag(value: str, name: str) -> bool:
    v = value.strip().lower()
    if v in TRUE:
        return True
    if v in FALSE:
        return False
    raise ValueError(f"{name} {value!r} is neither yes nor no")


def _int(value: str | None, name: str) -> int | None:
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        raise ValueError(f"{name} {value!r} is not a number") from None


# ------------------------------------------------------------------- applying


def apply_corrections(evidence: Iterable[Evidence], corrections: Corrections) -> list[Evidence]:
    """Evidence with edits applied and deletions removed. Ids the corrections name
    that are not in `evidence` are ignored (the extractor no longer finds that quote)."""
    out = []
    for e in evidence:
        action, data = corrections.get(e.id, ("keep", {}))
        if action == "delete":
            continue
        if action == "edit" and data:
            out.append(_edited(e, data))
        else:
            out.append(e)
    return out


def _edited(e: Evidence, data: dict[str, Any]) -> Evidence:
    d = e.model_dump()
    d |= {k: v for k, v in data.items() if k in Labels.model_fields or k == "reviewed"}
    if any(k in Labels.model_fields for k in data):
        d["provenance"] = d["provenance"] | {"extractor": "human"}
    return Evidence.model_validate(d)


def remember(workspace: Workspace, corrections: Corrections) -> None:
    """Persist (merging with earlier corrections: the latest word on an id wins)."""
    workspace.save_corrections(corrections)


def apply_saved(evidence: Iterable[Evidence], workspace: Workspace) -> list[Evidence]:
    """What `cjm draft` calls after extraction so the researcher's corrections survive a re-run."""
    return apply_corrections(evidence, workspace.corrections())


def describe(corrections: Corrections) -> dict[str, int]:
    edits = [d for a, d in corrections.values() if a == "edit"]
    return {
        "deleted": sum(a == "delete" for a, _ in corrections.values()),
        "relabelled": sum(any(k != "reviewed" for k in d) for d in edits),
        "reviewed": sum(bool(d.get("reviewed")) for d in edits),
    }


def dumps(corrections: Corrections) -> str:
    return json.dumps(corrections, indent=2, sort_keys=True)
