"""The default language detector on the texts webcare sees: one word, a pair, a short line."""

from __future__ import annotations

import pytest

from core.errors import ConfigError
from models.language import UNKNOWN, HybridLanguage, word_table
from models.training.language_choices import dev_texts


@pytest.fixture(scope="module")
def detector() -> HybridLanguage:
    return HybridLanguage()


@pytest.mark.parametrize(("text", "language"), [
    ("goedemorgen", "nl"),
    ("dank je", "nl"),
    ("nog steeds storing", "nl"),
    ("thank you", "en"),
    ("still no internet", "en"),
    ("how do I reset my modem", "en"),  # fastText alone: Hungarian
    ("Wie weet of IKEA Delft morgen open is?", "nl"),  # fastText alone: German
    ("Mijn pakket is al drie dagen onderweg en niemand weet waar het is", "nl"),
    ("Vielen Dank für die schnelle Hilfe", "de"),
    ("Merci beaucoup pour votre aide", "fr"),
])
def test_short_texts(detector: HybridLanguage, text: str, language: str) -> None:
    found, confidence = detector.detect(text)
    assert found == language
    assert 0.2 <= confidence <= 1.0


def test_everyday_dutch_that_fasttext_calls_low_german_is_dutch(detector: HybridLanguage
                                                                 ) -> None:
    # fastText alone: Low German (nds) at 0.96, Dutch not among its top four.
    assert detector.detect("ah nee he, weer regen")[0] == "nl"
    # Where fastText alone decides the sentences it is sure of, the dialect rule is what sends
    # this one to the word lists.
    trusting = HybridLanguage(unsure_below=0.8)
    assert trusting.detect("ah nee he, weer regen")[0] == "nl"
    assert HybridLanguage(unsure_below=0.8, dialects=()).detect(
        "ah nee he, weer regen")[0] == "nds"


def test_a_sure_fasttext_guess_is_weighed_against_the_words(detector: HybridLanguage) -> None:
    # fastText alone: English at 0.84, where "slecht" is a word English never uses.
    assert HybridLanguage(unsure_below=0.8).detect("KPN is super slecht")[0] == "en"
    assert detector.detect("KPN is super slecht")[0] == "nl"
    assert detector.detect("My KPN internet is down again")[0] == "en"


@pytest.mark.parametrize(("text", "language"), [
    # English that quotes Dutch (each read as Dutch, most at 1.0, before quotes were set aside)
    ("The KLM crew said 'goedemorgen' and 'dank je wel', so nice", "en"),
    ("Flying KLM today, the announcement was 'welkom aan boord'", "en"),
    ("Ordered from bol.com, got a note saying 'bedankt voor je bestelling'. Cute!", "en"),
    ("Ziggo down again. \u2018Storing in uw regio\u2019 my ass", "en"),
    ("Love this, \u201clekker weer\u201d as the Dutch say", "en"),
    # Dutch that quotes English
    ('"Your call is important to us" zegt Ziggo, al 40 minuten in de wacht', "nl"),
    ("Bij de NS noemen ze dit 'customer experience', ik sta al een uur op het perron", "nl"),
    # Apostrophes quote nothing: Dutch clipped words, possessives, plurals
    ("'s Avonds geen internet en 't is weer KPN's schuld, die 'service'", "nl"),
])
def test_a_text_is_in_the_language_of_its_own_words_not_of_what_it_quotes(
        detector: HybridLanguage, text: str, language: str) -> None:
    assert detector.detect(text)[0] == language


def test_a_quote_decides_when_too_few_words_stand_outside_it(detector: HybridLanguage
                                                              ) -> None:
    assert detector.detect("\u201cDank je wel KPN, top geholpen!\u201d")[0] == "nl"
    # Outside the quote only names and a source: the quoted Dutch decides.
    assert detector.detect('VIDEO: Kamerlid Von Martels: "Acties van boeren richting RIVM '
                           'vanwege stikstof deels onterecht" rtvoost')[0] == "nl"


def test_the_dutch_prior_decides_words_both_languages_could_be() -> None:
    assert HybridLanguage(priors={}).detect("opstarten in")[0] == "en"
    assert HybridLanguage().detect("opstarten in")[0] == "nl"
    assert HybridLanguage().detect("thanks for the help")[0] == "en"


def test_a_prior_must_name_a_listed_language_and_be_positive() -> None:
    with pytest.raises(ConfigError, match="without a word list"):
        HybridLanguage(priors={"xx": 2.0})
    with pytest.raises(ConfigError, match="above 0"):
        HybridLanguage(priors={"nl": 0.0})


def test_a_text_in_the_dialect_keeps_it_on_words_dutch_lacks(detector: HybridLanguage) -> None:
    assert detector.detect("Ik heff keen Tied för di hüüt")[0] == "nds"


def test_no_letters_is_unknown(detector: HybridLanguage) -> None:
    assert detector.detect("12:45 !!! 😡") == (UNKNOWN, 0.0)


def test_candidates_limit_the_answer() -> None:
    dutch_or_german = HybridLanguage(candidates=("nl", "de"))
    assert dutch_or_german.detect("thank you")[0] in {"nl", "de", UNKNOWN}
    assert dutch_or_german.detect("dank je wel")[0] == "nl"
    assert HybridLanguage(candidates=("xx",)).detect("dank je") == (UNKNOWN, 0.0)


def test_many_words_in_few_do_not_underflow(detector: HybridLanguage) -> None:
    # Three whitespace-separated "words" (so the word lists decide) of 120 tokens each: 360
    # word frequencies would multiply to zero in every language without the cap on evidence
    # words.
    text = " ".join(".".join(["de"] * 120) for _ in range(3))
    language, confidence = detector.detect(text)
    assert language != UNKNOWN
    assert 0.0 < confidence <= 1.0


def test_dev_texts_cut_windows_of_one_to_three_words_from_each_distinct_tweet() -> None:
    tweets = [("nl", "@NS de trein van 8:12 rijdt weer niet https://t.co/x"),
              ("nl", "@NS de trein van 8:12 rijdt weer niet https://t.co/y"),  # same once clean
              ("en", "too short")]
    texts = dev_texts(tweets)
    assert [(lang, size) for lang, size, _ in texts] == [("nl", 1), ("nl", 2), ("nl", 3),
                                                        ("nl", 0)]
    clean = "de trein van 8:12 rijdt weer niet"
    assert texts[-1][2] == clean
    for _, size, text in texts[:3]:
        assert len(text.split()) == size and text in clean


def test_word_table_rows_give_each_listed_language_and_are_shared() -> None:
    languages = ("nl", "en")
    table = word_table(languages, 5_000)
    dutch, english = table["het"], table["the"]
    assert dutch[0] > dutch[1] and english[1] > english[0]
    assert table.get("zzqx") is None
    # Words of the same frequencies share one row object: far fewer rows than words.
    assert len({id(row) for row in table.values()}) < len(table) / 5
    assert word_table(languages, 5_000) is table
