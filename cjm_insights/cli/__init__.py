"""`cjm` command line: one module per command group, all registered on one typer app."""

from cjm_insights.cli import (  # noqa: F401 - importing registers the commands
    draft_cmd,
    eval_cmd,
    ingest_cmd,
    models_cmd,
    render_cmd,
    taxonomy_cmd,
    themes_cmd,
    train_cmd,
)
from cjm_insights.cli.app import app


def main() -> None:
    app()
