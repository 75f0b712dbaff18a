"""English praise as people write it to a brand ("The customer service was great", "Nice
one"), and praise that is sarcasm beside a failure, where the English sentiment model keeps
its verdict (its figures are measured on held-out tweets, so no rule overrides it): the
compliment is the intents' to withhold."""

from __future__ import annotations

import pytest

from tests.unit.test_enrichment_cases import enrich

# (text, whether it is a compliment)
CASES = [
    ("The customer service at Albert Heijn was great", True),
    ("Nice one Bol, delivered the same day", True),
    ("Thanks again for the quick help, great service!", True),
    ("The staff were so friendly at the IKEA in Delft", True),
    # "great" as a plain adjective praises nobody.
    ("Flights to Great Britain are on sale this week", False),
    # Praise with a sarcasm marker beside a failure.
    ("Great, another delay. Thanks a lot", False),
    ("My flight got cancelled again, great", False),
]


@pytest.mark.parametrize(("text", "compliment"), CASES)
def test_english_praise_and_its_sarcasm(text: str, compliment: bool) -> None:
    mention = enrich(text)
    assert mention.language == "en"
    assert ("compliment" in mention.intents) == compliment
