"""Writes corpus/tickets/vaultline-backup-tickets.csv (fictional backup/DR support tickets, with greetings and signatures left in)."""

import csv
from pathlib import Path

ROWS = [
    (
        "VL-20931",
        "2025-01-08",
        "Greyfriars Accountancy",
        "P2",
        "Hello,\n\nHope you had a good break. We are two weeks into the Vaultline setup and the initial seed backup of our file server is still running. It says 61% complete. Our previous provider did the whole thing in a weekend. Is this normal? Our partners are nervous because the old backup contract ends on the 31st.\n\nMany thanks,\nLeanne Cho\nPractice Administrator\n+44 161 555 0199",
    ),
    (
        "VL-20944",
        "2025-01-09",
        "Greyfriars Accountancy",
        "P2",
        "Hi Arjun,\n\nThanks for calling me back so quickly this morning. Shipping us the seed drive so we can do the first backup locally is a great idea, wish we'd known about that option at the start. I'll post it back on Monday.\n\nLeanne",
    ),
    (
        "VL-21002",
        "2025-01-15",
        "Marlow Dental Group",
        "P1",
        "URGENT. Ransomware on one of our practice PCs last night. Trying to restore the patient imaging share from last Tuesday's snapshot and the restore keeps failing at 12% with error VR-409. We have patients booked from 8am. Please call me on +44 20 7946 0877 asap.\n\n- Faisal (IT contractor for Marlow)",
    ),
    (
        "VL-21005",
        "2025-01-15",
        "Marlow Dental Group",
        "P1",
        "Update for the record: your engineer Greta got on a call within 8 minutes and talked me through restoring via the alternate mount method. The whole share was back by 04:30. Every practice opened on time. I've been doing IT for 20 years and that's the best support I've had from any vendor, genuinely. Please pass on my thanks to her manager.\n\nFaisal",
    ),
    (
        "VL-21050",
        "2025-01-20",
        "Hollins & Pike Solicitors",
        "P3",
        "Dear Support,\n\nCould you please send us the completed version of your security questionnaire? Our insurers require it for the renewal of our cyber policy. Our contact person at your company has left and we don't know who to ask.\n\nKind regards,\nMargaret Osei\nOffice Manager",
    ),
    (
        "VL-21077",
        "2025-01-23",
        "Orbis Architects",
        "P3",
        "Hi there. The Microsoft 365 backup shows 'partial success' every night for three mailboxes. The help centre article says to re-authorise the connector but the button it mentions isn't there. Not urgent, but I'd like to know we're actually backing up the directors' email. Thanks, Jules",
    ),
    (
        "VL-21102",
        "2025-01-27",
        "Greyfriars Accountancy",
        "P3",
        "Hello again,\n\nQuick one. The invoice for January charged us for 4TB but we're only using 2.6TB according to the dashboard. Can someone check? No rush, I know you're busy.\n\nThanks,\nLeanne",
    ),
    (
        "VL-21130",
        "2025-01-30",
        "Stanbrook Logistics",
        "P2",
        "We are evaluating Vaultline during the 30 day trial. Question: the trial console doesn't show the immutable storage option that your sales team mentioned. Is it only in paid plans? That feature is the main reason we are talking to you, our board wants immutable backups after what happened to a competitor. Regards, Tomasz Wiśniewski, IT Manager",
    ),
    (
        "VL-21161",
        "2025-02-03",
        "Hollins & Pike Solicitors",
        "P3",
        "Dear Support,\n\nIt is now two weeks since my request (VL-21050) and no one has replied. Our insurer's deadline is Friday. I am not a technical person and I don't know what else to do. Is there a phone number I can call?\n\nMargaret Osei",
    ),
    (
        "VL-21188",
        "2025-02-06",
        "Orbis Architects",
        "P3",
        "Thanks for the fix on the M365 connector. All mailboxes green for 5 nights now. FYI your help article still shows the old screen, might be worth updating so others don't get stuck. Cheers, Jules",
    ),
    (
        "VL-21190",
        "2025-02-06",
        "Stanbrook Logistics",
        "P3",
        "Thank you for the answer. I understand immutable storage is only on Business plan. We will discuss internally, the price difference is significant for us. I will come back to you next week.\n\nBest regards,\nTomasz",
    ),
]

out = Path(__file__).resolve().parent.parent / "corpus" / "tickets" / "vaultline-backup-tickets.csv"
with out.open("w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "opened", "account", "priority", "text"])
    w.writerows(ROWS)
print("wrote", out)
