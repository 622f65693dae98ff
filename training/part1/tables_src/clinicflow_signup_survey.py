"""Writes corpus/surveys/clinicflow-signup-survey.csv (fictional post-signup survey free text for a healthcare scheduling tool)."""

import csv
from pathlib import Path

Q = "How did you first hear about Clinicflow, and what made you sign up?"
ROWS = [
    (
        "CF-01",
        "Practice Manager",
        "GP surgery",
        "A colleague at the neighbouring practice showed me it on her laptop at a PCN meeting. Our phone lines were jammed every morning at 8am and patients were furious. I signed up for the trial that evening.",
    ),
    (
        "CF-02",
        "Clinic Owner",
        "Physiotherapy",
        "Google search for online booking for physio. Your site came up second. The demo video on the homepage was short and showed exactly what patients see, which helped.",
    ),
    (
        "CF-03",
        "Receptionist",
        "Dental",
        "My manager told me we were switching. I wasn't really involved in choosing it.",
    ),
    (
        "CF-04",
        "Operations Director",
        "Private hospital group",
        "We saw you at the Healthcare Tech Expo in Birmingham. The stand staff knew their stuff. What made us sign up was the integration with our patient administration system, nobody else had it ready.",
    ),
    (
        "CF-05",
        "Practice Manager",
        "GP surgery",
        "Honestly can't remember, I think it was an email? We get so many.",
    ),
    (
        "CF-06",
        "Clinic Owner",
        "Podiatry",
        "Saw an ad on Facebook. Clicked out of curiosity. The price was clear and there was a free month so I thought why not.",
    ),
    (
        "CF-07",
        "Nurse Manager",
        "Community clinic",
        "Our previous system was being discontinued and we had six months to find something. I was anxious because the last migration took a year. Your sales person promised 8 weeks, we'll see.",
    ),
    (
        "CF-08",
        "Practice Manager",
        "Dental",
        "Read a comparison article on a dental practice management blog. It ranked you first for ease of use. Then I checked reviews on Trustpilot and Capterra which were mostly positive.",
    ),
    ("CF-09", "Admin", "Osteopathy", "n/a"),
    (
        "CF-10",
        "Clinic Owner",
        "Aesthetics",
        "An influencer I follow on Instagram who runs a clinic posted about it. I was curious how she handled deposits for no-shows and it turned out she used Clinicflow.",
    ),
    (
        "CF-11",
        "IT Lead",
        "GP federation",
        "NHS digital framework listing. We needed something already approved on the framework so procurement would be quick. The DSPT compliance being already done saved us months.",
    ),
    (
        "CF-12",
        "Practice Manager",
        "GP surgery",
        "Just busy at the moment so haven't really got going yet. Will look at it properly next month.",
    ),
    (
        "CF-13",
        "Clinic Owner",
        "Chiropractic",
        "A podcast for clinic owners had your founder on. She talked about no-show rates and I recognised my own problem straight away. We were losing maybe 15 appointments a week.",
    ),
    (
        "CF-14",
        "Clinic Manager",
        "Physiotherapy",
        "Our old booking tool doubled its price. That's why we started looking. Found you through a Capterra comparison, shortlisted three, you had the best trial.",
    ),
    ("CF-15", "Receptionist", "GP surgery", "Not sure. It was here when I joined in March."),
    (
        "CF-16",
        "Practice Manager",
        "Dental",
        "We had a sales call before signing up and the rep was very pushy about an annual contract. Almost put me off. I signed up for monthly in the end.",
    ),
]

out = Path(__file__).resolve().parent.parent / "corpus" / "surveys" / "clinicflow-signup-survey.csv"
with out.open("w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "role", "setting", "question", "text"])
    for r in ROWS:
        w.writerow([r[0], r[1], r[2], Q, r[3]])
print("wrote", out)
