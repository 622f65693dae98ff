"""`cjm draft` end to end on the sample corpus with the keyless default.

pytest-socket blocks every non-loopback connection for the whole suite, so this
also proves the default path needs no network.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from cjm_insights.cli import app
from cjm_insights.testing import FakeOpenAIServer, completed_requests, integrity, messages_hash


@pytest.mark.slow
def test_draft_sample_offline_writes_a_grounded_map(repo, tmp_path):
    out = tmp_path / "out"
    res = CliRunner().invoke(
        app,
        [
            "draft",
            str(repo / "corpora/sample"),
            "--out",
            str(out),
            "--workspace",
            str(tmp_path / "ws"),
        ],
    )
    assert res.exit_code == 0, res.output
    for name in ("map.json", "map.html", "map.md", "quotes.csv", "predictions.jsonl"):
        assert (out / name).stat().st_size > 0
    jm = json.loads((out / "map.json").read_text())
    texts = {d["id"]: d["text"] for d in jm["documents"]}
    assert len(jm["evidence"]) > 50
    for ev in jm["evidence"]:  # grounding: every quote is verbatim at its offsets
        assert texts[ev["doc_id"]][ev["start"] : ev["end"]] == ev["quote"]
    assert [c["stage"] for c in jm["stages"]][:2] == ["awareness", "research"]


def test_draft_on_a_missing_folder_is_one_clear_error(tmp_path):
    res = CliRunner().invoke(
        app, ["draft", str(tmp_path / "nope"), "--workspace", str(tmp_path / "ws")]
    )
    assert res.exit_code == 2
    assert "nope" in res.output and "Traceback" not in res.output


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d ().-]{8,}\d")
FAKE_KEY = "sk-cjmtest-7f3a9c2e5b1d4086aa"


def corpus_pii(corpus):
    raw = "\n".join(p.read_text(errors="replace") for p in corpus.rglob("*") if p.is_file())
    phones = {m for m in PHONE.findall(raw) if sum(c.isdigit() for c in m) >= 10}
    return set(EMAIL.findall(raw)), phones


@pytest.mark.slow
def test_remote_draft_redacts_pii_and_never_writes_the_key(repo, tmp_path, monkeypatch):
    """`cjm draft --backend openai` against a recording server: what reached it, what was written."""
    corpus = repo / "corpora/sample"
    emails, phones = corpus_pii(corpus)
    assert len(emails) >= 5 and len(phones) >= 3  # the sample corpus has PII to leak
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    out, ws = tmp_path / "out", tmp_path / "ws"
    with FakeOpenAIServer() as server:
        args = ["draft", str(corpus), "--out", str(out), "--workspace", str(ws)]
        args += ["--backend", "openai", "--model", "fake", "--base-url", server.url, "--redact"]
        res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    sent = server.sent_text()
    assert "<EMAIL_ADDRESS>" in sent and "<PHONE_NUMBER>" in sent
    leaked = [x for x in emails | phones if x in sent]
    assert leaked == []
    names = {p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file()}
    assert [n for n in names if n in sent] == []  # file names carry customer names
    # the key travelled only in the Authorization header, to the server the user named
    assert {r["headers"]["authorization"] for r in server.requests} == {f"Bearer {FAKE_KEY}"}
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name == "workspace.sqlite" for p in written)
    assert [p for p in written if FAKE_KEY.encode() in p.read_bytes()] == []
    assert FAKE_KEY not in res.output
    # the map is local and stays verbatim: PII in quotes is the researcher's to see
    jm = json.loads((out / "map.json").read_text())
    texts = {d["id"]: d["text"] for d in jm["documents"]}
    assert jm["evidence"] and all(
        texts[e["doc_id"]][e["start"] : e["end"]] == e["quote"] for e in jm["evidence"]
    )
    assert any(t["name"] for t in jm["themes"])  # theme names came from the LLM


def test_without_redaction_the_same_server_sees_the_pii(repo, tmp_path):
    """The control for the test above: it would catch a redaction that silently stopped."""
    from cjm_insights.config import Config
    from cjm_insights.extractors.llm import LLMExtractor
    from cjm_insights.ingest import ingest
    from cjm_insights.taxonomy import load
    from cjm_insights.workspace import Workspace

    docs = [d for d in ingest(repo / "corpora/sample").documents if d.id.startswith("tickets.csv")]
    emails, _ = corpus_pii(repo / "corpora/sample")
    with FakeOpenAIServer() as server:
        cfg = Config(extractor="llm", backend="openai", model="fake", base_url=server.url)
        assert cfg.redact_enabled is False  # loopback: nothing leaves the machine
        LLMExtractor(cfg, Workspace(tmp_path / "ws")).extract(docs, load("b2b-default"))
    assert any(e in server.sent_text() for e in emails)


@pytest.mark.slow
def test_kill_9_mid_extraction_then_rerun_repeats_no_finished_call(repo, tmp_path):
    """SIGKILL on the 6th LLM request; the re-run resumes and ends with the uninterrupted map."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("holloway-procurement-manager.txt", "sundial-vp-finance.txt"):
        shutil.copy(repo / "corpora/sample/interviews" / name, corpus / name)

    def cmd(out, ws, url):
        return [sys.executable, "-m", "cjm_insights", "draft", str(corpus), "--out", str(out),
                "--workspace", str(ws), "--backend", "openai", "--model", "fake", "--base-url", url]  # fmt: skip

    proc = None

    def kill_on_sixth(body):
        if proc is not None and len(server.chat_requests) == 6:
            os.kill(proc.pid, signal.SIGKILL)

    with FakeOpenAIServer(fault_for=kill_on_sixth) as server:
        ws = tmp_path / "ws"
        proc = subprocess.Popen(cmd(tmp_path / "out", ws, server.url), stderr=subprocess.PIPE)
        proc.wait(timeout=300)
        assert proc.returncode == -signal.SIGKILL
        assert integrity(ws) == "ok"
        held = completed_requests(ws)
        assert 1 <= len(held) <= 5  # some answers were stored before the kill
        before = len(server.requests)
        subprocess.run(cmd(tmp_path / "out", ws, server.url), check=True, capture_output=True)
        resumed = server.chat_requests[before:]
        assert not [r for r in resumed if messages_hash(r["body"]["messages"]) in held]
        subprocess.run(cmd(tmp_path / "ref", tmp_path / "ws-ref", server.url), check=True)
    got = json.loads((tmp_path / "out/map.json").read_text())
    ref = json.loads((tmp_path / "ref/map.json").read_text())
    assert got["evidence"] and got["evidence"] == ref["evidence"]
    assert got["stages"] == ref["stages"] and got["themes"] == ref["themes"]
