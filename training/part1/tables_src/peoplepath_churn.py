"""Writes corpus/surveys/peoplepath-churn-exit.csv (fictional cancellation exit-survey comments for an HR SaaS)."""

import csv
from pathlib import Path

ROWS = [
    (
        "C-201",
        "2025-03-02",
        "Too expensive",
        "11-50",
        "We're a 22-person agency and the price per head doubled when we crossed 20 employees because we got bumped into the 'Growth' tier. Nobody told us that was coming. We've moved to a cheaper tool, it does 80% of what you do and that's enough for us.",
    ),
    (
        "C-202",
        "2025-03-09",
        "Switching to competitor",
        "201-500",
        "Our new parent company uses a different HRIS across the group, so we're being consolidated onto it. Nothing to do with Peoplepath really. The product was good and I'll miss the performance review module, genuinely.",
    ),
    (
        "C-203",
        "2025-03-15",
        "Missing features",
        "51-200",
        "We needed proper multi-country leave policies for our staff in Ireland and Spain. Your team kept saying it was coming. After 14 months of waiting we gave up.",
    ),
    ("C-204", "2025-03-21", "Other", "1-10", "closing the business. thanks for everything"),
    (
        "C-205",
        "2025-04-02",
        "Poor support",
        "51-200",
        "Honestly the support got worse every year. In year one I had a named contact who knew us. By year three it was a chatbot and a ticket queue where the average reply was 5 days. When payroll export broke in January nobody helped us for a week. I don't think anyone at Peoplepath noticed we were unhappy until I clicked cancel.",
    ),
    (
        "C-206",
        "2025-04-10",
        "Too expensive",
        "51-200",
        "Price was fine originally. Then the renewal came in at +18% and the account manager basically said take it or leave it. So we left it.",
    ),
    (
        "C-207",
        "2025-04-18",
        "Hard to use",
        "11-50",
        "The managers never really got the hang of it. Approving time off took 4 clicks in 3 different screens and they kept asking me to do it for them. I'm the office manager, not the HR department!",
    ),
    ("C-208", "2025-04-25", "Other", "201-500", "No comment."),
    (
        "C-209",
        "2025-05-03",
        "Switching to competitor",
        "501-1000",
        "We went to tender and a competitor won on integration with our payroll provider. They had a certified connector; yours needed a CSV upload every month. Our payroll team weren't willing to keep doing that.",
    ),
    (
        "C-210",
        "2025-05-11",
        "Missing features",
        "51-200",
        "Love the product, genuinely, the onboarding checklists for new starters were brilliant and everyone used them. But we need e-signature built in and we're not paying for a second tool. If you add it I'd come back. I've told our MD as much.",
    ),
    (
        "C-211",
        "2025-05-19",
        "Poor support",
        "11-50",
        "I asked for an invoice copy three times. Three! In the end our accountant gave up and we cancelled. Which is a silly reason to lose a customer but there you go.",
    ),
    (
        "C-212",
        "2025-05-27",
        "Too expensive",
        "201-500",
        "Budget cuts across the board this year, every software line got reviewed. HR tools were easy to cut because we can limp along with spreadsheets for a year. Might be back when things pick up.",
    ),
    (
        "C-213",
        "2025-06-04",
        "Hard to use",
        "51-200",
        "The implementation was rushed - two calls and a link to the help centre. We never set up the org chart properly and the reporting was wrong from day one because of it. I blame us partly, but we needed more hand-holding than we got.",
    ),
    (
        "C-214",
        "2025-06-12",
        "Other",
        "51-200",
        "Not sure yet what we'll use instead, still working it out with the leadership team. Will update you if we decide to stay.",
    ),
]

out = Path(__file__).resolve().parent.parent / "corpus" / "surveys" / "peoplepath-churn-exit.csv"
with out.open("w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "cancelled_on", "primary_reason", "company_size", "text"])
    w.writerows(ROWS)
print("wrote", out)
