"""Compare extract-by-reference with copy-out on one corpus and one model.

    python scripts/llm_modes.py CORPUS [--backend llamacpp] [--model qwen-1.5b] [--docs 4]

Prints, per mode: words, calls, prompt and completion tokens per 1,000 words,
evidence items, grounding rate (verbatim quotes / quotes returned) and wall time.
Each mode runs in a fresh temporary workspace, so nothing is served from cache.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from pathlib import Path

from cjm_insights import taxonomy
from cjm_insights.config import Config
from cjm_insights.extractors.llm import LLMExtractor
from cjm_insights.types import Document, Segment, Turn
from cjm_insights.workspace import Workspace

LABEL = re.compile(r"^([A-Z][\w .'-]*?) \(([^)]*)\): ", re.M)
SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def read(corpus: str, max_words: int) -> list[Document]:
    """Ingestion when it is installed; else a minimal reader of `Name (Role):` transcripts."""
    try:
        from cjm_insights.ingest import ingest

        docs = sorted(ingest(corpus).documents, key=lambda d: d.id)
        return [_cut(d, max_words) for d in docs] if max_words else docs
    except ImportError:
        docs = []
        for path in sorted(Path(corpus).rglob("*.txt")):
            text = path.read_text(encoding="utf-8")
            if max_words:
                text = " ".join(text.split(" ")[:max_words]).rsplit("\n", 1)[0]
            docs.append(_transcript(str(path.relative_to(corpus)), text))
        return docs


def _cut(doc: Document, max_words: int) -> Document:
    text = " ".join(doc.text.split(" ")[:max_words]).rsplit("\n", 1)[0]
    return (
        _transcript(doc.id, text)
        if doc.turns
        else doc.model_copy(update={"text": text, "sentences": []})
    )


def _transcript(doc_id: str, text: str) -> Document:
    labels = list(LABEL.finditer(text))
    turns, sents = [], []
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        customer = "interviewer" not in m.group(2).lower()
        turns.append(
            Turn(start=m.end(), end=end, speaker=m.group(1), role=m.group(2), is_customer=customer)
        )
        for s in SENTENCE.finditer(text, m.end(), end):
            a = s.start() + len(s.group()) - len(s.group().lstrip())
            b = s.end() - (len(s.group()) - len(s.group().rstrip()))
            if b > a:
                sents.append(
                    Segment(
                        doc_id=doc_id,
                        start=a,
                        end=b,
                        turn=i,
                        speaker=m.group(1),
                        role=m.group(2),
                        is_customer=customer,
                    )
                )
    return Document(
        id=doc_id, source_type="interview", path=doc_id, text=text, turns=turns, sentences=sents
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--backend", default="llamacpp")
    ap.add_argument("--model", default="qwen-1.5b")
    ap.add_argument("--base-url", default=None)
    ap.add_argument("--docs", type=int, default=4, help="first N documents (by id)")
    ap.add_argument("--modes", default="extract,extract_copyout")
    ap.add_argument("--window-tokens", type=int, default=900)
    ap.add_argument(
        "--max-words", type=int, default=0, help="cut each document after N words (0: whole)"
    )
    args = ap.parse_args()
    docs = read(args.corpus, args.max_words)[: args.docs]
    tax = taxonomy.load()
    rows = []
    for prompt in args.modes.split(","):
        cfg = Config(
            extractor="llm",
            backend=args.backend,
            model=args.model,
            base_url=args.base_url,
            window_tokens=args.window_tokens,
            prompt=prompt,
        )
        with tempfile.TemporaryDirectory() as tmp:
            ex = LLMExtractor(cfg, Workspace(tmp))
            t0 = time.perf_counter()
            res = ex.extract(docs, tax)
            wall = time.perf_counter() - t0
        c = res.cost
        k = c.words / 1000
        returned = len(res.evidence) + ex.ungrounded
        rows.append(
            {
                "mode": prompt,
                "prompt_version": ex.prompt.version,
                "model": ex.backend.model,
                "docs": len(docs),
                "words": c.words,
                "calls": c.llm_calls,
                "retries": c.retries,
                "failed_windows": c.failed_calls,
                "prompt_tokens_per_1k_words": round(c.prompt_tokens / k, 1),
                "completion_tokens_per_1k_words": round(c.completion_tokens / k, 1),
                "evidence": len(res.evidence),
                "grounding": round(len(res.evidence) / returned, 3) if returned else None,
                "wall_s": round(wall, 1),
                "wall_s_per_1k_words": round(wall / k, 1),
            }
        )
        print(json.dumps(rows[-1]), flush=True)


if __name__ == "__main__":
    main()
