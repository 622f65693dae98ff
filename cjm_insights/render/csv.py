"""quotes.csv: one row per evidence, for spreadsheets (Excel, Sheets) and whiteboards (Miro, FigJam).

- UTF-8 with a BOM: Excel otherwise reads UTF-8 as cp1252 and mangles quotes.
- `quote` is the first column: whiteboard imports make a sticky note of it.
- Cells a spreadsheet would run as a formula (starting with = + - @, tab or CR)
  get a leading apostrophe (OWASP's CSV-injection advice); `unneutralise`
  undoes it when the edited file comes back (cjm_insights.corrections).
  Plain numbers such as a valence of -2 are left alone: they cannot be formulas.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from cjm_insights.types import Evidence, JourneyMap

COLUMNS = (
    "quote", "evidence_id", "reviewed", "stage", "touchpoint", "touchpoint_other", "emotion",
    "valence", "actor", "pain_point", "pain", "severity", "theme_id", "theme", "doc_id",
    "source_type", "speaker", "start", "end", "confidence", "extractor",
)  # fmt: skip
LABEL_COLUMNS = (
    "stage", "touchpoint", "touchpoint_other", "emotion", "valence", "actor", "pain_point", "pain", "severity",
)  # fmt: skip
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def _needs_prefix(value: str) -> bool:
    # A cell that already looks neutralised ("'=x" typed by a person) needs one more
    # apostrophe, so that unneutralise gives back exactly what was written.
    if value.startswith("'"):
        return _needs_prefix(value[1:])
    return value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value)


def neutralise(value: str) -> str:
    return "'" + value if _needs_prefix(value) else value


def unneutralise(value: str) -> str:
    return value[1:] if value.startswith("'") and _needs_prefix(value[1:]) else value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    return neutralise(str(value))


def rows(jm: JourneyMap) -> list[dict[str, str]]:
    order = {s.stage: i for i, s in enumerate(jm.stages)}
    themes = {t.id: t.name or t.label for t in jm.themes}
    evs = sorted(jm.evidence, key=lambda e: (order.get(e.stage, 99), e.doc_id, e.start, e.end))
    return [_row(e, themes) for e in evs]


def _row(e: Evidence, themes: dict[str, str]) -> dict[str, str]:
    values: dict[str, Any] = {c: getattr(e, c, None) for c in COLUMNS}
    values |= {
        "evidence_id": e.id,
        "pain_point": "yes" if e.pain_point else "no",
        "theme": themes.get(e.theme_id or ""),
        "extractor": e.provenance.extractor,
    }
    return {c: _cell(values[c]) for c in COLUMNS}


def to_csv_text(jm: JourneyMap) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows(jm))
    return buf.getvalue()


def write_csv(jm: JourneyMap, path: str | Path) -> Path:
    p = Path(path)
    p.write_text(to_csv_text(jm), encoding="utf-8-sig", newline="")
    return p
