"""map.json: the canonical result; every other output can be re-rendered from it."""

from __future__ import annotations

from pathlib import Path

from cjm_insights.errors import CjmError
from cjm_insights.types import JourneyMap


def write_json(jm: JourneyMap, path: str | Path) -> Path:
    p = Path(path)
    p.write_text(jm.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return p


def read_map(path: str | Path) -> JourneyMap:
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CjmError(f"{p}: cannot read map: {exc}") from None
    try:
        return JourneyMap.model_validate_json(raw)
    except ValueError as exc:
        first = str(exc).splitlines()
        raise CjmError(f"{p}: not a cjm map.json ({' '.join(first[:3])})") from None
