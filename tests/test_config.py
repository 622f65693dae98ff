"""Config is data: YAML plus overrides, validated, and it knows when text would leave the machine."""

import pytest

from cjm_insights.config import Config
from cjm_insights.errors import CjmError


def test_defaults_are_keyless_and_local():
    cfg = Config.load()
    assert cfg.extractor == "local" and not cfg.is_remote and not cfg.redact_enabled


def test_yaml_then_overrides(tmp_path):
    p = tmp_path / "cjm.yaml"
    p.write_text("extractor: llm\nbackend: openai\nmodel: gpt-4o-mini\n")
    cfg = Config.load(p, model="other", base_url=None)
    assert (cfg.extractor, cfg.backend, cfg.model) == ("llm", "openai", "other")


@pytest.mark.parametrize("base_url,remote", [
    (None, True),
    ("https://api.openai.com/v1", True),
    ("http://127.0.0.1:8080/v1", False),
    ("http://localhost:11434/v1", False),
])
def test_remote_endpoints_turn_redaction_on(base_url, remote):
    cfg = Config.load(extractor="llm", backend="openai", base_url=base_url)
    assert cfg.is_remote is remote and cfg.redact_enabled is remote


def test_unknown_key_is_named(tmp_path):
    p = tmp_path / "c.yaml"
    p.write_text("extractr: llm\n")
    with pytest.raises(CjmError, match="extractr"):
        Config.load(p)
