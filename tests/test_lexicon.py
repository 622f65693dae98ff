"""B2B sentiment cues: the words and phrasings customers use for product friction."""

from cjm_insights.features import vader
from cjm_insights.lexicon import friction_cues


def test_software_friction_words_read_negative_and_praise_positive():
    # VADER alone scores all four 0.0: it has no entry for these words
    assert vader("The export is clunky and slow.")["compound"] < -0.3
    assert vader("Another outage, and another workaround.")["compound"] < -0.3
    assert vader("Setup was seamless.")["compound"] > 0.3
    assert vader("The new editor is intuitive.")["compound"] > 0.3


def test_friction_phrasings_without_a_sentiment_word_are_counted():
    assert friction_cues("it took almost three weeks to get answers back") == 1
    assert friction_cues("We're still waiting on a reply, so I did it by hand.") == 2
    assert friction_cues("The connector doesn't sync custom fields.") == 1
    assert friction_cues("No response since Monday.") == 1


def test_plain_narrative_has_no_friction_cue():
    assert friction_cues("We signed in March and the kickoff was the week after.") == 0
    assert friction_cues("It took one call to get the pricing sorted, which was great.") == 0
