"""A failure that is still there, against one the text says was solved: what turns neutral
wording negative, praise into sarcasm and a marker into a complaint."""

from __future__ import annotations

import pytest

from models.sentiment import reports_solved, reports_solved_calmly, states_a_problem
from tests.unit.test_enrichment_cases import assert_reads_dutch, enrich


@pytest.mark.parametrize("text, solved", [
    ("De storing was binnen een uur verholpen", True),
    ("Internet werkt gelukkig weer", True),
    ("Bedankt voor het snel oplossen", True),
    ("De storing is nog niet opgelost", False),
    ("Het internet werkt weer niet", False),
    ("Wanneer is de storing opgelost?", False),
    ("al drie dagen geen internet, wanneer wordt dit opgelost", False),  # asks, without a mark
    ("Is de storing al opgelost", False),
])
def test_a_solution_is_reported_not_asked_about_or_denied(text: str, solved: bool) -> None:
    assert reports_solved(text, "nl") is solved


def test_a_solved_failure_is_no_longer_a_problem() -> None:
    assert states_a_problem("Ik sta al een uur op het perron", "nl")
    assert states_a_problem("Al drie dagen geen internet", "nl")
    assert not states_a_problem("De storing was binnen een uur verholpen", "nl")
    assert states_a_problem("De storing is nog niet opgelost", "nl")
    # Languages without a list of solutions keep every reported failure.
    assert not reports_solved("The outage was fixed within an hour", "en")


@pytest.mark.parametrize("text, problem", [
    ("@NS_online waarom rijdt de trein van 8:12 naar Amsterdam niet?", True),
    ("Ik heb nog niks teruggekregen", True),
    ("Reageert KPN nou echt niet meer op mails", True),
    ("Waarom niet? Goed idee van NS", False),  # agreeing, not a failure
    ("De trein rijdt niet alleen op tijd, hij is ook schoon", False),  # "not only"
])
def test_dutch_failures_with_the_verb_first(text: str, problem: bool) -> None:
    assert states_a_problem(text, "nl") is problem


def test_a_maar_clause_after_the_solution_takes_it_back() -> None:
    assert reports_solved("De storing is opgelost, alles doet het weer", "nl")
    assert not reports_solved("Het is opgelost, maar het duurt nu al tien dagen", "nl")
    # A later solved clause counts again.
    assert reports_solved("Eerst kapot, maar nu is het verholpen", "nl")


@pytest.mark.parametrize("text, solved", [
    # A failure stated after the solution takes it back, with or without "maar".
    ("De storing is opgelost maar mijn internet doet het nog steeds niet", False),
    ("Volgens KPN is de storing opgelost. Ik heb nog steeds geen internet.", False),
    # A solution set as a condition, or only after too long, is not reported.
    ("De meldingen kwamen pas op de site als de storing verholpen was", False),
    ("Zodra de storing verholpen is, sturen we een sms", False),
    ("De storing was pas na drie dagen opgelost", False),
    ("De storing bij Ziggo is opgelost, alles doet het weer", True),
    ("Hè hè, internet doet het weer na de storing van Ziggo", True),
])
def test_what_takes_a_reported_solution_back(text: str, solved: bool) -> None:
    assert reports_solved(text, "nl") is solved


@pytest.mark.parametrize("text, sentiment, intents", [
    # The guideline's own example of a neutral news lead.
    ("Storing bij KPN in Zwolle verholpen", "neutral", set()),
    ("De storing bij Ziggo is opgelost, alles doet het weer", "neutral", set()),
    ("@ziggo bedankt, de storing is verholpen en alles doet het weer", None, {"compliment"}),
    # A judgement, sarcasm or a failure still there keeps the grievance (a question about the
    # solution reports none: above).
    ("Storing bij KPN na drie weken eindelijk opgelost, belachelijk", "negative",
     {"complaint"}),
    ("Lekker hoor KPN, storing opgelost en nu werkt de tv niet", "negative", {"complaint"}),
    ("De storing is opgelost maar mijn internet doet het nog steeds niet @ziggo", "negative",
     {"complaint"}),
])
def test_a_failure_reported_solved_calmly_is_neutral(text: str, sentiment: str | None,
                                                     intents: set[str]) -> None:
    assert_reads_dutch(text, sentiment, intents)
    if sentiment is not None:
        assert reports_solved_calmly(text, "nl") is (sentiment == "neutral")


@pytest.mark.parametrize("text, problem", [
    # Stuck for a time, or left without a word, is a failure (and praise around it sarcasm).
    ("Top service weer van de NS, twee uur vast bij Amersfoort zonder enige informatie", True),
    ("Sta al een half uur vast voor Amersfoort", True),
    ("Zonder enige uitleg werd mijn abonnement opgezegd", True),
    # "vast" as "surely" is none.
    ("Dat komt vast goed met KPN", False),
    ("Wij zitten vast wel goed bij Eneco", False),
])
def test_stuck_or_left_without_a_word(text: str, problem: bool) -> None:
    assert states_a_problem(text, "nl") is problem
    mention = enrich(text)
    assert ("complaint" in mention.intents) is problem
    assert (mention.sentiment.label == "negative") is problem


@pytest.mark.parametrize("text, sentiment, intents", [
    # "Hoe moeilijk kan het zijn?" is rhetorical (guideline, intent rule 1), mark or no mark.
    ("Is het nou zo moeilijk om een pakket gewoon af te leveren @PostNL", "negative",
     {"complaint"}),
    ("Is het nou zo moeilijk om een pakket gewoon af te leveren? @PostNL", "negative",
     {"complaint"}),
    ("Hoe moeilijk kan het zijn, NS", "negative", {"complaint"}),
    # A sincere question about how hard something is, and a statement, judge nothing.
    ("Is het moeilijk om over te stappen naar Ziggo?", "neutral", {"question"}),
    ("Het was zo moeilijk om te kiezen tussen KPN en Ziggo", "neutral", set()),
])
def test_how_hard_can_it_be(text: str, sentiment: str, intents: set[str]) -> None:
    assert_reads_dutch(text, sentiment, intents)


@pytest.mark.parametrize("text, sentiment, complaint", [
    # A polite opening, then the turn: the conclusion wins (guideline, sentiment rule 2).
    ("Beste KPN, ik ben een trouwe klant sinds 2010 en over het algemeen tevreden. Helaas moet "
     "ik nu toch een klacht indienen: sinds vorige week valt mijn internet elke dag rond 20.00 "
     "uur weg. Ik hoop dat jullie hier snel iets aan doen.", "negative", True),
    ("Ik ben al jaren tevreden klant van Ziggo. Helaas valt mijn wifi elke avond weg.",
     "negative", True),
    # The turn to praise wins the same way; "helaas" opening the text turns nothing.
    ("Het pakket kwam een dag later dan gepland. Maar de bezorger van Coolblue was super "
     "vriendelijk en behulpzaam!", "positive", False),
    ("Helaas kon ik niet thuis zijn. De bezorger van Coolblue was super vriendelijk!",
     "positive", False),
])
def test_a_turn_between_sentences_weighs_the_conclusion(text: str, sentiment: str,
                                                        complaint: bool) -> None:
    mention = enrich(text)
    assert mention.sentiment.label == sentiment, mention.sentiment
    assert ("complaint" in mention.intents) is complaint


def test_a_connection_that_drops_is_a_failure() -> None:
    assert states_a_problem("Mijn wifi valt steeds weg", "nl")
    assert states_a_problem("sinds vorige week valt mijn internet elke dag rond 20.00 uur weg",
                            "nl")
    assert not states_a_problem("Het valt me op dat KPN tegenwoordig sneller reageert", "nl")
    assert not states_a_problem("De keuze viel op Ziggo vanwege de prijs", "nl")


@pytest.mark.parametrize("text, sentiment, intents", [
    # A news headline on an outage is neutral news (guideline, intent rule 3), short as it is.
    ("Storing bij Ziggo: duizenden klanten zonder internet", "neutral", set()),
    ("Storing bij KPN: honderden klanten kunnen niet bellen", "neutral", set()),
    # A customer's own outage, in the same shape, complains.
    ("Ziggo: mijn internet ligt er weer uit", "negative", {"complaint"}),
    ("Ziggo: duizenden klanten zonder internet en ik ook!", None, {"complaint"}),
])
def test_a_short_news_headline_is_news(text: str, sentiment: str | None,
                                       intents: set[str]) -> None:
    assert_reads_dutch(text, sentiment, intents)


@pytest.mark.parametrize("text, problem", [
    ("Ik zit al drie dagen zonder internet", True),
    ("Duizenden klanten zonder internet en ik ook", True),
    ("Bellen zonder internet kan ook met de app van KPN", False),
])
def test_left_without_the_service(text: str, problem: bool) -> None:
    assert states_a_problem(text, "nl") is problem


@pytest.mark.parametrize("text", [
    # Praise around a failure the rules now see: sarcasm (the first kind).
    "Fijn hoor, weer geen trein naar Den Haag",
    "Goed geregeld weer bij PostNL, pakket bij de verkeerde buren",
    "Echt fantastisch die nieuwe app van de NS, crasht elke keer",
    "Super dat jullie de prijzen weer verhogen @Eneco",
])
def test_praise_around_a_failure_is_sarcasm(text: str) -> None:
    mention = enrich(text)
    assert mention.sentiment.label == "negative", mention.sentiment
    assert "complaint" in mention.intents and "compliment" not in mention.intents


def test_nothing_solved_is_no_solution() -> None:
    assert not reports_solved("na 5 keer bellen nog niks opgelost", "nl")
    assert states_a_problem("Na 5 keer bellen nog niks opgelost", "nl")
    assert reports_solved("na 5 keer bellen alles opgelost", "nl")


@pytest.mark.parametrize("text, problem", [
    ("De app van ING loopt vast bij het inloggen", True),
    ("Weer geen trein naar Den Haag", True),
    ("Weer goed geholpen door Coolblue, topservice", False),
    ("Geen trein nodig, ik fiets wel", False),
])
def test_crashes_and_missing_trains(text: str, problem: bool) -> None:
    assert states_a_problem(text, "nl") is problem


@pytest.mark.parametrize("text, asks", [
    # Indirect requests, "graag" up front or the verb first (the third kind).
    ("Graag zou ik willen weten of mijn bestelling al onderweg is", True),
    ("Wat ik graag wil weten is of er compensatie komt", True),
    ("Ik zou graag weten of mijn pakket vandaag komt @PostNL", True),
    # Not wanting to know asks nothing.
    ("Ik wil niet weten hoeveel tijd ik al kwijt ben aan KPN", False),
])
def test_indirect_requests_with_graag_up_front(text: str, asks: bool) -> None:
    assert ("question" in enrich(text).intents) is asks


@pytest.mark.parametrize("text, sentiment, intent", [
    # Praise and recommendation in set phrases (the compliments kind).
    ("Petje af voor de bezorgers van PostNL in deze drukte", "positive", "compliment"),
    ("Dikke pluim voor de klantenservice van Coolblue", "positive", "compliment"),
    ("Coolblue kan ik iedereen aanraden", "positive", "compliment"),
    ("Nooit meer een andere bank dan ASN", "positive", "compliment"),
    # Advising against is the other side.
    ("Ik raad iedereen af om bij Ziggo te gaan", "negative", "complaint"),
    ("Vodafone is echt niet aan te raden", "negative", "complaint"),
])
def test_praise_and_advice_in_set_phrases(text: str, sentiment: str, intent: str) -> None:
    mention = enrich(text)
    assert mention.sentiment.label == sentiment, mention.sentiment
    assert intent in mention.intents
    assert ({"compliment", "complaint"} - {intent}).isdisjoint(mention.intents)


@pytest.mark.parametrize("text, problem", [
    ("Pakket van bol kwam aan met een deuk in de doos", True),
    ("Het scherm had een barst, nu moet ik hem terugsturen", True),
    ("Mooie jas gekocht bij Zalando, geen kras op te bekennen", False),
])
def test_damaged_on_arrival(text: str, problem: bool) -> None:
    assert states_a_problem(text, "nl") is problem


def test_a_letter_that_turns_on_alleen_complains() -> None:
    mention = enrich(
        "Vorige week heb ik een nieuwe telefoon besteld bij Coolblue. De bezorging was netjes "
        "op tijd en de bezorger was vriendelijk. Alleen bleek het toestel bij het uitpakken een "
        "barst in het scherm te hebben. Nu moet ik hem terugsturen en duurt het weer een week.")
    assert mention.sentiment.label == "negative"
    assert "complaint" in mention.intents and "compliment" not in mention.intents


def test_every_solution_pattern_needs_a_listed_stem() -> None:
    """``RESOLVED_STEMS`` gates the patterns: a pattern that matched without any would be
    skipped."""
    from models.lang import nl
    for pattern in nl.RESOLVED:
        assert any(stem in pattern for stem in nl.RESOLVED_STEMS), pattern
