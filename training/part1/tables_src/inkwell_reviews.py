"""Writes corpus/reviews/inkwell-sign-reviews.jsonl (fictional app-store style reviews of an e-signature/CLM product)."""

import json
from pathlib import Path

ROWS = [
    {
        "id": "r101",
        "rating": 5,
        "role": "Paralegal",
        "company_size": "51-200",
        "title": "Finally, no more printing",
        "text": "Our firm used to print, sign, scan. Inkwell cut our NDA turnaround from 3 days to about 4 hours. The templates with conditional clauses are the best part. Setup took an afternoon.",
    },
    {
        "id": "r102",
        "rating": 2,
        "role": "Office Manager",
        "company_size": "11-50",
        "title": "Billing nightmare",
        "text": "The product is fine but they charged us for 12 seats after we downgraded to 5. Took three emails and six weeks to get a refund. Would not have bought if I'd known how hard it is to change plans.",
    },
    {
        "id": "r103",
        "rating": 4,
        "role": "Contract Manager",
        "company_size": "1001-5000",
        "title": "Solid CLM, clunky search",
        "text": "Repository and renewal reminders work well, we haven't missed an auto-renewal since we moved over. Search is clunky though, you can't search inside clause text on the mid tier. Support is responsive.",
    },
    {
        "id": "r104",
        "rating": 1,
        "role": "Sales Director",
        "company_size": "201-500",
        "title": "Customers can't sign on mobile",
        "text": "Half our customers open contracts on their phone and the signature box doesn't render on some Android devices. We lost at least one deal because the customer gave up. Reported it in March. Still broken.",
    },
    {
        "id": "r105",
        "rating": 5,
        "role": "General Counsel",
        "company_size": "201-500",
        "title": "Legal team loves it",
        "text": "We looked at the two big names and Inkwell was half the price with the features we actually use. Approval workflows mean I'm no longer the bottleneck. I've recommended it to two GCs in my network.",
    },
    {
        "id": "r106",
        "rating": 3,
        "role": "IT Administrator",
        "company_size": "501-1000",
        "title": "OK but SSO setup was painful",
        "text": "It works. Getting Azure AD SSO going took two weeks because the documentation skipped a step about the reply URL. Once it's running it's fine.",
    },
    {
        "id": "r107",
        "rating": 4,
        "role": "Founder",
        "company_size": "1-10",
        "title": "Good value for a tiny team",
        "text": "I run a 6 person design studio. Free trial was enough to see it does what we need, paid plan is cheap. Wish the emails to clients didn't look so generic, can't really brand them on the starter plan.",
    },
    {
        "id": "r108",
        "rating": 2,
        "role": "Procurement Officer",
        "company_size": "5001+",
        "title": "Integration with our ERP is not there",
        "text": "We were told during the sales process that the SAP Ariba connector was 'on the roadmap for Q2'. It's Q4. We still export contracts manually. Feeling a bit misled tbh.",
    },
    {
        "id": "r109",
        "rating": 5,
        "role": "HR Coordinator",
        "company_size": "51-200",
        "title": "Offer letters in minutes",
        "text": "We send all offer letters through it now. Candidates sign same day. Honestly changed how quickly we can hire. The help centre articles are short and clear.",
    },
    {
        "id": "r110",
        "rating": 3,
        "role": "Paralegal",
        "company_size": "11-50",
        "title": "Great until the price went up",
        "text": "Used it for 3 years, loved it. This year's renewal came with a 28% increase and no new features we use. Looking at alternatives now, which is a shame.",
    },
    {
        "id": "r111",
        "rating": 4,
        "role": "Operations Lead",
        "company_size": "51-200",
        "title": "fine",
        "text": "does the job. contracts go out, come back signed. the audit trail PDF made our auditors happy. not much else to say really.",
    },
    {
        "id": "r112",
        "rating": 1,
        "role": "Legal Ops",
        "company_size": "1001-5000",
        "title": "Migration was a disaster",
        "text": "Moving 8,000 legacy contracts in took five months instead of six weeks. Metadata got mangled, effective dates landed in the wrong field. Our CSM was sympathetic but couldn't speed anything up. Would warn anyone with a big legacy archive.",
    },
]

out = Path(__file__).resolve().parent.parent / "corpus" / "reviews" / "inkwell-sign-reviews.jsonl"
out.parent.mkdir(parents=True, exist_ok=True)
with out.open("w", encoding="utf-8", newline="\n") as f:
    for r in ROWS:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print("wrote", out)
