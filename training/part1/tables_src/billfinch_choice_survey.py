"""Writes corpus/surveys/billfinch-why-we-chose.csv (fictional new-customer survey for an SMB invoicing/accounting app)."""

import csv
from pathlib import Path

Q = "What was the main reason you chose Billfinch over the alternatives?"
ROWS = [
    (
        "B-01",
        "Sole trader (electrician)",
        "My accountant recommended it. She said it's the one her clients complain about least. Good enough for me.",
    ),
    (
        "B-02",
        "Bookkeeper (practice, 40 clients)",
        "Bulk client management. I compared four apps side by side on a spreadsheet and Billfinch was the only one that let me switch between clients without logging out. Price for practices is also fair.",
    ),
    (
        "B-03",
        "Founder (marketing agency, 12 staff)",
        "Honestly the free trial. I sent my first invoice within 10 minutes of signing up and got paid via the card link the same day. The others wanted me to book a demo first.",
    ),
    ("B-04", "Office manager (dental practice)", "Don't really know, the owner chose it."),
    (
        "B-05",
        "Finance Director (charity)",
        "The charity discount, 50% off. Budget is everything for us. Also they passed our trustees' data protection checklist without any fuss, which the cheaper option didn't.",
    ),
    (
        "B-06",
        "Owner (café)",
        "Saw a TikTok of a café owner doing her VAT return in Billfinch in like 2 minutes. Thought if she can do it so can I.",
    ),
    (
        "B-07",
        "Freelance developer",
        "API. I wanted to generate invoices from my time tracking script and Billfinch's API docs were the only ones that didn't make me want to cry.",
    ),
    (
        "B-08",
        "Operations lead (e-commerce, 8 staff)",
        "We nearly went with another app but their sales person couldn't tell us if it handled multi-currency properly. Billfinch's comparison page answered that in writing, with screenshots.",
    ),
    (
        "B-09",
        "Owner (plumbing firm)",
        "Was just the first one I found on Google to be honest. Seems fine so far.",
    ),
    (
        "B-10",
        "Bookkeeper (freelance)",
        "I read the G2 reviews for hours. Billfinch had the fewest complaints about bank feeds breaking, which is the thing that ruins my month.",
    ),
    (
        "B-11",
        "Director (architecture practice)",
        "Our old invoicing app was bought by a big company and they killed the plan we were on. I was annoyed and skeptical of all of them after that. Billfinch had a promise on their pricing page to keep legacy plans for existing customers, which made a difference.",
    ),
    (
        "B-12",
        "Finance manager (construction subcontractor)",
        "CIS deductions handled properly. Nothing else we tried did construction industry scheme properly, we'd been doing it in spreadsheets.",
    ),
    ("B-13", "Owner (hair salon)", "Not sure yet if we'll stay. Still deciding."),
    (
        "B-14",
        "Practice manager (vets)",
        "A webinar you did with the Federation of Small Businesses. Very clear, no hard sell. I signed up that afternoon.",
    ),
]

out = Path(__file__).resolve().parent.parent / "corpus" / "surveys" / "billfinch-why-we-chose.csv"
with out.open("w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "respondent", "question", "text"])
    for r in ROWS:
        w.writerow([r[0], r[1], Q, r[2]])
print("wrote", out)
