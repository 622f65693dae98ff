"""Writes corpus/tickets/pipewright-ci-tickets.csv (fictional CI/dev-tools support tickets)."""

import csv
from pathlib import Path

ROWS = [
    (
        "PW-4410",
        "2025-06-02",
        "Loomcraft Labs",
        "high",
        "email",
        "Hi team, we signed last week and are trying to connect our self-hosted GitLab to Pipewright following the quickstart. The webhook step in the docs says to paste the token into Settings > Integrations but that page doesn't exist in our workspace?? We've lost most of a day on this. Is the doc out of date or are we missing a permission. Our onboarding call isn't until Thursday and the team is kind of stuck until then.\n\nthanks, Ravi (platform eng)",
    ),
    (
        "PW-4427",
        "2025-06-05",
        "Oakhurst Analytics",
        "urgent",
        "chat",
        "All our pipelines on the linux-large runners have been queued for 40+ minutes since about 09:10 UTC. Status page says all systems operational, which is frankly not true. We have a release going out today. Please advise ASAP.",
    ),
    (
        "PW-4431",
        "2025-06-05",
        "Oakhurst Analytics",
        "normal",
        "chat",
        "Follow-up to PW-4427: runners recovered around 11:30. Thanks to Mei on chat who kept us posted every 20 mins even when she didn't have an ETA, that genuinely helped. Could we get a post-mortem? Our VP Eng is asking whether we should keep a fallback on our old Jenkins box.",
    ),
    (
        "PW-4458",
        "2025-06-11",
        "Fennick & Doyle",
        "low",
        "email",
        "Not a bug, more of a question. We're on the Team plan and the invoice this month is about 2x last month. I think it's the build-minutes overage but the billing page only shows a total, not which projects burned the minutes. Can you break it down per project? Finance will ask me and I'd rather not guess.",
    ),
    (
        "PW-4462",
        "2025-06-12",
        "Loomcraft Labs",
        "normal",
        "email",
        "Update: the onboarding engineer (Jonas) walked us through it on the call - the Integrations page is hidden until the org owner enables 'advanced SCM'. Works now. Honestly that should be in the quickstart, we weren't the only ones confused judging by the community forum. Otherwise the call was super helpful, we migrated 14 pipelines from the Jenkins setup in the session itself.",
    ),
    (
        "PW-4490",
        "2025-06-19",
        "Quillon Health",
        "high",
        "portal",
        "Cache restore step intermittently fails with 'checksum mismatch' on monorepo builds (~1 in 5 runs). Retrying usually works, so devs have started just hitting retry, which means our build times are up about 30% and nobody trusts a red build anymore. Logs attached (run ids 88123, 88140, 88177). This has been going on for two weeks.",
    ),
    (
        "PW-4503",
        "2025-06-23",
        "Quillon Health",
        "high",
        "portal",
        "It's been 4 business days with no reply beyond the auto-acknowledgement on PW-4490. We're paying for Business support with a 1-day response SLA. I'm going to have to raise this with our account manager and frankly start looking at alternatives if this is the standard.",
    ),
    (
        "PW-4511",
        "2025-06-25",
        "Tamsin Ortiz (solo dev)",
        "low",
        "chat",
        "hey! just wanted to say the new test-splitting feature is amazing, our suite went from 18 min to 6. no question really, just thanks :) also your docs on the yaml matrix syntax are the best i've read for any CI tool.",
    ),
    (
        "PW-4520",
        "2025-06-27",
        "Brackwater Games",
        "normal",
        "email",
        "We're up for renewal in August and considering moving from the Team plan to Enterprise for the SAML SSO and audit logs. Our security team needs those for SOC 2. But the Enterprise price is a big jump for a 25-person studio. Is there anything between the two, or can SSO be bought as an add-on? Otherwise we might have to look elsewhere.",
    ),
    (
        "PW-4533",
        "2025-07-01",
        "Oakhurst Analytics",
        "normal",
        "email",
        "Thanks for the post-mortem doc on the June 5 runner outage. Clear, honest, and the fix (separate queue for large runners) makes sense. VP Eng is satisfied and we've shelved the Jenkins fallback idea.",
    ),
]

out = Path(__file__).resolve().parent.parent / "corpus" / "tickets" / "pipewright-ci-tickets.csv"
out.parent.mkdir(parents=True, exist_ok=True)
with out.open("w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "created", "customer", "priority", "channel", "text"])
    w.writerows(ROWS)
print("wrote", out)
