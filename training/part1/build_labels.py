#!/usr/bin/env python3
"""Build training/part1/labels.jsonl from the hand-written label sources.

Sources: training/part1/labels_src/*.yaml, each a list of documents:

    - doc: interviews/acme-cfo.txt          # doc id (path under corpus/, or path#ID)
      interviewer: [Priya]                  # optional: speakers whose turns are not customer-side
      q:
      - [quote, "stage touchpoint emotion valence actor"]
      - [quote, "stage touchpoint emotion valence actor", "pain summary", severity]
      - [quote, "...", null, null, {occ: 1}]        # 2nd occurrence (0-based)
      - [quote, "...", null, null, {after: "anchor"}] # first occurrence after anchor

A touchpoint written "other:podcast" becomes touchpoint=other, touchpoint_other=podcast.
pain_point is true iff a pain summary is given.

Finds every quote verbatim in its document text (ingestion rules: UTF-8, \r\n/\r -> \n;
CSV/JSONL records by id, offsets into the `text` field), validates labels against the
b2b-default taxonomy, refuses overlapping spans, writes labels.jsonl and prints counts.
Stdlib + PyYAML only. Run from /work/main: .venv/bin/python training/part1/build_labels.py
"""

import collections
import csv
import json
import re
import sys
from pathlib import Path

import yaml

from cjm_insights.taxonomy import load as load_taxonomy

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "corpus"
SRC = ROOT / "labels_src"
OUT = ROOT / "labels.jsonl"

# The labels are the package's b2b-default taxonomy (shared/spec/labels.md).
_TAX = load_taxonomy("b2b-default")
STAGES = _TAX.ids("stages")
TOUCHPOINTS = _TAX.ids("touchpoints")
EMOTIONS = _TAX.ids("emotions")
ACTORS = _TAX.ids("actors")
NEG_EMO = {"frustrated", "angry", "confused", "anxious", "skeptical", "disappointed"}
POS_EMO = {"hopeful", "relieved", "satisfied", "confident", "delighted"}

errors = []


def err(msg):
    errors.append(msg)


def norm(s):
    return s.replace("\r\n", "\n").replace("\r", "\n")


def load_docs():
    """doc id -> text, following the ingestion rules."""
    docs = {}
    for p in sorted(CORPUS.rglob("*")):
        if not p.is_file():
            continue
        rel = p.relative_to(CORPUS).as_posix()
        raw = p.read_bytes()
        if raw.startswith(b"\xef\xbb\xbf"):
            err(f"{rel}: has a BOM")
        text = raw.decode("utf-8")
        if p.suffix == ".csv":
            with p.open(newline="", encoding="utf-8") as f:
                for i, row in enumerate(csv.DictReader(f), 1):
                    rid = row.get("id") or str(i)
                    docs[f"{rel}#{rid}"] = norm(row["text"])
        elif p.suffix == ".jsonl":
            for i, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    obj = json.loads(line)
                    rid = str(obj.get("id", i))
                    docs[f"{rel}#{rid}"] = norm(obj["text"])
        else:
            if "\r" in text:
                err(f"{rel}: contains \\r")
            docs[rel] = norm(text)
    return docs


def find(text, quote, opts, where):
    if "after" in opts:
        base = text.find(opts["after"])
        if base < 0:
            err(f"{where}: anchor not found: {opts['after']!r}")
            return None
        i = text.find(quote, base)
    else:
        occ = int(opts.get("occ", 0))
        i = -1
        for _ in range(occ + 1):
            i = text.find(quote, i + 1)
            if i < 0:
                break
        if i >= 0 and "occ" not in opts and text.find(quote, i + 1) >= 0:
            err(f"{where}: quote occurs more than once, give occ/after: {quote[:60]!r}")
    if i < 0:
        err(f"{where}: quote not found: {quote!r}")
        return None
    return i


SPEAKER = re.compile(r"^(?:\[[\d:.]+\]\s*)?([A-Z][\w.'’ -]{0,40}?)(?:\s*\([^)\n]*\))?:\s")
SENT = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.M)


def customer_sentences(doc_id, text, interviewers):
    """(start, end) of sentences on the customer side (rough: skips interviewer turns,
    VTT/SRT cue timing lines and header lines)."""
    out = []
    speaker = None
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        m = SPEAKER.match(line)
        body_off = 0
        if m:
            speaker = m.group(1).strip()
            body_off = m.end()
        if speaker in interviewers:
            continue
        if "-->" in line or line.strip().isdigit() or line.startswith(("WEBVTT", "#", "---")):
            continue
        body = line[body_off:]
        for s in SENT.finditer(body):
            seg = s.group(0)
            if len(seg.split()) >= 4:
                a = start + body_off + s.start()
                out.append((a, a + len(seg)))
    return out


def main():
    docs = load_docs()
    rows = []
    interviewers = {}
    src_files = sorted(SRC.glob("*.yaml"))
    if not src_files:
        err("no label sources")
    for sf in src_files:
        data = yaml.safe_load(sf.read_text(encoding="utf-8")) or []
        for entry in data:
            doc = entry["doc"]
            interviewers[doc] = set(entry.get("interviewer") or [])
            if doc not in docs:
                err(f"{sf.name}: unknown doc {doc}")
                continue
            text = docs[doc]
            for k, item in enumerate(entry.get("q") or []):
                where = f"{sf.name}:{doc}[{k}]"
                item = list(item) + [None] * (5 - len(item))
                quote, lab, pain, sev, opts = item[:5]
                opts = opts or {}
                if not isinstance(quote, str) or quote != quote.strip() or not quote:
                    err(f"{where}: bad quote {quote!r}")
                    continue
                parts = str(lab).split()
                if len(parts) != 5:
                    err(f"{where}: label string needs 5 parts: {lab!r}")
                    continue
                stage, tp, emo, val, actor = parts
                tp_other = None
                if tp.startswith("other:"):
                    tp, tp_other = "other", tp.split(":", 1)[1].replace("_", " ")
                try:
                    val = int(val)
                except ValueError:
                    err(f"{where}: valence not int {val!r}")
                    continue
                if stage not in STAGES:
                    err(f"{where}: bad stage {stage}")
                if tp not in TOUCHPOINTS:
                    err(f"{where}: bad touchpoint {tp}")
                if emo not in EMOTIONS:
                    err(f"{where}: bad emotion {emo}")
                if actor not in ACTORS:
                    err(f"{where}: bad actor {actor}")
                if not -2 <= val <= 2:
                    err(f"{where}: valence out of range {val}")
                if emo in NEG_EMO and val > 0 or emo in POS_EMO and val < 0:
                    err(f"{where}: emotion {emo} inconsistent with valence {val}")
                if emo == "neutral" and abs(val) > 1:
                    err(f"{where}: neutral with valence {val}")
                pp = pain is not None
                if pp:
                    if not isinstance(pain, str) or not pain.strip():
                        err(f"{where}: empty pain")
                    if sev not in (1, 2, 3):
                        err(f"{where}: severity must be 1..3 when pain_point, got {sev!r}")
                elif sev is not None:
                    err(f"{where}: severity given without pain")
                i = find(text, quote, opts, where)
                if i is None:
                    continue
                j = i + len(quote)
                if text[i:j] != quote:
                    err(f"{where}: span mismatch")
                if (i > 0 and text[i - 1].isalnum()) or (j < len(text) and text[j].isalnum()):
                    err(f"{where}: not on a word boundary: {quote[:50]!r}")
                row = {
                    "doc": doc,
                    "start": i,
                    "end": j,
                    "quote": quote,
                    "stage": stage,
                    "touchpoint": tp,
                    "emotion": emo,
                    "valence": val,
                    "actor": actor,
                    "pain_point": pp,
                    "pain": pain if pp else None,
                    "severity": sev if pp else None,
                }
                if tp_other:
                    row["touchpoint_other"] = tp_other
                rows.append(row)
    # overlaps
    by_doc = collections.defaultdict(list)
    for r in rows:
        by_doc[r["doc"]].append(r)
    for d, rs in by_doc.items():
        rs.sort(key=lambda r: r["start"])
        for a, b in zip(rs, rs[1:], strict=False):
            if b["start"] < a["end"]:
                err(f"{d}: overlapping spans {a['quote'][:40]!r} / {b['quote'][:40]!r}")
    if errors:
        for e in errors:
            print("ERROR", e, file=sys.stderr)
        print(f"{len(errors)} error(s); labels.jsonl not written", file=sys.stderr)
        sys.exit(1)
    rows.sort(key=lambda r: (r["doc"], r["start"]))
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

    # ---- counts ----
    C = collections.Counter
    files = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*") if p.is_file())
    labelled_docs = {r["doc"] for r in rows}
    unlabelled_docs = [d for d in docs if d not in labelled_docs]
    words = sum(len(t.split()) for t in docs.values())
    cust = neg = 0
    for d, t in docs.items():
        spans = [(r["start"], r["end"]) for r in by_doc.get(d, [])]
        for a, b in customer_sentences(d, t, interviewers.get(d, set())):
            cust += 1
            if not any(a < e and s < b for s, e in spans):
                neg += 1
    print(f"files: {len(files)}  documents (records counted): {len(docs)}  words: {words}")
    print("files by type:", dict(C(Path(f).suffix for f in files)))
    print("documents by folder:", dict(C(d.split("/")[0] for d in docs)))
    if unlabelled_docs:
        print("documents without gold:", unlabelled_docs)
    print(f"gold quotes: {len(rows)}")
    print(
        f"customer-side sentences (approx): {cust}; not overlapping gold (negatives): {neg}; "
        f"labelled share ~{(cust - neg) / max(cust, 1):.0%}"
    )
    for key, ids in (
        ("stage", STAGES),
        ("touchpoint", TOUCHPOINTS),
        ("emotion", EMOTIONS),
        ("actor", ACTORS),
    ):
        c = C(r[key] for r in rows)
        print(f"{key}: " + ", ".join(f"{i}={c.get(i, 0)}" for i in ids))
    print("valence:", dict(sorted(C(r["valence"] for r in rows).items())))
    print(
        "pain_point:",
        dict(C(r["pain_point"] for r in rows)),
        " severity:",
        dict(sorted(C(r["severity"] for r in rows if r["pain_point"]).items())),
    )
    print(
        "touchpoint_other:", dict(C(r["touchpoint_other"] for r in rows if "touchpoint_other" in r))
    )
    print(f"wrote {OUT.relative_to(ROOT.parent.parent)}")


if __name__ == "__main__":
    main()
