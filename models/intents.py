"""Intents (multi-label): question, complaint, compliment; rules over ``models.lang`` data.

A mention can be a question and a complaint at once ("Waarom is mijn pakket nog steeds niet
bezorgd?"). Complaint and compliment exclude each other: sarcastic praise is a complaint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import ModuleType

from models.lang import data_for
from models.registry import register
from models.sentiment import states_a_problem
from models.steps import Analysis
from models.text import WORD, contains_phrase
from schemas.mentions import Intent

_SENTENCES = re.compile(r"[^.!?\n]+[.!?]*")


def _asks(sentence: str, data: ModuleType) -> bool:
    """A wh-word opening the sentence (not an exclamation: "What a day!"), or an auxiliary
    followed by a subject ("can you", "is er", "heb je"): subject-verb inversion."""
    words = WORD.findall(sentence.lower())
    if len(words) < 2:
        return False
    if words[0] in data.QUESTION_WORDS and not sentence.rstrip().endswith("!"):
        return True
    return words[0] in data.AUXILIARIES and words[1] in data.SUBJECTS


@dataclass
class RuleIntents:
    """reads: ``surface.plain``, ``language``, ``sentiment_*``; adds: ``intents``."""

    complaint_score: float = -0.3  # clearly negative sentiment complains, marker or not
    fallback_language: str = "en"
    _data: dict[str, ModuleType] = field(default_factory=dict)

    def _language_data(self, language: str) -> tuple[str, ModuleType]:
        data = data_for(language)
        if data is None:
            language = self.fallback_language
            data = data_for(language)
        assert data is not None
        return language, data

    def is_question(self, plain: str, normalized: str, data: ModuleType) -> bool:
        if "?" in plain:
            return True
        if contains_phrase(normalized, data.QUESTION_PHRASES):
            return True
        return any(_asks(s, data) for s in _SENTENCES.findall(plain))

    def classify(self, plain: str, language: str, sentiment: float,
                 states_problem: bool | None = None) -> list[Intent]:
        language, data = self._language_data(language)
        normalized = " ".join(WORD.findall(plain.lower()))
        intents: list[Intent] = []
        if self.is_question(plain, normalized, data):
            intents.append("question")
        complains = contains_phrase(normalized, data.COMPLAINT_MARKERS) or (
            states_problem if states_problem is not None else states_a_problem(plain, language))
        praises = contains_phrase(normalized, data.COMPLIMENT_MARKERS)
        if (complains and sentiment <= 0.3) or sentiment <= self.complaint_score:
            intents.append("complaint")
        elif praises and sentiment > 0:
            intents.append("compliment")
        return intents

    def __call__(self, analysis: Analysis) -> None:
        analysis.intents = self.classify(analysis.surface.plain, analysis.language,
                                         analysis.sentiment_score, analysis.states_problem)


@register("intents.rules.v1")
def make_rule_intents(complaint_score: float = -0.3) -> RuleIntents:
    return RuleIntents(complaint_score=complaint_score)
