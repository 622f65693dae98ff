"""Source type of a document (interview, lost_deal, ticket, review, notes) and the corpus manifest.

Precedence: the corpus manifest `cjm.yaml` (by path glob) > the `--source-type`
flag > detection from folder and file names, then table columns, then content
(speaker turns mean an interview) > `notes`.
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from pathlib import Path

import yaml
from pydantic import ValidationError

from cjm_insights.errors import CjmError
from cjm_insights.types import SOURCE_TYPES, Manifest, TableOptions, Turn

MANIFEST = "cjm.yaml"
DEFAULT = "notes"

# Words in a folder or file name, first match wins (checked innermost folder first, then the file).
_NAME_RULES = [
    ("lost_deal", r"lost|loss|win[ -]?loss|closed[ -]?lost|deals?"),
    ("ticket", r"tickets?|support|cases?|zendesk|freshdesk|intercom"),
    ("review", r"reviews?|g2|capterra|trustradius|nps"),
    ("interview", r"interviews?|transcripts?|calls?"),
    ("notes", r"notes?|qbrs?|diary|diaries|onboarding"),
]
_NAME_PATTERNS = [
    (t, re.compile(rf"(?:^|[^a-z0-9])(?:{p})(?:$|[^a-z0-9])")) for t, p in _NAME_RULES
]
_REVIEW_COLUMNS = {"rating", "stars", "star_rating", "score", "nps"}
_TICKET_COLUMNS = {"priority", "status", "subject", "ticket_id", "severity", "assignee"}


def detect(rel: str, columns: list[str] | None = None, turns: list[Turn] | None = None) -> str:
    """Guess the source type from names, then columns, then content."""
    parts = rel.lower().replace("_", " ").split("/")
    for part in [*reversed(parts[:-1]), Path(parts[-1]).stem]:
        for source_type, pattern in _NAME_PATTERNS:
            if pattern.search(part):
                return source_type
    if rel.lower().endswith((".vtt", ".srt")):
        return "interview"
    cols = {c.lower().strip().replace(" ", "_") for c in columns or []}
    if cols & _REVIEW_COLUMNS:
        return "review"
    if cols & _TICKET_COLUMNS:
        return "ticket"
    if turns and len(turns) >= 4 and len({t.speaker for t in turns}) >= 2:
        return "interview"
    return DEFAULT


def load_manifest(root: Path) -> Manifest:
    """The corpus's `cjm.yaml`, or an empty manifest; CjmError naming the bad key."""
    path = root / MANIFEST
    if not path.is_file():
        return Manifest()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CjmError(f"{path}: cannot read the corpus manifest: {exc}") from None
    if not isinstance(data, dict):
        raise CjmError(f"{path}: the manifest is a mapping (source_types: {{glob: type}})")
    try:
        return Manifest.model_validate(data)
    except ValidationError as exc:
        lines = [
            f"  {'.'.join(map(str, e['loc']))}: {e['msg']}"
            + (f" (one of: {', '.join(SOURCE_TYPES)})" if e["loc"][0] == "source_types" else "")
            for e in exc.errors()
        ]
        raise CjmError(f"{path}: invalid manifest:\n" + "\n".join(lines)) from None


def _matches(rel: str, glob: str) -> bool:
    glob = glob.strip().removeprefix("./")
    return fnmatchcase(rel, glob) or fnmatchcase(rel, glob.rstrip("/") + "/*")


def manifest_type(manifest: Manifest, rel: str) -> str | None:
    return next((t for g, t in manifest.source_types.items() if _matches(rel, g)), None)


def table_options(
    manifest: Manifest, rel: str, text_column: str | None, id_column: str | None
) -> TableOptions:
    """Columns for one table file: the manifest's entry for it > the flags > the manifest's default."""
    entry = next((o for g, o in manifest.tables.items() if _matches(rel, g)), TableOptions())
    return TableOptions(
        text_column=entry.text_column or text_column or manifest.text_column,
        id_column=entry.id_column or id_column or manifest.id_column,
    )
