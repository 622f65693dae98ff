"""A real OpenAI-compatible HTTP server on 127.0.0.1 for tests, benchmarks and dry runs.

It answers chat completions with JSON that fits the `response_format` schema it
was sent (enums picked by a hash of the request, so answers are deterministic),
records every request it receives, and can inject faults: 429 with Retry-After,
500, a stalled reply (client timeout), truncated JSON, and schema-invalid output.
`cjm draft --backend openai --base-url <server.url>` against it exercises the whole
remote path (HTTP, retries, redaction, caching) with no model and no network.

    with FakeOpenAIServer(faults=["429", "500"]) as server:
        ...  # point the openai backend at server.url
        server.requests  # what reached "the cloud"
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FAULTS = ("429", "500", "timeout", "truncated", "invalid")
_SID = re.compile(r"^\[(\d+)\] (.*)$", re.M)


class FakeOpenAIServer:
    """Serve /v1/chat/completions and /v1/models on an ephemeral loopback port."""

    def __init__(
        self,
        faults: Iterable[str] = (),
        *,
        stall_s: float = 5.0,
        delay_s: float = 0.0,
        fault_for: Callable[[dict[str, Any]], str | None] | None = None,
        port: int = 0,
    ):
        self.faults = list(faults)  # consumed one per chat request, in order
        self.fault_for = fault_for  # or decided per request body (e.g. one document always fails)
        self.stall_s = stall_s
        self.delay_s = delay_s
        self.requests: list[dict[str, Any]] = []  # {"path", "headers" (lower-cased), "body"}
        self._lock = threading.Lock()
        self._httpd = _QuietServer(("127.0.0.1", port), _handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    # what the handler calls
    def record(self, path: str, headers: dict[str, str], body: dict[str, Any]) -> str | None:
        with self._lock:
            self.requests.append({"path": path, "headers": headers, "body": body})
            if self.fault_for is not None:
                return self.fault_for(body)
            return self.faults.pop(0) if self.faults else None

    @property
    def chat_requests(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"].endswith("/chat/completions")]

    def sent_text(self) -> str:
        """Everything the client sent in message contents, joined: what left the machine."""
        return "\n".join(
            m.get("content") or ""
            for r in self.chat_requests
            for m in r["body"].get("messages", [])
        )


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):  # a killed client is expected
            super().handle_error(request, client_address)


def _handler(server: FakeOpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._json(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except json.JSONDecodeError:
                self._json(400, {"error": {"message": "request body is not JSON"}})
                return
            headers = {k.lower(): v for k, v in self.headers.items()}
            fault = server.record(self.path, headers, body)
            if server.delay_s:
                time.sleep(server.delay_s)
            if fault == "429":
                self._json(429, {"error": {"message": "rate limited"}}, {"Retry-After": "0"})
            elif fault == "500":
                self._json(500, {"error": {"message": "internal error"}})
            elif fault == "timeout":
                time.sleep(server.stall_s)
                self._json(200, _completion(body, _answer(body)))
            elif fault == "truncated":
                self._json(200, _completion(body, _answer(body)[:-7]))
            elif fault == "invalid":
                self._json(200, _completion(body, json.dumps({"items": [{"stage": 42}]})))
            else:
                self._json(200, _completion(body, _answer(body)))

        def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                for k, v in {"Content-Type": "application/json", **(headers or {})}.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout fault): nothing to answer

    return Handler


def _completion(body: dict[str, Any], content: str) -> dict[str, Any]:
    prompt_chars = sum(len(m.get("content") or "") for m in body.get("messages", []))
    return {
        "id": "fake-" + hashlib.sha256(content.encode()).hexdigest()[:12],
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", "fake"),
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {
            "prompt_tokens": prompt_chars // 4,
            "completion_tokens": len(content) // 4,
            "total_tokens": (prompt_chars + len(content)) // 4,
        },
    }


# ---------------------------------------------------------------- answers
def _answer(body: dict[str, Any]) -> str:
    """A deterministic answer that fits the schema in the request's response_format."""
    fmt = body.get("response_format") or {}
    schema = fmt.get("json_schema", {}).get("schema") or fmt.get("schema") or {}
    # the window the model is asked about: the last user turn with numbered sentences
    # (after a validation error, the newest user turn is the feedback, not the document)
    users = [m.get("content") or "" for m in body.get("messages", []) if m.get("role") == "user"]
    user = next(
        (u for u in reversed(users) if _SID.search(u) or "ev-" in u), users[-1] if users else ""
    )
    props = schema.get("properties", {})
    if "items" in props:
        return json.dumps({"items": _items(schema, user)})
    if "evidence_ids" in props:  # theme names and stage summaries
        ids = re.findall(r"\bev-[0-9a-f]+\b", user)
        return json.dumps(
            {"text": "A summary of what these customers said.", "evidence_ids": ids[:2]}
        )
    return json.dumps(_fill(schema, schema, user))


def _items(schema: dict[str, Any], user: str) -> list[dict[str, Any]]:
    item_schema = _deref(schema, schema["properties"]["items"]["items"])
    out = []
    for sid, text in _SID.findall(user):
        seed = text
        if _pick(seed, [0, 1]) == 0:  # cite about half the sentences
            continue
        item = _fill(schema, item_schema, seed)
        item.update(first=int(sid), last=int(sid))
        if "opening" in item:
            item["opening"] = " ".join(text.split()[:4])
        if "quote" in item:
            item["quote"] = text
        pain = item.get("valence", 0) < 0
        item.update(pain_point=pain, pain=text[:40] if pain else None, severity=2 if pain else None)
        out.append(item)
    return out


def _fill(root: dict[str, Any], schema: dict[str, Any], seed: str) -> Any:
    schema = _deref(root, schema)
    if "enum" in schema:
        return _pick(seed + str(schema["enum"]), schema["enum"])
    if "const" in schema:
        return schema["const"]
    if "anyOf" in schema:
        return _fill(root, next(s for s in schema["anyOf"] if s.get("type") != "null"), seed)
    kind = schema.get("type")
    if kind == "object":
        return {k: _fill(root, v, seed + k) for k, v in schema.get("properties", {}).items()}
    if kind == "array":
        return []
    if kind == "integer":
        return 1
    if kind == "number":
        return 0.5
    if kind == "boolean":
        return False
    if kind == "null":
        return None
    return ""


def _deref(root: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if not ref:
        return schema
    return root["$defs"][ref.rsplit("/", 1)[-1]]


def _pick(seed: str, options: list[Any]) -> Any:
    digest = int(hashlib.sha256(seed.encode()).hexdigest(), 16)
    return options[digest % len(options)]


# ------------------------------------------------------- resume accounting
def messages_hash(messages: list[dict[str, Any]]) -> str:
    return hashlib.sha256(json.dumps(messages, sort_keys=True).encode()).hexdigest()


def completed_requests(workspace_dir: str | Path) -> set[str]:
    """Hashes of the requests whose answers a workspace has stored: sending one again is waste.

    Read straight from SQLite (read-only), so it works on a workspace whose run was killed."""
    import sqlite3

    db = Path(workspace_dir) / "workspace.sqlite"
    if not db.exists():
        return set()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT request FROM llm_log WHERE cache_key IN (SELECT key FROM cache)"
        ).fetchall()
    finally:
        conn.close()
    return {messages_hash(json.loads(r[0])) for r in rows if r[0]}


def integrity(workspace_dir: str | Path) -> str:
    """SQLite's own verdict on a workspace file ("ok" when intact)."""
    import sqlite3

    db = Path(workspace_dir) / "workspace.sqlite"
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
