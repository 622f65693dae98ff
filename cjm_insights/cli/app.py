"""The typer app and the helpers every command shares. Commands are thin: parse, call the API, print."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from cjm_insights.errors import CjmError

app = typer.Typer(
    name="cjm",
    help="cjm-insights: evidence-linked customer journey maps from interviews, lost-deal notes, tickets and reviews.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
# soft_wrap: an error names a file; a hard line break inside its path breaks
# copy-paste and grep.
err_console = Console(stderr=True, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


def friendly(fn: F) -> F:
    """Turn a CjmError into one red line and exit code 2, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except CjmError as exc:
            err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            err_console.print("[yellow]interrupted: finished work is cached; re-run to resume[/]")
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]
