"""The reply-tone check: which words in a brand's reply are known to pull the customer's
sentiment down (``conversations.lang``). A flag for coaching, not a score: the reply is
still sent and counted as it is."""

from __future__ import annotations

import re
from functools import cache

from conversations.lang import TONE_PHRASES
from models.text import normalize


@cache
def _pattern(language: str) -> re.Pattern[str] | None:
    phrases = TONE_PHRASES.get(language)
    if not phrases:
        return None
    # Longest first, so "sorry for the inconvenience" is found whole, not as "inconvenience".
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(p) for p in ordered) + r")(?!\w)")


def tone_flags(text: str, language: str) -> list[str]:
    """The flagged phrases of a reply in ``language`` (its own list; an unknown language
    is checked against every list, since a short reply is often detected wrongly)."""
    plain = normalize(text)
    languages = [language] if language in TONE_PHRASES else sorted(TONE_PHRASES)
    found: list[str] = []
    for code in languages:
        pattern = _pattern(code)
        if pattern is not None:
            found += [m for m in pattern.findall(plain) if m not in found]
    return found
