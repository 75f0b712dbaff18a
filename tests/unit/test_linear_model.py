"""The shipped linear text models: features, training, the file format, and the bundled model."""

from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

from core.errors import ConfigError
from models.intents import DEFAULT_COMPLAINT_MODEL, DEFAULT_QUESTION_MODEL
from models.linear import (
    LEXICON_SUMMARY,
    POLARITY_FEATURES,
    Tokenizer,
    lexicon_summary,
    load,
    unigrams,
)
from models.sentiment_linear import (
    DEFAULT_COMPANION,
    DEFAULT_COMPANION_WEIGHT,
    DEFAULT_MODEL,
    LinearSentiment,
    make_linear_sentiment,
)
from models.training.eval_split import DEV_SHARE, SALT
from models.training.linear import LinearTrainer, macro_f1

TOKENIZER = Tokenizer(frozenset({"not", "never"}))

TEXTS = [
    "I love this phone", "love it, great camera", "great service thanks",
    "what a great day", "this is not great", "never buying again, terrible",
    "terrible battery", "I hate the new update", "the store opens at nine",
    "new model out today", "price list for the store", "opens today at ten",
]
LABELS = ["positive"] * 4 + ["negative"] * 4 + ["neutral"] * 4


def length(text: str) -> list[float]:
    return [len(text) / 100]


def test_tokenizer_collapses_handles_and_links_and_marks_negation() -> None:
    tokens = TOKENIZER.tokens("@KPN this is NOT good!!! Sooooo bad #fail https://t.co/x")
    assert tokens[0] == "@user"
    assert "good_NEG" in tokens and "is" in tokens
    assert "so_NEG" not in tokens and "soo" in tokens  # "!!!" ends the negation scope
    assert "#fail" in tokens and "fail" in tokens and tokens[-1] == "http"
    assert "don't_NEG" not in TOKENIZER.tokens("I don't like it")
    assert "like_NEG" in TOKENIZER.tokens("I don't like it")
    assert "@user this" in TOKENIZER.features("@KPN this")


def test_prediction_equals_scikit_learns_probabilities(tmp_path: Path) -> None:
    """The runtime arithmetic must be exactly the trained model's, or the dev scores lie."""
    trainer = LinearTrainer(TOKENIZER, ("length",), length, c=10.0, min_df=1,
                            class_weight=None)
    model = trainer.fit(TEXTS, LABELS, {"data": "test"})
    vectorizer = CountVectorizer(analyzer=TOKENIZER.features, binary=True, min_df=1)
    ngrams = normalize(vectorizer.fit_transform(TEXTS).astype(np.float64))
    matrix = np.hstack([ngrams.toarray(), np.array([length(t) for t in TEXTS])])
    reference = LogisticRegression(C=10.0, max_iter=3000).fit(matrix, LABELS)
    probe = "great phone, not terrible"
    row = np.hstack([normalize(vectorizer.transform([probe]).astype(np.float64)).toarray(),
                     [length(probe)]])
    expected = reference.predict_proba(row)[0]
    assert model.labels == tuple(reference.classes_)
    assert model.scores(probe, length(probe)) == pytest.approx(list(expected), abs=2e-3)

    path = tmp_path / "model.json.gz"
    model.save(path)
    loaded = load(path)
    assert loaded.scores(probe, length(probe)) == pytest.approx(
        model.scores(probe, length(probe)), abs=1e-9)
    assert macro_f1(loaded, TEXTS, LABELS, length) == 1.0
    assert loaded.provenance["data"] == "test"


def test_two_labels_share_the_softmax_path() -> None:
    model = LinearTrainer(TOKENIZER, c=10.0, min_df=1).fit(
        TEXTS[:8], ["yes"] * 4 + ["no"] * 4, {})
    assert model.predict("love this great phone")[0] == "yes"
    assert model.predict("terrible, I hate it")[0] == "no"
    assert sum(model.scores("anything")) == pytest.approx(1.0)


def test_a_missing_or_broken_model_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load(tmp_path / "absent.json.gz")
    wrong = tmp_path / "wrong.json.gz"
    with gzip.open(wrong, "wt") as out:
        json.dump({"format": "something else"}, out)
    with pytest.raises(ConfigError, match=r"wrong\.json\.gz: not a webcare\.linear-text-model"):
        load(wrong)
    ragged = tmp_path / "ragged.json.gz"
    with gzip.open(ragged, "wt") as out:
        json.dump({"format": "webcare.linear-text-model/1", "labels": ["a", "b"],
                   "tokenizer": {"negators": []}, "bias": [0, 0],
                   "dense": {"names": [], "weights": []},
                   "features": {"x": [1.0, 2.0], "y": [1.0]}}, out)
    with pytest.raises(ConfigError, match=r"ragged\.json\.gz: malformed"):
        load(ragged)


def test_the_bundled_english_model_says_where_it_came_from() -> None:
    model = load(DEFAULT_MODEL)
    assert set(model.labels) == {"negative", "neutral", "positive"}
    assert model.dense_names == POLARITY_FEATURES + tuple(
        f"textblob.{part}" for part in LEXICON_SUMMARY)
    assert "SemEval" in model.provenance["data"]
    assert model.provenance["excluded_evaluation_texts"] == 0
    assert 0.5 < model.provenance["dev_macro_f1"] < 1.0
    # The step's default weight is the one the training run chose on dev for this pair.
    companion = model.provenance["companion"]
    assert companion["file"] == DEFAULT_COMPANION.name and DEFAULT_COMPANION.is_file()
    assert companion["weight"] == DEFAULT_COMPANION_WEIGHT
    assert max(companion["dev_macro_f1_by_weight"].values()) == \
        companion["dev_macro_f1_by_weight"][str(DEFAULT_COMPANION_WEIGHT)]


def test_the_second_lexicon_summary_flips_negated_words_and_keeps_the_last() -> None:
    tokenizer = Tokenizer(frozenset({"not"}), polarity="vader")
    praise = dict(zip(LEXICON_SUMMARY, lexicon_summary(
        tokenizer.analyze("the staff was great")[0], "textblob"), strict=True))
    negated = dict(zip(LEXICON_SUMMARY, lexicon_summary(
        tokenizer.analyze("the staff was not great")[0], "textblob"), strict=True))
    turn = dict(zip(LEXICON_SUMMARY, lexicon_summary(
        tokenizer.analyze("great phone, terrible battery")[0], "textblob"), strict=True))
    assert praise["positive"] > 0 and praise["negative"] == 0 and praise["last"] > 0
    assert negated["positive"] == 0 and negated["negative"] > 0 and negated["last"] < 0
    assert turn["strongest"] > 0 > turn["weakest"] and turn["last"] == turn["weakest"]
    assert lexicon_summary(tokenizer.analyze("the store opens at nine")[0], "textblob") == \
        (0.0, 0.0, 0.0, 0.0, 0.0)
    for text in ("#fail not good at all @KPN", "ok", ""):
        assert list(unigrams(tokenizer.analyze(text)[0])) == tokenizer.tokens(text)


def test_the_sentiment_step_averages_the_linear_model_with_its_companion() -> None:
    text = "the new app is sooo slooow, not happy"
    paired = make_linear_sentiment()
    alone = make_linear_sentiment(companion=None)
    assert paired.companion is not None and alone.companion is None
    linear = alone.probabilities(text)
    companion = paired.companion.scores(paired.model.tokenizer.analyze(text)[0],
                                        paired.model.labels)
    assert sum(companion) == pytest.approx(1.0, abs=1e-3) and companion != linear
    weight = paired.companion_weight
    assert paired.probabilities(text) == pytest.approx(
        [(1 - weight) * a + weight * b for a, b in zip(linear, companion, strict=True)])


def test_a_bad_companion_or_weight_or_feature_list_fails_at_load(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"fastText model file not found: .*nowhere\.bin"):
        make_linear_sentiment(companion=str(tmp_path / "nowhere.bin"))
    (tmp_path / "junk.bin").write_bytes(b"not a model")
    with pytest.raises(ConfigError, match=r"junk\.bin: cannot read fastText model"):
        make_linear_sentiment(companion=str(tmp_path / "junk.bin"))
    with pytest.raises(ConfigError, match="companion_weight must be in"):
        make_linear_sentiment(companion_weight=1.5)
    model = load(DEFAULT_MODEL)
    renamed = dataclasses.replace(model, dense_names=(*model.dense_names[:-1], "odd.weakest"))
    with pytest.raises(ConfigError, match="expects dense features"):
        LinearSentiment(renamed)


def test_polarity_features_read_the_lexicon_negation_and_emoji() -> None:
    tokenizer = Tokenizer(frozenset({"not"}), polarity="vader")
    good = tokenizer.analyze("the train was good")[1]
    not_good = tokenizer.analyze("the train was not good")[1]
    angry = tokenizer.analyze("the train 😡")[1]
    nothing = tokenizer.analyze("the store opens at nine")[1]
    assert good[0] > 0 and good[1] > 0 and good[2] == 0
    assert not_good[0] < 0 and not_good[2] > 0
    assert angry[0] < 0
    assert nothing == (0.0, 0.0, 0.0, 1.0)
    assert "NEG:positive" in tokenizer.features("the train was not good")


def test_a_decision_threshold_travels_with_the_model(tmp_path: Path) -> None:
    model = LinearTrainer(TOKENIZER, c=10.0, min_df=1).fit(
        TEXTS[:8], ["yes"] * 4 + ["no"] * 4, {})
    with pytest.raises(ConfigError, match="no decision threshold"):
        model.decides(TOKENIZER.analyze("love it"))
    probe = TOKENIZER.analyze("great phone")
    p_yes = model.scores_of(probe)[model.labels.index("yes")]
    strict = dataclasses.replace(model, decision=("yes", min(p_yes + 0.01, 1.0)))
    lenient = dataclasses.replace(model, decision=("yes", p_yes - 0.01))
    assert not strict.decides(probe) and lenient.decides(probe)
    path = tmp_path / "decides.json.gz"
    lenient.save(path)
    assert load(path).decision == lenient.decision
    with gzip.open(path, "rt") as handle:
        data = json.load(handle)
    data["decision"]["label"] = "maybe"
    broken = tmp_path / "broken-decision.json.gz"
    with gzip.open(broken, "wt") as out:
        json.dump(data, out)
    with pytest.raises(ConfigError, match="decision label 'maybe'"):
        load(broken)


def test_the_bundled_intent_models_were_fitted_on_the_dev_half_only() -> None:
    for path, label in ((DEFAULT_QUESTION_MODEL, "question"),
                        (DEFAULT_COMPLAINT_MODEL, "complaint")):
        model = load(path)
        assert model.decision is not None and model.decision[0] == label
        assert model.decision[1] >= 0.5
        assert model.provenance["split"] == {"salt": SALT, "dev_share": DEV_SHARE,
                                             "side": "dev"}
        assert model.tokenizer == load(DEFAULT_MODEL).tokenizer  # tokens shared per mention
