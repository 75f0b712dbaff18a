"""German, French, Spanish and Italian split their sarcasm words as Dutch does: "as always",
"again", "thanks also" are sarcastic only beside a failure; "na toll", "merci pour rien" on
their own. "Wie immer" and "come sempre" compare; they ask nothing."""

from __future__ import annotations

import pytest

from tests.unit.test_enrichment_cases import enrich

# (text, language, sentiment, intents)
CASES = [
    ("Wie immer super Service bei Zalando", "de", "positive", {"compliment"}),
    ("Danke auch für die schnelle Hilfe, super Service!", "de", "positive", {"compliment"}),
    ("Schon wieder Verspätung, na toll", "de", "negative", {"complaint"}),
    ("Wie kann ich mein Abo kündigen", "de", "neutral", {"question"}),
    ("Comme d'habitude, super service chez Decathlon", "fr", "positive", {"compliment"}),
    ("Encore une fois, mon colis n'est toujours pas livré, merci pour rien", "fr", "negative",
     {"complaint"}),
    ("Como siempre, genial atención de Zara", "es", "positive", {"compliment"}),
    ("Come sempre ottimo servizio", "it", "positive", {"compliment"}),
    ("Come sempre non è ancora arrivato, grazie di niente", "it", "negative", {"complaint"}),
    ("Come posso disdire il mio abbonamento", "it", "neutral", {"question"}),
]


@pytest.mark.parametrize(("text", "language", "sentiment", "intents"), CASES)
def test_sarcasm_cues_need_a_failure(text: str, language: str, sentiment: str,
                                     intents: set[str]) -> None:
    mention = enrich(text)
    assert mention.language == language
    assert mention.sentiment.label == sentiment, mention.sentiment
    assert set(mention.intents) == intents
