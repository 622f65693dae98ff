"""Shared fixtures. Tests never reach the network: pytest-socket blocks it (see pyproject)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def workspace(tmp_path):
    from cjm_insights.workspace import Workspace

    ws = Workspace(tmp_path / "ws")
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def taxonomy():
    from cjm_insights import taxonomy

    return taxonomy.load()
