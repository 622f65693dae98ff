"""Writes corpus/reviews/rotaly-appstore-reviews.jsonl (fictional app-store reviews of a workforce rota app; reviewers anonymous)."""

import json
from pathlib import Path

ROWS = [
    (
        "a-01",
        1,
        "Latest update logs me out every time I open it. Have to reset my password weekly. Sort it out.",
    ),
    (
        "a-02",
        5,
        "Swapping shifts with coworkers is so easy now. Used to be a whole group chat drama. Love it.",
    ),
    ("a-03", 3, "Does what my work needs I guess. My manager makes us use it."),
    (
        "a-04",
        2,
        "Notifications for new shifts come through hours late. Missed picking up two extra shifts because someone else grabbed them first. Money I needed.",
    ),
    ("a-05", 4, "Pretty good. Dark mode would be nice for night shifts."),
    (
        "a-06",
        1,
        "My payslip hours in the app don't match my actual payslip. Raised it with support in the app 3 weeks ago and just got an automated reply. Who do I even talk to??",
    ),
    (
        "a-07",
        5,
        "As a manager this saves me hours every week. Building the rota takes 20 minutes instead of a whole afternoon, and I can see who's available at a glance.",
    ),
    ("a-08", 3, "ok app. Downloaded it today, will see how it goes."),
    (
        "a-09",
        2,
        "Why does it need my location all the time? Only want it to clock in. Feels creepy, I uninstalled it and now I have to use the kiosk.",
    ),
    (
        "a-10",
        5,
        "The support team sorted my account in literally 10 minutes over chat after my employer set me up with the wrong email. Amazing service.",
    ),
    (
        "a-11",
        4,
        "Way better than the paper rota in the staff room. Would be 5 stars if it worked offline, signal in our basement kitchen is terrible.",
    ),
    (
        "a-12",
        1,
        "Clocked in, app crashed, shows I was never clocked in. Manager thinks I was late. Not cool.",
    ),
    (
        "a-13",
        4,
        "Telling everyone at my other job to get their manager to switch to this. Night and day compared to what they use.",
    ),
    ("a-14", 3, "Fine. Nothing special."),
    (
        "a-15",
        2,
        "The tutorial when you first sign up is just 5 screens of marketing. Took me ages to work out how to set my availability. Had to ask a coworker.",
    ),
]

out = (
    Path(__file__).resolve().parent.parent / "corpus" / "reviews" / "rotaly-appstore-reviews.jsonl"
)
with out.open("w", encoding="utf-8", newline="\n") as f:
    for rid, stars, text in ROWS:
        f.write(
            json.dumps(
                {"id": rid, "store": "app_store", "stars": stars, "text": text}, ensure_ascii=False
            )
            + "\n"
        )
print("wrote", out)
