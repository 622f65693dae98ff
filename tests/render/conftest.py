from __future__ import annotations

import pytest

from cjm_insights import assemble as asm
from cjm_insights.assemble import assemble
from tests.map_docs import documents, evidence


@pytest.fixture
def jm(taxonomy, monkeypatch):
    monkeypatch.setattr(
        asm, "MIN_PERSONA_EVIDENCE", 2
    )  # the small fixture still gets persona views
    return assemble(evidence(), documents(), taxonomy, title="Test <map>")
