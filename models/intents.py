"""Intents (multi-label): question, complaint, compliment; rules over ``models.lang`` data.

A mention can be a question and a complaint at once ("Waarom is mijn pakket nog steeds niet
bezorgd?"). Complaint and compliment exclude each other: sarcastic praise is a complaint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.lang import data_for
from models.registry import register
from models.steps import Analysis
from models.text import WORD
from schemas.mentions import Intent

_QUESTION_MARK = re.compile(r"\?")


def _contains_any(text: str, phrases: tuple[str, ...]) -> bool:
    padded = f" {text} "
    return any(f" {p} " in padded for p in phrases)


@dataclass
class RuleIntents:
    """reads: ``surface.plain``, ``language``, ``sentiment_*``; adds: ``intents``."""

    complaint_score: float = -0.3  # sentiment at or below this, with a marker or not, complains

    def classify(self, plain: str, language: str, sentiment: float) -> list[Intent]:
        data = data_for(language) or data_for("en")
        assert data is not None
        words = WORD.findall(plain.lower())
        normalized = " ".join(words)
        intents: list[Intent] = []
        if _QUESTION_MARK.search(plain) or (
            words and words[0] in data.QUESTION_STARTERS and len(words) > 2
        ) or _contains_any(normalized, data.QUESTION_PHRASES):
            intents.append("question")
        complains = _contains_any(normalized, data.COMPLAINT_MARKERS)
        praises = _contains_any(normalized, data.COMPLIMENT_MARKERS)
        if (complains and sentiment <= 0.3) or sentiment <= self.complaint_score:
            intents.append("complaint")
        elif praises and sentiment > 0:
            intents.append("compliment")
        return intents

    def __call__(self, analysis: Analysis) -> None:
        analysis.intents = self.classify(
            analysis.surface.plain, analysis.language, analysis.sentiment_score
        )


@register("intents.rules.v1")
def make_rule_intents(complaint_score: float = -0.3) -> RuleIntents:
    return RuleIntents(complaint_score=complaint_score)
