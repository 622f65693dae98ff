"""The workspace: content-addressed cache, call log, corrections, and a lock against concurrent runs."""

import multiprocessing as mp

import pytest

from cjm_insights.errors import CjmError
from cjm_insights.workspace import Workspace, content_key


def test_content_key_is_order_sensitive_and_stable():
    assert content_key("a", "b") == content_key("a", "b")
    assert content_key("a", "b") != content_key("b", "a")
    assert content_key("ab", "") != content_key("a", "b")  # parts are length-prefixed


def test_cache_survives_reopening(tmp_path):
    ws = Workspace(tmp_path)
    ws.put_many("ns", {"k1": b"one", "k2": b"two"})
    ws.put_json("ns", "k3", {"x": 1})
    ws.close()
    again = Workspace(tmp_path)
    assert again.get_many("ns", ["k1", "k2", "missing"]) == {"k1": b"one", "k2": b"two"}
    assert again.get_json("ns", "k3") == {"x": 1}
    assert again.count("ns") == 3
    assert again.get("other", "k1") is None


def test_call_log_and_corrections(workspace):
    workspace.log_call(backend="scripted", model="m", request={"messages": []}, response="{}",
                       prompt_tokens=3, completion_tokens=1)
    (row,) = workspace.calls()
    assert row["backend"] == "scripted" and row["prompt_tokens"] == 3
    workspace.save_corrections({"ev-1": ("update", {"stage": "renewal"})})
    assert workspace.corrections() == {"ev-1": ("update", {"stage": "renewal"})}


def _hold_lock(path, ready, release):
    ws = Workspace(path)
    with ws.run_lock("draft"):
        ready.set()
        release.wait(10)


def test_second_run_on_a_busy_workspace_is_refused(tmp_path):
    ctx = mp.get_context("fork")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(tmp_path, ready, release))
    holder.start()
    try:
        assert ready.wait(10)
        with pytest.raises(CjmError, match="workspace is busy"), Workspace(tmp_path).run_lock():
            pass
    finally:
        release.set()
        holder.join(10)
    with Workspace(tmp_path).run_lock():  # free again once the holder is gone
        pass


def test_unreadable_workspace_file_is_a_clear_error(tmp_path):
    (tmp_path / "workspace.sqlite").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(CjmError, match="not a readable SQLite file"):
        Workspace(tmp_path)
