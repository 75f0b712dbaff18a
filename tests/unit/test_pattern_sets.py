"""A language's pattern list searched with its opening words as a gate answers as the plain
alternation of the list would (``models.lang.patterns``)."""

from __future__ import annotations

import re

import pytest

from models.lang import SUPPORTED, data_for
from models.lang.patterns import DIGITS, PatternSet, opening_words
from tests.unit.test_dutch_idioms import CASES as IDIOM_CASES
from tests.unit.test_enrichment_cases import CASES as ENRICHMENT_CASES

LISTS = ("COMPLAINT_PATTERNS", "RESOLVED", "RHETORICAL_PATTERNS", "REQUEST_PATTERNS",
         "BRAND_SPEAKERS")
TEXTS = [str(case[0]) for case in (*IDIOM_CASES, *ENRICHMENT_CASES)] + [
    "Ik heb 3 keer gebeld en niemand neemt op.",
    "Al 40 minuten in de wacht bij KPN",
    "Drie keer op rij vertraging.",
    "Nooit meer! Wat een toestand.",
    "Echt. Nooit meer. Bah",
    "Ik wil nooit meer!",
    "Pakket 5 dagen onderweg geweest",
    "Pakket 2 dagen onderweg geweest",
    "Twee uur vastgezeten bij Amersfoort.",
    "Is het nou echt zo moeilijk om een monteur te sturen?",
    "We werken hard aan een oplossing.",
]


@pytest.mark.parametrize("language", SUPPORTED)
def test_the_gated_search_matches_where_the_alternation_does(language: str) -> None:
    data = data_for(language)
    compared = 0
    for name in LISTS:
        patterns = getattr(data, name, ())
        if not patterns:
            continue
        alternation = re.compile("|".join(f"(?:{p})" for p in patterns))
        gated = PatternSet.of(patterns)
        for text in (*TEXTS, *(t.lower() for t in TEXTS)):
            assert (gated.search(text) is not None) == (alternation.search(text) is not None), \
                (language, name, text)
            compared += 1
    assert compared


@pytest.mark.parametrize(("pattern", "words"), [
    ("\\bwaar blijft\\b", {"waar"}),
    ("\\b(?:niet|geen|nog steeds niet)\\s+(?:\\w+\\s+){0,2}?geleverd\\b", {"niet", "geen", "nog"}),
    ("\\b(?:twee|\\d+) keer op rij\\b", {"twee", DIGITS}),
    ("\\b(?<!geen )(?<!zonder )(?:barst|kras)\\b", {"barst", "kras"}),
    ("\\bwaarom(?:\\s+\\S+){1,8}?\\s+niet\\b", {"waarom"}),
    # Not opening on a whole word: always tried.
    ("\\bvertrouw(?:en)?\\s+niet meer\\b", None),
    ("(?:^|[.!?]\\s*)nooit meer\\s*[!.]", None),
    ("\\b(?:hoe (?:moeilijk|lastig) kan|is het zo moeilijk)\\b", None),
    # A pattern that names the word every match holds is tried only on texts with it.
    ("(?#needs:nooit)(?:^|[.!?]\\s*)nooit meer\\s*[!.]", {"nooit"}),
    ("(?#needs:\\d+)\\b(?:[3-9]|[1-9]\\d) (?:dagen|weken)\\b", {DIGITS}),
    ("\\b(?i:we|wij)\\b", None),
])
def test_opening_words(pattern: str, words: set[str] | None) -> None:
    assert opening_words(pattern) == (frozenset(words) if words is not None else None)


def test_a_pattern_opening_on_a_number_is_tried_on_texts_with_one() -> None:
    patterns = ["\\b(?:twee|\\d+) keer op rij\\b", *(f"\\bwoord{n}\\b" for n in range(8))]
    gated = PatternSet.of(patterns)
    assert gated.search("al 3 keer op rij") is not None
    assert gated.search("al twee keer op rij") is not None
    assert gated.search("al drie keer op rij") is None
    assert gated.search("al 3e keer op rij") is None
