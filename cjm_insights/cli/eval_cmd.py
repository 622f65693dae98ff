"""`cjm eval` and `cjm agreement`: thin over cjm_insights.evaluation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cjm_insights.cli.app import app, console, friendly
from cjm_insights.errors import CjmError


@app.command("eval")
@friendly
def eval_cmd(
    set_dir: Annotated[
        Path | None,
        typer.Argument(help="A labelled set: corpus/ + labels.jsonl", show_default=False),
    ] = None,
    extractor: Annotated[
        str | None,
        typer.Option(
            "--extractor",
            "-e",
            help="trivial | prototype | local | llm | hybrid (default: as cjm draft)",
        ),
    ] = None,
    predictions: Annotated[
        Path | None,
        typer.Option(
            "--predictions", "-p", help="Score this JSON-lines file (gold format) instead"
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Folder for predictions.jsonl and report.json"),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="A cjm.yaml run configuration")
    ] = None,
    workspace: Annotated[Path | None, typer.Option(help="Workspace folder (default: .cjm)")] = None,
    docs: Annotated[
        list[str] | None,
        typer.Option(
            "--docs",
            help="Score only documents whose id matches this glob (repeatable), e.g. 'tickets.csv#*'",
        ),
    ] = None,
    compare: Annotated[
        tuple[Path, Path] | None,
        typer.Option("--compare", help="Compare two report.json files: --compare A.json B.json"),
    ] = None,
) -> None:
    """Score an extractor against a labelled set (labels.md section 4), or compare two reports."""
    from cjm_insights.evaluation import report as rep

    if compare:
        a, b = (rep.load_report(p) for p in compare)
        console.print(rep.compare(a, b, names=(_name(compare[0], a), _name(compare[1], b))))
        return
    if set_dir is None:
        raise CjmError(
            "give a labelled set (cjm eval SET) or two reports (cjm eval --compare A.json B.json)"
        )
    from cjm_insights.evaluation.run import evaluate

    report = evaluate(
        set_dir,
        config,
        extractor=extractor,
        predictions=predictions,
        out=out,
        workspace=workspace,
        docs_glob=docs,
    )
    console.print(rep.tables(report))
    console.print(f"report: {Path(report.meta['out']) / 'report.json'}")


@app.command("agreement")
@friendly
def agreement_cmd(
    gold_a: Annotated[Path, typer.Argument(help="The reference annotation (labels.jsonl)")],
    gold_b: Annotated[Path, typer.Argument(help="The other annotation, scored against A")],
    corpus: Annotated[Path, typer.Option("--corpus", help="The corpus both annotations label")],
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="A cjm.yaml (for the taxonomy)")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write report.json here")] = None,
) -> None:
    """Inter-annotator agreement: the eval metrics of annotation B against annotation A."""
    from cjm_insights.evaluation import report as rep
    from cjm_insights.evaluation.run import agreement

    report = agreement(gold_a, gold_b, corpus, config, out=out)
    console.print(rep.tables(report))


def _name(path: Path, report) -> str:
    """A short column name: the report's folder (it carries set, extractor and time)."""
    return path.parent.name or str(report.meta.get("extractor", path.name))
