"""``sentiment.linear.v1``: the offline default since it beat VADER alone on English tweets.

English goes through a logistic regression over tweet n-grams (negation-marked) and lexicon
polarity (VADER's word list, our emoji valences, TextBlob's adjectives), averaged with a small
fastText model over the same tokens and their character n-grams, which catches misspellings
and word forms the n-gram table never saw. Both were trained on the SemEval 2013-2016 tweets
(``models.training.sentiment_en``; the figures are in ``docs/quality.md``). Other languages go
through ``sentiment.lexicon.v1`` unchanged. English ends with the webcare rules the model cannot
learn from general tweets: praise next to an eye-roll or an ironic phrase is negative, a
neutral-sounding failure report is negative, and understatement ("not bad at all") is praise.
The score is P(positive) - P(negative): in [-1, 1], and in sign agreeing with a non-neutral
label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import cast

from core.errors import ConfigError
from models.fasttext_files import load_fasttext
from models.lang import data_for
from models.lang.emoji_valence import IRONY_EMOJI
from models.linear import (
    BUNDLED,
    LEXICON_SUMMARY,
    LinearTextModel,
    lexicon_summary,
    load,
    unigrams,
)
from models.registry import register
from models.sentiment import (
    BUT_WORDS,
    PROBLEM_SCORE,
    LexiconSentiment,
    label_for,
    read_idioms,
    states_no_attitude,
)
from models.steps import Analysis
from models.text import contains_phrase
from schemas.mentions import SentimentLabel

DEFAULT_MODEL = BUNDLED / "sentiment-en.v1.json.gz"
DEFAULT_COMPANION = BUNDLED / "sentiment-en-chars.v1.bin"
DEFAULT_COMPANION_WEIGHT = 0.25  # chosen on the SemEval 2016 dev file with the shipped pair
DEFAULT_DUTCH_MODEL = BUNDLED / "sentiment-nl.v1.json.gz"
_LABEL = len("__label__")


@dataclass(frozen=True)
class CharNgramModel:
    """A fastText classifier over the linear model's tokens, joined by spaces (as it was
    trained): its word and character n-gram embeddings see what an exact n-gram table cannot."""

    path: Path

    def scores(self, ngrams: list[str], labels: tuple[str, ...]) -> list[float]:
        """Probabilities in the order of ``labels``, from a tokenizer's n-gram list."""
        tokens = " ".join(unigrams(ngrams))
        found = {label[_LABEL:]: probability for probability, label in
                 load_fasttext(self.path).f.predict(tokens + "\n", len(labels), 0.0, "strict")}
        return [found.get(label, 0.0) for label in labels]


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
    companion: CharNgramModel | None = None
    companion_weight: float = DEFAULT_COMPANION_WEIGHT
    # Other languages' own models (Dutch), each blended with the lexicon step.
    by_language: dict[str, LinearSentiment] = field(default_factory=dict)
    # (weight of the model's score, neutral band): blend with the lexicon step's score and end
    # with its webcare rules, which were written and tested for that language. The Dutch
    # model learnt from 899 tweets by politicians; the lexicon knows the words of webcare.
    blend: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        missing = {"negative", "neutral", "positive"} - set(self.model.labels)
        if missing:
            raise ConfigError(f"sentiment model lacks labels {sorted(missing)}")
        if not 0.0 <= self.companion_weight <= 1.0:
            raise ConfigError(f"companion_weight must be in [0, 1], got {self.companion_weight}")
        self._negative = self.model.labels.index("negative")
        self._positive = self.model.labels.index("positive")
        # Dense features past the tokenizer's own are second-lexicon summaries, by name.
        extra = self.model.extra_names
        self._lexicons = tuple(dict.fromkeys(name.split(".")[0] for name in extra))
        expected = tuple(f"{lex}.{part}" for lex in self._lexicons for part in LEXICON_SUMMARY)
        if extra != expected:
            raise ConfigError(f"sentiment model expects dense features {list(extra)}; "
                              f"this step computes lexicon summaries {list(LEXICON_SUMMARY)}")

    def probabilities(self, text: str, analysis: Analysis | None = None) -> list[float]:
        """Every label's probability for an English ``text``: the linear model's, averaged
        with the companion's when there is one."""
        tokenizer = self.model.tokenizer
        analyzed = (analysis.analyzed_by(tokenizer) if analysis is not None
                    else tokenizer.analyze(text))
        extra = tuple(chain.from_iterable(lexicon_summary(analyzed[0], lex)
                                          for lex in self._lexicons))
        scores = self.model.scores_of(analyzed, extra)
        if self.companion is None or not self.companion_weight:
            return scores
        weight = self.companion_weight
        other = self.companion.scores(analyzed[0], self.model.labels)
        return [(1 - weight) * a + weight * b for a, b in zip(scores, other, strict=True)]

    def classify(self, text: str, language: str, emoji: list[str],
                 analysis: Analysis | None = None) -> tuple[SentimentLabel, float]:
        if language not in self.languages:
            other = self.by_language.get(language)
            if other is not None:
                return other.classify(text, language, emoji, analysis)
            score = self.lexicon.score(text, language, emoji, analysis)
            return label_for(score, self.lexicon.threshold), score
        if self.blend is not None:  # the model reads idioms for what they mean, as the lexicon
            lowered = text.lower()
            meant = read_idioms(lowered, data_for(language))
            if meant != lowered:
                text, analysis = meant, None
        probabilities = self.probabilities(text, analysis)
        label = self.model.most_probable(probabilities)
        score = probabilities[self._positive] - probabilities[self._negative]
        if self.blend is not None:
            return self._blended(score, text, language, emoji, analysis)
        if score > 0 and _ironic(text, language, emoji):
            return "negative", round(-max(0.3, score * 0.8), 4)
        if label == "neutral" and self.lexicon.states_problem(text, language, analysis):
            return "negative", round(min(score, -PROBLEM_SCORE), 4)
        if label == "negative" and _understates_praise(text, language):
            return "positive", round(max(-score, PROBLEM_SCORE), 4)
        return cast(SentimentLabel, label), round(score, 4)

    def _blended(self, score: float, text: str, language: str, emoji: list[str],
                 analysis: Analysis | None) -> tuple[SentimentLabel, float]:
        assert self.blend is not None
        weight, band = self.blend
        lexicon = self.lexicon.score(text, language, emoji, analysis)
        blended = self.lexicon.adjust(weight * score + (1 - weight) * lexicon, text, language,
                                      emoji, analysis)
        if states_no_attitude(text, language):
            # A report or the brand's own statement, however grim its events, states no
            # attitude towards the brand (labelling guideline: both are neutral).
            return "neutral", round(blended / 2, 4)
        label = label_for(blended, band)
        if label == "neutral" and self.lexicon.states_problem(text, language, analysis):
            return "negative", round(min(blended, -PROBLEM_SCORE), 4)
        return label, round(blended, 4)

    def __call__(self, analysis: Analysis) -> None:
        analysis.sentiment_label, analysis.sentiment_score = self.classify(
            analysis.raw.text, analysis.language, analysis.surface.emoji, analysis)


def blended_model(model: LinearTextModel, language: str) -> LinearSentiment:
    """A language's own model with the blend its training chose (``provenance.blend``)."""
    blend = model.provenance.get("blend")
    if not isinstance(blend, dict) or not {"weight", "threshold"} <= blend.keys():
        raise ConfigError(f"the {language} sentiment model file lacks its blend "
                          "(provenance.blend.weight and .threshold)")
    return LinearSentiment(model, frozenset({language}),
                           blend=(float(blend["weight"]), float(blend["threshold"])))


@register("sentiment.linear.v1")
def make_linear_sentiment(model: str | None = None,
                          languages: tuple[str, ...] = ("en",),
                          companion: str | None = str(DEFAULT_COMPANION),
                          companion_weight: float = DEFAULT_COMPANION_WEIGHT,
                          dutch_model: str | None = str(DEFAULT_DUTCH_MODEL)) -> LinearSentiment:
    """``model``: a linear model file (default: the bundled English tweet model);
    ``companion``: a fastText model file averaged in with ``companion_weight`` (default: the
    bundled one; ``None`` for the linear model alone); ``dutch_model``: the Dutch model file
    (default: the bundled one, ``models.training.sentiment_nl``; ``None`` for the Dutch lexicon
    and rules alone)."""
    if companion is not None:
        load_fasttext(Path(companion))  # a missing or broken file fails at load, not later
    by_language = {}
    if dutch_model is not None and "nl" not in languages:
        by_language["nl"] = blended_model(load(Path(dutch_model)), "nl")
    return LinearSentiment(load(Path(model) if model else DEFAULT_MODEL), frozenset(languages),
                           companion=CharNgramModel(Path(companion)) if companion else None,
                           companion_weight=companion_weight, by_language=by_language)
