"""Sentiment: label positive/neutral/negative and a score in [-1, 1].

``sentiment.lexicon.v1`` is the offline default: VADER for English; for the other languages in
``models.lang`` a VADER-style scorer over that language's lexicon (negation, intensifiers,
"but"-clauses, emoji). Languages without a lexicon only get the emoji signal, and say so by a
score of 0 when there is none (honest neutral, not a guess). Both apply the sarcasm rule that
webcare sees daily: praise next to a sarcasm marker or an eye-roll is negative.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from types import ModuleType

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from models.lang import data_for, patterns_of
from models.lang.emoji_valence import EMOJI_VALENCE
from models.registry import register
from models.steps import Analysis
from models.text import (
    OpeningWordIndex,
    contains_phrase,
    lower_words,
    normalize,
    word_runs,
)
from schemas.mentions import SentimentLabel

BUT_WORDS = {"maar", "but", "aber", "mais", "pero", "ma"}
PROBLEM_SCORE = 0.3
_SENTENCE = re.compile(r"[.!?;\n]+")
_SENTENCE_AND_MARK = re.compile(r"([.!?;\n]+)")  # split: sentence, its marks, sentence, ...
_CLAUSE = re.compile(r"[^.!?,;:\n]+[.!?,;:]*")  # with its closing mark
# Not Italian "ma" mid-clause: Dutch for mum ("mijn ma zegt").
# Not Dutch "maar" as an adverb ("zelf maar opgelost", "toch maar gekozen", "dan maar"): it
# turns nothing.
_BUT_CLAUSE = re.compile(r"\s(?=(?:" + "|".join(sorted(BUT_WORDS - {"ma"})) + r")\b)"
                         r"(?<!\bzelf\s)(?<!\btoch\s)(?<!\bdan\s)(?<!\bnog\s)(?<!\bgewoon\s)")
# A headline's opening: a few words and a colon ("NS:", "Storing bij Ziggo:").
_HEADLINE = re.compile(r"\s*(?:\w+\s+){0,3}\w+:\s")
_SCARE_QUOTES = re.compile(r"(?<!\w)['‘\"“]\w+['’\"”](?!\w)")


@cache
def _substrings(words: tuple[str, ...]) -> re.Pattern[str]:
    """Whether any of ``words`` occurs anywhere in a text (as ``any(w in text ...)``, one scan
    in C instead of a Python step per word). ``words`` is a language's constant tuple."""
    return re.compile("|".join(re.escape(word) for word in words) or "(?!)")


@lru_cache(maxsize=16)  # asked by the problem rule, the calm-report rule and the intents
def reports_solved(text: str, language: str) -> bool:
    """Whether the text says its problem was solved ("de storing was binnen een uur
    verholpen"). A clause that asks about the solution ("wanneer wordt dit opgelost", "is het
    al opgelost?") does not, and a clause opening on "maar" after it takes it back
    (labelling guideline, sentiment rule 2), as does a failure stated after it."""
    data = data_for(language)
    solved = patterns_of(data, "RESOLVED")
    if solved is None or data is None:
        return False
    lowered = text.lower()
    stems: tuple[str, ...] | None = getattr(data, "RESOLVED_STEMS", None)
    if stems is not None and not _substrings(stems).search(lowered):
        return False  # most texts: no solution word at all
    if solved.search(lowered) is None:  # no clause can report a solution
        return False
    failures = patterns_of(data, "COMPLAINT_PATTERNS")
    openers = data.QUESTION_WORDS | data.AUXILIARIES
    unsolved: frozenset[str] = getattr(data, "UNSOLVED_CUES", frozenset())
    found = False
    for clause in _clauses(lowered):
        words = lower_words(clause)
        if found and words and words[0] in BUT_WORDS:
            found = False  # "opgelost, maar het duurt nu al zeven dagen": the "maar" wins
        if clause.rstrip().endswith("?") or (words and words[0] in openers) \
                or not unsolved.isdisjoint(words):
            continue
        if solved.search(clause) is not None:
            found = True
        elif found and failures is not None and failures.search(clause) is not None:
            found = False  # "Volgens KPN is het opgelost. Ik heb nog steeds geen internet."
    return found


def _clauses(lowered: str) -> list[str]:
    """The clauses of a text, a "maar" opening one of its own even without a comma."""
    return [part for clause in _CLAUSE.findall(lowered) for part in _BUT_CLAUSE.split(clause)]


@cache
def judgements(data: ModuleType) -> tuple[str, ...]:
    """The language's complaint markers that judge ("slecht", "belachelijk"), not the ones that
    only name an event ("storing", "vertraging")."""
    events: frozenset[str] = getattr(data, "EVENT_MARKERS", frozenset())
    return tuple(m for m in data.COMPLAINT_MARKERS if m not in events)


def reports_solved_calmly(text: str, language: str) -> bool:
    """Whether the text reports its problem solved and judges nothing ("De storing bij Ziggo is
    opgelost, alles doet het weer"): neutral by the labelling guideline, however negative its
    failure words. A judgement ("na drie weken, belachelijk"), sarcasm or a rhetorical
    question keeps the grievance."""
    data = data_for(language)
    if data is None or not reports_solved(text, language):
        return False
    lowered = text.lower()
    return not (contains_phrase(normalize(text), judgements(data))
                or has_sarcasm_marker(lowered, data) or is_rhetorical(lowered, data))


def _sarcastic_alone(lowered: str, data: ModuleType) -> bool:
    """One of the language's sarcasm markers ("mijn hemel", "niet dus") in ``lowered``."""
    return _substrings(data.SARCASM_MARKERS).search(lowered) is not None


def _sarcasm_cued(lowered: str, data: ModuleType) -> bool:
    """One of the language's sarcasm cues ("geweldig hoor", "alweer"), sarcastic only beside
    a failure, in ``lowered``."""
    return _substrings(getattr(data, "SARCASM_CUES", ())).search(lowered) is not None


def has_sarcasm_marker(lowered: str, data: ModuleType) -> bool:
    """A sarcasm marker or cue in ``lowered``: either keeps a report from reading as calm or
    as news."""
    return _sarcastic_alone(lowered, data) or _sarcasm_cued(lowered, data)


def reads_as_news(text: str, language: str) -> bool:
    """A report rather than a grievance: a sentence with a reporting cue (a source, the
    customers concerned), no first or second person, no "?", "!", @handle or sarcasm ("Door
    een landelijke storing bij KPN konden veel mensen vanmiddag niet bellen."), or a headline
    as short as five words ("Storing bij Ziggo: duizenden klanten zonder internet"). Only languages
    that list their ``PERSONAL`` words and ``NEWS_CUES`` can tell."""
    data = data_for(language)
    personal = getattr(data, "PERSONAL", None)
    if data is None or personal is None or "?" in text or "!" in text or "@" in text:
        return False
    lowered = text.lower()
    if not contains_phrase(lowered, data.NEWS_CUES):  # most texts: settled in one scan
        return False
    words = lower_words(lowered)
    shortest = 5 if _HEADLINE.match(lowered) else 8  # "Storing bij Ziggo: duizenden klanten ..."
    return (len(words) >= shortest and personal.isdisjoint(words)
            and not has_sarcasm_marker(lowered, data))


def speaks_for_brand(text: str, data: ModuleType | None) -> bool:
    """The brand (or its spokesperson) speaking: "We bieden onze excuses aan", "We werken hard
    aan het herstel", "Helaas hebben wij geen bussen": a phrase of the language's
    ``BRAND_VOICE`` and no word of a customer speaking for themselves (``FIRST_PERSON``: "ik",
    "mijn"). Every such phrase comes with a speaker the language lists (``BRAND_SPEAKERS``,
    a regular expression: "we", "onze"): most texts are settled by that one search."""
    speakers = patterns_of(data, "BRAND_SPEAKERS")
    if speakers is None or speakers.search(text) is None:
        return False
    lowered = text.lower()
    if not contains_phrase(lowered, getattr(data, "BRAND_VOICE", ())):
        return False
    return getattr(data, "FIRST_PERSON", frozenset()).isdisjoint(lower_words(lowered))


@lru_cache(maxsize=16)  # asked by the sentiment blend, its rules and the intents per mention
def states_no_attitude(text: str, language: str) -> bool:
    """A journalist's report or the brand's own statement: neither is a customer's attitude
    towards the brand, however grim the events it names (labelling guideline, amendments for
    public pages 1 and 2)."""
    return reads_as_news(text, language) or speaks_for_brand(text, data_for(language))


@cache
def rhetorical_pattern_words(data: ModuleType | None) -> frozenset[str]:
    """The words a text needs for any of the language's ``RHETORICAL_PATTERNS`` to be tried:
    each pattern names its own."""
    patterns: dict[str, str] = getattr(data, "RHETORICAL_PATTERNS", {})
    return frozenset(word for words in patterns.values() for word in words.split())


@lru_cache(maxsize=16)  # asked by the sentiment rules and the intents per mention
def is_rhetorical(lowered: str, language: str | ModuleType | None,
                  normalized: str | None = None) -> bool:
    """A question nobody expects answered ("hoe moeilijk kan het zijn", "misschien eens je
    personeel betalen?!", "Wat moet ik anders?"): inside a mention it complains. ``lowered``:
    the text in lower case with its punctuation (the sentence patterns,
    ``RHETORICAL_PATTERNS``, are questions); ``normalized``: its words one space apart, if
    the caller has them (the phrases are plain words)."""
    data = data_for(language) if isinstance(language, str) else language
    if contains_phrase(lowered if normalized is None else normalized,
                       getattr(data, "RHETORICAL", ())):
        return True
    # Each pattern is a question and needs one of a few words: most texts skip the scan.
    if "?" not in lowered or word_runs(normalized or lowered).isdisjoint(
            rhetorical_pattern_words(data)):
        return False
    patterns = patterns_of(data, "RHETORICAL_PATTERNS")
    return patterns is not None and patterns.search(lowered) is not None


def states_a_problem(text: str, language: str) -> bool:
    """Whether the text reports a failure that is still there, as a customer would: a news
    report of an outage states no grievance."""
    lowered = text.lower()
    patterns = patterns_of(data_for(language), "COMPLAINT_PATTERNS")
    if is_rhetorical(lowered, language):
        return True
    return bool(patterns and patterns.search(lowered)) \
        and not reports_solved(text, language) and not states_no_attitude(text, language)


@cache
def _shared_vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


# Languages with a lexicon of their own large enough to stand alone (models/lang/<code>.py).
_FULL_LEXICONS = frozenset({"nl"})
_NEGATION_SCALE = -0.74  # VADER's constant
_INTENSIFIER_SCALE = 1.0


def label_for(score: float, threshold: float) -> SentimentLabel:
    if score >= threshold:
        return "positive"
    if score <= -threshold:
        return "negative"
    return "neutral"


def _normalize(total: float, alpha: float = 15.0) -> float:
    return total / math.sqrt(total * total + alpha)


@lru_cache(maxsize=4)  # the model and the lexicon of a blend both read each mention
def read_idioms(lowered: str, data: ModuleType | None) -> str:
    """A lowercased text with the language's idioms replaced by what they mean ("niet normaal
    slecht" is "ontzettend slecht", "niet zoveel" is "weinig", "tot voor kort was ik een
    tevreden klant" is disappointment) and an opening salutation dropped ("Beste KPN,"),
    before any scoring."""
    idioms, index = _idiom_index(data)
    candidates = index.candidates(lowered)
    position = 0
    while position < len(candidates):
        position_of = candidates[position]
        position += 1
        idiom, meaning = idioms[position_of]
        if idiom in lowered:
            replaced = re.sub(rf"\b{re.escape(idiom)}\b", meaning, lowered)
            if replaced != lowered:  # its meaning may open a later idiom: look again
                lowered = replaced
                candidates = [i for i in index.candidates(lowered) if i > position_of]
                position = 0
    if _substrings(getattr(data, "IDIOM_PATTERN_WORDS", ())).search(lowered):
        for pattern, meaning in _idiom_patterns(data):
            lowered = pattern.sub(meaning, lowered)
    salutation = _salutation(data)
    if salutation is not None and (found := salutation.match(lowered)) is not None:
        lowered = lowered[found.end():]
    return lowered


@cache
def _idiom_index(data: ModuleType | None) -> tuple[tuple[tuple[str, str], ...],
                                                  OpeningWordIndex]:
    """The language's idioms in their order, and by the word each opens on: an idiom is
    read only in a text holding that word (its pattern starts at a word boundary)."""
    idioms = tuple(getattr(data, "IDIOMS", {}).items())
    openings = [(first.group(),) if (first := re.match(r"\w+", idiom)) else None
                for idiom, _ in idioms]
    return idioms, OpeningWordIndex.of(openings)


@cache
def idiom_text(data: ModuleType | None) -> str:
    """All that ``read_idioms`` looks for, joined: the language's idioms, its idiom patterns
    as written and its salutations. A phrase none of whose words occurs in it reads the same
    after ``read_idioms``."""
    return " ".join([*getattr(data, "IDIOMS", {}), *getattr(data, "IDIOM_PATTERNS", {}),
                     *getattr(data, "SALUTATIONS", ())])


@cache
def _idiom_patterns(data: ModuleType | None) -> tuple[tuple[re.Pattern[str], str], ...]:
    patterns: dict[str, str] = getattr(data, "IDIOM_PATTERNS", {})
    return tuple((re.compile(pattern), meaning) for pattern, meaning in patterns.items())


@cache
def _salutation(data: ModuleType | None) -> re.Pattern[str] | None:
    """The salutation word opening a text, when a comma follows within three words ("beste
    kpn,", "lieve ns,", "beste,") and none of ``NOT_SALUTING`` ("beste service ooit, echt
    waar" praises)."""
    words: tuple[str, ...] = getattr(data, "SALUTATIONS", ())
    if not words:
        return None
    unless: tuple[str, ...] = getattr(data, "NOT_SALUTING", ())
    praise = rf"(?!(?:\s+[^\s,.!?]+){{0,2}}\s+(?:{'|'.join(unless)})\b)" if unless else ""
    return re.compile(rf"\s*(?:{'|'.join(words)})\b{praise}(?=(?:\s+[^\s,.!?]+){{0,3}}\s*,)")


def _once(analysis: Analysis | None, name: str, compute: Callable[[], bool]) -> bool:
    """``compute()`` once per mention: kept in the analysis's field ``name`` (None until
    then) for the steps and blends that ask again."""
    if analysis is None:
        return compute()
    known: bool | None = getattr(analysis, name)
    if known is None:
        known = compute()
        setattr(analysis, name, known)
    return known


@dataclass
class LexiconScorer:
    """VADER's scoring idea over one language's word lists (see ``models.lang.<code>``)."""

    data: ModuleType

    @cached_property
    def _valences(self) -> dict[str, float]:
        """Both word lists in one table; a word on both counts as positive, as it always did.
        Where the language inflects its adjectives (``ATTRIBUTIVE_FORM``: Dutch "trage",
        "vervelende", "snelle"), each listed word's form is added with its valence, unless
        the lists give that form a valence of its own."""
        listed = {**self.data.NEGATIVE, **self.data.POSITIVE}
        inflect: Callable[[str], str | None] | None = getattr(self.data, "ATTRIBUTIVE_FORM",
                                                              None)
        if inflect is None:
            return listed
        forms = {form: valence for word, valence in listed.items()
                 if (form := inflect(word)) is not None}
        return {**forms, **listed}

    def score(self, text: str, emoji: list[str]) -> float:
        lowered = read_idioms(text.lower(), self.data)
        if "?" in lowered:  # which sentences ask: their praise is not counted
            parts = _SENTENCE_AND_MARK.split(lowered)
            sentences, marks = parts[0::2], parts[1::2]
            asking = {i for i, mark in enumerate(marks) if "?" in mark}
        else:
            sentences, asking = _SENTENCE.split(lowered), set()
        total = self._sentences([lower_words(s) for s in sentences], asking)
        total += sum(EMOJI_VALENCE.get(e, 0.0) for e in emoji)
        if total and text.count("!"):
            total += math.copysign(min(text.count("!"), 4) * 0.292, total)
        return _normalize(total) if total else 0.0

    @cached_property
    def _turns(self) -> frozenset[str]:
        return frozenset(BUT_WORDS) | getattr(self.data, "TURN_WORDS", frozenset())

    def _sentences(self, sentences: list[tuple[str, ...]], asking: set[int]) -> float:
        """Valence of a text: a sentence opening on a turn ("Maar ...", "Helaas ...") after
        the first weighs the text's conclusion over its opening, as "maar" does within a
        sentence ("Ik ben al jaren tevreden klant. Helaas valt mijn internet elke avond weg":
        labelling guideline, sentiment rule 2). ``asking``: the sentences (by index) that
        close on a question mark."""
        sentence = self._sentence
        turn = next((i for i, words in enumerate(sentences)
                     if i > 0 and words and words[0] in self._turns), None)
        if turn is None:  # most texts
            return sum(sentence(words, i in asking) for i, words in enumerate(sentences))
        return 0.5 * sum(sentence(sentences[i], i in asking) for i in range(turn)) \
            + 1.5 * sum(sentence(sentences[i], i in asking)
                        for i in range(turn, len(sentences)))

    def _sentence(self, words: tuple[str, ...], asks: bool = False) -> float:
        """Valence of one sentence: negation and intensifiers do not reach across sentences
        ("Niemand reageert. Schandalig!"). Praise inside a question is supposed, not given
        ("Kunt u nagaan of het goed is aangekomen?"): a question counts its blame alone
        ("Waarom is de service zo slecht?" still blames)."""
        valences = self._valences
        if valences.keys().isdisjoint(words):  # most sentences: no sentiment word at all
            return 0.0
        intensifiers: dict[str, float] = self.data.INTENSIFIERS
        negators: frozenset[str] = self.data.NEGATORS
        degree: frozenset[str] = getattr(self.data, "DEGREE_WORDS", frozenset())
        but_at = next((i for i, w in enumerate(words) if w in BUT_WORDS), None)
        total = 0.0
        for i, word in enumerate(words):
            valence = valences.get(word)
            if not valence:
                continue
            if word in degree and any(w in valences for w in words[i + 1:i + 3]):
                continue  # "verschrikkelijk dankbaar": it boosts the next word instead
            window = words[max(0, i - 3):i]
            boost = sum(intensifiers.get(w, 0.0) for w in window[-2:])
            valence += math.copysign(boost * _INTENSIFIER_SCALE, valence)
            if any(w in negators for w in window):
                valence *= _NEGATION_SCALE
            if but_at is not None:
                valence *= 0.5 if i < but_at else 1.5
            if asks and valence > 0:
                continue
            total += valence
        return total


@dataclass
class LexiconSentiment:
    """reads: ``language``, ``surface``; adds: ``sentiment_label``, ``sentiment_score``."""

    threshold: float = 0.05
    _vader: SentimentIntensityAnalyzer = field(default_factory=_shared_vader)
    _scorers: dict[str, LexiconScorer] = field(default_factory=dict)

    def _scorer(self, language: str) -> LexiconScorer | None:
        if language not in self._scorers:
            data = data_for(language)
            if data is None:
                return None
            self._scorers[language] = LexiconScorer(data)
        return self._scorers[language]

    def score(self, text: str, language: str, emoji: list[str],
              analysis: Analysis | None = None) -> float:
        scorer = None if language == "en" else self._scorer(language)
        score = scorer.score(text, emoji) if scorer is not None else 0.0
        if language not in _FULL_LEXICONS and (language == "en" or score == 0.0):
            # English, and languages whose word lists are still small: VADER reads emoji,
            # emoticons, punctuation and the English loanwords social text is full of.
            score = float(self._vader.polarity_scores(text)["compound"])
        score = self.adjust(score, text, language, emoji, analysis)
        return round(max(-1.0, min(1.0, score)), 4)

    def adjust(self, score: float, text: str, language: str, emoji: list[str],
               analysis: Analysis | None = None) -> float:
        """The webcare rules on top of any scorer: praise next to a sarcasm marker or an
        eye-roll is negative; a failure reported solved, with no judgement, is neutral ("Storing
        bij KPN in Zwolle verholpen": the failure words no longer count); a customer reporting
        a failure ("Al drie dagen geen internet", "my parcel still hasn't arrived") is not
        neutral, sentiment words or not."""
        if score > 0 and self._praise_is_ironic(text, language, emoji, analysis):
            return -max(0.3, score * 0.8)
        if score < 0 and self._solved_calmly(text, language, analysis):
            return 0.0
        if -PROBLEM_SCORE < score < PROBLEM_SCORE and self.states_problem(text, language,
                                                                           analysis):
            return -PROBLEM_SCORE
        return score

    def _praise_is_ironic(self, text: str, language: str, emoji: list[str],
                          analysis: Analysis | None) -> bool:
        """Sarcasm, or praise next to a failure; once per mention (a blend adjusts twice)."""
        return _once(analysis, "praise_is_ironic", lambda: (
            self._is_sarcastic(text, language, emoji, analysis)
            or self._praises_a_failure(text, language, analysis)))

    @staticmethod
    def _solved_calmly(text: str, language: str, analysis: Analysis | None) -> bool:
        return _once(analysis, "solved_calmly", lambda: reports_solved_calmly(text, language))

    @staticmethod
    def states_problem(text: str, language: str, analysis: Analysis | None) -> bool:
        return _once(analysis, "states_problem", lambda: states_a_problem(text, language))

    def _praises_a_failure(self, text: str, language: str, analysis: Analysis | None) -> bool:
        """Thanks or praise next to a failure that is still there: "Ik sta al een uur op het
        perron. Dank je wel NS, echt top." Praise for a solved one is sincere."""
        data = data_for(language)
        if data is None:
            return False
        return contains_phrase(normalize(text), data.COMPLIMENT_MARKERS) \
            and self.states_problem(text, language, analysis)

    def _is_sarcastic(self, text: str, language: str, emoji: list[str],
                      analysis: Analysis | None = None) -> bool:
        if any(EMOJI_VALENCE.get(e, 0.0) <= -1.5 for e in emoji):
            return True
        data = data_for(language)
        if data is None:
            return False
        lowered = text.lower()
        if _sarcastic_alone(lowered, data):
            return True
        # A cue ("top hoor", "alweer", "zoals altijd") is sarcastic beside a failure ("Top
        # hoor, alweer vertraging"), sincere beside none ("Top hoor, bedankt voor de hulp!"),
        # as are scare quotes around one word ("pakket 'bezorgd' maar niemand belde").
        cued = _sarcasm_cued(lowered, data) or _SCARE_QUOTES.search(text) is not None
        return cued and self.states_problem(text, language, analysis)

    def __call__(self, analysis: Analysis) -> None:
        text = analysis.raw.text
        score = self.score(text, analysis.language, analysis.surface.emoji, analysis)
        analysis.sentiment_score = score
        analysis.sentiment_label = label_for(score, self.threshold)


@register("sentiment.lexicon.v1")
def make_lexicon_sentiment(threshold: float = 0.05) -> LexiconSentiment:
    return LexiconSentiment(threshold=threshold)
