"""The attributive form of Dutch adjectives, which the lexicon scorer adds to its word lists."""

from __future__ import annotations

import pytest

from models.lang import nl
from models.lang.dutch_inflection import attributive_form
from models.sentiment import LexiconScorer


@pytest.mark.parametrize(("word", "form"), [
    ("traag", "trage"), ("duur", "dure"), ("betrouwbaar", "betrouwbare"),  # long vowel
    ("boos", "boze"), ("lief", "lieve"), ("grijs", "grijze"),  # voiced
    ("snel", "snelle"), ("dik", "dikke"), ("zwak", "zwakke"),  # short vowel, one syllable
    ("vervelend", "vervelende"), ("schandalig", "schandalige"), ("simpel", "simpele"),
    ("blij", "blije"), ("mooi", "mooie"), ("goed", "goede"), ("fijn", "fijne"),
    ("prima", None), ("sexy", None), ("open", None), ("vervelende", None), ("h&m", None),
])
def test_attributive_form(word: str, form: str | None) -> None:
    assert attributive_form(word) == form


def test_the_dutch_scorer_reads_the_forms_with_the_valence_of_their_word() -> None:
    scorer = LexiconScorer(nl)
    assert scorer.score("een trage en vervelende service", []) < 0
    assert scorer.score("snelle levering, behulpzame medewerkers", []) > 0
    # A form the lists give a valence of their own keeps it.
    assert nl.NEGATIVE["slechte"] == -2.5
