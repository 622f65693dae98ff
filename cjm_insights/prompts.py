"""Prompts are files: jinja2 templates in prompts/*.j2 with a version in YAML front matter.

A template defines a `system` block (instructions, taxonomy, worked examples:
the same for every call, so local models reuse its KV prefix) and a `user`
block (the window). The version goes into every Evidence's provenance and into
the cache key, so editing a prompt means bumping its version.
Search order: the copy shipped in the wheel (cjm_insights/_prompts), then the
repository's prompts/ folder (a source checkout), so a checkout's edits win only
when no wheel copy exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml

from cjm_insights.errors import CjmError

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def prompt_dirs() -> list[Path]:
    here = Path(__file__).resolve().parent
    return [here / "_prompts", here.parent / "prompts"]


@dataclass
class Prompt:
    name: str
    version: str
    meta: dict[str, Any]
    template: jinja2.Template
    path: Path
    source: str = field(repr=False, default="")

    def block(self, name: str, **ctx: Any) -> str:
        render = self.template.blocks.get(name)
        if render is None:
            raise CjmError(f"{self.path}: prompt has no `{{% block {name} %}}`")
        return "".join(render(self.template.new_context(ctx))).strip()

    def messages(self, **ctx: Any) -> list[dict[str, str]]:
        return [
            {"role": "system", "content": self.block("system", **ctx)},
            {"role": "user", "content": self.block("user", **ctx)},
        ]


def find(name: str) -> Path:
    if name.endswith(".j2") and Path(name).is_file():
        return Path(name)
    for folder in prompt_dirs():
        p = folder / f"{name}.j2"
        if p.is_file():
            return p
    known = sorted({p.stem for d in prompt_dirs() if d.is_dir() for p in d.glob("*.j2")})
    raise CjmError(f"prompt {name!r} not found (known: {', '.join(known) or 'none'})")


def load(name: str) -> Prompt:
    """A prompt by name (`extract`) or by path to a .j2 file."""
    path = find(name)
    source = path.read_text(encoding="utf-8")
    m = _FRONT.match(source)
    if not m:
        raise CjmError(
            f"{path}:1: prompt needs YAML front matter between --- lines with a `version`"
        )
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        raise CjmError(f"{path}: front matter is not valid YAML: {exc}") from None
    if not isinstance(meta, dict) or not meta.get("version"):
        raise CjmError(f"{path}:1: front matter must set `version`")
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    try:
        # Keep line numbers of errors right: blank lines stand in for the front matter.
        body = "\n" * m.group(0).count("\n") + source[m.end() :]
        template = env.from_string(body)
    except jinja2.TemplateSyntaxError as exc:
        raise CjmError(f"{path}:{exc.lineno}: template error: {exc.message}") from None
    return Prompt(
        name=path.stem,
        version=str(meta["version"]),
        meta=meta,
        template=template,
        path=path,
        source=source,
    )
