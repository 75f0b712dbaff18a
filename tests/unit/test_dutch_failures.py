"""The kinds of failure real Dutch mentions showed (issue 17), each tested on both sides:
what must be found, and its look-alike that must not. Hand-written, in the style of public
posts; they are the Dutch rules' development cases, never the held-out test set."""

from __future__ import annotations

import pytest

from tests.unit.test_enrichment_cases import assert_reads_dutch, enrich

Case = tuple[str, str | None, set[str]]  # (text, sentiment, intents)

SARCASM: list[Case] = [
    ("Lekker hoor, net nu de wedstrijd begint ligt de tv eruit @Ziggo", "negative",
     {"complaint"}),
    ("Mijn hemel KPN, drie keer gebeld en nog steeds geen monteur", "negative", {"complaint"}),
    ("Misschien eens je personeel betalen?! Weer een kassa open bij de AH", "negative",
     {"complaint"}),
    ("Super service weer van PostNL, pakket 'bezorgd' maar niemand heeft aangebeld",
     "negative", {"complaint"}),
    # Sincere praise stays praise.
    ("Lekker snel geleverd door bol.com, top!", "positive", {"compliment"}),
    ("Chapeau voor de conducteur van NS die vanochtend een oude dame hielp", "positive",
     {"compliment"}),
]
LONG_COMPLAINTS: list[Case] = [
    ("Vroeger was ik een tevreden klant van Ziggo, maar sinds de overstap naar het nieuwe "
     "modem valt mijn internet elke avond weg. Ik heb al vier keer gebeld en elke keer krijg "
     "ik een vriendelijke medewerker die belooft dat het opgelost wordt. Er gebeurt niets.",
     "negative", {"complaint"}),
    ("Beste bol.com, ik bestel al jaren met veel plezier bij jullie. Helaas is mijn laatste "
     "bestelling nooit aangekomen en de klantenservice stuurt me van het kastje naar de muur. "
     "Zeer teleurstellend.", "negative", {"complaint"}),
    # A problem that was solved is no complaint, however long the story.
    ("Gisteren viel mijn internet weg, maar de monteur van KPN kwam vandaag en het is "
     "opgelost. Prima geholpen!", "positive", {"compliment"}),
]
QUESTIONS: list[Case] = [
    ("Ik wil graag weten hoe ik mijn abonnement bij KPN kan opzeggen", "neutral",
     {"question"}),
    ("Graag hoor ik wanneer de storing voorbij is @Ziggo", "negative",
     {"question", "complaint"}),
    # Rhetorical questions complain; they ask nothing.
    ("Hoe moeilijk kan het zijn om een trein op tijd te laten rijden? Elke dag hetzelfde "
     "verhaal met NS", "negative", {"complaint"}),
    ("Wie verzint dit nou weer bij de ING, de app is onbruikbaar", "negative", {"complaint"}),
    # "??" after a space is an emoji that got lost, not a question; "werkt het??" asks.
    ("Net mijn nieuwe kast van IKEA in elkaar gezet ??", None, set()),
    ("Werkt de app van de ING weer??", "neutral", {"question"}),
]
NEWS: list[Case] = [
    ("Door een landelijke storing bij KPN konden veel mensen vanmiddag urenlang niet bellen.",
     None, set()),
    ("Bij NS rijden vanavond minder treinen door een staking, meldt de vervoerder.", "neutral",
     set()),
    ("Storing bij Ziggo verholpen, klanten kunnen weer internetten", "neutral", set()),
    # The same outage reported by a customer is a complaint.
    ("Ik kan al de hele middag niet bellen door de storing bij KPN", "negative",
     {"complaint"}),
]
TRUST: list[Case] = [
    ("Ik bestel altijd bij Coolblue, die vertrouw ik, goede ervaringen", "positive",
     {"compliment"}),
    ("Al tien jaar klant bij de Rabobank en nooit problemen gehad", "positive",
     {"compliment"}),
    ("Aanrader: bol.com levert altijd netjes op tijd", "positive", {"compliment"}),
    # Praise of what someone did, as Dutch writes it.
    ("Goed bezig @PostNL, pakket binnen een dag in huis!", "positive", {"compliment"}),
    ("Mooi initiatief van de Rabobank voor ondernemers in deze tijd", "positive",
     {"compliment"}),
    ("Veel dank aan de monteur van Ziggo, alles werkt weer", "positive", {"compliment"}),
    # ... and its look-alikes: "goed dat" before a grievance, a disappointment.
    ("Goed dat ik het even checkte, de bestelling bij bol.com is dubbel afgeschreven",
     "negative", {"complaint"}),
    ("Teleurstellende service van de Rabobank vandaag", "negative", {"complaint"}),
    # Distrust is not trust.
    ("Ik vertrouw die pakketbezorgers van PostNL echt niet meer, weer niks ontvangen",
     "negative", {"complaint"}),
]

# A degree word grades the word after it: "verschrikkelijk dankbaar" is very grateful.
DEGREE: list[Case] = [
    ("Ik ben jullie verschrikkelijk dankbaar voor de snelle hulp @KPNwebcare", "positive",
     {"compliment"}),
    ("Vreselijk blij met de nieuwe router, alles werkt weer", "positive", {"compliment"}),
    # ... and alone, or before a negative word, it is as negative as it looks.
    ("De bezorging was vreselijk, drie dagen te laat en geen bericht", "negative",
     {"complaint"}),
    ("Belachelijk slechte service weer bij de klantenservice", "negative", {"complaint"}),
]


@pytest.mark.parametrize(("text", "sentiment", "intents"),
                         SARCASM + LONG_COMPLAINTS + QUESTIONS + NEWS + TRUST + DEGREE)
def test_dutch_failure_kinds(text: str, sentiment: str | None, intents: set[str]) -> None:
    assert_reads_dutch(text, sentiment, intents)


def test_english_quoting_a_dutch_phrase_stays_english() -> None:
    mention = enrich("Love how the Dutch say 'lekker' about everything, even KLM's food")
    assert mention.language == "en"


def test_the_sentiment_training_reads_these_cases() -> None:
    """``models/training/sentiment_nl.py`` chooses the Dutch model on these hand-written cases
    (as a second development set beside the tweets): its copy must be this one."""
    import json
    from pathlib import Path

    from tests.unit.test_enrichment_cases import CASES

    expected = [(text, label) for text, language, label, _ in CASES if language == "nl"]
    for group in (SARCASM, LONG_COMPLAINTS, QUESTIONS, NEWS, TRUST, DEGREE):
        expected += [(text, label) for text, label, _ in group if label is not None]
    path = Path(__file__).parents[2] / "models" / "training" / "data" / "webcare-nl-dev.jsonl"
    copy = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [(row["text"], row["label"]) for row in copy] == expected
