"""`cjm draft CORPUS --out DIR`: the whole pipeline, with one progress line per step."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from cjm_insights.cli.app import app, console, err_console, friendly


@app.command()
@friendly
def draft(
    corpus: Annotated[Path, typer.Argument(help="Folder of documents")],
    out: Annotated[
        Path, typer.Option(help="Output folder for map.json, map.html, map.md, quotes.csv")
    ] = Path("out"),
    config: Annotated[Path | None, typer.Option(help="YAML config file")] = None,
    extractor: Annotated[
        str | None, typer.Option(help="local (default) | llm | hybrid | prototype | trivial")
    ] = None,
    backend: Annotated[
        str | None, typer.Option(help="openai | langchain | llamacpp (with --extractor llm)")
    ] = None,
    model: Annotated[
        str | None, typer.Option(help="Model name, GGUF path, or provider:model")
    ] = None,
    base_url: Annotated[
        str | None, typer.Option(help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1")
    ] = None,
    api_key_env: Annotated[
        str | None, typer.Option(help="Environment variable holding the API key")
    ] = None,
    prompt: Annotated[str | None, typer.Option(help="Prompt file name in prompts/")] = None,
    taxonomy: Annotated[str | None, typer.Option(help="Taxonomy name or YAML file")] = None,
    workspace: Annotated[
        str | None, typer.Option(help="Workspace folder (cache, log, corrections)")
    ] = None,
    redact: Annotated[
        bool | None,
        typer.Option(
            "--redact/--no-redact",
            help="Redact PII before text leaves the machine (default: on for remote backends)",
        ),
    ] = None,
) -> None:
    """Draft an evidence-linked journey map from a folder of documents."""
    from cjm_insights.config import Config
    from cjm_insights.pipeline import draft as run_draft

    if backend and not extractor:
        extractor = "llm"
    cfg = Config.load(
        config,
        extractor=extractor,
        backend=backend,
        model=model,
        base_url=base_url,
        api_key_env=api_key_env,
        prompt=prompt,
        taxonomy=taxonomy,
        workspace=workspace,
        redact=redact,
    )
    with console.status("starting") as status:
        result = run_draft(
            corpus, cfg, out=out, on_step=lambda name: status.update(f"[bold]{name}[/]")
        )
    for p in result.problems:
        err_console.print(f"[yellow]warning:[/] {escape(str(p))}", highlight=False)
    _summary(result)


def _summary(result) -> None:
    jm, cost = result.map, result.cost
    by_stage = Counter(e.stage for e in jm.evidence)
    table = Table(
        title=f"{jm.run['documents']} documents, {len(jm.evidence)} quotes", title_justify="left"
    )
    for col in ("stage", "quotes", "pains", "mean valence"):
        table.add_column(col)
    for col in jm.stages:
        mean = "-" if col.emotion.mean is None else f"{col.emotion.mean:+.2f}"
        table.add_row(col.name, str(by_stage.get(col.stage, 0)), str(len(col.pains)), mean)
    console.print(table)
    console.print(
        f"{cost.llm_calls} LLM calls ({cost.cached_calls} cached), {cost.prompt_tokens} prompt + "
        f"{cost.completion_tokens} completion tokens, {cost.wall_s:.1f}s for {cost.words} words"
    )
    for fmt, path in result.paths.items():
        console.print(f"  {fmt:5} {path}")
