"""Speaker turns: who says what, with the utterance's exact offsets in the text.

Plain transcripts: a turn starts at a line that opens with a speaker label,
`Name:`, `Name (Role):`, `[00:01:02] Name:`, `00:01:02 Name:`, `Q:`/`A:`,
`Interviewer:`; the lines after it belong to it until the next label. A label
counts only when it opens at least two lines, which keeps one-off headers
("Date: ...", "Summary: ...") and prose with a colon from becoming speakers.
WebVTT / SRT: one turn per cue, its span the cue text without a `<v Name>` tag.

`is_customer` is False for the interviewer side: names or roles such as
interviewer, moderator, researcher, host, Q; a speaker the transcript header
introduces as the interviewer; failing both, in an interview whose first
speaker asks most of the questions, that speaker.
"""

from __future__ import annotations

import re
from collections import Counter

from cjm_insights.types import Turn

_LABEL = re.compile(
    r"^[ \t]*(?:\[[^\]\n]{1,24}\][ \t]*|\(?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\)?[ \t]+)?"
    r"(?P<name>[^\W\d_][\w.'’&-]*(?:[ \t][\w.'’&-]+){0,3}?)"
    r"(?:[ \t]*\((?P<role>[^()\n]{1,60})\))?[ \t]*:(?=[ \t]|$)",
    re.MULTILINE,
)
# Labels that open header or note lines, not speakers, however often they recur.
_NOT_SPEAKERS = {
    "from", "to", "cc", "bcc", "subject", "date", "sent", "re", "fw", "fwd", "time", "duration",
    "location", "attendees", "participants", "agenda", "summary", "note", "notes", "action items",
    "next steps", "company", "organisation", "organization", "product", "project", "format",
    "title", "source", "result", "update", "edit", "ps", "http", "https", "recorded", "transcript",
    "tags", "status", "priority", "step", "steps", "owner", "example", "e.g", "i.e", "warning",
}  # fmt: skip
_INTERVIEWER = re.compile(
    r"\b(interviewer|moderator|researcher|research|facilitator|host|q)\b", re.IGNORECASE
)
_VOICE = re.compile(r"<v(?:\.[\w.-]+)*[ \t]+([^>\n]+)>")
_CUE_TIMING = re.compile(r"-->")


def parse_turns(text: str) -> list[Turn]:
    """Turns of a plain-text transcript; [] when the text has fewer than two labelled lines."""
    matches = [m for m in _LABEL.finditer(text) if _is_speaker(m.group("name"))]
    counts = Counter(_key(m.group("name")) for m in matches)
    matches = [m for m in matches if counts[_key(m.group("name"))] >= 2]
    if len(matches) < 2:
        return []
    turns = []
    for m, nxt in zip(matches, [*matches[1:], None], strict=True):
        start, end = strip_span(text, m.end(), nxt.start() if nxt else len(text))
        if end > start:
            role = (m.group("role") or "").strip() or None
            turns.append(Turn(start=start, end=end, speaker=m.group("name").strip(), role=role))
    return infer_roles(turns, text[: matches[0].start()], text)


def cue_turns(text: str) -> list[Turn]:
    """Turns of a WebVTT or SRT file: one per cue, offsets into the raw file text."""
    turns, labelled = [], []
    lines = list(re.finditer(r"[^\n]*(?:\n|$)", text))
    i = 0
    while i < len(lines):
        if not _CUE_TIMING.search(lines[i].group()):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j].group().strip():
            j += 1
        if j > i + 1:
            start, end = strip_span(text, lines[i + 1].start(), lines[j - 1].end())
            turn, label = _cue(text, start, end)
            if turn is not None:
                turns.append(turn)
                labelled.append(label)
        i = j
    # A "Name:" inside cue text is a speaker only if it recurs, as in plain transcripts.
    counts = Counter(_key(t.speaker) for t, lab in zip(turns, labelled, strict=True) if lab)
    for t, lab in zip(turns, labelled, strict=True):
        if lab and counts[_key(t.speaker)] < 2:
            t.start, t.speaker, t.role = lab, None, None
    first = turns[0].start if turns else len(text)
    return infer_roles(turns, text[:first], text)


def _cue(text: str, start: int, end: int) -> tuple[Turn | None, int | None]:
    """The cue text [start, end) as a turn; a voice tag or a `Name:` label names the speaker."""
    speaker = role = None
    label_from = None  # where the cue text starts when a `Name:` label is not a speaker after all
    if m := _VOICE.match(text, start, end):
        speaker = m.group(1).strip()
        start = m.end()
        if text.endswith("</v>", start, end):
            end -= len("</v>")
    elif (m := _LABEL.match(text, start, end)) and _is_speaker(m.group("name")):
        label_from = start
        speaker, role = m.group("name").strip(), (m.group("role") or "").strip() or None
        start = m.end()
    start, end = strip_span(text, start, end)
    if end <= start:
        return None, None
    return Turn(start=start, end=end, speaker=speaker, role=role), label_from


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) narrowed to exclude surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _key(name: str | None) -> str:
    return " ".join((name or "").lower().split())


def _is_speaker(name: str) -> bool:
    return _key(name) not in _NOT_SPEAKERS and len(name) <= 40


# ------------------------------------------------------------------- roles


def infer_roles(turns: list[Turn], preamble: str, text: str) -> list[Turn]:
    """Fill in roles from the transcript header and mark the interviewer side."""
    for t in turns:
        if t.role is None and t.speaker:
            t.role = _role_from_header(t.speaker, preamble)
        if _INTERVIEWER.search(f"{t.speaker or ''} ({t.role or ''})"):
            t.is_customer = False
            t.role = t.role or "interviewer"
    if turns and all(t.is_customer for t in turns):
        asker = _main_questioner(turns, text)
        for t in turns:
            if asker is not None and t.speaker == asker:
                t.is_customer = False
                t.role = t.role or "interviewer"
    return turns


def _role_from_header(speaker: str, preamble: str) -> str | None:
    """The role a header gives a speaker: "Maya Lindqvist (Pathwise, research)",
    "Interviewer: Tom Reyes", "Customer: Tasha Kowalczyk, Head of Operations" (not a plural "Participants:" list)."""
    name = re.escape(speaker)
    surname = r"(?:[ \t]+[^\W\d_][\w'’-]*)*"
    if re.search(
        rf"\b(?:interviewer|moderator|researcher|facilitator|host)s?:[ \t]*{name}\b",
        preamble,
        re.IGNORECASE,
    ):
        return "interviewer"
    if m := re.search(rf"\b{name}{surname}[ \t]*\(([^()\n]{{1,80}})\)", preamble):
        return m.group(1).strip()
    pattern = rf"\b(?:participant|customer|respondent|interviewee):[ \t]*{name}{surname},[ \t]*([^,|\n;(]+)"
    if m := re.search(pattern, preamble, re.IGNORECASE):
        return m.group(1).strip().rstrip(".") or None
    return None


def _main_questioner(turns: list[Turn], text: str) -> str | None:
    """The first speaker, when they ask in most of their turns and more than anyone else."""
    asked: Counter[str] = Counter()
    spoke: Counter[str] = Counter()
    for t in turns:
        if t.speaker:
            spoke[t.speaker] += 1
            asked[t.speaker] += "?" in text[t.start : t.end]
    if len(spoke) < 2 or not turns[0].speaker:
        return None
    ratio = {s: asked[s] / spoke[s] for s in spoke}
    first = turns[0].speaker
    others = max(r for s, r in ratio.items() if s != first)
    if spoke[first] >= 2 and ratio[first] >= 0.5 and ratio[first] > others:
        return first
    return None
