"""Writes corpus/surveys/chartwell-bi-nps.csv (fictional NPS verbatims for a BI / analytics tool)."""

import csv
from pathlib import Path

ROWS = [
    (
        "N-01",
        10,
        "Head of Analytics",
        "I've recommended Chartwell at two previous companies and I'll keep doing it. Our self-serve dashboards mean the business stops emailing my team for numbers.",
    ),
    (
        "N-02",
        9,
        "RevOps Manager",
        "Setting up the Salesforce connector was painless and the pipeline dashboards are now the single source of truth in our Monday meeting. Would recommend.",
    ),
    (
        "N-03",
        6,
        "Data Engineer",
        "Good product, but the semantic layer is hard to version-control. We keep breaking dashboards when someone renames a field.",
    ),
    (
        "N-04",
        3,
        "CFO",
        "Too expensive for what we actually use. We pay for 80 viewer licences and maybe 20 people log in. At renewal I'll be cutting seats or looking elsewhere.",
    ),
    ("N-05", 8, "Marketing Analyst", "Pretty happy overall. Nothing major to report this quarter."),
    (
        "N-06",
        10,
        "COO",
        "I get the board pack out of Chartwell in an hour instead of two days of spreadsheet work. My board chair asked what we use and I told her, her company is now trialling it.",
    ),
    (
        "N-07",
        5,
        "IT Manager",
        "SSO and permissions are a pain. Row-level security took our team weeks to set up and the documentation assumes you already know how it works.",
    ),
    (
        "N-08",
        7,
        "Sales Ops",
        "Useful, but dashboards load slowly on Monday mornings when everyone opens them at once.",
    ),
    (
        "N-09",
        9,
        "Product Manager",
        "The training sessions your team ran for our PMs were excellent. Half my team now builds their own reports, which I didn't think would happen.",
    ),
    (
        "N-10",
        2,
        "Analytics Lead",
        "The new pricing model announced at the user conference is going to double our bill. Several of us in the community Slack are comparing notes on alternatives. Disappointing after five years as a customer.",
    ),
    ("N-11", 8, "Finance Analyst", "No complaints, does the job."),
    (
        "N-12",
        10,
        "Founder",
        "We're a 15-person startup and Chartwell's startup programme gave us a year free. Honestly a big part of why we picked it, and now we're hooked. Happy to be a reference.",
    ),
    (
        "N-13",
        4,
        "BI Developer",
        "Support takes days to respond to anything that isn't a P1. I reported a broken export in March and was told to wait for the next major release.",
    ),
    (
        "N-14",
        6,
        "Operations Director",
        "Haven't really had time to explore it properly yet. Maybe ask me next quarter.",
    ),
]

out = Path(__file__).resolve().parent.parent / "corpus" / "surveys" / "chartwell-bi-nps.csv"
with out.open("w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "nps_score", "role", "text"])
    w.writerows(ROWS)
print("wrote", out)
