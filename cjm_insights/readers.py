"""One reader per file format: bytes on disk -> records (id suffix, text, metadata).

The text rules are the label contract (labels.md section 2), so they are fixed:
text files are decoded whole (UTF-8, UTF-8 with BOM, cp1252) with "\\r\\n" and
"\\r" turned into "\\n" and nothing else changed; a table record's text is its
text cell with the same newline rule. A problem with one file or one record is
returned as a Problem, never raised: the caller skips it and goes on.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjm_insights.types import Problem, TableOptions

MAX_BYTES = 20 * 1024 * 1024  # larger files are skipped: no interview is 20 MB of text
TEXT_EXTS = (".txt", ".md", ".vtt", ".srt")
TABLE_EXTS = (".csv", ".jsonl", ".json")
SUPPORTED = (*TEXT_EXTS, ".docx", *TABLE_EXTS)
# Text column auto-detection, in order of preference (case-insensitive).
TEXT_COLUMNS = ("text", "body", "description", "review", "notes", "note", "comment", "comments",
                "content", "message")  # fmt: skip
_ID_LIKE = re.compile(r"(^|[\s_-])(id|uuid|key)$", re.IGNORECASE)
TOO_DEEP = "JSON nested too deeply to read (about 1,000 levels is the limit); skipped"
_ENCODINGS = ("utf-8-sig", "cp1252")  # utf-8-sig reads plain UTF-8 too, and drops a BOM

csv.field_size_limit(MAX_BYTES)  # the default (128 KB a cell) is smaller than a long ticket thread


@dataclass
class Record:
    """One document's worth of a file: `key` is None for a whole file, else the table id."""

    key: str | None
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)  # table files: the header (for detection)


@dataclass
class ReadResult:
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes) -> str | None:
    """The file's text with newlines as "\\n", or None when no supported encoding fits."""
    for enc in _ENCODINGS:
        try:
            return normalise_newlines(data.decode(enc))
        except UnicodeDecodeError:
            continue
    return None


def read(path: Path, rel: str, options: TableOptions | None = None) -> ReadResult:
    """Read one file by its extension. `rel` names it in problems."""
    ext = path.suffix.lower()
    if ext not in SUPPORTED:
        what = f"'{ext}'" if ext else "(no extension)"
        return _fail(rel, f"unsupported file type {what}; supported: {', '.join(SUPPORTED)}")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return _fail(
                rel, f"file is {size / 2**20:.1f} MB, over the {MAX_BYTES // 2**20} MB limit"
            )
        data = path.read_bytes()
    except OSError as exc:
        return _fail(rel, f"cannot read file: {exc.strerror or exc}")
    if not data.strip():
        return _fail(rel, "empty file")
    if ext == ".docx":
        return _read_docx(data, rel)
    if b"\0" in data:  # real text never holds NUL bytes; binary formats nearly always do
        return _fail(rel, "binary file (contains NUL bytes), not text")
    text = decode(data)
    if text is None:
        return _fail(rel, "cannot decode text (tried UTF-8, UTF-8 with BOM, cp1252)")
    if not text.strip():
        return _fail(rel, "empty file (only whitespace)")
    if ext in TEXT_EXTS:
        return ReadResult([Record(None, text)])
    rows, result = (_csv_rows if ext == ".csv" else _json_rows)(text, rel, ext)
    if rows is not None:
        _records(rows, rel, options or TableOptions(), result)
    return result


def _fail(rel: str, message: str, where: str | None = None) -> ReadResult:
    return ReadResult(problems=[Problem(path=rel, where=where, message=message)])


def _read_docx(data: bytes, rel: str) -> ReadResult:
    import docx  # python-docx; imported here because most corpora have no .docx

    if not zipfile.is_zipfile(io.BytesIO(data)):
        return _fail(rel, "not a valid .docx (not a zip archive)")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several unrelated types for a damaged package
        return _fail(rel, f"not a valid .docx ({type(exc).__name__}: {exc})")
    text = normalise_newlines("\n".join(p.text for p in document.paragraphs))
    if not text.strip():
        return _fail(rel, "empty document (no paragraph text)")
    return ReadResult([Record(None, text)])


# ------------------------------------------------------------------ tables
# A table is read into rows: (where, row number, {column: value}) with where = "line N".

Row = tuple[str, int, dict[str, Any]]


def _csv_rows(text: str, rel: str, ext: str) -> tuple[list[Row] | None, ReadResult]:
    result = ReadResult()
    header_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header_line.count)  # a European CSV uses ";", a TSV tabs
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        result.problems.append(Problem(path=rel, where="line 1", message=f"no CSV header: {exc}"))
        return None, result
    header = [h.strip() for h in header]
    rows: list[Row] = []
    number = 0
    line = reader.line_num + 1  # where the next record starts
    try:
        for cells in reader:
            where, line = f"line {line}", reader.line_num + 1
            if not cells or cells == [""]:
                continue  # a blank line is no record
            number += 1
            if len(cells) != len(header):
                msg = f"expected {len(header)} fields, found {len(cells)}; record skipped"
                result.problems.append(Problem(path=rel, where=where, message=msg))
                continue
            rows.append((where, number, dict(zip(header, cells, strict=True))))
    except csv.Error as exc:
        msg = f"malformed CSV ({exc}); the rest of the file is skipped"
        result.problems.append(Problem(path=rel, where=f"line {line}", message=msg))
    return rows, result


def _json_rows(text: str, rel: str, ext: str) -> tuple[list[Row] | None, ReadResult]:
    result = ReadResult()
    if ext == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            result.problems.append(
                Problem(path=rel, where=f"line {exc.lineno}", message=f"not valid JSON: {exc.msg}")
            )
            return None, result
        except RecursionError:
            result.problems.append(Problem(path=rel, message=TOO_DEEP))
            return None, result
        items = data if isinstance(data, list) else [data]
        rows = []
        for i, item in enumerate(items, 1):
            if isinstance(item, dict):
                rows.append((f"record {i}", i, item))
            else:
                result.problems.append(
                    Problem(path=rel, where=f"record {i}", message="not a JSON object; skipped")
                )
        return rows, result
    rows, number = [], 0
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        number += 1
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            msg = f"not valid JSON ({exc.msg}, column {exc.colno}); line skipped"
            result.problems.append(Problem(path=rel, where=f"line {lineno}", message=msg))
            continue
        except RecursionError:
            result.problems.append(Problem(path=rel, where=f"line {lineno}", message=TOO_DEEP))
            continue
        if not isinstance(item, dict):
            msg = "not a JSON object; line skipped"
            result.problems.append(Problem(path=rel, where=f"line {lineno}", message=msg))
            continue
        rows.append((f"line {lineno}", number, item))
    return rows, result


def _records(rows: list[Row], rel: str, options: TableOptions, result: ReadResult) -> None:
    """Rows -> records: pick the text and id columns, skip empty or duplicate records."""
    columns = list(dict.fromkeys(k for _, _, row in rows for k in row))
    if not rows:
        if not result.problems:
            result.problems.append(Problem(path=rel, message="no records"))
        return
    text_col = (
        _pick(columns, options.text_column, "text", rel, result)
        if options.text_column
        else text_column(columns, rows)
    )
    id_col = (
        _pick(columns, options.id_column, "id", rel, result)
        if options.id_column
        else id_column(columns, rows, text_col)
    )
    if text_col is None:
        if not options.text_column:
            msg = f"no text column found (columns: {', '.join(columns)}); name one with --text-column or cjm.yaml"
            result.problems.append(Problem(path=rel, message=msg))
        return
    seen: set[str] = set()
    empty: list[str] = []
    for where, number, row in rows:
        text = row.get(text_col)
        text = normalise_newlines(text) if isinstance(text, str) else ""
        key = _id_value(row.get(id_col)) if id_col else None
        key = key or str(number)
        if not text.strip():
            empty.append(where)
            continue
        if key in seen:
            result.problems.append(
                Problem(path=rel, where=where, message=f"duplicate id {key!r}; record skipped")
            )
            continue
        seen.add(key)
        meta = {k: v for k, v in row.items() if k != text_col}
        result.records.append(Record(key, text, meta, columns))
    if empty:
        shown = ", ".join(empty[:5]) + (f" and {len(empty) - 5} more" if len(empty) > 5 else "")
        msg = f"{len(empty)} record(s) with empty {text_col!r} skipped ({shown})"
        result.problems.append(Problem(path=rel, message=msg))


def _pick(columns: list[str], wanted: str, what: str, rel: str, result: ReadResult) -> str | None:
    found = _find(columns, wanted)
    if found is None:
        msg = f"no {what} column {wanted!r} (columns: {', '.join(columns)})"
        result.problems.append(Problem(path=rel, message=msg))
    return found


def _find(columns: list[str], name: str) -> str | None:
    return next((c for c in columns if c.lower() == name.lower()), None)


def text_column(columns: list[str], rows: list[Row]) -> str | None:
    """The first of TEXT_COLUMNS present, else the column with the longest text on average."""
    for name in TEXT_COLUMNS:
        if (found := _find(columns, name)) is not None:
            return found
    lengths = {
        c: sum(len(r.get(c)) for _, _, r in rows if isinstance(r.get(c), str)) for c in columns
    }
    best = max(
        (c for c in columns if not _ID_LIKE.search(c)), key=lambda c: lengths[c], default=None
    )
    return best if best is not None and lengths[best] > 0 else None


def id_column(columns: list[str], rows: list[Row], text_col: str | None) -> str | None:
    """`id` (any case), else an id-like column (ticket_id, Review ID) whose values are unique."""
    if (found := _find(columns, "id")) is not None:
        return found
    for c in columns:
        if c != text_col and _ID_LIKE.search(c):
            values = [_id_value(r.get(c)) for _, _, r in rows]
            if all(values) and len(set(values)) == len(values):
                return c
    return None


def _id_value(v: Any) -> str | None:
    if v is None or isinstance(v, dict | list):
        return None
    return str(v).strip() or None
