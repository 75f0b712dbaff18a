"""``sentiment.linear.v1``: the offline default since it beat VADER alone on English tweets.

English goes through a logistic regression over tweet n-grams (negation-marked) and lexicon
polarity (VADER's word list, our emoji valences), trained on the SemEval 2013-2016 tweets
(``models.training.sentiment_en``; the figures are in ``docs/quality.md``). Other languages go
through ``sentiment.lexicon.v1`` unchanged. English ends with the webcare rules the model cannot
learn from general tweets: praise next to an eye-roll or an ironic phrase is negative, a
neutral-sounding failure report is negative, and understatement ("not bad at all") is praise.
The score is P(positive) - P(negative): in [-1, 1], and in sign agreeing with a non-neutral
label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from models.lang import data_for
from models.lang.emoji_valence import IRONY_EMOJI
from models.linear import BUNDLED, LinearTextModel, load
from models.registry import register
from models.sentiment import (
    BUT_WORDS,
    PROBLEM_SCORE,
    LexiconSentiment,
    label_for,
)
from models.steps import Analysis
from models.text import contains_phrase
from schemas.mentions import SentimentLabel
from webcare.errors import ConfigError

DEFAULT_MODEL = BUNDLED / "sentiment-en.v1.json.gz"


def _understates_praise(text: str, language: str) -> bool:
    data = data_for(language)
    lowered = text.lower()
    return contains_phrase(lowered, getattr(data, "LITOTES", ())) \
        and not any(f" {but} " in f" {lowered} " for but in BUT_WORDS)


def _ironic(text: str, language: str, emoji: list[str]) -> bool:
    """Only unambiguous irony: the model already weighs words like "again" in context, and
    overriding it on those lost accuracy on held-out tweets."""
    if any(e in IRONY_EMOJI for e in emoji):
        return True
    data = data_for(language)
    markers = getattr(data, "IRONY_MARKERS", ()) if data is not None else ()
    lowered = text.lower()
    return any(marker in lowered for marker in markers)


@dataclass
class LinearSentiment:
    """reads: ``language``, ``surface``; adds: ``sentiment_label``, ``sentiment_score``."""

    model: LinearTextModel
    languages: frozenset[str] = frozenset({"en"})
    lexicon: LexiconSentiment = field(default_factory=LexiconSentiment)

    def __post_init__(self) -> None:
        missing = {"negative", "neutral", "positive"} - set(self.model.labels)
        if missing:
            raise ConfigError(f"sentiment model lacks labels {sorted(missing)}")
        self._negative = self.model.labels.index("negative")
        self._positive = self.model.labels.index("positive")

    def classify(self, text: str, language: str, emoji: list[str],
                 analysis: Analysis | None = None) -> tuple[SentimentLabel, float]:
        if language not in self.languages:
            score = self.lexicon.score(text, language, emoji, analysis)
            return label_for(score, self.lexicon.threshold), score
        label, probabilities = (
            self.model.predict_of(analysis.analyzed_by(self.model.tokenizer))
            if analysis is not None else self.model.predict(text))
        score = probabilities[self._positive] - probabilities[self._negative]
        if score > 0 and _ironic(text, language, emoji):
            return "negative", round(-max(0.3, score * 0.8), 4)
        if label == "neutral" and self.lexicon.states_problem(text, language, analysis):
            return "negative", round(min(score, -PROBLEM_SCORE), 4)
        if label == "negative" and _understates_praise(text, language):
            return "positive", round(max(-score, PROBLEM_SCORE), 4)
        return cast(SentimentLabel, label), round(score, 4)

    def __call__(self, analysis: Analysis) -> None:
        analysis.sentiment_label, analysis.sentiment_score = self.classify(
            analysis.raw.text, analysis.language, analysis.surface.emoji, analysis)


@register("sentiment.linear.v1")
def make_linear_sentiment(model: str | None = None,
                          languages: tuple[str, ...] = ("en",)) -> LinearSentiment:
    """``model``: a model file (default: the bundled English tweet model)."""
    return LinearSentiment(load(Path(model) if model else DEFAULT_MODEL), frozenset(languages))
