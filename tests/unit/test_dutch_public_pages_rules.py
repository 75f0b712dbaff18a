"""The Dutch rules added for what real brand mentions on public pages showed (the
development split ``benchmarks/labels/dutch-brand-mentions-public.dev.jsonl``), each tested on
both sides. Hand-written cases in the style of those pages, never texts of the test file."""

from __future__ import annotations

import pytest

from tests.unit.test_enrichment_cases import assert_reads_dutch, enrich

Case = tuple[str, str | None, set[str]]  # (text, sentiment, intents)

CASES: list[Case] = [
    # A main clause after an opening subordinate clause puts its verb first: it states (a
    # good experience told: a compliment, no question).
    ("Toen ik Eneco belde om mijn meterstand door te geven, kreeg ik meteen iemand aan de "
     "lijn.", None, {"compliment"}),
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


def test_after_a_subordinate_clause_only_an_addressed_clause_asks() -> None:
    assert "question" in enrich("Als dat zo is, kunnen jullie mij dan terugbellen").intents
    assert "question" not in enrich("Sinds dat het Odido is geworden, is het bereik erg "
                                    "slecht").intents


# The rules chosen on the development split's second part (2026-12-06), each on both sides.
SECOND_PART: list[Case] = [
    # "kun je" after a fronted phrase states; opening a sentence, after a greeting, it asks.
    ("In die tijd kun je met de trein van NS drie keer naar Parijs en terug.", None, set()),
    ("Hoi PostNL kun je me vertellen waar mijn pakket blijft", None, {"question"}),
    # A wh-word and a subject or "niet" opens a clause that states.
    ("Wie voor tien uur bestelt, krijgt het pakket van Coolblue morgen in huis.", None, set()),
    ("Wat ik niet snap is waarom Ziggo de prijzen alweer verhoogt.", None, {"complaint"}),
    ("Wie kan mij helpen met mijn factuur van Ziggo", None, {"question"}),
    # After a fronted phrase only an addressed clause or a wh-question asks.
    ("Maar veel erger dan de wachttijd, is de mededeling van KPN dat het nog weken duurt.",
     "negative", {"complaint"}),
    ("Voor mijn verhuizing naar Utrecht, wanneer komt de monteur van KPN", None,
     {"question"}),
    # Questions nobody expects answered complain: inside a complaint put to nobody, a
    # question that addresses no one (guideline, intent rule 1); put to the brand, it asks.
    ("Waarom reageert KPN niet op mijn mail? Al twee weken niks gehoord.", "negative",
     {"complaint"}),
    ("@KPNwebcare waarom reageren jullie niet op mijn mail? Al twee weken niks gehoord.",
     "negative", {"question", "complaint"}),
    ("Is er een storing bij KPN in Zwolle? Al de hele ochtend geen internet.", None,
     {"question", "complaint"}),
    ("Storing bij Odido in Breda? Hier al uren geen bereik.", None, {"question", "complaint"}),
    ("Twee dagen geen tv? Echt belachelijk van Ziggo.", "negative", {"complaint"}),
    ("Ik sta al een uur op het perron. Wat moet ik anders? NS laat ons gewoon staan.",
     "negative", {"complaint"}),
    ("Snapt u waarom ik nooit meer met Transavia vlieg? Drie keer geannuleerd.", "negative",
     {"complaint"}),
    ("Mijn hemel PostNL, misschien je bezorgers eens wat beter opleiden?!", "negative",
     {"complaint"}),
    ("Misschien kunnen jullie mij morgen terugbellen? Mijn nummer staat in de DM.", None,
     {"question"}),
    # The brand speaking states no attitude; a customer quoting its apology complains.
    ("We bieden onze excuses aan voor de vertraging en werken hard aan een oplossing.",
     "neutral", set()),
    ("Ik wacht al een week op mijn bestelling en krijg van Bol alleen onze excuses te horen.",
     "negative", {"complaint"}),
    # A report on the passengers concerned is news.
    ("Honderden passagiers van Transavia zitten nog altijd vast op het vliegveld van Malaga "
     "na een defect aan het toestel.", "neutral", set()),
    # Fobbed off, useless, too narrow: complaints without a sentiment word.
    ("Ik ben door Ziggo van het kastje naar de muur gestuurd en aan mijn lot overgelaten.",
     "negative", {"complaint"}),
    ("De nieuwe app van ING werkt voor geen meter", "negative", {"complaint"}),
    ("De paden in deze Jumbo zijn veel te smal.", "negative", {"complaint"}),
    # Praise for a start next to what went wrong.
    ("Wat een leuk begin van de vakantie, drie uur vertraging op Schiphol", "negative",
     {"complaint"}),
    # A good experience told without thanks praises; a plain fact does not.
    ("Binnen tien minuten had ik een medewerker van Eneco aan de lijn en was alles geregeld, "
     "heel fijn.", "positive", {"compliment"}),
    ("Gisteren een nieuw abonnement afgesloten bij Odido.", "neutral", set()),
    # The third part: shoulders to the wheel is the brand speaking; "de beste man" praises
    # nobody, "de beste service" does; no bus where one should run; a blunder; nobody on the
    # line.
    ("We zijn dagelijks bezig met de storing en zetten de schouders eronder.", "neutral",
     set()),
    ("De beste service die ik ooit kreeg, van Coolblue.", "positive", {"compliment"}),
    ("Ineens rijdt er geen bus meer van Arriva naar mijn dorp.", "negative", {"complaint"}),
    ("Wat een flater van Zilveren Kruis", "negative", {"complaint"}),
    ("We krijgen niemand te pakken bij Thuisbezorgd", "negative", {"complaint"}),
    # The fourth part: staff who do their best, defended ("kunnen er niets aan doen" reports
    # no failure); a hell of a time; a mocking "zeker?" asks nothing, a real one asks; the
    # brand hard at work.
    ("De medewerkers van Jumbo doen hun best, ze kunnen er niets aan doen dat er geen "
     "wc-papier is.", "positive", {"compliment"}),
    ("Het personeel van Albert Heijn zet zich in voor iedere klant, elke dag weer.",
     "positive", {"compliment"}),
    ("Wat een hellegang met KPN, twee maanden zonder internet.", "negative", {"complaint"}),
    ("Prioriteiten zeker? De Belastingdienst is weer eens dicht.", "negative", {"complaint"}),
    ("Heeft PostNL mijn pakket zeker al bezorgd?", None, {"question"}),
    ("Onze mensen werken keihard, maar we lopen tegen de grenzen aan.", "neutral", set()),
    # The fifth part: a "maar" after "opgelost" takes it back (the other side:
    # tests/unit/test_problem_statements.py).
    ("Elke keer zeggen ze dat het opgelost is, maar het duurt nu al tien dagen bij Ziggo.",
     "negative", {"complaint"}),
    # Wanting, medieval, as it should be (and as it should not), silence.
    ("De bereikbaarheid van Essent laat te wensen over.", "negative", {"complaint"}),
    ("Sinds gisteren geen tv, terug in de middeleeuwen dankzij KPN.", "negative",
     {"complaint"}),
    ("Binnen een dag geleverd door Coolblue, zoals het hoort.", "positive", {"compliment"}),
    ("Niets werkt zoals het hoort in de app van bunq.", "negative", {"complaint"}),
    ("Drie weken geleden een klacht ingediend bij Eneco en we hoorden niets.", "negative",
     {"complaint"}),
    ("Joepie, mijn pakket van Bol is er al!", "positive", {"compliment"}),
    # The brand doing everything and asking for patience speaks for itself; a customer doing
    # everything complains.
    ("We doen er echt alles aan om de treinen weer te laten rijden.", "neutral", set()),
    ("We vragen om begrip voor de langere wachttijden.", "neutral", set()),
    ("Ik doe er alles aan om mijn geld terug te krijgen, maar Zalando reageert niet.",
     "negative", {"complaint"}),
    # A report names the brand by its trade; a customer names their own provider.
    ("Pas na twee uur meldde het telecombedrijf op de eigen website dat het mobiele netwerk "
     "een storing had.", "neutral", set()),
    ("Mijn provider laat me al een week zonder internet zitten.", "negative", {"complaint"}),
    # A clause closed by a colon announces; one closed by a comma may ask.
    ("Waar kan het misgaan: bij de bezorger, in het depot of bij de webwinkel.", "neutral",
     set()),
    ("Mijn pakket van PostNL is kwijt, waar kan ik dat melden", None,
     {"question", "complaint"}),
    # A question in a grievance put to nobody asks nothing, by sentiment as by marker; put to
    # the brand it asks.
    ("Wat is dit voor belachelijke bezorging? PostNL heeft mijn pakket weer bij de verkeerde "
     "buren afgeleverd.", "negative", {"complaint"}),
    ("Wat is dit voor belachelijke bezorging? Mijn pakket is al een week kwijt, kunnen "
     "jullie helpen @PostNL", None, {"question", "complaint"}),
]


@pytest.mark.parametrize(("text", "sentiment", "intents"), CASES + SECOND_PART)
def test_public_pages_rules(text: str, sentiment: str | None, intents: set[str]) -> None:
    assert_reads_dutch(text, sentiment, intents)


def test_de_beste_man_praises_nobody() -> None:
    """"De beste man" names someone (often with irony); "de beste service" praises."""
    named = enrich("De beste man van de klantenservice van Ziggo hing op.")
    assert named.sentiment.label != "positive" and "compliment" not in named.intents
    assert "complaint" in named.intents

