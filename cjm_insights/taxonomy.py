"""Load, validate and activate a journey taxonomy (YAML data, not code)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from pydantic import ValidationError

from cjm_insights.errors import CjmError
from cjm_insights.types import Taxonomy

if TYPE_CHECKING:
    from cjm_insights.types import Labels

BUILTIN_DIR = Path(__file__).parent / "taxonomies"
DEFAULT = "b2b-default"


def builtin_names() -> list[str]:
    return sorted(p.stem for p in BUILTIN_DIR.glob("*.yaml"))


def load(name_or_path: str | Path | None = None) -> Taxonomy:
    """A built-in taxonomy by name, or a user's YAML file by path."""
    if name_or_path is None or str(name_or_path) == DEFAULT:
        return _builtin(DEFAULT)
    if str(name_or_path) in builtin_names():
        return _builtin(str(name_or_path))
    return _from_file(Path(name_or_path))


@lru_cache(maxsize=8)
def _builtin(name: str) -> Taxonomy:
    return _from_file(BUILTIN_DIR / f"{name}.yaml")


def _from_file(path: Path) -> Taxonomy:
    if not path.is_file():
        raise CjmError(f"{path}: taxonomy file not found (built-in: {', '.join(builtin_names())})")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CjmError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise CjmError(f"{path}: a taxonomy is a mapping with stages, touchpoints, emotions, actors")
    data.setdefault("name", path.stem)
    try:
        return Taxonomy.model_validate(data)
    except ValidationError as exc:
        raise CjmError(f"{path}: invalid taxonomy:\n{_describe(exc)}") from None


def _describe(exc: ValidationError) -> str:
    """One line per problem, naming the key path the way the YAML reads (stages[2].id)."""
    lines = []
    for err in exc.errors():
        where = ""
        for part in err["loc"]:
            where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
        lines.append(f"  {where or '(top level)'}: {err['msg']}")
    return "\n".join(lines)


# ------------------------------------------------------------- active taxonomy

_active: ContextVar[Taxonomy | None] = ContextVar("cjm_active_taxonomy", default=None)


def current() -> Taxonomy:
    return _active.get() or _builtin(DEFAULT)


@contextlib.contextmanager
def active(tax: Taxonomy) -> Iterator[Taxonomy]:
    """Validate Evidence against `tax` inside this block."""
    token = _active.set(tax)
    try:
        yield tax
    finally:
        _active.reset(token)


def check_labels(labels: Labels, tax: Taxonomy) -> None:
    """Raise ValueError naming the field and the allowed ids when a label is unknown."""
    for field, kind in (
        ("stage", "stages"),
        ("touchpoint", "touchpoints"),
        ("emotion", "emotions"),
        ("actor", "actors"),
    ):
        value = getattr(labels, field)
        allowed = tax.ids(kind)
        if value not in allowed:
            raise ValueError(f"{field} {value!r} is not in taxonomy {tax.name!r} ({', '.join(allowed)})")
