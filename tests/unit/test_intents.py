"""``intents.linear.v1``: English through the models, other languages through the rules; and
the dev/test split the models were fitted on."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from core.errors import ConfigError
from models.intents import (
    COMPLAINT_FEATURES,
    QUESTION_FEATURES,
    LinearIntents,
    RuleIntents,
    asks_in_a_clause,
    make_linear_intents,
    question_evidence,
    requests,
)
from models.lang import data_for
from models.linear import LinearTextModel, Tokenizer
from models.steps import Analysis
from models.text import normalize, surface
from models.training.eval_split import content_key, is_dev
from schemas.mentions import RawMention
from tests.conftest import raw_mention_dict

TOKENIZER = Tokenizer(frozenset({"not"}))


def always(label: str, features: tuple[str, ...], says_yes: bool) -> LinearTextModel:
    """A model with no n-grams whose bias alone decides."""
    bias = np.array([-5.0, 5.0] if says_yes else [5.0, -5.0])
    return LinearTextModel(
        labels=(f"not_{label}", label), tokenizer=TOKENIZER, index={},
        weights=np.zeros((0, 2)), bias=bias, dense_names=features,
        dense_weights=np.zeros((len(features), 2)), provenance={}, decision=(label, 0.5))


def analysis(text: str, language: str, sentiment: float = 0.0) -> Analysis:
    raw = RawMention.model_validate(raw_mention_dict(text=text))
    return Analysis(raw=raw, surface=surface(text), language=language,
                    sentiment_score=sentiment)


def test_the_models_decide_english_and_the_rules_every_other_language() -> None:
    step = LinearIntents(always("question", QUESTION_FEATURES, True),
                         always("complaint", COMPLAINT_FEATURES, True))
    english = analysis("The store opens at nine", "en", sentiment=0.5)
    step(english)
    assert english.intents == ["question", "complaint"]  # the models said yes to both

    dutch_text = "Bedankt voor de snelle hulp, complimenten!"
    dutch = analysis(dutch_text, "nl", sentiment=0.8)
    step(dutch)
    assert dutch.intents == RuleIntents().classify(dutch_text, "nl", 0.8) == ["compliment"]


def test_praise_stays_with_the_rules_and_a_complaint_excludes_it() -> None:
    praise = "Thanks, great service!"
    saying_no = LinearIntents(always("question", QUESTION_FEATURES, False),
                              always("complaint", COMPLAINT_FEATURES, False))
    saying_yes = dataclasses.replace(saying_no,
                                     complaint_model=always("complaint", COMPLAINT_FEATURES,
                                                            True))
    for step, expected in ((saying_no, ["compliment"]), (saying_yes, ["complaint"])):
        mention = analysis(praise, "en", sentiment=0.8)
        step(mention)
        assert mention.intents == expected


def test_a_model_without_the_expected_features_or_threshold_fails_at_load() -> None:
    question = always("question", QUESTION_FEATURES, True)
    complaint = always("complaint", COMPLAINT_FEATURES, True)
    with pytest.raises(ConfigError, match="complaint model: needs a decision threshold"):
        LinearIntents(question, dataclasses.replace(complaint, decision=None))
    with pytest.raises(ConfigError, match="question model"):
        LinearIntents(always("question", ("something.else",), True), complaint)


def test_question_evidence_reads_structure_not_just_the_mark() -> None:
    data = data_for("en")
    assert data is not None

    def evidence(text: str) -> dict[str, float]:
        plain = surface(text).plain
        return dict(zip(QUESTION_FEATURES,
                        question_evidence(text, plain, normalize(plain), data), strict=True))

    asked = evidence("@KPN can you tell me when my modem arrives? https://t.co/x #help")
    assert asked == {"question.mark": 1.0, "question.asks": 1.0, "question.phrase": 1.0,
                     "question.ends_marked": 1.0, "question.asks_marked": 1.0,
                     "retweet": 0.0, "addressed": 1.0}
    unmarked = evidence("Can you tell me when the store opens")
    assert unmarked["question.asks"] == 1.0 and unmarked["question.mark"] == 0.0
    rhetorical = evidence("RT @x: Victory? So we now know the truth")
    assert rhetorical["question.mark"] == 1.0 and rhetorical["question.ends_marked"] == 0.0
    assert rhetorical["question.asks"] == 0.0 and rhetorical["retweet"] == 1.0


def test_the_bundled_models_find_english_questions_without_a_question_mark() -> None:
    step = make_linear_intents()
    for text, expected in (("@KPNwebcare how do I reset my modem", ["question"]),
                           ("The store opens at nine", [])):
        mention = analysis(text, "en")
        step(mention)
        assert mention.intents == expected


@pytest.mark.parametrize("text, language, asks", [
    ("al drie dagen geen internet, wanneer wordt dit opgelost", "nl", True),
    ("mijn bestelling is nooit aangekomen, kan iemand me helpen", "nl", True),
    ("trein weer vertraagd. waarom gaat dit elke dag mis", "nl", True),
    ("toen ik belde, wat een gedoe", "nl", False),  # subordinate clause, then an exclamation
    ("bedankt, wat is dit snel geregeld!", "nl", False),
    ("my internet has been down for 3 days, when will this be fixed", "en", True),
    ("my order never arrived; can someone help me", "en", True),
    ("what a mess, when I called nobody answered", "en", False),
    ("the store opens at nine, when we arrive we'll call", "en", False),
])
def test_a_question_by_word_order_in_any_clause(text: str, language: str, asks: bool) -> None:
    data = data_for(language)
    assert data is not None
    assert asks_in_a_clause(text, data) is asks
    if asks:  # the rules take it too (they also read looser, sentence-level evidence)
        assert RuleIntents().is_question(text, normalize(text), data)


@pytest.mark.parametrize("text, language, question", [
    ("Wat een gedoe met de levering", "nl", False),
    ("Wat fijn dat jullie zo snel reageren", "nl", False),
    ("Wat kost een abonnement", "nl", True),
    ("Hoe goed is de dekking in Zeeland", "nl", True),  # "hoe" + adjective asks in Dutch
    ("What a mess with the delivery", "en", False),
    ("How nice of you to call back", "en", False),
    ("How long does a refund take", "en", True),
])
def test_exclamations_that_open_like_questions_do_not_ask(text: str, language: str,
                                                          question: bool) -> None:
    data = data_for(language)
    assert data is not None
    assert RuleIntents().is_question(text, normalize(text), data) is question


def test_english_word_order_counts_when_the_brand_is_addressed() -> None:
    """The model, trained on general tweets, does not take "when will this be fixed" for a
    question; addressed to a brand's care account, it is one."""
    step = make_linear_intents()
    text = "@KPNwebcare my internet has been down for 3 days, when will this be fixed"
    found = {}
    for contact in ("reactive", "proactive", None):
        mention = dataclasses.replace(analysis(text, "en", sentiment=-0.5), contact=contact)
        step(mention)
        found[contact] = "question" in mention.intents
    assert found == {"reactive": True, "proactive": False, None: False}


def test_a_question_mark_to_the_brand_is_a_question_whatever_the_model_learnt() -> None:
    """TweetAct taught the model that a question to a person is often an expression; a
    question to the brand's care account is one the team answers."""
    step = make_linear_intents()
    text = "@AppleSupport What’s going on with #iTunes? I wanna finish watching #RocketMan"
    found = {}
    for contact in ("reactive", "proactive"):
        mention = dataclasses.replace(analysis(text, "en"), contact=contact)
        step(mention)
        found[contact] = "question" in mention.intents
    assert found["reactive"]


@pytest.mark.parametrize("text, language, asks", [
    ("@MojangSupport My minecraft no work. pls help", "en", True),
    ("Ughhh my Mac laptop won't shut off. Help @Apple", "en", True),
    ("HELP PLEASE!", "en", True),
    ("Hi, I'm having problems updating LR, advice appreciated", "en", True),
    ("I’d like a refund for the broken charger", "en", True),  # a phone's apostrophe
    ("Help is on the way, the engineer comes at nine", "en", False),
    ("I can't help loving this new update", "en", False),
    ("Thanks for the help!", "en", False),
    ("Help! Mijn pakket is nog steeds zoek", "nl", True),
    ("hulp nodig met mijn abonnement", "nl", True),
    ("Bedankt voor de hulp", "nl", False),
    ("Hilfe bitte, mein Paket fehlt", "de", True),
])
def test_requests_and_cries_for_help(text: str, language: str, asks: bool) -> None:
    data = data_for(language)
    assert data is not None
    plain = surface(text).plain
    assert requests(plain, normalize(plain), data) is asks


def test_a_request_is_a_question_even_when_the_brand_is_not_addressed() -> None:
    step = make_linear_intents()
    for text in ("@gmail please help me recover my account", "my laptop won't start. Help!"):
        mention = dataclasses.replace(analysis(text, "en", sentiment=-0.3), contact="proactive")
        step(mention)
        assert "question" in mention.intents, text
    statement = dataclasses.replace(analysis("My laptop will not turn on.", "en"),
                                    contact="reactive")
    step(statement)
    assert "question" not in statement.intents


@pytest.mark.parametrize("original, copy", [
    ("A 9-year-old girl has written a book about the effects of terrorism http://t.co/3Dq",
     "RT @jk_rowling: A 9-year-old girl has written a book about the effects of terrorism"
     " http://t.co/OTHER"),
    ("Why is the international community so silent on these attacks",
     "RT @someone: Why is the international community so silent on these attacks…"),
])
def test_copies_of_a_text_land_on_the_same_side_of_the_split(original: str, copy: str) -> None:
    assert content_key(original) == content_key(copy)
    assert is_dev(original) == is_dev(copy)


def test_the_split_halves_a_set() -> None:
    texts: list[Any] = [f"tweet number {i} about trains" for i in range(2000)]
    share = sum(is_dev(t) for t in texts) / len(texts)
    assert 0.45 < share < 0.55
