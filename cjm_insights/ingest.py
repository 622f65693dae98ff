"""Ingestion: a corpus folder -> Documents with speaker turns and sentence spans.

    result = ingest("corpora/sample")
    for doc in result.documents: ...      # id, source_type, text, turns, sentences
    for problem in result.problems: ...   # one per skipped file or record

Document ids and offsets follow the label contract (labels.md section 2): a
file's id is its path relative to the corpus root; a table record's is
`path#ID`. One bad file or record is a Problem and is skipped; only a missing
corpus folder (or a broken manifest) raises CjmError.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from cjm_insights import readers, segment, sourcetype, turns
from cjm_insights.errors import CjmError
from cjm_insights.types import Document, IngestResult, Manifest, Problem

SKIP_DIRS = {".cjm"}
CUE_EXTS = (".vtt", ".srt")


def ingest(
    corpus: str | Path,
    *,
    source_type: str | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
) -> IngestResult:
    """Read every supported file under `corpus`, split turns and sentences."""
    root = _root(corpus)
    manifest = sourcetype.load_manifest(root)
    _check_source_type(source_type)
    docs: list[Document] = []
    problems: list[Problem] = []
    for path in corpus_files(root):
        found, trouble = ingest_one(
            path, root, manifest=manifest, source_type=source_type,
            text_column=text_column, id_column=id_column, sentences=False,
        )  # fmt: skip
        docs += found
        problems += trouble
    segment.segment(docs, {i for i, d in enumerate(docs) if d.path.lower().endswith(CUE_EXTS)})
    return IngestResult(root=str(corpus), documents=docs, problems=problems)


def ingest_one(
    path: str | Path,
    root: str | Path,
    *,
    manifest: Manifest | None = None,
    source_type: str | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
    sentences: bool = True,
) -> tuple[list[Document], list[Problem]]:
    """The documents of one file (several for a table) and its problems."""
    path, root = Path(path), Path(root)
    manifest = manifest if manifest is not None else sourcetype.load_manifest(root)
    rel = path.relative_to(root).as_posix()
    options = sourcetype.table_options(manifest, rel, text_column, id_column)
    read = readers.read(path, rel, options)
    forced = sourcetype.manifest_type(manifest, rel) or source_type
    docs = []
    for rec in read.records:
        cues = rel.lower().endswith(CUE_EXTS)
        doc_turns = turns.cue_turns(rec.text) if cues else turns.parse_turns(rec.text)
        docs.append(
            Document(
                id=rel if rec.key is None else f"{rel}#{rec.key}",
                source_type=forced or sourcetype.detect(rel, rec.columns, doc_turns),
                path=rel,
                text=rec.text,
                metadata=rec.metadata,
                turns=doc_turns,
            )
        )
    if sentences and docs:
        segment.segment(docs, set(range(len(docs))) if rel.lower().endswith(CUE_EXTS) else set())
    return docs, read.problems


def corpus_files(root: Path) -> list[Path]:
    """Files to ingest, in a stable order: not hidden, not `.cjm/`, not the manifest or READMEs."""
    out = []
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if any(p.startswith(".") or p in SKIP_DIRS for p in parts) or not path.is_file():
            continue
        if path.name == sourcetype.MANIFEST or path.name.upper().startswith("README."):
            continue  # a corpus describes itself in its README; that is no evidence
        out.append(path)
    return out


def document_text(corpus_root: str | Path, doc_id: str) -> str:
    """The text of one document id exactly as `ingest` gives it (for reading labels)."""
    root = _root(corpus_root)
    rel = doc_id.partition("#")[0]
    if not rel.lower().endswith(readers.TABLE_EXTS):
        rel = doc_id  # a '#' in a text file's name is part of the name
    path = (root / rel).resolve()
    if not path.is_file() or not path.is_relative_to(root.resolve()):
        raise CjmError(f"unknown document {doc_id!r}: no file {rel!r} in {root}")
    stat = path.stat()
    texts, problems = _texts(str(root), rel, stat.st_mtime_ns, stat.st_size)
    if doc_id in texts:
        return texts[doc_id]
    why = "; ".join(problems[:3])
    raise CjmError(f"unknown document {doc_id!r} in {root}" + (f" ({why})" if why else ""))


@lru_cache(maxsize=64)
def _texts(root: str, rel: str, mtime_ns: int, size: int) -> tuple[dict[str, str], list[str]]:
    """Texts of one file by doc id, cached while the file is unchanged (labels hit a table often)."""
    docs, problems = ingest_one(Path(root) / rel, Path(root), sentences=False)
    return {d.id: d.text for d in docs}, [str(p) for p in problems]


def _root(corpus: str | Path) -> Path:
    root = Path(corpus).expanduser()
    if not root.exists():
        raise CjmError(f"{corpus}: no such corpus folder")
    if not root.is_dir():
        raise CjmError(f"{corpus}: not a folder (give the folder that holds the documents)")
    return root


def _check_source_type(source_type: str | None) -> None:
    from cjm_insights.types import SOURCE_TYPES

    if source_type is not None and source_type not in SOURCE_TYPES:
        raise CjmError(f"unknown source type {source_type!r} (one of: {', '.join(SOURCE_TYPES)})")
