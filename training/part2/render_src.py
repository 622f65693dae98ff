"""Authoring helper: render annotated sources in src/ into corpus/ + labels_src.yaml.

Annotated sources contain the document text with gold quotes marked inline:
    [[quote text@@stage touchpoint emotion valence actor]]
    [[quote text@@stage touchpoint emotion valence actor@@pain summary@@severity]]
touchpoint may be `other=<name>` (-> touchpoint "other" + touchpoint_other).
Short actor aliases: eu end_user, ch champion, eb economic_buyer,
te technical_evaluator, pl procurement_legal, es executive_sponsor.

src/<path>.src           -> corpus/<path> (text file; markup stripped)
src/<path>.csv.src / .jsonl.src -> a table file. Format:
    @@columns: id, customer, date        (text column is added last)
    @@record: T-1 | Acme | 2024-01-02
    record text (may span lines) ...
The renderer only strips markup and writes labels_src.yaml (doc, quote,
occurrence, labels). build_labels.py then locates every quote in corpus/ and
validates; it never trusts offsets from here.
"""

import csv
import json
import os
import re
import sys
from pathlib import Path

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
CORPUS = os.path.join(HERE, "corpus")
ALIASES = {
    "eu": "end_user",
    "ch": "champion",
    "eb": "economic_buyer",
    "te": "technical_evaluator",
    "pl": "procurement_legal",
    "es": "executive_sponsor",
}
MARK = re.compile(r"\[\[(.+?)\]\]", re.S)


def parse(text, doc):
    out, labels, pos = [], [], 0
    clean_len = 0
    for m in MARK.finditer(text):
        out.append(text[pos : m.start()])
        clean_len += len(text[pos : m.start()])
        parts = m.group(1).split("@@")
        quote = parts[0]
        if len(parts) not in (2, 4):
            sys.exit(f"{doc}: bad markup {m.group(0)[:80]!r}")
        f = parts[1].split()
        if len(f) != 5:
            sys.exit(f"{doc}: need 5 label fields in {parts[1]!r}")
        stage, tp, emo, val, actor = f
        lab = {"doc": doc, "quote": quote, "start_hint": clean_len, "stage": stage}
        if tp.startswith("other="):
            lab["touchpoint"] = "other"
            lab["touchpoint_other"] = tp[6:].replace("_", " ")
        else:
            lab["touchpoint"] = tp
        lab.update({"emotion": emo, "valence": int(val), "actor": ALIASES.get(actor, actor)})
        if len(parts) == 4:
            lab.update({"pain_point": True, "pain": parts[2].strip(), "severity": int(parts[3])})
        else:
            lab.update({"pain_point": False, "pain": None, "severity": None})
        out.append(quote)
        clean_len += len(quote)
        labels.append(lab)
        pos = m.end()
    out.append(text[pos:])
    clean = "".join(out)
    if "[[" in clean or "]]" in clean or "@@" in clean:
        sys.exit(f"{doc}: leftover markup")
    for lab in labels:
        s = lab.pop("start_hint")
        lab["occurrence"] = occ_index(clean, lab["quote"], s)
    return clean, labels


def occ_index(text, quote, start):
    n, i = 0, text.find(quote)
    while i != -1 and i < start:
        n += 1
        i = text.find(quote, i + 1)
    assert i == start, (quote, start)
    return n


def parse_table(raw):
    cols, records, cur = None, [], None
    for line in raw.split("\n"):
        if line.startswith("@@columns:"):
            cols = [c.strip() for c in line[10:].split(",")]
        elif line.startswith("@@record:"):
            cur = [[v.strip() for v in line[9:].split("|")], []]
            if len(cur[0]) != len(cols):
                sys.exit(f"record arity mismatch: {line}")
            records.append(cur)
        elif cur is not None:
            cur[1].append(line)
    return cols, [
        (dict(zip(cols, vals, strict=False)), "\n".join(body).strip()) for vals, body in records
    ]


def main():
    all_labels = []
    for root, _, files in os.walk(SRC):
        for fn in sorted(files):
            if not fn.endswith(".src"):
                continue
            p = os.path.join(root, fn)
            rel = os.path.relpath(p, SRC)[:-4].replace(os.sep, "/")
            raw = Path(p).read_text(encoding="utf-8").replace("\r\n", "\n")
            dst = os.path.join(CORPUS, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            if rel.endswith(".csv") or rel.endswith(".jsonl"):
                cols, recs = parse_table(raw)
                rows = []
                for meta, body in recs:
                    clean, labs = parse(body, f"{rel}#{meta['id']}")
                    all_labels += labs
                    row = dict(meta)
                    for k in ("rating", "score", "nps"):
                        if k in row and row[k].lstrip("-").isdigit():
                            row[k] = int(row[k])
                    row["text"] = clean
                    rows.append(row)
                if rel.endswith(".csv"):
                    with open(dst, "w", encoding="utf-8", newline="") as fh:
                        w = csv.DictWriter(fh, fieldnames=cols + ["text"], lineterminator="\n")
                        w.writeheader()
                        w.writerows(rows)
                else:
                    with open(dst, "w", encoding="utf-8") as fh:
                        for r in rows:
                            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            else:
                clean, labs = parse(raw, rel)
                all_labels += labs
                with open(dst, "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(clean)
    all_labels.sort(key=lambda lab: lab["doc"])
    for lab in all_labels:
        if lab["occurrence"] == 0:
            del lab["occurrence"]
    with open(os.path.join(HERE, "labels_src.yaml"), "w", encoding="utf-8") as fh:
        fh.write("# Generated from src/ by render_src.py (inline-annotated sources).\n")
        yaml.safe_dump(all_labels, fh, sort_keys=False, allow_unicode=True, width=1000)
    print(f"rendered {len(all_labels)} labels")


if __name__ == "__main__":
    main()
