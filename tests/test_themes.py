"""Themes: planted groups are recovered, re-runs are identical, outliers stay visible."""

import re

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from cjm_insights.themes import (
    UNCLUSTERED,
    ThemeUnit,
    auto_min_size,
    content_ratio,
    find_themes,
)
from cjm_insights.types import QuoteRef

TOPICS = {
    "sso": [
        "SAML SSO login fails for new users",
        "Okta SSO setup broke the login",
        "single sign-on errors after the SAML certificate rotated",
        "SSO redirect loop at login",
    ],
    "price": [
        "the renewal price went up 28 percent",
        "pricing at renewal was a shock",
        "they raised the renewal price without warning",
        "renewal quote doubled our price",
    ],
    "sync": [
        "NetSuite sync fails every night",
        "the ERP sync drops invoices",
        "NetSuite integration sync errors again",
        "invoices missing after the ERP sync",
    ],
}


def planted(n_per_topic=30, seed=0):
    """Three tight clusters in 32 dimensions plus a few scattered outliers."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(3, 32))
    units, vecs, truth = [], [], []
    for k, (name, texts) in enumerate(TOPICS.items()):
        for i in range(n_per_topic):
            text = texts[i % len(texts)]
            units.append(
                ThemeUnit(
                    QuoteRef(doc_id=f"{name}{i}.txt", start=0, end=len(text), text=text), "ticket"
                )
            )
            vecs.append(centres[k] + 0.15 * rng.normal(size=32))
            truth.append(k)
    v = np.array(vecs, dtype=np.float32)
    return units, v / np.linalg.norm(v, axis=1, keepdims=True), truth


@pytest.mark.slow
def test_planted_groups_are_recovered_and_reruns_are_identical():
    units, v, truth = planted()
    a = find_themes(units, v, seed=0)
    b = find_themes(units, v, seed=0)
    ari = adjusted_rand_score(truth, a.assignment)
    print(f"adjusted Rand index on planted groups: {ari:.3f}")
    # Three well-separated planted clusters: anything below 0.9 means the pipeline is broken.
    assert ari >= 0.9
    assert a.assignment == b.assignment
    assert [t.keywords for t in a.themes] == [t.keywords for t in b.themes]
    for theme in a.themes:
        topic = re.match(r"[a-z]+", theme.members[0].doc_id).group()
        vocabulary = " ".join(TOPICS[topic]).lower()
        assert theme.keywords and all(w.split()[0] in vocabulary for w in theme.keywords)


@pytest.mark.slow
def test_themes_carry_counts_and_representatives():
    units, v, _ = planted()
    res = find_themes(units, v)
    real = [t for t in res.themes if t.id != UNCLUSTERED]
    assert len(real) == 3
    for t in real:
        assert t.size == len(t.members) == 30 and t.doc_count == 30
        assert t.source_type_counts == {"ticket": 30} and len(t.representative) == 3
        assert t.label == ", ".join(t.keywords[:4])


def test_too_few_units_are_kept_as_unclustered_not_dropped():
    units, v, _ = planted(n_per_topic=1)
    res = find_themes(units, v)
    assert [t.id for t in res.themes] == [UNCLUSTERED] and res.themes[0].size == 3


def test_min_size_grows_with_the_corpus():
    assert auto_min_size(10) == 3 and auto_min_size(250) == 8 and auto_min_size(10**6) == 50


FILLER = [
    "And that was kind of it.",
    "I mean that, sort of.",
    "Yeah, so, you know, that's the thing.",
    "Which is kind of funny, right?",
]


@pytest.mark.slow
def test_a_cluster_of_conversational_filler_is_no_theme_and_stays_visible():
    units, v, _ = planted()
    rng = np.random.default_rng(7)
    centre = rng.normal(size=32)
    for i in range(30):
        text = FILLER[i % len(FILLER)]
        units.append(
            ThemeUnit(
                QuoteRef(doc_id=f"talk{i}.txt", start=0, end=len(text), text=text), "interview"
            )
        )
    extra = centre + 0.15 * rng.normal(size=(30, 32))
    v = np.vstack([v, extra / np.linalg.norm(extra, axis=1, keepdims=True)]).astype(np.float32)
    res = find_themes(units, v, seed=0)
    real = [t for t in res.themes if t.id != UNCLUSTERED]
    assert len(real) == 3  # the three topics, not the filler
    assert not any(m.doc_id.startswith("talk") for t in real for m in t.members)
    unclustered = next(t for t in res.themes if t.id == UNCLUSTERED)
    assert sum(m.doc_id.startswith("talk") for m in unclustered.members) == 30


def test_content_ratio_tells_talk_from_topic():
    assert content_ratio(FILLER) < 0.15
    assert content_ratio(TOPICS["sso"]) > 0.5
