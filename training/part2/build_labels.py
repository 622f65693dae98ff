"""Build and validate training/part2/labels.jsonl from labels_src.yaml + corpus/.

Run from /work/main:  .venv/bin/python training/part2/build_labels.py
(if you edited src/, first: .venv/bin/python training/part2/render_src.py)
Needs pyyaml and the cjm_insights package (for the taxonomy). Fails loudly on any problem.
"""

import collections
import csv
import json
import os
import re
import sys

import yaml

from cjm_insights.taxonomy import load as load_taxonomy

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")

# The labels are the package's b2b-default taxonomy (shared/spec/labels.md).
_TAX = load_taxonomy("b2b-default")
STAGES = _TAX.ids("stages")
TOUCHPOINTS = _TAX.ids("touchpoints")
EMOTIONS = _TAX.ids("emotions")
ACTORS = _TAX.ids("actors")
FIELDS = [
    "doc",
    "start",
    "end",
    "quote",
    "stage",
    "touchpoint",
    "emotion",
    "valence",
    "actor",
    "pain_point",
    "pain",
    "severity",
]
# speaker tags treated as interviewer/researcher side when estimating negatives
INTERVIEWER = re.compile(
    r"^(\[[\d:.]+\]\s*|<v\s+)?(Interviewer|Moderator|Researcher|Q|I|"
    r"Hana|Tomasz|Ines)(\s*\([^)]*\))?\s*[:>]",
    re.M,
)


META = re.compile(
    r"^(WEBVTT|\d+$|[\d:.,]+ --> |#|-{3,}|\*\*[^*]+\*\*\s*$|(From|To|Cc|Date|Subject|Re|Owner|Attendees|Date|Status)\s*:)",
    re.I,
)


def norm(t):
    return t.replace("\r\n", "\n").replace("\r", "\n")


def load_corpus():
    docs = {}
    types = {}
    for root, _, files in os.walk(CORPUS):
        for fn in files:
            p = os.path.join(root, fn)
            rel = os.path.relpath(p, CORPUS).replace(os.sep, "/")
            if fn.endswith(".csv"):
                with open(p, encoding="utf-8", newline="") as fh:
                    for i, row in enumerate(csv.DictReader(fh), 1):
                        docs[f"{rel}#{row.get('id') or i}"] = norm(row["text"])
                        types[f"{rel}#{row.get('id') or i}"] = "csv"
            elif fn.endswith(".jsonl"):
                with open(p, encoding="utf-8") as fh:
                    for i, line in enumerate(fh, 1):
                        if line.strip():
                            r = json.loads(line)
                            docs[f"{rel}#{r.get('id', i)}"] = norm(r["text"])
                            types[f"{rel}#{r.get('id', i)}"] = "jsonl"
            else:
                with open(p, "rb") as fh:
                    b = fh.read()
                if b.startswith(b"\xef\xbb\xbf"):
                    sys.exit(f"BOM in {rel}")
                docs[rel] = norm(b.decode("utf-8"))
                types[rel] = rel.rsplit(".", 1)[-1]
    return docs, types


def main():
    errors = []
    docs, types = load_corpus()
    with open(os.path.join(HERE, "labels_src.yaml"), encoding="utf-8") as fh:
        src = yaml.safe_load(fh) or []
    out = []
    for n, e in enumerate(src):
        where = f"#{n} {e.get('doc')}: {str(e.get('quote'))[:60]!r}"
        d = e.get("doc")
        if d not in docs:
            errors.append(f"{where}: unknown doc")
            continue
        text, q = docs[d], e.get("quote") or ""
        if not q.strip() or q != q.strip():
            errors.append(f"{where}: empty quote or leading/trailing space")
        occ = int(e.get("occurrence", 0))
        if "after" in e:
            a = text.find(e["after"])
            if a < 0:
                errors.append(f"{where}: anchor not found")
                continue
            start = text.find(q, a)
        else:
            start = -1
            for _ in range(occ + 1):
                start = text.find(q, start + 1)
                if start < 0:
                    break
        if start < 0:
            errors.append(f"{where}: quote not found verbatim")
            continue
        if text.count(q) > 1 and "occurrence" not in e and "after" not in e:
            errors.append(f"{where}: quote ambiguous (occurs {text.count(q)}x)")
        end = start + len(q)
        if start > 0 and text[start - 1].isalnum() and q[0].isalnum():
            errors.append(f"{where}: starts mid-word")
        if end < len(text) and text[end].isalnum() and q[-1].isalnum():
            errors.append(f"{where}: ends mid-word")
        if e.get("stage") not in STAGES:
            errors.append(f"{where}: bad stage {e.get('stage')}")
        if e.get("touchpoint") not in TOUCHPOINTS:
            errors.append(f"{where}: bad touchpoint {e.get('touchpoint')}")
        if e.get("emotion") not in EMOTIONS:
            errors.append(f"{where}: bad emotion {e.get('emotion')}")
        if e.get("actor") not in ACTORS:
            errors.append(f"{where}: bad actor {e.get('actor')}")
        v = e.get("valence")
        if not isinstance(v, int) or isinstance(v, bool) or not -2 <= v <= 2:
            errors.append(f"{where}: bad valence {v}")
        pp = e.get("pain_point")
        if pp is True:
            if not isinstance(e.get("pain"), str) or not e["pain"].strip():
                errors.append(f"{where}: pain_point true needs pain")
            if e.get("severity") not in (1, 2, 3):
                errors.append(f"{where}: severity must be 1..3")
        elif pp is False:
            if e.get("pain") is not None or e.get("severity") is not None:
                errors.append(f"{where}: pain/severity must be null when pain_point false")
        else:
            errors.append(f"{where}: pain_point must be bool")
        rec = {"doc": d, "start": start, "end": end, "quote": q}
        for k in FIELDS[4:]:
            rec[k] = e.get(k)
        if e.get("touchpoint") == "other" and e.get("touchpoint_other"):
            rec["touchpoint_other"] = e["touchpoint_other"]
        elif e.get("touchpoint") != "other" and e.get("touchpoint_other"):
            errors.append(f"{where}: touchpoint_other without touchpoint other")
        assert text[start:end] == q
        out.append(rec)
    by_doc = collections.defaultdict(list)
    for r in out:
        by_doc[r["doc"]].append(r)
    for d, rs in by_doc.items():
        rs.sort(key=lambda r: r["start"])
        for a, b in zip(rs, rs[1:], strict=False):
            if b["start"] < a["end"]:
                errors.append(f"{d}: overlapping spans {a['quote'][:40]!r} / {b['quote'][:40]!r}")
    if errors:
        print("\n".join(errors))
        print(f"FAILED: {len(errors)} error(s)")
        sys.exit(1)
    out.sort(key=lambda r: (r["doc"], r["start"]))
    with open(os.path.join(HERE, "labels.jsonl"), "w", encoding="utf-8") as fh:
        for r in out:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    report(out, docs, types, by_doc)


def report(out, docs, types, by_doc):
    C = collections.Counter
    files = {d.split("#")[0] for d in docs}
    words = sum(len(t.split()) for t in docs.values())
    print(
        f"OK: {len(out)} gold quotes, {len(docs)} documents/records in {len(files)} files, {words} words"
    )
    print("files by type:", dict(C(f.rsplit(".", 1)[-1] for f in files)))
    print("records by type:", dict(C(types.values())))
    # unlabelled customer-side sentence estimate
    neg = 0
    for d, t in docs.items():
        spans = [(r["start"], r["end"]) for r in by_doc.get(d, [])]
        # skip a text file's title/metadata block (up to the first blank line)
        body_from = t.find("\n\n") if "#" not in d and types.get(d) not in ("vtt", "srt") else 0
        for line_m in re.finditer(r"[^\n]+", t):
            line = line_m.group(0)
            if line_m.start() < max(body_from, 0):
                continue
            if INTERVIEWER.match(line) or META.match(line):
                continue
            for s in re.finditer(r"[^.!?]+[.!?]*", line):
                a, b = line_m.start() + s.start(), line_m.start() + s.end()
                if len(s.group(0).split()) < 3:
                    continue
                if not any(a < e and b > st for st, e in spans):
                    neg += 1
    print(f"unlabelled non-interviewer sentences (estimate): {neg}")
    for key in ["stage", "touchpoint", "emotion", "actor", "valence", "pain_point", "severity"]:
        c = C(r[key] for r in out)
        if key == "stage":
            c = {s: c.get(s, 0) for s in STAGES}
        print(
            f"{key}: {dict(sorted(c.items(), key=lambda kv: str(kv[0])) if key != 'stage' else c)}"
        )
    warn = []
    for s in STAGES:
        if sum(r["stage"] == s for r in out) < 40:
            warn.append(f"stage {s} < 40")
    for t in TOUCHPOINTS:
        if sum(r["touchpoint"] == t for r in out) < 5:
            warn.append(f"touchpoint {t} < 5")
    for e in EMOTIONS:
        if sum(r["emotion"] == e for r in out) < 10:
            warn.append(f"emotion {e} < 10")
    for a in ACTORS:
        if sum(r["actor"] == a for r in out) < 10:
            warn.append(f"actor {a} < 10")
    if warn:
        print("below targets:", "; ".join(warn))


if __name__ == "__main__":
    main()
