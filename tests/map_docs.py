"""A small hand-made corpus and Evidence set for assembly and rendering tests.

Includes hostile text: a quote with <script>, <img onerror> and a javascript: link,
and a document containing </script>, so every renderer is tested against them.
"""

from __future__ import annotations

from cjm_insights.types import Document, Evidence, Provenance, Turn

HOSTILE = (
    'Great demo <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> '
    '<a href="javascript:window.__pwned=3">click</a> =HYPERLINK("http://evil.example")'
)

INTERVIEW = (
    "Interviewer: How did you find us?\n"
    "Dana (Champion): We kept missing renewals in spreadsheets, so I went looking. "
    "Then the demo was brilliant, honestly the best demo I have seen. "
    "But the security questionnaire took six weeks. "
    "Afterwards we went back and read analyst reports again to double check. "
    "In the end the CFO signed off quickly.\n"
)

PROV = Provenance(extractor="gold")


def documents() -> list[Document]:
    inter_start = INTERVIEW.index("Dana (Champion): ") + len("Dana (Champion): ")
    docs = [
        Document(
            id="interviews/dana.txt",
            source_type="interview",
            path="interviews/dana.txt",
            text=INTERVIEW,
            turns=[
                Turn(start=13, end=INTERVIEW.index("\n"), speaker="Interviewer", is_customer=False),
                Turn(start=inter_start, end=len(INTERVIEW) - 1, speaker="Dana", role="Champion"),
            ],
        ),
        Document(
            id="lost/acme.md",
            source_type="lost_deal",
            path="lost/acme.md",
            text="We lost Acme. The security questionnaire took 6 weeks and they walked. Pricing was fine.",
        ),
        Document(
            id="hostile.txt",
            source_type="review",
            path="hostile.txt",
            text=HOSTILE + "\nThe end </script><script>window.__pwned = 4</script>",
        ),
    ]
    for n, customer in ((1, "Globex"), (2, "Globex"), (3, "Initech")):
        docs.append(
            Document(
                id=f"tickets.csv#T-{n}",
                source_type="ticket",
                path="tickets.csv",
                text=f"Ticket {n}: SSO login fails for every user since the update.",
                metadata={"customer": customer, "team": "IT" if n < 3 else "Finance"},
            )
        )
    return docs


def ev(doc: Document, quote: str, **labels) -> Evidence:
    start = doc.text.index(quote)
    base = dict(touchpoint="other", emotion="neutral", valence=0, actor="champion")
    return Evidence(
        doc_id=doc.id,
        start=start,
        end=start + len(quote),
        quote=quote,
        provenance=PROV,
        **(base | labels),
    )


def evidence(docs: list[Document] | None = None) -> list[Evidence]:
    d = {x.id: x for x in (docs or documents())}
    dana, acme, hostile = d["interviews/dana.txt"], d["lost/acme.md"], d["hostile.txt"]
    out = [
        ev(
            dana,
            "We kept missing renewals in spreadsheets",
            stage="awareness",
            emotion="frustrated",
            valence=-1,
            pain_point=True,
            pain="renewals missed in spreadsheets",
            severity=1,
        ),
        ev(
            dana,
            "the demo was brilliant, honestly the best demo I have seen",
            stage="evaluation",
            touchpoint="demo",
            emotion="delighted",
            valence=2,
        ),
        ev(
            dana,
            "the security questionnaire took six weeks",
            stage="evaluation",
            touchpoint="security_review",
            emotion="frustrated",
            valence=-2,
            actor="technical_evaluator",
            pain_point=True,
            pain="security questionnaire took six weeks",
            severity=2,
        ),
        ev(
            dana,
            "we went back and read analyst reports again",
            stage="research",
            touchpoint="analyst_report",
            emotion="anxious",
            valence=-1,
        ),
        ev(
            dana,
            "the CFO signed off quickly",
            stage="decision",
            touchpoint="pricing",
            emotion="relieved",
            valence=1,
            actor="economic_buyer",
        ),
        ev(
            acme,
            "The security questionnaire took 6 weeks and they walked",
            stage="evaluation",
            touchpoint="security_review",
            emotion="frustrated",
            valence=-2,
            actor="technical_evaluator",
            pain_point=True,
            pain="security questionnaire took 6 weeks",
            severity=3,
        ),
        ev(
            acme,
            "Pricing was fine",
            stage="decision",
            touchpoint="pricing",
            emotion="neutral",
            valence=0,
            actor="economic_buyer",
        ),
        ev(
            hostile,
            HOSTILE,
            stage="evaluation",
            touchpoint="demo",
            emotion="delighted",
            valence=2,
            actor="end_user",
            pain_point=True,
            pain='=HYPERLINK("x") <b>bold</b>',
            severity=1,
        ),
    ]
    for n in (1, 2, 3):
        t = d[f"tickets.csv#T-{n}"]
        out.append(
            ev(
                t,
                "SSO login fails for every user since the update",
                stage="support",
                touchpoint="support_ticket",
                emotion="angry",
                valence=-2,
                actor="admin",
                pain_point=True,
                pain="SSO login fails for every user",
                severity=2,
            )
        )
    return out
