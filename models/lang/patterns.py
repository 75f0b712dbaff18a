"""A language's list of regular expressions (``COMPLAINT_PATTERNS``, ``RESOLVED``, ...),
searched as their alternation would be, but faster.

Why: the Dutch failure patterns grew to some sixty; as one alternation, ``re`` tries every
one of them at every position of the text: 44 µs a demo text, 104-109 µs on longer ones,
the largest single cost of the Dutch rules (9 and 20 µs gated). Most of them open on a literal word ("\\b(?:storing|kapot|defect)\\b",
"\\bwaar blijft\\b"), and cannot match a text without that word: such a pattern is tried
only on texts holding one of its opening words (the text's words are cached per text,
``models.text.word_runs``). The rest are searched as one alternation, as before.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from models.text import word_runs

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


def opening_words(pattern: str) -> frozenset[str] | None:
    """The words one of which a text must hold for ``pattern`` to match it (``DIGITS``: any
    number), or None when the pattern does not open on a literal word (it is then always
    tried)."""
    found = _OPENING.match(pattern)
    if found is None:
        return None
    if found.group("word"):
        return frozenset({found.group("word")})
    return frozenset(phrase.split(" ")[0] for phrase in found.group("words").split("|"))


@dataclass(frozen=True)
class PatternSet:
    """``search(text)``: a match of any of the patterns, or None (whether one matches is
    what the rules ask; which one, when several do, is not defined)."""

    by_word: dict[str, tuple[int, ...]]  # an opening word -> the gated patterns it opens
    gated: tuple[re.Pattern[str], ...]
    always: re.Pattern[str] | None  # the patterns without an opening word, as one

    @classmethod
    def of(cls, patterns: Sequence[str]) -> PatternSet | re.Pattern[str]:
        """Short lists (fewer than ``GATED_FROM``) come back as one compiled alternation."""
        if len(patterns) < GATED_FROM:
            return re.compile("|".join(f"(?:{p})" for p in patterns))
        gated: list[re.Pattern[str]] = []
        by_word: dict[str, list[int]] = {}
        always: list[str] = []
        for pattern in patterns:
            words = opening_words(pattern)
            if words is None:
                always.append(pattern)
                continue
            for word in words:
                by_word.setdefault(word, []).append(len(gated))
            gated.append(re.compile(pattern))
        return cls({w: tuple(indices) for w, indices in by_word.items()}, tuple(gated),
                   re.compile("|".join(f"(?:{p})" for p in always)) if always else None)

    def search(self, text: str) -> re.Match[str] | None:
        if self.always is not None and (found := self.always.search(text)) is not None:
            return found
        by_word = self.by_word
        if not by_word:
            return None
        words: Collection[str] = word_runs(text)
        if DIGITS in by_word and _DIGIT.search(text) is not None:
            words = {*words, DIGITS}
        if len(words) > len(by_word):
            words = by_word.keys() & words
        tried: set[int] = set()
        for word in words:
            for index in by_word.get(word, ()):
                if index not in tried:
                    tried.add(index)
                    if (found := self.gated[index].search(text)) is not None:
                        return found
        return None
