"""`cjm ingest CORPUS`: read a corpus folder and report what was ingested and what was skipped."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from cjm_insights.cli.app import app, console, err_console, friendly
from cjm_insights.ingest import ingest
from cjm_insights.types import IngestResult


@app.command("ingest")
@friendly
def ingest_command(
    corpus: Annotated[
        str, typer.Argument(help="Folder of transcripts, notes, tickets and reviews")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the Documents as JSON instead of a table")
    ] = False,
    source_type: Annotated[
        str | None,
        typer.Option(
            help="Source type for files cjm.yaml does not name: interview, lost_deal, ticket, review, notes"
        ),
    ] = None,
    text_column: Annotated[
        str | None, typer.Option(help="CSV/JSON column holding a record's text")
    ] = None,
    id_column: Annotated[
        str | None, typer.Option(help="CSV/JSON column holding a record's id")
    ] = None,
) -> None:
    """Read CORPUS, split speaker turns and sentences, and list documents and skipped files."""
    result = ingest(corpus, source_type=source_type, text_column=text_column, id_column=id_column)
    if as_json:
        typer.echo(
            json.dumps(
                [d.model_dump(mode="json") for d in result.documents], ensure_ascii=False, indent=1
            )
        )
        for p in result.problems:
            err_console.print(f"[yellow]skipped[/] {escape(str(p))}", highlight=False)
    else:
        _print(result)
    if not result.documents:
        err_console.print(
            f"[bold red]error:[/] nothing could be ingested from {escape(str(corpus))} ({len(result.problems)} file(s) or record(s) skipped)"
        )
        raise typer.Exit(1)


def _print(result: IngestResult) -> None:
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    files: dict[str, set[str]] = defaultdict(set)
    for d in result.documents:
        r = rows[d.source_type]
        r[0] += 1
        r[1] += d.words
        r[2] += len(d.turns)
        r[3] += len(d.sentences)
        files[d.source_type].add(d.path)
    table = Table(title=f"Ingested {result.root}", title_justify="left")
    for name in ("source type", "documents", "files", "words", "turns", "sentences"):
        table.add_column(name, justify="left" if name == "source type" else "right")
    for st in sorted(rows):
        n, words, turns, sents, _ = rows[st]
        table.add_row(st, str(n), str(len(files[st])), f"{words:,}", str(turns), str(sents))
    total = [sum(r[i] for r in rows.values()) for i in range(4)]
    n_files = len({d.path for d in result.documents})
    table.add_row(
        "[bold]total[/]", str(total[0]), str(n_files), f"{total[1]:,}", str(total[2]), str(total[3])
    )
    console.print(table)
    if result.problems:
        console.print(f"[yellow]{len(result.problems)} skipped[/] (file, record: reason):")
        for p in result.problems:
            console.print(Text.assemble(("  - ", "yellow"), str(p)), highlight=False)
