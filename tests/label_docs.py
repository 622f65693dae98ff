"""One document and one valid gold line: the starting point of the label reader's tests."""

TEXT = "Interviewer: Hi.\nDana (CFO): The security review took six weeks. Support was great."
QUOTE = "The security review took six weeks."
START = TEXT.index(QUOTE)
GOOD = {
    "doc": "a.txt", "start": START, "end": START + len(QUOTE), "quote": QUOTE,
    "stage": "evaluation", "touchpoint": "security_review", "emotion": "frustrated", "valence": -2,
    "actor": "economic_buyer", "pain_point": True, "pain": "security review took six weeks", "severity": 2,
}  # fmt: skip
