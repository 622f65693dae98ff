"""Render a JourneyMap: map.json, map.html (self-contained), map.md, quotes.csv."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from cjm_insights.errors import CjmError
from cjm_insights.render.csv import write_csv
from cjm_insights.render.html import write_html
from cjm_insights.render.json import read_map, write_json
from cjm_insights.render.markdown import write_markdown
from cjm_insights.render.schema import map_schema
from cjm_insights.types import JourneyMap

FORMATS = {
    "json": ("map.json", write_json),
    "html": ("map.html", write_html),
    "md": ("map.md", write_markdown),
    "csv": ("quotes.csv", write_csv),
}

__all__ = ["FORMATS", "map_schema", "read_map", "write_outputs"]


def write_outputs(
    jm: JourneyMap, out_dir: str | Path, formats: Iterable[str] = ("json", "html", "md", "csv")
) -> dict[str, Path]:
    """Write the chosen formats into out_dir; returns format -> path."""
    out = Path(out_dir)
    formats = list(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise CjmError(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CjmError(f"{out}: cannot create output folder: {exc.strerror}") from None
    written = {}
    for fmt in formats:
        name, writer = FORMATS[fmt]
        written[fmt] = writer(jm, out / name)
    return written
