"""Build evals/b2b-dev/labels.jsonl from labels_src.yaml and the corpus.

Run from the repository root:

    .venv/bin/python evals/b2b-dev/build_labels.py          # build, validate, print counts
    .venv/bin/python evals/b2b-dev/build_labels.py --check  # validate only, write nothing

The source file lists, per document, each gold quote as verbatim text plus its
labels. This script finds each quote in the document text (ingested exactly as
labels.md and the readers define it: UTF-8, "\\r\\n"/"\\r" -> "\\n"; a CSV or
JSONL record's text cell), computes start/end, and fails loudly on anything
that is not found, ambiguous, outside the taxonomy, inconsistent or
overlapping. Stdlib + pyyaml only.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

SET_DIR = Path(__file__).resolve().parent
CORPUS = SET_DIR / "corpus"
SOURCE = SET_DIR / "labels_src.yaml"
OUTPUT = SET_DIR / "labels.jsonl"

# ---------------------------------------------------------------- taxonomy
# Hard-coded from /work/shared/spec/labels.md section 1 (b2b-default).
STAGES = [
    "awareness", "research", "consideration", "evaluation", "decision",
    "onboarding", "usage", "support", "renewal", "advocacy",
]  # fmt: skip
TOUCHPOINTS = [
    "website", "search", "content", "analyst_report", "review_site", "peer_referral",
    "social_media", "event", "advertising", "email", "sales_call", "demo", "free_trial",
    "security_review", "pricing", "procurement_legal", "onboarding_session", "training",
    "documentation", "product", "integration", "support_ticket", "account_manager",
    "billing", "community", "other",
]  # fmt: skip
EMOTIONS = [
    "frustrated", "angry", "confused", "anxious", "skeptical", "disappointed", "neutral",
    "curious", "hopeful", "relieved", "satisfied", "confident", "delighted",
]  # fmt: skip
ACTORS = [
    "end_user", "champion", "economic_buyer", "technical_evaluator", "procurement_legal",
    "executive_sponsor", "admin", "vendor", "unknown",
]  # fmt: skip
SEVERITIES = (1, 2, 3)

# Valence an emotion may carry in this set (a sanity check on the labeller,
# stricter than labels.md, which only bounds valence to -2..2).
EMOTION_VALENCE = {
    "frustrated": (-2, -1), "angry": (-2, -1), "anxious": (-2, -1),
    "disappointed": (-2, -1), "confused": (-2, 0), "skeptical": (-2, 0),
    "neutral": (0, 0), "curious": (0, 1), "hopeful": (0, 2), "relieved": (1, 2),
    "satisfied": (1, 2), "confident": (1, 2), "delighted": (1, 2),
}  # fmt: skip

FIELDS = [
    "doc", "start", "end", "quote", "stage", "touchpoint", "emotion", "valence", "actor",
    "pain_point", "pain", "severity",
]  # fmt: skip
SOURCE_KEYS = {
    "quote", "stage", "touchpoint", "touchpoint_other", "emotion", "valence", "actor",
    "pain_point", "pain", "severity", "occurrence", "after", "note",
}  # fmt: skip

# Interviewer / researcher speakers per transcript: quotes must never come from their turns.
INTERVIEWER_LABEL = re.compile(
    r"^(?:\[\d{2}:\d{2}:\d{2}\][ \t]*)?(?:Dana Okafor \(Interviewer\)|Leo|Interviewer)[ \t]*:",
    re.MULTILINE,
)
SPEAKER_LABEL = re.compile(
    r"^(?:\[\d{2}:\d{2}:\d{2}\][ \t]*)?[A-Z][\w.'-]*(?:[ \t][\w.'-]+){0,3}(?:[ \t]*\([^()\n]{1,60}\))?[ \t]*:(?=[ \t]|$)",
    re.MULTILINE,
)
VTT_VOICE = re.compile(r"^<v ([^>\n]+)>(.*?)</v>$", re.MULTILINE)
VTT_INTERVIEWERS = {"Dana Okafor"}


class BuildError(Exception):
    pass


# ---------------------------------------------------------------- corpus
def normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        raise BuildError(f"{path}: has a UTF-8 BOM; write files without one")
    if b"\r" in data:
        raise BuildError(f"{path}: contains \\r; write files with \\n newlines")
    return normalise(data.decode("utf-8"))


def source_type(rel: str) -> str:
    top = rel.split("/", 1)[0].split("#", 1)[0]
    return {
        "interviews": "interview",
        "lost-deals": "lost_deal",
        "notes": "notes",
        "tickets.csv": "ticket",
        "reviews.jsonl": "review",
    }.get(top, "unknown")


def load_corpus() -> dict[str, str]:
    """doc id -> document text, exactly as the tool ingests it."""
    docs: dict[str, str] = {}
    for path in sorted(CORPUS.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(CORPUS).as_posix()
        ext = path.suffix.lower()
        if ext in (".txt", ".md", ".vtt", ".srt"):
            docs[rel] = read_text(path)
        elif ext == ".csv":
            reader = csv.reader(io.StringIO(read_text(path), newline=""))
            header = [h.strip() for h in next(reader)]
            for cells in reader:
                if not cells:
                    continue
                row = dict(zip(header, cells, strict=True))
                docs[f"{rel}#{row['id']}"] = normalise(row["text"])
        elif ext == ".jsonl":
            for line in read_text(path).split("\n"):
                if line.strip():
                    row = json.loads(line)
                    docs[f"{rel}#{row['id']}"] = normalise(row["text"])
        else:
            raise BuildError(f"{rel}: unexpected file type in corpus/")
    return docs


def file_of(doc_id: str) -> str:
    return doc_id.split("#", 1)[0]


# ---------------------------------------------------------------- building
def locate(text: str, entry: dict, where: str) -> tuple[int, int]:
    quote = entry["quote"]
    hits = [m.start() for m in re.finditer(re.escape(quote), text)]
    if not hits:
        raise BuildError(f"{where}: quote not found verbatim: {quote!r}")
    if "after" in entry:
        anchor = text.find(entry["after"])
        if anchor < 0:
            raise BuildError(f"{where}: 'after' anchor not found: {entry['after']!r}")
        hits = [h for h in hits if h >= anchor]
        if not hits:
            raise BuildError(f"{where}: no occurrence after anchor {entry['after']!r}")
        start = hits[0]
    elif "occurrence" in entry:
        idx = entry["occurrence"]
        if not isinstance(idx, int) or not 0 <= idx < len(hits):
            raise BuildError(f"{where}: occurrence {idx!r} out of range (found {len(hits)})")
        start = hits[idx]
    else:
        if len(hits) > 1:
            raise BuildError(
                f"{where}: quote occurs {len(hits)} times; give 'occurrence' or 'after': {quote!r}"
            )
        start = hits[0]
    return start, start + len(quote)


def check_span(doc: str, text: str, start: int, end: int, where: str) -> None:
    quote = text[start:end]
    if quote != quote.strip() or not quote:
        raise BuildError(f"{where}: quote has leading/trailing whitespace")
    if start > 0 and text[start - 1].isalnum() and quote[0].isalnum():
        raise BuildError(f"{where}: quote starts mid-word")
    if end < len(text) and text[end].isalnum() and quote[-1].isalnum():
        raise BuildError(f"{where}: quote ends mid-word")
    if doc.endswith(".vtt"):
        if "\n" in quote or "<v" in quote or "</v>" in quote or "-->" in quote:
            raise BuildError(f"{where}: VTT quote must lie inside one cue's text")
        line_start = text.rfind("\n", 0, start) + 1
        m = re.match(r"<v ([^>\n]+)>", text[line_start:])
        if not m:
            raise BuildError(f"{where}: VTT quote is not in a voice-tagged cue")
        if m.group(1) in VTT_INTERVIEWERS:
            raise BuildError(f"{where}: quote comes from the interviewer ({m.group(1)})")
    elif source_type(doc) == "interview":
        labels = [m for m in SPEAKER_LABEL.finditer(text, 0, start + 1) if m.start() <= start]
        if labels and INTERVIEWER_LABEL.match(text, labels[-1].start()):
            raise BuildError(f"{where}: quote comes from an interviewer turn")
        if SPEAKER_LABEL.search(quote) and "\n" in quote:
            raise BuildError(f"{where}: quote spans speaker turns")


def build_record(doc: str, text: str, entry: dict, where: str) -> dict:
    unknown = set(entry) - SOURCE_KEYS
    if unknown:
        raise BuildError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("quote", "stage", "touchpoint", "emotion", "valence", "actor", "pain_point"):
        if key not in entry:
            raise BuildError(f"{where}: missing {key!r}")
    if not isinstance(entry["quote"], str):
        raise BuildError(f"{where}: quote must be a string")
    if entry["stage"] not in STAGES:
        raise BuildError(f"{where}: stage {entry['stage']!r} not in taxonomy")
    if entry["touchpoint"] not in TOUCHPOINTS:
        raise BuildError(f"{where}: touchpoint {entry['touchpoint']!r} not in taxonomy")
    if "touchpoint_other" in entry and entry["touchpoint"] != "other":
        raise BuildError(f"{where}: touchpoint_other given but touchpoint is not 'other'")
    if entry["emotion"] not in EMOTIONS:
        raise BuildError(f"{where}: emotion {entry['emotion']!r} not in taxonomy")
    if entry["actor"] not in ACTORS:
        raise BuildError(f"{where}: actor {entry['actor']!r} not in taxonomy")
    valence = entry["valence"]
    if type(valence) is not int or not -2 <= valence <= 2:
        raise BuildError(f"{where}: valence must be an integer in -2..2, got {valence!r}")
    lo, hi = EMOTION_VALENCE[entry["emotion"]]
    if not lo <= valence <= hi:
        raise BuildError(f"{where}: valence {valence} inconsistent with emotion {entry['emotion']}")
    pain_point = entry["pain_point"]
    if type(pain_point) is not bool:
        raise BuildError(f"{where}: pain_point must be true or false")
    pain, severity = entry.get("pain"), entry.get("severity")
    if pain_point:
        if not isinstance(pain, str) or not pain.strip():
            raise BuildError(f"{where}: pain_point true needs a non-empty pain summary")
        if type(severity) is not int or severity not in SEVERITIES:
            raise BuildError(f"{where}: pain_point true needs severity 1..3, got {severity!r}")
    elif pain is not None or severity is not None:
        raise BuildError(f"{where}: pain_point false must have pain and severity null")

    start, end = locate(text, entry, where)
    check_span(doc, text, start, end, where)
    record = {
        "doc": doc, "start": start, "end": end, "quote": text[start:end],
        "stage": entry["stage"], "touchpoint": entry["touchpoint"],
        "emotion": entry["emotion"], "valence": valence, "actor": entry["actor"],
        "pain_point": pain_point, "pain": pain if pain_point else None,
        "severity": severity if pain_point else None,
    }  # fmt: skip
    if "touchpoint_other" in entry:
        record["touchpoint_other"] = entry["touchpoint_other"]
    return record


def validate_record(r: dict, docs: dict[str, str]) -> None:
    """Final contract check on an output record (labels.md section 2)."""
    where = f"{r['doc']}:{r['start']}"
    assert docs[r["doc"]][r["start"] : r["end"]] == r["quote"], where
    assert r["stage"] in STAGES and r["touchpoint"] in TOUCHPOINTS, where
    assert r["emotion"] in EMOTIONS and r["actor"] in ACTORS, where
    assert -2 <= r["valence"] <= 2, where
    if r["pain_point"]:
        assert r["pain"] and r["severity"] in SEVERITIES, where
    else:
        assert r["pain"] is None and r["severity"] is None, where


def build() -> tuple[list[dict], dict[str, str]]:
    docs = load_corpus()
    src = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    if not isinstance(src, dict) or not isinstance(src.get("documents"), dict):
        raise BuildError(f"{SOURCE.name}: expected a mapping with a 'documents' mapping")
    records: list[dict] = []
    errors: list[str] = []
    for doc, entries in src["documents"].items():
        if doc not in docs:
            errors.append(f"{doc}: no such document in corpus/")
            continue
        for i, entry in enumerate(entries or [], 1):
            where = f"{doc} [quote {i}]"
            try:
                records.append(build_record(doc, docs[doc], entry, where))
            except BuildError as exc:
                errors.append(str(exc))
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_doc[r["doc"]].append(r)
    for doc, rs in by_doc.items():
        rs.sort(key=lambda r: (r["start"], r["end"]))
        for a, b in zip(rs, rs[1:], strict=False):
            if b["start"] < a["end"]:
                errors.append(f"{doc}: overlapping gold spans {a['quote']!r} / {b['quote']!r}")
    if errors:
        raise BuildError("\n".join(errors))
    order = {d: i for i, d in enumerate(docs)}
    records.sort(key=lambda r: (order[r["doc"]], r["start"]))
    for r in records:
        validate_record(r, docs)
    return records, docs


# ---------------------------------------------------------------- statistics
SENTENCE = re.compile(r"[^.!?\n]*[A-Za-z0-9][^.!?\n]*(?:[.!?]+|$)", re.MULTILINE)


def customer_regions(doc: str, text: str) -> list[tuple[int, int]]:
    """Rough customer-side spans, for the labelled-sentence estimate."""
    if doc.endswith(".vtt"):
        return [
            (m.start(2), m.end(2))
            for m in VTT_VOICE.finditer(text)
            if m.group(1) not in VTT_INTERVIEWERS
        ]
    if source_type(doc) == "interview":
        labels = list(SPEAKER_LABEL.finditer(text))
        regions = []
        for m, nxt in zip(labels, [*labels[1:], None], strict=True):
            if not INTERVIEWER_LABEL.match(text, m.start()):
                regions.append((m.end(), nxt.start() if nxt else len(text)))
        return regions
    return [(0, len(text))]


def labelled_fraction(
    records: list[dict], docs: dict[str, str], key=lambda doc: source_type(doc)
) -> dict[str, tuple[int, int]]:
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for r in records:
        spans[r["doc"]].append((r["start"], r["end"]))
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for doc, text in docs.items():
        t = key(doc)
        for a, b in customer_regions(doc, text):
            for m in SENTENCE.finditer(text, a, b):
                s, e = m.start(), m.end()
                if len(m.group().split()) < 3:
                    continue
                out[t][1] += 1
                if any(s < ge and gs < e for gs, ge in spans[doc]):
                    out[t][0] += 1
    return {t: (v[0], v[1]) for t, v in out.items()}


def print_counts(records: list[dict], docs: dict[str, str], per_doc: bool = False) -> None:
    files = sorted({file_of(d) for d in docs})
    print(f"\n== documents: {len(files)} files, {len(docs)} documents (table records count singly)")
    by_type_files = Counter(source_type(f) for f in files)
    by_type_docs = Counter(source_type(d) for d in docs)
    words = Counter()
    for d, t in docs.items():
        words[source_type(d)] += len(t.split())
    print(f"   {'type':<10} {'files':>5} {'docs':>5} {'words':>6} {'quotes':>6}")
    q_by_type = Counter(source_type(r["doc"]) for r in records)
    for t in sorted(by_type_docs):
        print(
            f"   {t:<10} {by_type_files[t]:>5} {by_type_docs[t]:>5} {words[t]:>6} {q_by_type[t]:>6}"
        )
    print(
        f"   {'total':<10} {len(files):>5} {len(docs):>5} {sum(words.values()):>6} {len(records):>6}"
    )

    print(f"\n== gold quotes: {len(records)}")
    stages = Counter(r["stage"] for r in records)
    print("   by stage:      " + ", ".join(f"{s} {stages[s]}" for s in STAGES))
    val = Counter(r["valence"] for r in records)
    print("   valence:       " + ", ".join(f"{v:+d}: {val[v]}" for v in range(-2, 3)))
    pain = sum(r["pain_point"] for r in records)
    sev = Counter(r["severity"] for r in records if r["pain_point"])
    print(f"   pain points:   {pain} pain, {len(records) - pain} non-pain "
          f"(severity 1: {sev[1]}, 2: {sev[2]}, 3: {sev[3]})")  # fmt: skip
    for field in ("touchpoint", "emotion", "actor"):
        c = Counter(r[field] for r in records)
        print(f"   {field + ':':<14} " + ", ".join(f"{k} {n}" for k, n in c.most_common()))
    frac = labelled_fraction(records, docs)
    tot = [sum(v[0] for v in frac.values()), sum(v[1] for v in frac.values())]
    print("\n== labelled share of customer-side sentences (rough sentence split):")
    for t, (a, b) in sorted(frac.items()):
        print(f"   {t:<10} {a:>4}/{b:<4} {a / b:5.0%}")
    print(f"   {'overall':<10} {tot[0]:>4}/{tot[1]:<4} {tot[0] / tot[1]:5.0%}")
    if per_doc:
        print("\n== per file:")
        frac = labelled_fraction(records, docs, key=file_of)
        for f, (a, b) in sorted(frac.items()):
            print(f"   {f:<52} {a:>4}/{b:<4} {a / b:5.0%}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="validate only; do not write")
    ap.add_argument("--per-doc", action="store_true", help="also print the labelled share per file")
    args = ap.parse_args()
    try:
        records, docs = build()
    except BuildError as exc:
        print(f"FAILED:\n{exc}", file=sys.stderr)
        return 1
    if not args.check:
        with OUTPUT.open("w", encoding="utf-8", newline="\n") as f:
            for r in records:
                ordered = {k: r[k] for k in FIELDS}
                if "touchpoint_other" in r:
                    ordered["touchpoint_other"] = r["touchpoint_other"]
                f.write(json.dumps(ordered, ensure_ascii=False) + "\n")
        print(f"wrote {OUTPUT.relative_to(SET_DIR.parent.parent)} ({len(records)} quotes)")
    else:
        print(f"ok: {len(records)} quotes valid")
    print_counts(records, docs, per_doc=args.per_doc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
