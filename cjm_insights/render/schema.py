"""The published JSON Schema of map.json, generated from the pydantic models (never hand-written)."""

from __future__ import annotations

import json
from typing import Any

from cjm_insights.types import MAP_SCHEMA_VERSION, JourneyMap

SCHEMA_ID = f"https://cjm-insights.invalid/schemas/map-{MAP_SCHEMA_VERSION}.schema.json"


def map_schema() -> dict[str, Any]:
    schema = JourneyMap.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "description": "A cjm-insights journey map (map.json). "
        + (schema.get("description") or ""),
    }


def schema_text() -> str:
    return json.dumps(map_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
