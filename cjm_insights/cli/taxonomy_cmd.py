"""`cjm taxonomy show [FILE]`: print a taxonomy, validating a user's file on the way."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from cjm_insights import taxonomy as tax_mod
from cjm_insights.cli.app import app, console, friendly

taxonomy_app = typer.Typer(help="Show or validate a journey taxonomy.", no_args_is_help=True)
app.add_typer(taxonomy_app, name="taxonomy")


@taxonomy_app.command("show")
@friendly
def show(
    file: Annotated[str | None, typer.Argument(help="YAML file or built-in name (default b2b-default)")] = None,
) -> None:
    """Print the stages, touchpoints, emotions and actors of a taxonomy."""
    tax = tax_mod.load(file)
    console.print(f"[bold]{tax.name}[/] v{tax.version}  (hash {tax.content_hash()})")
    for field in ("stages", "touchpoints", "emotions", "actors"):
        table = Table(title=field, title_justify="left", show_lines=False)
        table.add_column("id", style="cyan", no_wrap=True)
        if field == "emotions":
            table.add_column("valence", justify="right")
        table.add_column("definition")
        table.add_column("examples", style="dim")
        for d in getattr(tax, field):
            row = [d.id]
            if field == "emotions":
                row.append("" if d.valence is None else f"{d.valence:+d}")
            row += [d.definition, " | ".join(d.examples)]
            table.add_row(*row)
        console.print(table)
