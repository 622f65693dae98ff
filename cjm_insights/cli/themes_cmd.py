"""`cjm themes CORPUS` and `cjm dupes CORPUS`: themes and near duplicates, offline."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cjm_insights.cli.app import app, console, err_console, friendly


@app.command()
@friendly
def themes(
    corpus: Annotated[Path, typer.Argument(help="Folder of documents")],
    out: Annotated[Path, typer.Option(help="Where to write themes.json")] = Path("themes.json"),
    min_size: Annotated[
        int | None, typer.Option(help="Smallest theme (default: from corpus size)")
    ] = None,
    model: Annotated[
        str, typer.Option(help="sentence-transformers model name or path")
    ] = "all-MiniLM-L6-v2",
    reduce_outliers: Annotated[
        bool, typer.Option(help="Reassign unclustered sentences to their nearest theme")
    ] = False,
    workspace: Annotated[Path, typer.Option(help="Workspace folder (cache)")] = Path(".cjm"),
) -> None:
    """Cluster customer-side sentences into themes (BERTopic on cached MiniLM vectors)."""
    from cjm_insights.pipeline import corpus_themes

    started = time.perf_counter()
    result, stats = corpus_themes(
        corpus, workspace=workspace, model=model, min_size=min_size, reduce_outliers=reduce_outliers
    )
    table = Table(
        title=f"{len(result.themes)} themes over {stats['units']} sentences", title_justify="left"
    )
    for col in ("theme", "size", "docs", "source types", "keywords", "top quote"):
        table.add_column(col, overflow="fold")
    for t in result.themes:
        top = t.representative[0].text if t.representative else ""
        types = ", ".join(f"{k} {v}" for k, v in sorted(t.source_type_counts.items()))
        table.add_row(t.id, str(t.size), str(t.doc_count), types, t.label, top[:140])
    console.print(table)
    out.write_text(json.dumps([t.model_dump() for t in result.themes], indent=2))
    console.print(
        f"embedded {stats['embedded']} new texts ({stats['cached']} from cache); "
        f"{time.perf_counter() - started:.1f}s; wrote {out}"
    )


@app.command()
@friendly
def dupes(
    corpus: Annotated[Path, typer.Argument(help="Folder of documents")],
    threshold: Annotated[
        float,
        typer.Option(help="Cosine similarity at or above which two records are near duplicates"),
    ] = 0.9,
    workspace: Annotated[Path, typer.Option(help="Workspace folder (cache)")] = Path(".cjm"),
) -> None:
    """List near-duplicate tickets and reviews."""
    from cjm_insights.pipeline import corpus_dupes

    pairs = corpus_dupes(corpus, workspace=workspace, threshold=threshold)
    if not pairs:
        err_console.print(f"no near duplicates at cosine >= {threshold}")
        return
    table = Table(title=f"{len(pairs)} near-duplicate pairs", title_justify="left")
    for col in ("a", "b", "cosine", "same customer"):
        table.add_column(col)
    for p in pairs:
        table.add_row(
            p.a, p.b, f"{p.score:.3f}", {True: "yes", False: "no", None: "?"}[p.same_customer]
        )
    console.print(table)
