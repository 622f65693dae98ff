"""`cjm assemble`, `cjm render`, `cjm schema`: build a map from labelled evidence, re-render it, publish its schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cjm_insights.cli.app import app, console, friendly

FORMAT_HELP = "Output format(s): json, html, md, csv (repeat the option; default: all four)"


@app.command("render")
@friendly
def render_command(
    map_json: Annotated[
        Path, typer.Argument(help="A map.json written by cjm draft or cjm assemble")
    ],
    fmt: Annotated[list[str] | None, typer.Option("--format", "-f", help=FORMAT_HELP)] = None,
    out: Annotated[Path, typer.Option(help="Output folder")] = Path("."),
) -> None:
    """Re-render a map.json as html, md, csv or json without recomputing anything."""
    from cjm_insights.render import read_map, write_outputs

    jm = read_map(map_json)
    written = write_outputs(jm, out, _formats(fmt))
    _print_written(written)


@app.command("schema")
@friendly
def schema_command() -> None:
    """Print the JSON Schema of map.json (generated from the pydantic models)."""
    from cjm_insights.render.schema import schema_text

    typer.echo(schema_text(), nl=False)


@app.command("assemble")
@friendly
def assemble_command(
    evidence: Annotated[
        Path, typer.Option(help="Labelled quotes, JSON lines in the gold/predictions format")
    ],
    corpus: Annotated[Path, typer.Option(help="The corpus folder the quotes come from")],
    out: Annotated[Path, typer.Option(help="Output folder")] = Path("out"),
    corrections: Annotated[
        Path | None, typer.Option(help="An edited quotes.csv to apply (and remember)")
    ] = None,
    workspace: Annotated[Path, typer.Option(help="Workspace folder (cache, corrections)")] = Path(
        ".cjm"
    ),
    taxonomy: Annotated[
        str, typer.Option(help="Built-in taxonomy name or YAML path")
    ] = "b2b-default",
    title: Annotated[str, typer.Option(help="Map title")] = "Journey map",
    persona_field: Annotated[
        str | None, typer.Option(help="Document metadata field naming the persona (default: actor)")
    ] = None,
    themes: Annotated[
        bool, typer.Option(help="Cluster the quotes into themes (MiniLM + BERTopic, cached)")
    ] = True,
    fmt: Annotated[list[str] | None, typer.Option("--format", "-f", help=FORMAT_HELP)] = None,
) -> None:
    """Assemble a map from labelled evidence, applying the researcher's corrections."""
    from cjm_insights.assemble import assemble
    from cjm_insights.corrections import apply_saved, describe, read_corrections, remember
    from cjm_insights.ingest import ingest
    from cjm_insights.render import write_outputs
    from cjm_insights.taxonomy import load
    from cjm_insights.workspace import Workspace

    tax = load(taxonomy)
    result = ingest(corpus)
    for problem in result.problems:
        console.print(f"[yellow]skipped[/] {problem}", highlight=False)
    docs = result.documents
    evs = read_evidence(evidence, docs, tax)
    ws = Workspace(workspace)
    with ws.run_lock("assemble"):
        evs = apply_saved(evs, ws)
        if corrections is not None:
            found = read_corrections(corrections, evs, tax)
            remember(ws, found)
            evs = apply_saved(evs, ws)
            counts = describe(found)
            console.print(
                f"corrections from {corrections}: {counts['relabelled']} relabelled, "
                f"{counts['deleted']} deleted, {counts['reviewed']} reviewed (remembered in {ws.dir})"
            )
        theme_list = _themes(evs, ws) if themes else []
    jm = assemble(evs, docs, tax, theme_list, title=title, persona_field=persona_field)
    _print_written(write_outputs(jm, out, _formats(fmt)))


def read_evidence(path: Path, docs, tax):
    """Gold/predictions JSON lines -> Evidence, every line checked against the corpus text."""
    from cjm_insights.evaluation.labels import read_labels, texts_from_documents
    from cjm_insights.types import Evidence

    source_types = {d.id: d.source_type for d in docs}
    quotes = read_labels(
        path, texts_from_documents(docs), tax, strict=True, source_types=source_types
    )
    prov = {"extractor": "gold"}
    return [
        Evidence.model_validate(
            q.model_dump(exclude={"line"})
            | {"provenance": (q.provenance.model_dump() if q.provenance else prov)},
            context={"taxonomy": tax},
        )
        for q in quotes
    ]


def _themes(evs, ws):
    from cjm_insights.pipeline import evidence_units, themes_for

    if not evs:
        return []
    result, _ = themes_for(evidence_units(evs), ws)
    return result.themes


def _formats(fmt: list[str] | None) -> list[str]:
    if not fmt:
        return ["json", "html", "md", "csv"]
    return [f.strip().lower() for part in fmt for f in part.split(",") if f.strip()]


def _print_written(written: dict[str, Path]) -> None:
    for kind, path in written.items():
        console.print(f"[green]wrote[/] {kind:4} {path}", highlight=False)
