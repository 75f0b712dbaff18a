"""Intents (multi-label): question, complaint, compliment.

A mention can be a question and a complaint at once ("Waarom is mijn pakket nog steeds niet
bezorgd?"). Complaint and compliment exclude each other: sarcastic praise is a complaint.

``intents.rules.v1``: rules over ``models.lang`` data, for every language with data.
``intents.linear.v1`` (default): for English, two small logistic regressions decide question and
complaint from the tweet's n-grams plus the rules' own evidence (the question structure below,
the rule verdict and the sentiment score); they were trained on the dev half of the public
question and complaint sets (``models.training.intents_en``). A request ("please DM me", "Help!")
is a question everywhere, and a mention addressed to a matched brand is one whenever the rules
say so (a question mark, a question's word order or phrase): the care team answers it. Other
languages, and compliments everywhere, keep the rules.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from types import ModuleType

from core.errors import ConfigError
from models.lang import data_for, patterns_of
from models.linear import BUNDLED, LinearTextModel, load
from models.registry import register
from models.sentiment import (
    has_sarcasm_marker,
    idiom_text,
    is_rhetorical,
    judgements,
    read_idioms,
    reports_solved,
    states_a_problem,
    states_no_attitude,
)
from models.steps import Analysis
from models.text import contains_phrase, lower_words, normalize
from schemas.mentions import Intent

_SENTENCES = re.compile(r"[^.!?\n]+[.!?]*")
_CLAUSES = re.compile(r"([,;:])")
# What may follow a closing question mark and still leave the text ending on it.
_TRAILER = re.compile(r"(?:\s*(?:https?://\S+|#\w+|@\w+|[^\w\s?]))*\s*$")
_TAIL_CHARS = 200  # the trailer regex is tried at every position: only the tail can end a text
# "??" after a space is what an emoji becomes when a platform or a copy loses it: no question.
_LOST_EMOJI = re.compile(r"(?:^|\s)\?{2,}(?=\s|$)")

QUESTION_FEATURES = ("question.mark", "question.asks", "question.phrase", "question.ends_marked",
                     "question.asks_marked", "retweet", "addressed")
COMPLAINT_FEATURES = ("sentiment.score", "complaint.rule")
DEFAULT_QUESTION_MODEL = BUNDLED / "question-en.v1.json.gz"
DEFAULT_COMPLAINT_MODEL = BUNDLED / "complaint-en.v1.json.gz"


@lru_cache(maxsize=16)
def sentences_of(plain: str) -> tuple[str, ...]:
    """The sentences of ``plain``, each with its closing marks; asked by several rules per
    mention."""
    return tuple(_SENTENCES.findall(plain))


def _praises_in_words(normalized: str, data: ModuleType) -> bool:
    """A compliment marker, read as the sentiment reads it: after the idioms ("de beste man"
    is the man in question). Only a marker that shares a word with an idiom or a salutation
    can be read away: for the rest the text's own words settle it."""
    settled, readable = _markers_by_idioms(data)
    if contains_phrase(normalized, settled):
        return True
    return contains_phrase(normalized, readable) \
        and contains_phrase(read_idioms(normalized, data), data.COMPLIMENT_MARKERS)


@cache
def _markers_by_idioms(data: ModuleType) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The compliment markers ``read_idioms`` cannot touch (no word of theirs occurs in what
    it looks for), and the rest."""
    read = idiom_text(data)
    touched = [any(word in read for word in marker.split())
               for marker in data.COMPLIMENT_MARKERS]
    return (tuple(m for m, t in zip(data.COMPLIMENT_MARKERS, touched, strict=True) if not t),
            tuple(m for m, t in zip(data.COMPLIMENT_MARKERS, touched, strict=True) if t))


@cache
def _failure_markers(data: ModuleType) -> tuple[str, ...]:
    """The language's complaint markers that name a failure ("delay", "storing"), without
    the sarcasm markers among them ("again")."""
    sarcastic = {*data.SARCASM_MARKERS, *getattr(data, "SARCASM_CUES", ())}
    return tuple(marker for marker in data.COMPLAINT_MARKERS if marker not in sarcastic)


def _asks(sentence: str, data: ModuleType) -> bool:
    """A wh-word opening the sentence (not an exclamation: "What a day!"), or an auxiliary
    followed by a subject ("can you", "is er", "heb je"): subject-verb inversion."""
    words = lower_words(sentence)
    if len(words) < 2:
        return False
    if words[0] in data.QUESTION_WORDS and not sentence.rstrip().endswith("!"):
        if "?" in sentence:
            return True
        # A wh-word and then a subject, an article, a preposition or "niet" opens a clause
        # that states ("Wie niet thuis is, ...", "Wat ik niet snap is ..."), unless the mark
        # says it asks (languages that list ``NOT_AFTER_QUESTION_WORD``).
        first_mark = _CLAUSES.search(sentence)
        return words[1] not in getattr(data, "NOT_AFTER_QUESTION_WORD", ()) \
            and not _announces(first_mark.group() if first_mark else None)
    return _inverts_subject(words, data)


def _announces(closing_mark: str | None) -> bool:
    """A clause closed by a colon announces what follows and asks nothing: "Waar kan het
    allemaal fout gaan: bij de leverancier, in het magazijn ..." (the fifth part of the
    public-pages development split)."""
    return closing_mark == ":"


def _inverts_subject(words: tuple[str, ...], data: ModuleType) -> bool:
    """An auxiliary followed by its subject ("can you", "kan iemand"). Not an auxiliary, an
    article and a superlative ("is de beste webshop"): a statement about the subject before it
    (a brand's handle)."""
    if words[0] not in data.AUXILIARIES or words[1] not in data.SUBJECTS:
        return False
    return not (len(words) > 2 and words[1] in data.ARTICLES and words[2] in data.SUPERLATIVES)


def _inverted(clause: str, data: ModuleType) -> bool:
    """Strict question word order, safe in the middle of a text: a wh-word directly followed
    by an auxiliary ("when will", "wanneer wordt"), or an auxiliary followed by a subject ("can
    someone", "kan iemand"). A wh-word followed by anything else opens a subordinate clause
    ("when I called") or an exclamation ("what a day")."""
    words = lower_words(clause)
    if len(words) < 2:
        return False
    if words[0] in data.QUESTION_WORDS:
        return words[1] in data.AUXILIARIES
    return _inverts_subject(words, data)


def asks_in_a_clause(plain: str, data: ModuleType) -> bool:
    """A clause after a comma, semicolon or colon, or a sentence, that is a question by word
    order without its mark: "al drie dagen geen internet, wanneer wordt dit opgelost", "my order
    never arrived, can someone help me". Not for exclamations."""
    return any(_clause_asks(sentence, data) for sentence in sentences_of(plain)
               if not sentence.rstrip().endswith("!") and not _exclaims(sentence, data))


def _clause_asks(sentence: str, data: ModuleType) -> bool:
    """After a fronted phrase Dutch puts the main clause's verb first whether it states or
    asks ("Omdat niemand reageerde, ben ik ...", "Als dat zo is, kunnen jullie ...", "Maar
    veel erger dan de schade, is de mededeling ..."): there only a clause that addresses
    someone asks, or, after a phrase that is no subordinate clause, a wh-word with its verb
    (languages that list ``ADDRESSEES``; ``SUBORDINATORS`` tell the subordinate clauses)."""
    parts = _CLAUSES.split(sentence)  # clause, its closing mark, clause, ...
    clauses, marks = parts[::2], parts[1::2]
    opener = lower_words(clauses[0])[:2]
    # A conjunction and then its subject ("Omdat ik", "Sinds het"): "Sinds de update" may be
    # a preposition, and what follows it an ordinary clause.
    subordinate = (len(opener) == 2 and opener[0] in getattr(data, "SUBORDINATORS", ())
                   and opener[1] in getattr(data, "SUBJECT_PRONOUNS", ()))
    addressees = getattr(data, "ADDRESSEES", ())
    for position, clause in enumerate(clauses):
        closing = marks[position] if position < len(marks) else None
        if not _inverted(clause, data) or _announces(closing):
            continue
        if position > 0 and addressees:
            words = lower_words(clause)
            # Any fronted phrase puts the verb first too ("Maar veel erger dan de schade, is
            # de mededeling ..."): only a clause that addresses someone asks there, or, after
            # a phrase that is no subordinate clause, a wh-word with its verb.
            if words[1] not in addressees and (subordinate
                                               or words[0] not in data.QUESTION_WORDS):
                continue
        return True
    return False


def _opens_asking(plain: str, normalized: str, data: ModuleType) -> bool:
    """A sentence that opens on a phrase that asks, or on a greeting, a name and that phrase
    ("Hallo KPN kunnen jullie ..."): phrases that ask only there, since after a fronted phrase
    Dutch puts them in statements too ("In die tijd kun je de aarde drie keer rond") (languages
    that list ``OPENING_QUESTION_PHRASES`` and ``GREETINGS``)."""
    phrases = getattr(data, "OPENING_QUESTION_PHRASES", ())
    if not phrases or not contains_phrase(normalized, phrases):
        return False
    greetings: frozenset[str] = getattr(data, "GREETINGS", frozenset())
    for sentence in sentences_of(plain):
        words = lower_words(sentence)
        openings = [words[:2]]
        if words and words[0] in greetings:  # "Hallo, kunnen jullie", "Hoi NS kun je"
            openings += [words[1:3], words[2:4]]
        if any(contains_phrase(" ".join(opening), phrases) for opening in openings):
            return True
    return False


def _cries_for_help(clause: str, data: ModuleType) -> bool:
    """A clause that is nothing but a call for help: "Help!", "pls help", "HELP PLEASE"."""
    words = lower_words(clause)
    return (any(w in data.HELP_CRIES for w in words)
            and all(w in data.HELP_CRIES or w in data.HELP_FILLERS for w in words))


def requests(plain: str, normalized: str, data: ModuleType) -> bool:
    """A request for help or an action that the care team answers as it answers a question:
    a request phrase ("please DM me", "advice appreciated") or a cry for help."""
    if contains_phrase(normalized, data.REQUEST_PHRASES):
        return True
    patterns = patterns_of(data, "REQUEST_PATTERNS")
    if patterns is not None and patterns.search(normalized):
        return True
    if not contains_phrase(normalized, data.HELP_CRIES):  # most texts: skip the split
        return False
    return any(_cries_for_help(clause, data) for sentence in sentences_of(plain)
               for clause in _CLAUSES.split(sentence)[::2])  # the clauses, not their marks


def _exclaims(sentence: str, data: ModuleType) -> bool:
    """A sentence that opens like a question but exclaims: "Wat een service", "Wat fijn dat
    jullie zo snel reageren", "How nice of you"."""
    words = lower_words(sentence)
    if len(words) < 2 or words[0] not in data.EXCLAIMING:
        return False
    follower = words[1]
    if follower in data.EXCLAMATION_FOLLOWERS or follower in data.POSITIVE \
            or follower in data.NEGATIVE:
        return True
    # "Wat is het dan fijn om ...", "Wat was dat een gedoe": a verb, a pronoun, then a
    # judgement, and no question mark (languages that list ``EXCLAMATION_SUBJECTS``).
    subjects: frozenset[str] = getattr(data, "EXCLAMATION_SUBJECTS", frozenset())
    return (follower in data.AUXILIARIES and len(words) > 2 and words[2] in subjects
            and "?" not in sentence
            and any(w in data.POSITIVE or w in data.NEGATIVE or w in data.EXCLAMATION_FOLLOWERS
                    for w in words[3:6]))


def question_evidence(text: str, plain: str, normalized: str,
                      data: ModuleType) -> tuple[float, ...]:
    """The structure that makes a question, as ``QUESTION_FEATURES``: a question mark, a
    sentence that asks (wh-word or inversion), a question phrase, the text ending on its
    question mark, an asking sentence that carries the mark; a retweet or a text opening on
    an @handle (addressed to someone) changes what a question mark means."""
    asking = [s for s in sentences_of(plain) if _asks(s, data)]
    marked = "?" in plain
    return (float(marked),
            float(bool(asking)),
            float(contains_phrase(normalized, data.QUESTION_PHRASES)),
            float(marked and _TRAILER.sub("", text[-_TAIL_CHARS:]).endswith("?")),
            float(marked and any("?" in s for s in asking)),
            float(text[:4].lower() == "rt @"),
            float(text.lstrip()[:1] == "@"))


def teases(plain: str, data: ModuleType) -> bool:
    """A question the text itself points on from, as a headline or a teaser does: "Wat mag
    wel en wat niet? Lees het hier", "Problemen met inloggen? Kijk op onze storingspagina", or
    one under a reading tip ("Leestip van de dag! Wat kunnen ziekenhuizen nu doen?"). It asks
    nobody (languages that list ``TEASER_OPENINGS``)."""
    openings: tuple[str, ...] = getattr(data, "TEASER_OPENINGS", ())
    if not openings or "?" not in plain:
        return False
    found = sentences_of(plain)
    sentences = [normalize(sentence) for sentence in found]
    if sentences and _opens_on(sentences[0], getattr(data, "TITLE_CUES", ())):
        return True
    return any(asked.rstrip().endswith("?") and _opens_on(following, openings)
               for asked, following in zip(found, sentences[1:], strict=False))


def _opens_on(words: str, openings: tuple[str, ...]) -> bool:
    return any(words == opening or words.startswith(opening + " ") for opening in openings)


def put_to_someone(analysis: Analysis) -> bool:
    """The mention is put to someone: the brand (an @handle, a reply, a message to its page or
    inbox) or any account it opens on."""
    return analysis.contact == "reactive" or analysis.raw.private \
        or analysis.raw.text.lstrip()[:1] == "@"


def asks_someone(plain: str, normalized: str, data: ModuleType) -> bool:
    """Whether a question in a mention put to nobody asks anyone: a question or request
    phrase ("ik wil graag weten", "weet iemand", "graag contact"), or a question sentence that
    addresses someone ("jullie", "u", "iemand"), asks for a fact (``INFORMATION_WORDS``:
    "Wanneer is het opgelost?"), asks about the author's own case (``SELF_SUBJECTS``: "Krijg
    ik een compensatie?") or asks whether something is so ("Is er een storing?", "Storing bij
    KPN?"). Inside a complaint, the others ask nothing ("Waarom rijdt
    de trein wéér niet?", "Een hele ochtend geen internet?": labelling guideline, intent rule
    1). Languages that list no ``ADDRESSEES`` keep every question."""
    addressees: frozenset[str] = getattr(data, "ADDRESSEES", frozenset())
    if not addressees or requests(plain, normalized, data) \
            or contains_phrase(normalized, data.QUESTION_PHRASES) \
            or _opens_asking(plain, normalized, data):
        return True
    for sentence in sentences_of(plain):
        words = lower_words(sentence)
        by_word_order = _asks(sentence, data)
        if "?" not in sentence and not by_word_order and not _clause_asks(sentence, data):
            continue
        if not addressees.isdisjoint(words) or (
                len(words) > 1 and words[0] in data.AUXILIARIES and words[1] == "er"):
            return True
        # Asking when, how long, how much or which wants the fact ("Wanneer is de storing
        # opgelost?"), unless it urges ("Wanneer worden ze nu eens wakker?"): only "why" and
        # "how can it be" are asked at nobody.
        information = getattr(data, "INFORMATION_WORDS", ())
        if words and (words[0] in information or " ".join(words[:2]) in information) \
                and getattr(data, "URGING_PARTICLES", frozenset()).isdisjoint(words):
            return True
        # A yes/no or how-to question about the author's own case ("Krijg ik een
        # compensatie?", "Hoe krijg ik mijn geld terug?").
        selves: frozenset[str] = getattr(data, "SELF_SUBJECTS", frozenset())
        if by_word_order and "?" in sentence and len(words) > 2 and (
                (words[0] not in data.QUESTION_WORDS and words[1] in selves)
                or (words[0] in getattr(data, "HOW_TO_WORDS", ()) and words[2] in selves)):
            return True
        # A yes/no question about a thing of the service ("Kan de monteur ook zaterdag
        # komen?", "Is de storing al voorbij?") wants the fact; with a negation or a particle
        # of doubt it echoes the grievance ("Is de klantenservice soms op vakantie?").
        if by_word_order and "?" in sentence and len(words) > 2 \
                and words[0] not in data.QUESTION_WORDS \
                and words[1] in getattr(data, "NOUN_ARTICLES", ()) \
                and data.NEGATORS.isdisjoint(words) \
                and getattr(data, "DOUBTING_PARTICLES", frozenset()).isdisjoint(words) \
                and not is_rhetorical(sentence.strip().lower(), data):
            return True
        # A question by its mark alone, without a negation, asks whether something is so
        # ("Storing bij KPN?"); with one it echoes the grievance ("Een hele ochtend geen
        # internet?").
        if "?" in sentence and not by_word_order and data.NEGATORS.isdisjoint(words):
            return True
    return False


@dataclass(frozen=True)
class RuleVerdict:
    question: bool
    complaint: bool
    praise: bool  # compliment markers with positive sentiment

    def intents(self) -> list[Intent]:
        intents: list[Intent] = ["question"] if self.question else []
        if self.complaint:
            intents.append("complaint")
        elif self.praise:
            intents.append("compliment")
        return intents


@dataclass
class RuleIntents:
    """reads: ``surface.plain``, ``language``, ``sentiment_*``; adds: ``intents``."""

    complaint_score: float = -0.3  # clearly negative sentiment complains, marker or not
    fallback_language: str = "en"

    def language_data(self, language: str) -> tuple[str, ModuleType]:
        """The language whose word lists apply (the fallback's where it has none), and them."""
        data = data_for(language)
        if data is None:
            language, data = self.fallback_language, data_for(self.fallback_language)
        assert data is not None
        return language, data

    def is_question(self, plain: str, normalized: str, data: ModuleType,
                    rhetorical: bool | None = None) -> bool:
        """A question (``asks``) or a request: both are answered."""
        return self.asks(plain, normalized, data, rhetorical) \
            or requests(plain, normalized, data)

    def asks(self, plain: str, normalized: str, data: ModuleType,
             rhetorical: bool | None = None) -> bool:
        """A question mark, a question phrase, or a question's word order in a sentence (not
        an exclamation, not a rhetorical question) or clause. ``rhetorical``: whether the
        text holds a rhetorical question (``is_rhetorical``), if the caller knows."""
        if rhetorical is None:
            rhetorical = is_rhetorical(plain.lower(), data, normalized)
        if rhetorical:
            plain = " ".join(s for s in sentences_of(plain)
                             if not is_rhetorical(s.strip().lower(), data))
            normalized = normalize(plain)
        if "??" in plain:
            plain = _LOST_EMOJI.sub(" ", plain)
        if "?" in plain or contains_phrase(normalized, data.QUESTION_PHRASES) \
                or _opens_asking(plain, normalized, data):
            return True
        # (The English model reads plain ``_asks`` as one of its features, exclamations
        # included: it was trained so.)
        return any(_asks(s, data) and not _exclaims(s, data) for s in sentences_of(plain)) \
            or asks_in_a_clause(plain, data)

    def verdict(self, plain: str, language: str, sentiment: float,
                states_problem: bool | None = None, normalized: str | None = None,
                question: bool | None = None, addressed: bool = False) -> RuleVerdict:
        """``normalized``: ``normalize(plain)`` if the caller has it; ``question``: the
        caller's own decision, which skips the rule's; ``addressed``: the mention is put to
        someone (an @handle, a reply, a private message)."""
        language, data = self.language_data(language)
        if normalized is None:
            normalized = normalize(plain)
        news = states_no_attitude(plain, language)
        lowered = plain.lower()
        rhetorical = is_rhetorical(lowered, data, normalized)
        # Each asked by more than one decision below: worked out once, and only if asked.
        problem = states_problem
        teased: bool | None = False if addressed else None  # a question put to someone asks

        def states_failure() -> bool:
            nonlocal problem
            if problem is None:
                problem = states_a_problem(plain, language)
            return problem

        def teaser() -> bool:  # a headline's or a teaser's question asks nobody
            nonlocal teased
            if teased is None:
                teased = teases(plain, data)
            return teased

        def complains_in_words() -> bool:
            # A report names events; only judgements complain, not its tone.
            markers = judgements(data) if news else data.COMPLAINT_MARKERS
            if rhetorical or (contains_phrase(normalized, markers)
                              and not reports_solved(plain, language)):
                return True
            return states_failure()

        # The words are read only where the sentiment leaves it open (they are most of this
        # step's time): a clear positive never complains, a clear negative that is no report
        # always does.
        clearly_negative = sentiment <= getattr(data, "COMPLAINT_SCORE", self.complaint_score)
        complaint = (clearly_negative and not news) or (sentiment <= 0.3 and complains_in_words())

        if question is None:
            question = self.is_question(plain, normalized, data, rhetorical) and not teaser()
            if question and complaint and not addressed:
                question = asks_someone(plain, normalized, data)
        # Praise: a compliment marker with positive sentiment, or (languages that set a
        # ``COMPLIMENT_SCORE``) sentiment that positive in a mention that asks nothing and is
        # no report: trust, relief or a good experience told without "bedankt".
        praise = (sentiment > 0 and _praises_in_words(normalized, data)) or (
            sentiment >= getattr(data, "COMPLIMENT_SCORE", math.inf) and not question
            and not news and not teaser())  # nor does its tone praise anyone
        if praise and has_sarcasm_marker(lowered, data) and (
                contains_phrase(normalized, _failure_markers(data)) or states_failure()):
            # "Great, another delay. Thanks a lot": praise with a sarcasm marker beside a
            # failure, where the sentiment model kept it positive (English leaves its model's
            # verdict alone), praises nothing.
            praise = False
        return RuleVerdict(question=question, complaint=complaint, praise=praise)

    def classify(self, plain: str, language: str, sentiment: float,
                 states_problem: bool | None = None, addressed: bool = False) -> list[Intent]:
        return self.verdict(plain, language, sentiment, states_problem,
                            addressed=addressed).intents()

    def __call__(self, analysis: Analysis) -> None:
        analysis.intents = self.classify(analysis.surface.plain, analysis.language,
                                         analysis.sentiment_score, analysis.states_problem,
                                         put_to_someone(analysis))


@dataclass
class LinearIntents:
    """reads: ``raw.text``, ``surface.plain``, ``language``, ``sentiment_*``; adds: ``intents``.
    The models must share the sentiment model's tokenizer to reuse its tokens (they do when
    trained by ``models.training.intents_en``); they work with any other too."""

    question_model: LinearTextModel
    complaint_model: LinearTextModel
    languages: frozenset[str] = frozenset({"en"})
    rules: RuleIntents = field(default_factory=RuleIntents)

    def __post_init__(self) -> None:
        for name, model, features in (("question", self.question_model, QUESTION_FEATURES),
                                      ("complaint", self.complaint_model, COMPLAINT_FEATURES)):
            if model.decision is None or model.extra_names != features:
                raise ConfigError(f"{name} model: needs a decision threshold and the dense "
                                  f"features {features}, has {model.extra_names}")

    def __call__(self, analysis: Analysis) -> None:
        plain, language, sentiment = (analysis.surface.plain, analysis.language,
                                      analysis.sentiment_score)
        if language not in self.languages:
            analysis.intents = self.rules.classify(plain, language, sentiment,
                                                   analysis.states_problem,
                                                   put_to_someone(analysis))
            return
        normalized = normalize(plain)
        _, data = self.rules.language_data(language)
        # The model learnt from general tweets, where a question without its mark is mostly a
        # headline or a rhetorical one, a question to a person is often counted an expression
        # ("@jk_rowling you have cats or dogs? :)"), and a request is not a question. For the
        # care team a request is one everywhere, and so is whatever the rules take for a
        # question in a mention addressed to the brand (its question mark included): on real
        # care threads the model alone missed a third of them ("@AppleSupport What's going on
        # with #iTunes?"; docs/quality.md, and the dev figures of models.training.question_choices).
        question = requests(plain, normalized, data) or (
            analysis.contact == "reactive" and self.rules.asks(plain, normalized, data)
        ) or self.question_model.decides(
            analysis.analyzed_by(self.question_model.tokenizer),
            question_evidence(analysis.raw.text, plain, normalized, data))
        rules = self.rules.verdict(plain, language, sentiment, analysis.states_problem,
                                   normalized, question)
        complaint = self.complaint_model.decides(
            analysis.analyzed_by(self.complaint_model.tokenizer),
            (sentiment, float(rules.complaint)))
        analysis.intents = RuleVerdict(question, complaint, rules.praise).intents()


@register("intents.rules.v1")
def make_rule_intents(complaint_score: float = -0.3) -> RuleIntents:
    return RuleIntents(complaint_score=complaint_score)


@register("intents.linear.v1")
def make_linear_intents(question_model: str | None = None, complaint_model: str | None = None,
                        languages: tuple[str, ...] = ("en",),
                        complaint_score: float = -0.3) -> LinearIntents:
    """``question_model``, ``complaint_model``: model files (default: the bundled English
    ones); ``languages``: where they apply, the rules deciding elsewhere."""
    return LinearIntents(
        load(Path(question_model) if question_model else DEFAULT_QUESTION_MODEL),
        load(Path(complaint_model) if complaint_model else DEFAULT_COMPLAINT_MODEL),
        frozenset(languages), RuleIntents(complaint_score=complaint_score))
