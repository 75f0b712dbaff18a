"""Sentiment: label positive/neutral/negative and a score in [-1, 1].

``sentiment.lexicon.v1`` is the offline default: VADER for English; for the other languages in
``models.lang`` a VADER-style scorer over that language's lexicon (negation, intensifiers,
"but"-clauses, emoji). Languages without a lexicon only get the emoji signal, and say so by a
score of 0 when there is none (honest neutral, not a guess). Both apply the sarcasm rule that
webcare sees daily: praise next to a sarcasm marker or an eye-roll is negative.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from models.lang import data_for
from models.lang.emoji_valence import EMOJI_VALENCE
from models.registry import register
from models.steps import Analysis
from models.text import WORD, contains_phrase, normalize
from schemas.mentions import SentimentLabel

BUT_WORDS = {"maar", "but", "aber", "mais", "pero", "ma"}
PROBLEM_SCORE = 0.3
_SENTENCE = re.compile(r"[.!?;\n]+")
_CLAUSE = re.compile(r"[^.!?,;:\n]+[.!?,;:]*")  # with its closing mark


@cache
def _patterns(language: str, name: str) -> re.Pattern[str] | None:
    """One alternation of a language's regular expressions ``name`` (None: it has none)."""
    patterns = getattr(data_for(language), name, ())
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def reports_solved(text: str, language: str) -> bool:
    """Whether the text says its problem was solved ("de storing was binnen een uur
    verholpen"). A clause that asks about the solution ("wanneer wordt dit opgelost", "is het
    al opgelost?") does not."""
    solved = _patterns(language, "RESOLVED")
    if solved is None:
        return False
    data = data_for(language)
    openers = (data.QUESTION_WORDS | data.AUXILIARIES) if data is not None else frozenset()
    for clause in _CLAUSE.findall(text.lower()):
        words = WORD.findall(clause)
        if clause.rstrip().endswith("?") or (words and words[0] in openers):
            continue
        if solved.search(clause):
            return True
    return False


def states_a_problem(text: str, language: str) -> bool:
    """Whether the text reports a failure that is still there."""
    patterns = _patterns(language, "COMPLAINT_PATTERNS")
    return bool(patterns and patterns.search(text.lower())) \
        and not reports_solved(text, language)


@cache
def _shared_vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


# Languages with a lexicon of their own large enough to stand alone (models/lang/<code>.py).
_FULL_LEXICONS = frozenset({"nl"})
_NEGATION_SCALE = -0.74  # VADER's constant
_INTENSIFIER_SCALE = 1.0


def label_for(score: float, threshold: float) -> SentimentLabel:
    if score >= threshold:
        return "positive"
    if score <= -threshold:
        return "negative"
    return "neutral"


def _normalize(total: float, alpha: float = 15.0) -> float:
    return total / math.sqrt(total * total + alpha)


@dataclass
class LexiconScorer:
    """VADER's scoring idea over one language's word lists (see ``models.lang.<code>``)."""

    data: ModuleType

    def score(self, text: str, emoji: list[str]) -> float:
        lowered = text.lower()
        for idiom, meaning in self.data.IDIOMS.items():
            if idiom in lowered:
                lowered = re.sub(rf"\b{re.escape(idiom)}\b", meaning, lowered)
        total = sum(self._sentence(WORD.findall(s)) for s in _SENTENCE.split(lowered))
        total += sum(EMOJI_VALENCE.get(e, 0.0) for e in emoji)
        if total and text.count("!"):
            total += math.copysign(min(text.count("!"), 4) * 0.292, total)
        return _normalize(total) if total else 0.0

    def _sentence(self, words: list[str]) -> float:
        """Valence of one sentence: negation and intensifiers do not reach across sentences
        ("Niemand reageert. Schandalig!")."""
        positive: dict[str, float] = self.data.POSITIVE
        negative: dict[str, float] = self.data.NEGATIVE
        intensifiers: dict[str, float] = self.data.INTENSIFIERS
        negators: frozenset[str] = self.data.NEGATORS
        but_at = next((i for i, w in enumerate(words) if w in BUT_WORDS), None)
        total = 0.0
        for i, word in enumerate(words):
            valence = positive.get(word) or negative.get(word)
            if not valence:
                continue
            window = words[max(0, i - 3):i]
            boost = sum(intensifiers.get(w, 0.0) for w in window[-2:])
            valence += math.copysign(boost * _INTENSIFIER_SCALE, valence)
            if any(w in negators for w in window):
                valence *= _NEGATION_SCALE
            if but_at is not None:
                valence *= 0.5 if i < but_at else 1.5
            total += valence
        return total


@dataclass
class LexiconSentiment:
    """reads: ``language``, ``surface``; adds: ``sentiment_label``, ``sentiment_score``."""

    threshold: float = 0.05
    _vader: SentimentIntensityAnalyzer = field(default_factory=_shared_vader)
    _scorers: dict[str, LexiconScorer] = field(default_factory=dict)

    def _scorer(self, language: str) -> LexiconScorer | None:
        if language not in self._scorers:
            data = data_for(language)
            if data is None:
                return None
            self._scorers[language] = LexiconScorer(data)
        return self._scorers[language]

    def score(self, text: str, language: str, emoji: list[str],
              analysis: Analysis | None = None) -> float:
        scorer = None if language == "en" else self._scorer(language)
        score = scorer.score(text, emoji) if scorer is not None else 0.0
        if language not in _FULL_LEXICONS and (language == "en" or score == 0.0):
            # English, and languages whose word lists are still small: VADER reads emoji,
            # emoticons, punctuation and the English loanwords social text is full of.
            score = float(self._vader.polarity_scores(text)["compound"])
        score = self.adjust(score, text, language, emoji, analysis)
        return round(max(-1.0, min(1.0, score)), 4)

    def adjust(self, score: float, text: str, language: str, emoji: list[str],
               analysis: Analysis | None = None) -> float:
        """The webcare rules on top of any scorer: praise next to a sarcasm marker or an
        eye-roll is negative; a customer reporting a failure ("Al drie dagen geen internet",
        "my parcel still hasn't arrived") is not neutral, sentiment words or not."""
        if score > 0 and (self._is_sarcastic(text, language, emoji)
                          or self._praises_a_failure(text, language, analysis)):
            return -max(0.3, score * 0.8)
        if -PROBLEM_SCORE < score < PROBLEM_SCORE and self.states_problem(text, language,
                                                                           analysis):
            return -PROBLEM_SCORE
        return score

    @staticmethod
    def states_problem(text: str, language: str, analysis: Analysis | None) -> bool:
        if analysis is None:
            return states_a_problem(text, language)
        if analysis.states_problem is None:
            analysis.states_problem = states_a_problem(text, language)
        return analysis.states_problem

    def _praises_a_failure(self, text: str, language: str, analysis: Analysis | None) -> bool:
        """Thanks or praise next to a failure that is still there: "Ik sta al een uur op het
        perron. Dank je wel NS, echt top." Praise for a solved one is sincere."""
        data = data_for(language)
        if data is None:
            return False
        return contains_phrase(normalize(text), data.COMPLIMENT_MARKERS) \
            and self.states_problem(text, language, analysis)

    @staticmethod
    def _is_sarcastic(text: str, language: str, emoji: list[str]) -> bool:
        if any(EMOJI_VALENCE.get(e, 0.0) <= -1.5 for e in emoji):
            return True
        data = data_for(language)
        if data is None:
            return False
        lowered = text.lower()
        return any(marker in lowered for marker in data.SARCASM_MARKERS)

    def __call__(self, analysis: Analysis) -> None:
        text = analysis.raw.text
        score = self.score(text, analysis.language, analysis.surface.emoji, analysis)
        analysis.sentiment_score = score
        analysis.sentiment_label = label_for(score, self.threshold)


@register("sentiment.lexicon.v1")
def make_lexicon_sentiment(threshold: float = 0.05) -> LexiconSentiment:
    return LexiconSentiment(threshold=threshold)
