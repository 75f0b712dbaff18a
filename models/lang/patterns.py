"""A language's list of regular expressions (``COMPLAINT_PATTERNS``, ``RESOLVED``, ...),
searched as their alternation would be, but faster.

Why: the Dutch failure patterns grew to some sixty; as one alternation, ``re`` tries every
one of them at every position of the text: 44 µs a demo text, 104-109 µs on longer ones,
the largest single cost of the Dutch rules (9 and 20 µs gated). Most of them open on a literal word ("\\b(?:storing|kapot|defect)\\b",
"\\bwaar blijft\\b"), and cannot match a text without that word: such a pattern is tried
only on texts holding one of its opening words (``models.text.OpeningWordIndex``). The rest are searched as one alternation, as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from models.text import OpeningWordIndex

# An opening literal: "\b", any lookbehinds, and one plain word, or a group of plain words,
# phrases and "\d+" ("\b(?:niet|geen|nog steeds niet)", "\b(?:twee|drie|\d+)"), closed by a
# space, "\s", "(?:\s" or "\b" (so the word ends there: "\bvertrouw(?:en)?" opens on no whole
# word and is not gated).
_ALTERNATIVE = r"(?:\w+(?: \w+)*|\\d\+)"
_OPENING = re.compile(r"\\b(?:\(\?<!\w+ \))*"
                      rf"(?:(?P<word>\w+)|\(\?:(?P<words>{_ALTERNATIVE}(?:\|{_ALTERNATIVE})*)\))"
                      r"(?=\\s|\\b| |\(\?:\\s)")
DIGITS = r"\d+"  # the key of patterns opening on a number: tried on texts with a number
_DIGIT = re.compile(r"\d")
# Fewer patterns than this are searched as one alternation: gating them saves less than the
# lookup of the text's words costs.
GATED_FROM = 8


# A pattern that opens on no literal word may name the word every match of it holds, in a
# regular expression comment at its start: "(?#needs:nooit)(?:^|[.!?]\s*)nooit meer\s*[!.]",
# or "(?#needs:\d+)" for a number. The comment changes nothing of what the pattern matches.
_NEEDS = re.compile(r"\(\?#needs:(?P<word>\w+|\\d\+)\)")


def opening_words(pattern: str) -> frozenset[str] | None:
    """The words one of which a text must hold for ``pattern`` to match it (``DIGITS``: any
    number), or None when the pattern does not open on a literal word and names none it
    needs (it is then always tried)."""
    needs = _NEEDS.match(pattern)
    if needs is not None:
        return frozenset({needs.group("word")})
    found = _OPENING.match(pattern)
    if found is None:
        return None
    if found.group("word"):
        return frozenset({found.group("word")})
    return frozenset(phrase.split(" ")[0] for phrase in found.group("words").split("|"))


def alternation(patterns: Sequence[str]) -> re.Pattern[str]:
    """The patterns as one regular expression: a match of any of them."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@dataclass(frozen=True)
class PatternSet:
    """``search(text)``: a match of any of the patterns, or None (whether one matches is
    what the rules ask; which one, when several do, is not defined)."""

    gated: tuple[re.Pattern[str], ...]  # the patterns that open on a word, by position
    index: OpeningWordIndex  # their opening words
    always: re.Pattern[str] | None  # the patterns without an opening word, as one

    @classmethod
    def of(cls, patterns: Sequence[str]) -> PatternSet:
        openings = [opening_words(pattern) for pattern in patterns]
        gated = [(p, words) for p, words in zip(patterns, openings, strict=True) if words]
        always = [p for p, words in zip(patterns, openings, strict=True) if not words]
        return cls(tuple(re.compile(p) for p, _ in gated),
                   OpeningWordIndex.of([words for _, words in gated]),
                   alternation(always) if always else None)

    def search(self, text: str) -> re.Match[str] | None:
        if self.always is not None and (found := self.always.search(text)) is not None:
            return found
        numbers = (DIGITS,) if _DIGIT.search(text) is not None else ()
        for position in self.index.candidates(text, numbers):
            if (found := self.gated[position].search(text)) is not None:
                return found
        return None
