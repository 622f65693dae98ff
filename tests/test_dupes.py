"""Near duplicates among tickets, with whether they came from the same customer."""

import numpy as np

from cjm_insights.dupes import customer_of, near_duplicates
from cjm_insights.types import Document


def doc(i, customer=None):
    meta = {"Customer": customer} if customer else {}
    return Document(
        id=f"t.csv#{i}", source_type="ticket", path="t.csv", text=f"text {i}", metadata=meta
    )


def test_pairs_above_threshold_are_reported_once_with_customer_match():
    docs = [doc(1, "Acme"), doc(2, "acme "), doc(3, "Globex"), doc(4)]
    v = np.array([[1, 0], [0.99, 0.141], [0.995, 0.0998], [0, 1]], dtype=np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    pairs = near_duplicates(docs, v, threshold=0.98)
    assert {(p.a, p.b) for p in pairs} == {
        ("t.csv#1", "t.csv#2"),
        ("t.csv#1", "t.csv#3"),
        ("t.csv#2", "t.csv#3"),
    }
    same = {(p.a, p.b): p.same_customer for p in pairs}
    assert same[("t.csv#1", "t.csv#2")] is True and same[("t.csv#1", "t.csv#3")] is False
    assert customer_of(docs[3]) is None
