"""The Dutch rules added for what real brand mentions on public pages showed (the
development split ``benchmarks/labels/dutch-brand-mentions-public.dev.jsonl``), each tested on
both sides. Hand-written cases in the style of those pages, never texts of the test file."""

from __future__ import annotations

import pytest

from tests.unit.test_enrichment_cases import enrich

Case = tuple[str, str | None, set[str]]  # (text, sentiment, intents)

CASES: list[Case] = [
    # A main clause after an opening subordinate clause puts its verb first: it states.
    ("Toen ik Eneco belde om mijn meterstand door te geven, kreeg ik meteen iemand aan de "
     "lijn.", None, set()),
    ("Sinds de update werkt de app niet meer, kunnen jullie even kijken @bunq", None,
     {"question", "complaint"}),
    # A question told about is no question; one announced is.
    ("Ik belde Essent met de vraag waarom mijn termijnbedrag omhoog ging, maar kreeg geen "
     "antwoord.", "negative", {"complaint"}),
    ("Ik heb een vraag over mijn jaarafrekening van Vattenfall", None, {"question"}),
    # "Wat is het (toch) fijn ..." exclaims; "Wat is de status ..." asks.
    ("Wat is het toch fijn om zo snel geholpen te worden door de klantenservice van Coolblue",
     "positive", {"compliment"}),
    ("Wat is de status van mijn bestelling bij Coolblue", None, {"question"}),
    # Negative words that only say how much.
    ("Verschrikkelijk blij met de nieuwe router van KPN, eindelijk snel internet", "positive",
     {"compliment"}),
    ("Verschrikkelijk, al drie dagen geen internet bij KPN", "negative", {"complaint"}),
    # A request with words between its parts.
    ("Mijn bestelling bij Wehkamp is beschadigd aangekomen. Graag binnen een week een "
     "passende oplossing.", "negative", {"question", "complaint"}),
    # A report on complaints is news; a customer's own is a complaint.
    ("Volgens Vattenfall kregen duizenden klanten vanochtend een verkeerde jaarafrekening door "
     "een storing in het systeem.", "neutral", set()),
    ("Ik kreeg vanochtend een verkeerde jaarafrekening van Vattenfall.", None, {"complaint"}),
    # Hung up on, laughed at.
    ("De medewerker van Odido werd boos en hing op.", "negative", {"complaint"}),
    ("Twee euro compensatie van Odido, wat een lachertje", "negative", {"complaint"}),
    ("Een mooie pluim voor de buschauffeur van Qbuzz die vanochtend op me wachtte", "positive",
     {"compliment"}),
]


@pytest.mark.parametrize(("text", "sentiment", "intents"), CASES)
def test_public_pages_rules(text: str, sentiment: str | None, intents: set[str]) -> None:
    mention = enrich(text)
    assert mention.language == "nl"
    if sentiment is not None:
        assert mention.sentiment.label == sentiment, mention.sentiment
    assert set(mention.intents) == intents


def test_after_a_subordinate_clause_only_an_addressed_clause_asks() -> None:
    assert "question" in enrich("Als dat zo is, kunnen jullie mij dan terugbellen").intents
    assert "question" not in enrich("Sinds dat het Odido is geworden, is het bereik erg "
                                    "slecht").intents
