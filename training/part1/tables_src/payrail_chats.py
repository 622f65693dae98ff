"""Writes corpus/tickets/payrail-support-chats.jsonl (fictional live-chat transcripts for a payroll app; customer lines only plus agent lines)."""

import json
from pathlib import Path

ROWS = [
    {
        "id": "chat-7781",
        "date": "2025-04-30",
        "channel": "live_chat",
        "customer": "small restaurant group",
        "text": "Customer: hi\nAgent (Payrail, Kofi): Hi there, thanks for contacting Payrail, how can I help today?\nCustomer: we just signed up last week, I'm trying to add our employees but the import keeps saying 'invalid NI number' for about half of them\nCustomer: they're definitely correct, I copied them from our old system\nAgent (Payrail, Kofi): Sorry about that! Could you tell me which format they're in?\nCustomer: like AB 12 34 56 C with spaces\nAgent (Payrail, Kofi): Ah, the importer needs them without spaces. I'll flag that, it should really accept both.\nCustomer: ok that would have been nice to know, the import guide doesn't say that anywhere. spent an hour on this\nCustomer: trying again now\nCustomer: worked. thanks Kofi",
    },
    {
        "id": "chat-7802",
        "date": "2025-05-02",
        "channel": "live_chat",
        "customer": "architecture practice",
        "text": "Customer: Hello, quick question please\nAgent (Payrail, Sam): Hi! Go ahead.\nCustomer: I can't find where to download P11D forms. Is it in reports?\nAgent (Payrail, Sam): It's under Year End > Benefits. Here's the article: help.example.com/p11d\nCustomer: Found it, thank you. That was quick!",
    },
    {
        "id": "chat-7830",
        "date": "2025-05-06",
        "channel": "live_chat",
        "customer": "care home operator",
        "text": "Customer: I need to speak to someone urgently. Our payroll run failed to submit to HMRC and staff are due to be paid tomorrow\nAgent (Payrail, Kofi): I'm so sorry, let me look right now. Can you share the payroll run ID?\nCustomer: PR-2231-0506. It just says 'submission error 500'. I've tried 4 times\nCustomer: We have 140 carers waiting for their wages. This cannot be late.\nAgent (Payrail, Kofi): Thanks. There's an issue with the HMRC gateway affecting some customers since 2pm. I've escalated to our engineering team as P1.\nCustomer: Is there anything I can do in the meantime??\nAgent (Payrail, Kofi): You can still send the BACS payment file now so staff get paid on time, and the RTI submission can go once the gateway is back - HMRC allows that for a late-submission reason. I'll send instructions.\nCustomer: ok. that's a relief, I thought nobody would get paid. please keep me updated",
    },
    {
        "id": "chat-7866",
        "date": "2025-05-12",
        "channel": "live_chat",
        "customer": "marketing agency",
        "text": "Customer: Hi, we're thinking about leaving at the end of our contract. Before we decide, is the new pension auto-enrolment module included in our plan or extra?\nAgent (Payrail, Amy): Hi! It's included in Plus and above, you're on Essentials.\nCustomer: right, so another upgrade. The competitor includes it in their basic plan. I'll have to take this to our MD.\nAgent (Payrail, Amy): Understood. I can ask your account manager to send over a comparison and see what options there are?\nCustomer: sure, but honestly it's looking like we'll switch",
    },
    {
        "id": "chat-7870",
        "date": "2025-05-13",
        "channel": "live_chat",
        "customer": "dental practice",
        "text": "Customer: just wanted to say thanks, the payroll for our 12 staff now takes me 15 minutes instead of a morning. Told the practice manager at the surgery next door about you too.\nAgent (Payrail, Sam): That's brilliant to hear, thank you so much! I'll pass that on to the team.",
    },
    {
        "id": "chat-7895",
        "date": "2025-05-16",
        "channel": "live_chat",
        "customer": "logistics firm",
        "text": "Customer: Good morning. I am the new office manager, I started on Monday. The previous person did the payroll and didn't leave notes. How do I run it?\nAgent (Payrail, Amy): Welcome! No problem, I can walk you through it. Have you got admin access?\nCustomer: I think so, I can see the dashboard\nAgent (Payrail, Amy): Great. There's also a 20-minute video course in the Academy section that covers the monthly run step by step.\nCustomer: perfect, I will watch it now. I was quite worried, I have never done payroll before",
    },
]

out = Path(__file__).resolve().parent.parent / "corpus" / "tickets" / "payrail-support-chats.jsonl"
with out.open("w", encoding="utf-8", newline="\n") as f:
    for r in ROWS:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print("wrote", out)
