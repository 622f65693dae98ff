"""Writes corpus/reviews/shopcrest-ecommerce-reviews.jsonl (fictional review-site entries for an e-commerce platform)."""

import json
from pathlib import Path

ROWS = [
    {
        "id": "g-3001",
        "stars": 5,
        "reviewer": "Owner, handmade ceramics shop (3 staff)",
        "source": "review_site",
        "text": "I'm writing this because reviews here are what convinced me to switch, so paying it forward. We moved from a marketplace to our own Shopcrest store last year. Set up the store in a weekend using one of the free themes. Sales are up 40% because we're not paying marketplace fees and customers come back to us directly. Would recommend to any small maker.",
    },
    {
        "id": "g-3002",
        "stars": 1,
        "reviewer": "E-commerce Manager, fashion retailer (60 staff)",
        "source": "review_site",
        "text": "Posting this as a warning. On Black Friday the checkout went down for 2 hours and a half. Status page said 'degraded performance'. We estimate we lost about £70k in sales. Support's answer was a link to the SLA, which only covers platform fees. I've told every e-commerce manager I know to avoid Shopcrest for anything high volume.",
    },
    {
        "id": "g-3003",
        "stars": 4,
        "reviewer": "Marketing Lead, supplements brand",
        "source": "review_site",
        "text": "Good platform. The built-in email flows saved us paying for a separate tool. Abandoned cart recovery alone brings in a few thousand a month. Only reason it's 4 stars is the reporting, which is basic unless you pay for the Plus plan.",
    },
    {
        "id": "g-3004",
        "stars": 3,
        "reviewer": "Developer, digital agency",
        "source": "review_site",
        "text": "I build stores on several platforms for clients. Shopcrest is fine for simple catalogues. The theme templating language is weird and the docs are patchy, lots of trial and error. The app marketplace is small compared to the big players. Clients like the admin though.",
    },
    {
        "id": "g-3005",
        "stars": 5,
        "reviewer": "Founder, coffee roastery",
        "source": "review_site",
        "text": "We found Shopcrest through a YouTube video by another roaster who walked through her setup. Subscriptions for coffee deliveries work out of the box, which was the big thing for us. Support chat answered every question I had during setup within minutes, even on a Sunday.",
    },
    {
        "id": "g-3006",
        "stars": 2,
        "reviewer": "Operations Manager, homewares (25 staff)",
        "source": "review_site",
        "text": "The inventory sync with our warehouse system breaks every few weeks and we oversell products we don't have. Then we have to email customers to apologise and refund. The integration is made by a third party and Shopcrest says it's not their problem; the third party says it's Shopcrest's API. Meanwhile we're stuck in the middle.",
    },
    {
        "id": "g-3007",
        "stars": 4,
        "reviewer": "Owner, bike parts shop",
        "source": "review_site",
        "text": "Solid. Been using it about 2 years. No major complaints. Price went up a bit this year but still cheaper than the alternatives I looked at.",
    },
    {
        "id": "g-3008",
        "stars": 3,
        "reviewer": "Finance Director, outdoor gear",
        "source": "review_site",
        "text": "Transaction fees are buried. The pricing page shows the monthly plan prominently but the extra 0.5% if you don't use their payment processor is in a footnote. We only noticed after the first quarter. Otherwise a decent product.",
    },
    {
        "id": "g-3009",
        "stars": 5,
        "reviewer": "E-commerce Coordinator, bookshop chain",
        "source": "review_site",
        "text": "Migration from our old platform was handled by Shopcrest's own migration team and it was honestly flawless. 12,000 products, customer accounts, order history, all moved over a weekend with redirects set up so we didn't lose our Google rankings. Relieved is an understatement.",
    },
    {
        "id": "g-3010",
        "stars": 2,
        "reviewer": "Owner, gift shop",
        "source": "review_site",
        "text": "Tried to cancel and they made it really hard. Had to phone, couldn't do it online, then got transferred to a 'retention specialist' who offered me 3 months free. I just wanted to close my shop, I'm retiring! Not a good last impression.",
    },
    {
        "id": "g-3011",
        "stars": 4,
        "reviewer": "Head of Digital, wine merchant",
        "source": "review_site",
        "text": "Our account manager got us onto the beta for B2B wholesale pricing, which has let us open a trade channel without a second website. Took a while to set up the price lists but worth it.",
    },
    {
        "id": "g-3012",
        "stars": 3,
        "reviewer": "Small business owner",
        "source": "review_site",
        "text": "It's alright. Haven't used it long enough to say much more. Ask me again in six months.",
    },
    {
        "id": "g-3013",
        "stars": 1,
        "reviewer": "Owner, streetwear label",
        "source": "review_site",
        "text": "Account got frozen with no warning because their fraud system flagged a big preorder drop as suspicious. Payouts were held for 3 weeks. I had to pay my manufacturer late. Nobody would tell me what to send to unlock it. I'm moving as soon as I can.",
    },
    {
        "id": "g-3014",
        "stars": 5,
        "reviewer": "Marketing Manager, pet food",
        "source": "review_site",
        "text": "The community forum is a goldmine. Every weird question I've had, someone's already answered it, often a Shopcrest staffer too. Saved me so many support tickets.",
    },
]

out = (
    Path(__file__).resolve().parent.parent
    / "corpus"
    / "reviews"
    / "shopcrest-ecommerce-reviews.jsonl"
)
with out.open("w", encoding="utf-8", newline="\n") as f:
    for r in ROWS:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print("wrote", out)
