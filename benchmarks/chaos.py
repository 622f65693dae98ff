"""kill -9 / resume cycles: a long run must never lose or repeat finished work.

    python benchmarks/chaos.py [--cycles 8] [--corpus corpora/sample] [--seed 0]

`cjm draft --extractor llm` runs against a loopback OpenAI-compatible server (a
fake model: deterministic, schema-valid answers, 30 ms each). First one
uninterrupted reference run. Then, in a fresh workspace, `cycles` runs each
killed with SIGKILL: half at a random moment (ingest, extraction, themes or
rendering), half on a random LLM request; then one run to completion. Prints:

- cycles and how many runs were really killed,
- LLM calls repeated: requests whose answer the workspace already held (must be 0),
- evidence lost: reference quotes missing from the resumed map (must be 0),
- whether the final map equals the reference (everything but run timings),
- SQLite integrity after every kill.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cjm_insights.testing import FakeOpenAIServer, completed_requests, integrity, messages_hash


def draft_cmd(corpus: str, out: Path, ws: Path, url: str) -> list[str]:
    return [
        sys.executable, "-m", "cjm_insights", "draft", corpus, "--out", str(out),
        "--workspace", str(ws), "--backend", "openai", "--model", "fake", "--base-url", url,
    ]  # fmt: skip


def comparable(map_json: Path) -> dict:
    """The map minus what legitimately differs between runs (timings, cache counts)."""
    jm = json.loads(map_json.read_text())
    jm.pop("run", None)
    jm.pop("created", None)
    return jm


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cycles", type=int, default=8)
    ap.add_argument("--corpus", default="corpora/sample")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    env = {**os.environ, "OPENAI_API_KEY": "unused-for-loopback"}
    with tempfile.TemporaryDirectory() as tmp, FakeOpenAIServer(delay_s=0.03) as server:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        subprocess.run(draft_cmd(args.corpus, tmp / "ref", tmp / "ws-ref", server.url),
                       env=env, check=True, capture_output=True)  # fmt: skip
        ref_s, ref_calls = time.perf_counter() - t0, len(server.chat_requests)
        print(f"reference run: {ref_s:.1f} s, {ref_calls} LLM calls")

        ws, out = tmp / "ws-chaos", tmp / "chaos"
        cmd = draft_cmd(args.corpus, out, ws, server.url)
        killed, repeated, bad_integrity = 0, 0, []
        for cycle in range(args.cycles):
            held = completed_requests(ws)
            first = len(server.requests)
            proc = subprocess.Popen(
                cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            if cycle % 2 == 0:  # a random moment of the run
                deadline = time.monotonic() + rng.uniform(0.5, ref_s)
                while proc.poll() is None and time.monotonic() < deadline:
                    time.sleep(0.05)
            else:  # a random LLM request still to be made
                target = first + rng.randint(1, max(1, ref_calls - len(held)))
                while proc.poll() is None and len(server.requests) < target:
                    time.sleep(0.005)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed += 1
            proc.wait()
            repeated += sum(
                messages_hash(r["body"]["messages"]) in held for r in server.chat_requests[first:]
            )
            verdict = integrity(ws) if (ws / "workspace.sqlite").exists() else "ok"
            if verdict != "ok":
                bad_integrity.append(f"cycle {cycle + 1}: {verdict}")
        held = completed_requests(ws)
        first = len(server.requests)
        final = subprocess.run(cmd, env=env, capture_output=True, text=True)
        repeated += sum(
            messages_hash(r["body"]["messages"]) in held for r in server.chat_requests[first:]
        )
        if final.returncode != 0:
            print(final.stdout[-2000:], final.stderr[-2000:])
            return 1
        ref, got = comparable(tmp / "ref/map.json"), comparable(out / "map.json")
        ref_ids = {e["id"] for e in ref["evidence"]}
        lost = len(ref_ids - {e["id"] for e in got["evidence"]})
        chaos_calls = len(server.chat_requests) - ref_calls
        print(f"cycles: {args.cycles} ({killed} killed mid-run)")
        print(f"LLM calls: reference {ref_calls}, interrupted runs in all {chaos_calls}")
        print(f"LLM calls repeated: {repeated}")
        print(f"evidence lost: {lost} of {len(ref_ids)}")
        print(f"final map identical to the uninterrupted run: {'yes' if ref == got else 'NO'}")
        print(
            f"workspace integrity: {bad_integrity or 'ok after every kill'}"
        )
        return 0 if (repeated == 0 and lost == 0 and ref == got and not bad_integrity) else 1


if __name__ == "__main__":
    sys.exit(main())
