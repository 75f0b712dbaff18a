"""One sweep over every language's data module: same names, well-formed entries."""

from __future__ import annotations

import re

import pytest

from models.lang import SUPPORTED, data_for
from models.text import normalize

REQUIRED = ("QUESTION_WORDS", "AUXILIARIES", "SUBJECTS", "EXCLAIMING", "EXCLAMATION_FOLLOWERS",
            "ARTICLES", "SUPERLATIVES",
            "QUESTION_PHRASES", "REQUEST_PHRASES", "HELP_CRIES", "HELP_FILLERS",
            "COMPLAINT_MARKERS",
            "COMPLAINT_PATTERNS", "COMPLIMENT_MARKERS", "NEGATORS", "SARCASM_MARKERS", "POSITIVE",
            "NEGATIVE", "INTENSIFIERS", "IDIOMS", "RESOLVED")


@pytest.mark.parametrize("language", SUPPORTED)
def test_language_data_is_complete_and_well_formed(language: str) -> None:
    data = data_for(language)
    assert data is not None
    for name in REQUIRED:
        assert hasattr(data, name), f"{language}: {name} missing"
    assert data.EXCLAIMING <= data.QUESTION_WORDS, language
    for word in (*data.QUESTION_WORDS, *data.AUXILIARIES, *data.NEGATORS,
                 *data.EXCLAIMING, *data.EXCLAMATION_FOLLOWERS, *data.HELP_CRIES,
                 *data.HELP_FILLERS):
        assert word == word.lower().strip() and word
    for phrase in (*data.QUESTION_PHRASES, *data.REQUEST_PHRASES, *data.COMPLAINT_MARKERS,
                   *data.COMPLIMENT_MARKERS):
        # Matched against normalize(text): a hyphen or a capital in the list would never match.
        assert phrase == normalize(phrase), f"{language}: {phrase!r}"
    for pattern in (*data.COMPLAINT_PATTERNS, *data.RESOLVED):
        re.compile(pattern)
    assert all(v > 0 for v in data.POSITIVE.values())
    assert all(v < 0 for v in data.NEGATIVE.values())
    assert not set(data.POSITIVE) & set(data.NEGATIVE)


@pytest.mark.parametrize("language", SUPPORTED)
def test_each_rhetorical_pattern_names_words_it_holds(language: str) -> None:
    """A pattern is tried only on texts with one of the words it names: a word it does not
    hold, or a pattern that names none, would silently keep it from ever matching."""
    patterns: dict[str, str] = getattr(data_for(language), "RHETORICAL_PATTERNS", {})
    for pattern, words in patterns.items():
        re.compile(pattern)
        assert words.split(), f"{language}: {pattern!r} names no word"
        for word in words.split():
            assert word == word.lower() and word in pattern, f"{language}: {word!r}"
