"""Linear text classifiers trained offline (``models/training``) and shipped as data files.

A model file is gzipped JSON, readable and free of pickles: the labels, the tokenizer's
settings, the n-gram features with one weight per label, the dense features (named: the
tokenizer's lexicon polarity, then any the caller supplies), the bias and a provenance block
(data, sizes, dev scores). Prediction is a softmax over
``bias + sum(weights of present n-grams) / sqrt(n) + dense @ dense_weights``: exactly what
scikit-learn's logistic regression computes over L2-normalised binary n-gram vectors, which is
how ``models.training.linear`` trains it, without needing scikit-learn at run time.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import pairwise
from operator import mul
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import ConfigError
from models.lang.emoji_valence import EMOJI_VALENCE

FORMAT = "webcare.linear-text-model/1"

_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE = re.compile(r"@\w+")
# Words (with a leading # or @), or a run of up to three other non-space characters, which keeps
# emoji, emoticons and "!!!" as features.
_TOKEN = re.compile(r"[#@]?\w[\w']*|[^\w\s]{1,3}")
_CLAUSE_END = ".,!?;:"
_REPEATS = re.compile(r"(.)\1{2,}")
_NEGATION_SCALE = -0.74  # VADER's
Analyzed = tuple[list[str], tuple[float, ...]]  # a text's n-grams and dense features
POLARITY_FEATURES = ("polarity.total", "polarity.positive", "polarity.negative",
                     "polarity.neutral")


@cache
def polarity_lexicon(name: str) -> dict[str, float]:
    """Word valences a tokenizer may use to flag negated sentiment words; by name, so a model
    file stays small and says which lexicon it was trained with."""
    if name == "vader":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        return dict(SentimentIntensityAnalyzer().lexicon)
    if name == "textblob":
        return _textblob_lexicon()
    if name == "nl":
        return _bundled_lexicon("lexicon-nl.v1.json.gz")
    raise ConfigError(f"unknown polarity lexicon {name!r}; known: vader, textblob, nl")


def _bundled_lexicon(file: str) -> dict[str, float]:
    """A lexicon built by ``models.training`` and shipped in ``models/data`` (the Dutch one:
    Pattern, LUPJE and our own word lists, ``models.training.lexicon_nl``)."""
    with gzip.open(BUNDLED / file, "rt", encoding="utf-8") as handle:
        return {word: float(value) for word, value in json.load(handle)["valences"].items()}


def _textblob_lexicon() -> dict[str, float]:
    """TextBlob's English adjective lexicon (from Pattern, public domain), one valence per word
    form: the mean polarity of its senses, words without polarity left out."""
    from xml.etree import ElementTree

    # The file only: importing the textblob package pulls in NLTK, about 130 MB and seconds.
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the textblob lexicon needs the textblob package installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "en" / "en-sentiment.xml"
    senses: dict[str, list[float]] = {}
    for word in ElementTree.fromstring(path.read_bytes()).iter("word"):
        senses.setdefault(word.attrib["form"].lower(), []).append(
            float(word.attrib.get("polarity", 0.0)))
    return {form: sum(values) / len(values) for form, values in senses.items() if any(values)}


def _token_valence(token: str, valences: dict[str, float], emoji: bool) -> float:
    """A token's lexicon valence, 0 when it has none, flipped and damped when the tokenizer
    marked it negated (``_NEG``); with ``emoji``, a token that is not a word, handle or hashtag
    also counts the valence of its emoji."""
    negated = token.endswith("_NEG")
    word = token[:-4] if negated else token
    valence = valences.get(word)
    if valence is None:
        if not emoji or word[0].isalnum() or word[0] in "#@":
            return 0.0
        valence = sum(EMOJI_VALENCE.get(char, 0.0) for char in word)
    return valence * _NEGATION_SCALE if negated else valence


def _valences(tokens: Sequence[str], valences: dict[str, float], emoji: bool) -> list[float]:
    """The non-zero ``_token_valence`` of each token, in order. Most tokens are plain words
    with or without a valence: one dictionary lookup settles them, the rest take the long way."""
    get = valences.get
    found = []
    for token in tokens:
        valence = get(token)
        if valence is None:
            if not token.endswith("_NEG") and (not emoji or token[0].isalnum()
                                                or token[0] in "#@"):
                continue
            valence = _token_valence(token, valences, emoji)
        if valence:
            found.append(valence)
    return found


def unigrams(ngrams: Sequence[str]) -> Sequence[str]:
    """The tokens of a ``Tokenizer.analyze`` n-gram list: they come first, followed by one
    bigram per adjacent pair, so n tokens make 2n - 1 n-grams."""
    return ngrams[:(len(ngrams) + 1) // 2]


def lexicon_summary(ngrams: Sequence[str], lexicon: str) -> tuple[float, ...]:
    """A second lexicon's view of a text, from a tokenizer's n-grams (``LEXICON_SUMMARY``):
    the squashed sums of positive and negative valence, the last valence seen (a tweet's
    closing judgement), the strongest positive and negative one. Negated words count flipped
    and damped, as in the tokenizer's own polarity features."""
    positive = negative = last = strongest = weakest = 0.0
    for valence in _valences(unigrams(ngrams), polarity_lexicon(lexicon), emoji=False):
        if valence > 0:
            positive += valence
        else:
            negative -= valence
        last = valence
        strongest, weakest = max(strongest, valence), min(weakest, valence)
    return math.tanh(positive), math.tanh(negative), last, strongest, weakest


LEXICON_SUMMARY = ("positive", "negative", "last", "strongest", "weakest")


@dataclass(frozen=True)
class Tokenizer:
    """Turns a text into the model's features: lowercased tokens with URLs and handles
    collapsed, letters repeated for emphasis squeezed ("soooo" -> "soo"), negation scope marked
    ("not good" -> ``good_NEG``, to the end of the clause), hashtags also as plain words, then
    unigrams and bigrams. With a polarity lexicon, a negated sentiment word also adds
    ``NEG:negative`` or ``NEG:positive``: litotes ("not bad at all") share one feature instead
    of hoping each phrase was in the training data."""

    negators: frozenset[str]
    negation_suffix: str = "n't"  # "" for a language without contracted negation
    polarity: str | None = None

    def tokens(self, text: str) -> list[str]:
        if "http" in text or "www." in text:  # most texts have neither: skip the scan
            text = _URL.sub(" http ", text)
        if "@" in text:
            text = _HANDLE.sub(" @user ", text)
        text = text.replace("’", "'").lower()
        text = _REPEATS.sub(r"\1\1", text)
        found = _TOKEN.findall(text)
        if "#" not in text and self.negators.isdisjoint(found) and not (
                self.negation_suffix and self.negation_suffix in text):
            return found  # nothing negated, no hashtag to add as a word: the tokens as found
        valences = polarity_lexicon(self.polarity) if self.polarity else {}
        out: list[str] = []
        negated = False
        for token in found:
            if not token.strip(_CLAUSE_END):
                negated = False
                out.append(token)
                continue
            if negated:
                out.append(token + "_NEG")
                valence = valences.get(token)
                if valence:
                    out.append("NEG:negative" if valence < 0 else "NEG:positive")
            else:
                out.append(token)
            if token in self.negators or (self.negation_suffix
                                          and token.endswith(self.negation_suffix)):
                negated = True
            if token[0] == "#" and len(token) > 1:
                out.append(token[1:])
        return out

    @property
    def dense_names(self) -> tuple[str, ...]:
        return POLARITY_FEATURES if self.polarity else ()

    def analyze(self, text: str) -> Analyzed:
        """The n-gram features and, with a polarity lexicon, the dense polarity features."""
        tokens = self.tokens(text)
        ngrams = tokens + [f"{a} {b}" for a, b in pairwise(tokens)]
        return ngrams, (self._polarity(tokens) if self.polarity else ())

    def features(self, text: str) -> list[str]:
        return self.analyze(text)[0]

    def _polarity(self, tokens: list[str]) -> tuple[float, ...]:
        """VADER's idea in four numbers, from the tokens already made: the lexicon valence of
        every word, emoticon and emoji, flipped and damped when negated; the normalised total
        and the positive, negative and neutral shares."""
        assert self.polarity is not None
        positive = negative = 0.0
        for valence in _valences(tokens, polarity_lexicon(self.polarity), emoji=True):
            if valence > 0:
                positive += valence
            else:
                negative -= valence
        total = positive - negative
        mass = positive + negative + 1.0
        return (total / math.sqrt(total * total + 15.0), positive / mass, negative / mass,
                1.0 / mass)


@dataclass(frozen=True, eq=False)
class LinearTextModel:
    labels: tuple[str, ...]
    tokenizer: Tokenizer
    index: dict[str, int]  # n-gram -> row of ``weights``
    weights: np.ndarray  # (n-grams, labels)
    bias: np.ndarray  # (labels,)
    dense_names: tuple[str, ...]
    dense_weights: np.ndarray  # (dense features, labels)
    provenance: dict[str, Any]
    # For a yes/no model: say yes when this label's probability reaches the threshold.
    decision: tuple[str, float] | None = None

    @property
    def extra_names(self) -> tuple[str, ...]:
        """The dense features the caller supplies: those after the tokenizer's own."""
        return self.dense_names[len(self.tokenizer.dense_names):]

    def scores(self, text: str, extra: Sequence[float] = ()) -> list[float]:
        """Class probabilities, in the order of ``labels``. ``extra``: values for the dense
        features the tokenizer does not compute itself (those after its own, in order)."""
        return self.scores_of(self.tokenizer.analyze(text), extra)

    def scores_of(self, analyzed: Analyzed, extra: Sequence[float] = ()) -> list[float]:
        """``scores`` from this model's ``tokenizer.analyze`` output, which models sharing one
        tokenizer can share too."""
        ngrams, dense = analyzed
        if extra:
            dense = (*dense, *extra)
        if len(dense) != len(self.dense_names):
            raise ValueError(f"model expects dense features {self.dense_names}, got {len(dense)}")
        rows = self._rows
        # A set intersection finds the known n-grams in C: most of a text's are unknown.
        present = [rows[f] for f in self._vocabulary.intersection(ngrams)]
        totals = [b + sum(map(mul, dense, column))
                  for b, column in zip(self._bias, self._dense_columns, strict=True)]
        if present:
            scale = 1.0 / math.sqrt(len(present))
            totals = [t + sum(column) * scale
                      for t, column in zip(totals, zip(*present, strict=True), strict=True)]
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        norm = sum(exps)
        return [e / norm for e in exps]

    # Plain tuples: for the few dozen n-grams of one text, Python's own sums beat numpy's
    # per-call overhead.
    @cached_property
    def _rows(self) -> dict[str, tuple[float, ...]]:
        return {f: tuple(self.weights[i].tolist()) for f, i in self.index.items()}

    @cached_property
    def _vocabulary(self) -> frozenset[str]:
        return frozenset(self._rows)

    @cached_property
    def _bias(self) -> tuple[float, ...]:
        return tuple(float(b) for b in self.bias)

    @cached_property
    def _dense_columns(self) -> list[tuple[float, ...]]:
        """One tuple per label: the weights of the dense features."""
        return [tuple(float(w) for w in column) for column in self.dense_weights.T]

    def decides(self, analyzed: Analyzed, extra: Sequence[float] = ()) -> bool:
        """For a model with a ``decision`` (label, threshold): whether the label's probability
        reaches the threshold chosen when it was trained."""
        if self.decision is None:
            raise ConfigError("model file has no decision threshold")
        label, threshold = self.decision
        return self.scores_of(analyzed, extra)[self.labels.index(label)] >= threshold

    def predict(self, text: str, extra: Sequence[float] = ()) -> tuple[str, list[float]]:
        return self.predict_of(self.tokenizer.analyze(text), extra)

    def predict_of(self, analyzed: Analyzed,
                   extra: Sequence[float] = ()) -> tuple[str, list[float]]:
        """The most probable label and every label's probability, from ``analyze`` output."""
        probabilities = self.scores_of(analyzed, extra)
        return self.most_probable(probabilities), probabilities

    def most_probable(self, probabilities: Sequence[float]) -> str:
        """The label with the highest of ``probabilities`` (given in the order of ``labels``)."""
        return self.labels[max(range(len(probabilities)), key=probabilities.__getitem__)]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "labels": list(self.labels),
            "tokenizer": {"negators": sorted(self.tokenizer.negators),
                          "negation_suffix": self.tokenizer.negation_suffix,
                          "polarity": self.tokenizer.polarity},
            "bias": [round(float(b), 5) for b in self.bias],
            "dense": {"names": list(self.dense_names),
                      "weights": [[round(float(w), 5) for w in row]
                                  for row in self.dense_weights]},
            "provenance": self.provenance,
            **({"decision": {"label": self.decision[0], "threshold": self.decision[1]}}
               if self.decision else {}),
            "features": {f: [round(float(w), 4) for w in self.weights[i]]
                         for f, i in sorted(self.index.items())},
        }

    def save(self, path: Path) -> None:
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
            json.dump(self.to_json(), out, ensure_ascii=False, separators=(",", ":"))


def from_json(data: dict[str, Any], origin: str = "model") -> LinearTextModel:
    if data.get("format") != FORMAT:
        raise ConfigError(f"{origin}: not a {FORMAT} file (format={data.get('format')!r})")
    try:
        labels = tuple(data["labels"])
        features: dict[str, list[float]] = data["features"]
        dense = data["dense"]
        tokenizer = Tokenizer(frozenset(data["tokenizer"]["negators"]),
                              data["tokenizer"].get("negation_suffix", "n't"),
                              data["tokenizer"].get("polarity"))
        if tokenizer.polarity:
            polarity_lexicon(tokenizer.polarity)
        width = len(labels)
        weights = np.array(list(features.values()), dtype=np.float64).reshape(-1, width)
        bias = np.array(data["bias"], dtype=np.float64).reshape(width)
        dense_weights = np.array(dense["weights"], dtype=np.float64).reshape(
            len(dense["names"]), width)
        decision = data.get("decision")
        if decision is not None:
            decision = (str(decision["label"]), float(decision["threshold"]))
            if decision[0] not in labels:
                raise ValueError(f"decision label {decision[0]!r} is not one of {labels}")
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{origin}: malformed model file ({exc!r})") from None
    return LinearTextModel(labels, tokenizer, {f: i for i, f in enumerate(features)}, weights,
                           bias, tuple(dense["names"]), dense_weights,
                           dict(data.get("provenance", {})), decision)


@cache
def load(path: Path) -> LinearTextModel:
    """Load a model file once per process (the worker and the CLI share it)."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"model file not found: {path}") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read model file ({exc})") from None
    return from_json(data, str(path))


BUNDLED = Path(__file__).parent / "data"
