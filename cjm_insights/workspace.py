"""The local workspace: one SQLite file holding every cache, the LLM call log and corrections.

Why SQLite: one file the researcher can copy or delete, atomic commits (a kill -9
leaves either the whole result of a unit of work or none of it), WAL so readers
never block the writer, and `sqlite3 .cjm/workspace.sqlite` to audit by hand.
Every expensive result is stored under a content hash, so a re-run costs nothing
and an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cjm_insights.errors import CjmError

DEFAULT_DIR = ".cjm"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS cache (
    ns TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, created REAL NOT NULL,
    PRIMARY KEY (ns, key)
);
CREATE TABLE IF NOT EXISTS llm_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT, ts REAL NOT NULL, cache_key TEXT,
    backend TEXT, model TEXT, prompt_version TEXT,
    request TEXT, response TEXT, error TEXT,
    prompt_tokens INTEGER, completion_tokens INTEGER, latency_s REAL
);
CREATE TABLE IF NOT EXISTS corrections (
    evidence_key TEXT PRIMARY KEY, action TEXT NOT NULL, data TEXT NOT NULL, ts REAL NOT NULL
);
"""


def content_key(*parts: Any) -> str:
    """sha256 over the parts, order-sensitive: the cache key of anything expensive."""
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True, default=str).encode()
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


class Workspace:
    def __init__(self, path: str | Path = DEFAULT_DIR):
        self.dir = Path(path)
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CjmError(f"{self.dir}: cannot create workspace folder: {exc.strerror}") from None
        self.db_path = self.dir / "workspace.sqlite"
        self._local = threading.local()
        with self._conn() as conn:
            conn.executescript(_SCHEMA)

    # One connection per thread: sqlite3 connections must not cross threads.
    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
            except sqlite3.DatabaseError as exc:
                raise CjmError(f"{self.db_path}: workspace is not a readable SQLite file ({exc})") from None
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # ----------------------------------------------------------------- cache
    def get(self, ns: str, key: str) -> bytes | None:
        row = self._conn().execute("SELECT value FROM cache WHERE ns=? AND key=?", (ns, key)).fetchone()
        return None if row is None else bytes(row[0])

    def get_many(self, ns: str, keys: list[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        conn = self._conn()
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = conn.execute(f"SELECT key, value FROM cache WHERE ns=? AND key IN ({marks})", (ns, *chunk))
            found.update((k, bytes(v)) for k, v in rows)
        return found

    def put(self, ns: str, key: str, value: bytes) -> None:
        self.put_many(ns, {key: value})

    def put_many(self, ns: str, items: dict[str, bytes]) -> None:
        """One transaction: after a crash either all of `items` is stored or none."""
        now = time.time()
        conn = self._conn()
        with _transaction(conn):
            conn.executemany(
                "INSERT OR REPLACE INTO cache (ns, key, value, created) VALUES (?, ?, ?, ?)",
                [(ns, k, v, now) for k, v in items.items()],
            )

    def get_json(self, ns: str, key: str) -> Any | None:
        raw = self.get(ns, key)
        return None if raw is None else json.loads(raw)

    def put_json(self, ns: str, key: str, value: Any) -> None:
        self.put(ns, key, json.dumps(value).encode())

    def count(self, ns: str) -> int:
        return self._conn().execute("SELECT COUNT(*) FROM cache WHERE ns=?", (ns,)).fetchone()[0]

    # --------------------------------------------------------------- LLM log
    def log_call(self, **fields: Any) -> None:
        cols = ["ts", *fields]
        vals = [time.time(), *(_as_text(v) for v in fields.values())]
        marks = ",".join("?" * len(cols))
        self._conn().execute(f"INSERT INTO llm_log ({','.join(cols)}) VALUES ({marks})", vals)

    def call_logger(self, key: str, backend: Any, prompt_version: str):
        """The `on_attempt` hook that logs each attempt of one call (what `cjm log` shows)."""

        def log(conv, raw, error, usage, latency) -> None:
            self.log_call(
                cache_key=key,
                backend=backend.name,
                model=backend.model,
                prompt_version=prompt_version,
                request=conv,
                response=raw,
                error=error,
                prompt_tokens=usage.prompt_tokens,
                completion_tokens=usage.completion_tokens,
                latency_s=round(latency, 3),
            )

        return log

    def calls(self, limit: int = 50) -> list[dict[str, Any]]:
        conn = self._conn()
        cur = conn.execute("SELECT * FROM llm_log ORDER BY id DESC LIMIT ?", (limit,))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    # ----------------------------------------------------------- corrections
    def save_corrections(self, items: dict[str, tuple[str, dict[str, Any]]]) -> None:
        now = time.time()
        conn = self._conn()
        with _transaction(conn):
            conn.executemany(
                "INSERT OR REPLACE INTO corrections (evidence_key, action, data, ts) VALUES (?, ?, ?, ?)",
                [(k, action, json.dumps(data), now) for k, (action, data) in items.items()],
            )

    def corrections(self) -> dict[str, tuple[str, dict[str, Any]]]:
        rows = self._conn().execute("SELECT evidence_key, action, data FROM corrections")
        return {k: (action, json.loads(data)) for k, action, data in rows}

    # ------------------------------------------------------------------ lock
    @contextlib.contextmanager
    def run_lock(self, what: str = "run") -> Iterator[None]:
        """Refuse a second concurrent run on this workspace with a clear message."""
        lock_path = self.dir / "run.lock"
        fh = open(lock_path, "a+")  # noqa: SIM115 - held for the duration of the block
        try:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                fh.seek(0)
                holder = fh.read().strip() or "another process"
                raise CjmError(
                    f"{self.dir}: workspace is busy ({holder}); wait for it or use --workspace DIR"
                ) from None
            fh.seek(0)
            fh.truncate()
            fh.write(f"{what} pid {os.getpid()}")
            fh.flush()
            yield
        finally:
            fh.close()


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _as_text(v: Any) -> Any:
    if v is None or isinstance(v, (int, float, str)):
        return v
    return json.dumps(v, default=str)
