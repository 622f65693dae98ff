"""Writes corpus/surveys/coursewell-lms-survey.csv (fictional end-of-term survey free text for an edtech LMS)."""

import csv
from pathlib import Path

Q = "Anything else you'd like to tell us about Coursewell this term?"
ROWS = [
    (
        "S-001",
        "Teacher",
        "Secondary",
        "Nothing much to add this time. Thanks for asking though, and hope the team has a good summer.",
    ),
    (
        "S-002",
        "Teacher",
        "Secondary",
        "The gradebook sync with our MIS still duplicates students who changed sets mid-term. I spent a whole Sunday fixing Year 10 marks before reports went home. Please fix this before September.",
    ),
    (
        "S-003",
        "Head of Department",
        "Secondary",
        "Overall the move to Coursewell has been positive for my department. Setting homework with auto-marked quizzes has saved my team a few hours a week each. The staff training in September was rushed though, 45 minutes on an INSET day isn't enough for people who aren't confident with tech.",
    ),
    (
        "S-004",
        "Teacher",
        "Primary",
        "I didn't really use it much this term, we were mostly doing paper-based work with the little ones. Maybe next term.",
    ),
    (
        "S-005",
        "IT Manager",
        "Trust (6 schools)",
        "Rostering via Wonde works well now after a rocky start. The first sync in August created 3,000 orphan accounts which took your support team two weeks to clean up. Since then no issues. Support were apologetic and kept me updated, to be fair.",
    ),
    (
        "S-006",
        "Teacher",
        "Secondary",
        "Students find the mobile app confusing, they can't find where to submit work and end up emailing it to me instead, which defeats the purpose. The desktop version is fine.",
    ),
    (
        "S-007",
        "Teaching Assistant",
        "Primary",
        "Its ok. I dont have a login myself so I use the teachers one, is that allowed?",
    ),
    (
        "S-008",
        "Deputy Head",
        "Secondary",
        "We're reviewing all our software spend for next year as budgets are very tight. Coursewell will need to show it's worth the per-pupil cost compared with just using the free tools from our productivity suite. Some colleagues feel it's a duplicate.",
    ),
    (
        "S-009",
        "Teacher",
        "Secondary",
        "The analytics dashboard showing which students haven't opened the homework is brilliant, I use it every Monday to chase people. Honestly my favourite feature.",
    ),
    (
        "S-010",
        "Teacher",
        "Secondary",
        "I filled this survey in last term too and nothing seemed to change, so I'm not sure what the point is.",
    ),
    (
        "S-011",
        "SENCo",
        "Secondary",
        "The read-aloud and font options have made a real difference for a few of our dyslexic students. One parent emailed to say her son was doing homework independently for the first time. Thank you.",
    ),
    (
        "S-012",
        "Teacher",
        "Primary",
        "Please could the login screen remember the school? Every time the kids have to search for our school name and the little ones can't spell it. It wastes ten minutes of every lesson in the ICT suite.",
    ),
    (
        "S-013",
        "Teacher",
        "Secondary",
        "No comments really. It works most of the time and I'm too busy to think of improvements.",
    ),
    (
        "S-014",
        "Business Manager",
        "Secondary",
        "Invoice came addressed to the old head teacher and with the wrong pupil numbers, had to send it back twice. Minor but annoying when finance are already stretched.",
    ),
    (
        "S-015",
        "Teacher",
        "Secondary",
        "The webinars you ran on assessment design were actually very good, I went to two of them. More of those please, especially short ones after school.",
    ),
    (
        "S-016",
        "Head Teacher",
        "Primary",
        "We heard about Coursewell at a local heads' network meeting and I'm glad we tried it. Parents like seeing homework online. I'd happily tell other heads about it, though I'd warn them the first month is hard work.",
    ),
]

out = Path(__file__).resolve().parent.parent / "corpus" / "surveys" / "coursewell-lms-survey.csv"
out.parent.mkdir(parents=True, exist_ok=True)
with out.open("w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "respondent_role", "setting", "question", "text"])
    for r in ROWS:
        w.writerow([r[0], r[1], r[2], Q, r[3]])
print("wrote", out)
