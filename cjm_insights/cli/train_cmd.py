"""`cjm train LABELS.jsonl... --corpus DIR --out MODEL`: train the local extractor's heads.

Labels may be gold quotes (labels.md) or predictions.jsonl from `cjm eval` / `cjm draft`
with an LLM backend: training on a strong model's output is distillation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from cjm_insights.cli.app import app, console, friendly


@app.command()
@friendly
def train(
    labels: Annotated[list[Path], typer.Argument(help="labels.jsonl or predictions.jsonl files")],
    corpus: Annotated[
        list[Path],
        typer.Option("--corpus", help="Corpus folder of each labels file (once: for all of them)"),
    ],
    out: Annotated[Path, typer.Option(help="Folder to write the trained heads to")],
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same heads)")] = 0,
    workspace: Annotated[Path, typer.Option(help="Workspace folder (embedding cache)")] = Path(
        ".cjm"
    ),
    model: Annotated[
        str, typer.Option(help="sentence-transformers model the heads sit on")
    ] = "all-MiniLM-L6-v2",
) -> None:
    """Train salience and label heads on MiniLM embeddings; use with `local_model: OUT`."""
    from cjm_insights.heads import train_from_files

    heads = train_from_files(
        labels, corpus, out, seed=seed, workspace=workspace, embed_model=model, log=console.print
    )
    cv = heads.meta.get("cv", {})
    console.print(json.dumps(cv, indent=1))
    console.print(
        f"wrote {out} (sha256 {heads.hash[:12]}); threshold {heads.threshold}, "
        f"merge up to {heads.max_merge} sentences. Use it: `local_model: {out}` in cjm.yaml"
    )
