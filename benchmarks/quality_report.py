"""Quality report on the public evaluation data in ../shared/eval (test splits only).

Every figure stands beside a baseline computed in the same run. Nothing scored here was used to
train or to pick thresholds (sets without a split are scored on their test half only). Writes
docs/quality.md and prints the same tables.

Usage: python benchmarks/quality_report.py [--eval ../shared/eval] [--out docs/quality.md]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from models.brands import BrandConfig  # noqa: E402
from models.enrich import Enricher, EnrichmentConfig, StepConfig  # noqa: E402
from models.language import FastTextLanguage, HybridLanguage  # noqa: E402
from models.sentiment import LexiconSentiment, label_for  # noqa: E402
from models.sentiment_linear import make_linear_sentiment  # noqa: E402
from models.text import surface  # noqa: E402
from models.training.eval_split import is_dev  # noqa: E402
from models.training.support_threads import (  # noqa: E402
    WEBCARE_QUESTION,
    in_dev_half,
    labelled_customer_turns,
    support_brands,
    turns,
)
from schemas.mentions import RawMention  # noqa: E402

SENTIMENT = ("negative", "neutral", "positive")


def read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def f1_scores(gold: Sequence[str], pred: Sequence[str], labels: Iterable[str]) -> dict[str, float]:
    scores = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return scores


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Iterable[str]) -> float:
    scores = f1_scores(gold, pred, labels)
    return sum(scores.values()) / len(scores)


class Report:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, text: str = "") -> None:
        print(text)
        self.lines.append(text)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.add("| " + " | ".join(header) + " |")
        self.add("|" + "|".join(" --- " for _ in header) + "|")
        for row in rows:
            self.add("| " + " | ".join(row) + " |")
        self.add()


TIMED_PASSES = 3  # a shared machine's noise moves one pass by 10%: report the median


def timed(detectors: dict[str, Callable[[str], str]],
          texts: list[str]) -> dict[str, tuple[list[str], float]]:
    """Each detector's outputs, and the median over ``TIMED_PASSES`` passes of its µs per
    text. The passes take turns (a pass of each detector, then the next round), so a slow
    spell of the shared machine falls on all of them rather than on one."""
    for detect in detectors.values():
        for text in texts[::10]:  # warm-up (lazy loading, page faults), as in a running worker
            detect(text)
    outputs: dict[str, list[str]] = {}
    passes: dict[str, list[float]] = defaultdict(list)
    for _ in range(TIMED_PASSES):
        for name, detect in detectors.items():
            start = time.perf_counter()
            outputs[name] = [detect(t) for t in texts]
            passes[name].append((time.perf_counter() - start) / len(texts) * 1e6)
    return {name: (outputs[name], statistics.median(passes[name])) for name in detectors}


def language_section(report: Report, eval_dir: Path) -> None:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    rows = read(eval_dir / "langid-lingua" / "data.jsonl")
    langs = sorted({r["lang"] for r in rows})
    lingua_langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
                    for code in langs]

    def lingua(low: bool) -> Callable[[str], str]:
        builder = LanguageDetectorBuilder.from_languages(*lingua_langs)
        detector = (builder.with_low_accuracy_mode() if low else builder).build()

        def detect(text: str) -> str:
            found = detector.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found else "und"

        return detect

    hybrid_default = HybridLanguage(min_confidence=0.0)
    hybrid_14 = HybridLanguage(candidates=tuple(langs), min_confidence=0.0)
    fasttext_14 = FastTextLanguage(candidates=tuple(langs), min_confidence=0.0, top_k=10)
    detectors: dict[str, Callable[[str], str]] = {
        "webcare hybrid (default: all languages, 6 word lists)":
            lambda t: hybrid_default.detect(t)[0],
        "webcare hybrid, 14 candidates": lambda t: hybrid_14.detect(t)[0],
        "fastText lite alone, 14 candidates": lambda t: fasttext_14.detect(t)[0],
        "lingua high accuracy, 14 languages": lingua(low=False),
        "lingua low accuracy, 14 languages": lingua(low=True),
    }
    texts = [r["text"] for r in rows]
    groups = [("nl", "word_pair"), ("nl", "sentence"), ("en", "word_pair"), ("en", "sentence"),
              ("nl", "word"), ("en", "word"), ("all", "word"), ("all", "word_pair"),
              ("all", "sentence")]
    table = []
    micros_of: dict[str, float] = {}
    for name, (predicted, micros) in timed(detectors, texts).items():
        micros_of[name] = micros
        hits: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        for row, guess in zip(rows, predicted, strict=True):
            for lang in (row["lang"], "all"):
                cell = hits[(lang, row["granularity"])]
                cell[0] += guess == row["lang"]
                cell[1] += 1
        table.append([name, *(f"{hits[g][0] / hits[g][1]:.3f}" for g in groups),
                      f"{micros:.1f}"])
    report.add("## Language identification (`langid-lingua`, 21,000 texts, 14 languages)")
    report.add()
    report.add("Accuracy per language and length; time is the mean per text over all 21,000, "
               f"one core, same process, the median of {TIMED_PASSES} passes, the detectors taking "
               "turns pass by pass.")
    report.add()
    report.table(["detector", *(f"{lang} {g.replace('_', ' ')}" for lang, g in groups), "µs/text"],
                 table)
    default, reference = ("webcare hybrid (default: all languages, 6 word lists)",
                          "lingua high accuracy, 14 languages")
    report.add(f"Speed in this run: the default detector is "
               f"{micros_of[reference] / micros_of[default]:.1f}x as fast as lingua's high "
               f"accuracy mode ({micros_of[default]:.1f} vs {micros_of[reference]:.1f} µs/text).")
    report.add()
    report.add("The default combines fastText with the word lists of six languages for texts of "
               "up to three words, and for sentences of up to twelve words that fastText is "
               "unsure of (below 0.8). These settings, fastText's search threshold on short texts "
               "(0.002) and its input length (140 characters) were chosen on dev tweets "
               "(`models/training/language_choices.py`), never on this set. "
               "That favours the listed languages: with eight words and 0.5 before, all 14 "
               "languages' sentences scored 0.890 here (Dutch 0.998), now Dutch sentences are "
               "1.000 and real Dutch and English tweets gain, while sentences of languages "
               "without a list lose to a listed neighbour more often.")
    report.add()

    tweets = [("en", r["text"]) for r in read(eval_dir / "sentiment-en-tweeteval" / "test.jsonl")]
    tweets += [("nl", r["text"]) for r in read(eval_dir / "sentiment-nl-political-tweets" /
                                                "polarity.jsonl") if r["split"] == "test"]
    rough = []
    for name in ("webcare hybrid (default: all languages, 6 word lists)",
                 "lingua high accuracy, 14 languages"):
        detect = detectors[name]
        for lang in ("en", "nl"):
            subset = [t for code, t in tweets if code == lang]
            cleaned = [surface(t).plain for t in subset]
            correct = sum(detect(t) == lang for t in cleaned)
            rough.append([name, lang, str(len(subset)), f"{correct / len(subset):.3f}"])
    report.add("Rough check on real tweets (TweetEval test, Dutch political tweets test split), "
               "after removing @handles, URLs and emoji as the pipeline does:")
    report.add()
    report.table(["detector", "lang", "tweets", "accuracy"], rough)


def sentiment_section(report: Report, eval_dir: Path) -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    default = make_linear_sentiment()
    linear_alone = make_linear_sentiment(companion=None)
    lexicon = LexiconSentiment()
    vader = SentimentIntensityAnalyzer()
    sets = [
        ("TweetEval test (en)", "en",
         read(eval_dir / "sentiment-en-tweeteval" / "test.jsonl")),
        ("Dutch political tweets, test split (nl)", "nl",
         [r for r in read(eval_dir / "sentiment-nl-political-tweets" / "polarity.jsonl")
          if r["split"] == "test"]),
    ]
    umsab = read(eval_dir / "sentiment-multi-umsab" / "test.jsonl")
    for lang in ("en", "de", "fr", "es", "it"):
        sets.append((f"UMSAB test ({lang})", lang, [r for r in umsab if r["lang"] == lang]))
    rows = []
    for name, lang, data in sets:
        gold = [r["label"] for r in data]
        predicted = [default.classify(r["text"], lang, surface(r["text"]).emoji)[0]
                     for r in data]
        alone = [linear_alone.classify(r["text"], lang, surface(r["text"]).emoji)[0]
                 for r in data]
        lexical = [label_for(lexicon.score(r["text"], lang, surface(r["text"]).emoji), 0.05)
                   for r in data]
        baseline = [label_for(vader.polarity_scores(r["text"])["compound"], 0.05) for r in data]
        rows.append([name, str(len(data)), f"{macro_f1(gold, predicted, SENTIMENT):.3f}",
                     f"{macro_f1(gold, alone, SENTIMENT):.3f}",
                     f"{macro_f1(gold, lexical, SENTIMENT):.3f}",
                     f"{macro_f1(gold, baseline, SENTIMENT):.3f}"])
    provenance = default.model.provenance
    report.add("## Sentiment (macro-F1 over negative / neutral / positive)")
    report.add()
    companion = provenance["companion"]
    report.add("The default, `sentiment.linear.v1`, sends English through a logistic regression "
               f"trained on {provenance['rows']:,} SemEval 2013-2016 tweets (n-grams, VADER "
               "and TextBlob lexicon polarity; `models/training/sentiment_en.py`), averaged "
               f"with weight {companion['weight']} with a small fastText model over the same "
               "tokens and their character n-grams, and every other language through "
               "`sentiment.lexicon.v1`. C and the weight were chosen on the held-out "
               f"`{provenance['dev_file']}` (dev macro-F1 {provenance['dev_macro_f1']:.3f} for "
               "the linear model, "
               f"{companion['dev_macro_f1_by_weight'][str(companion['weight'])]:.3f} for the "
               "pair). The SemEval-2017 test set below (TweetEval's test split) was not used "
               f"for training or for any choice; {provenance['excluded_evaluation_texts']} "
               "training texts were identical to it.")
    report.add()
    report.table(["data", "n", "webcare default `sentiment.linear.v1`",
                  "its linear model alone", "`sentiment.lexicon.v1`", "VADER alone"], rows)
    report.add("How it was developed: the TweetEval test score was read three times while the "
               "first linear model took shape (0.615, then 0.609 and 0.613 for intermediate "
               "versions), and a fourth time for the shipped pair. Every choice made after the "
               "first reading (the larger dev file, C, the narrower irony rule, litotes, lexicon "
               "polarity features in place of VADER's scores, the TextBlob features, the "
               "fastText companion, its size and weight) was decided on the SemEval 2016 dev "
               "file, never on this test set. The column for the linear model alone was added "
               "after that fourth reading, to show what the companion adds; nothing was "
               "chosen on it.")
    report.add()


def intent_section(report: Report, eval_dir: Path) -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    default = Enricher(BrandConfig())
    rules = Enricher(BrandConfig(), EnrichmentConfig(intents=StepConfig(name="intents.rules.v1")))

    def intents(enricher: Enricher, texts: list[str]) -> list[list[str]]:
        raws = [RawMention.model_validate({"id": str(i), "source": "eval", "text": t,
                                           "created_at": datetime.now(UTC),
                                           "author": {"handle": "eval"}})
                for i, t in enumerate(texts)]
        found: list[list[str]] = []
        for result in enricher.enrich_many(raws):
            if isinstance(result, Exception):
                raise result
            found.append(list(result.intents))
        return found

    report.add("## Intents: complaints and questions (English)")
    report.add()
    report.add("Neither set has a train/test split, and they are the only public English data "
               "for these intents. As `../shared/eval` prescribes, a dev half was split off "
               "first, by content so copies of a text stay on one side "
               "(`models/training/eval_split.py`); the English question and complaint models of "
               "`intents.linear.v1` were fitted and chosen on that half only "
               "(`models/training/intents_en.py`, five-fold cross-validation for C and the "
               "threshold). The scores below are on the other half, which was never used to "
               "fit or choose anything. It was read three times: a first complaint model, "
               "trained on the brand-directed tweets alone with a threshold of 0.35, scored "
               "0.772 macro-F1 here (question F1 0.757) but flagged ordinary statements to a "
               "brand (\"The store opens at nine\") as complaints in the hand-written cases; "
               "the next one adds the random tweets to training and never goes below 0.5, "
               "chosen on the dev half (0.756 here). The shipped one is the same recipe, "
               "refit on the dev half because the sentiment score it reads changed with the "
               "new sentiment model.")
    report.add()
    complaints = [r for r in read(eval_dir / "complaints-en-preotiuc2019" / "data.jsonl")
                  if not r["domain"].startswith("random_") and not is_dev(r["text"])]
    texts = [r["text"] for r in complaints]
    gold = [r["label"] for r in complaints]
    labels = ("complaint", "not_complaint")

    def complaint_row(name: str, predicted: list[str]) -> list[str]:
        return [name, f"{macro_f1(gold, predicted, labels):.3f}",
                f"{f1_scores(gold, predicted, labels)['complaint']:.3f}"]

    def says(found: list[list[str]], intent: str) -> list[str]:
        return [intent if intent in i else f"not_{intent}" for i in found]

    report.add(f"### Complaints (`complaints-en-preotiuc2019`, test half: {len(gold):,} "
               "brand-directed tweets)")
    report.add()
    report.table(["classifier", "macro-F1", "complaint F1"], [
        complaint_row("webcare default `intents.linear.v1`", says(intents(default, texts),
                                                                  "complaint")),
        complaint_row("`intents.rules.v1` (rules alone)", says(intents(rules, texts),
                                                               "complaint")),
        complaint_row("baseline: VADER negative = complaint",
                      ["complaint" if vader.polarity_scores(t)["compound"] <= -0.05
                       else "not_complaint" for t in texts]),
    ])

    questions = [r for r in read(eval_dir / "questions-en-tweetact" / "data.jsonl")
                 if not is_dev(r["text"])]
    texts = [r["text"] for r in questions]
    gold = [r["label"] for r in questions]
    labels = ("question", "not_question")

    def question_row(name: str, predicted: list[str]) -> list[str]:
        return [name, f"{f1_scores(gold, predicted, labels)['question']:.3f}",
                f"{macro_f1(gold, predicted, labels):.3f}"]

    report.add(f"### Questions (`questions-en-tweetact`, test half: {len(gold):,} tweets)")
    report.add()
    report.table(["classifier", "question F1", "macro-F1"], [
        question_row("webcare default `intents.linear.v1`", says(intents(default, texts),
                                                                 "question")),
        question_row("`intents.rules.v1` (rules alone)", says(intents(rules, texts),
                                                              "question")),
        question_row("baseline: contains '?'",
                     ["question" if "?" in t else "not_question" for t in texts]),
    ])
    report.add("No brand is configured here, so every tweet is proactive: the default's rules "
               "for a mention addressed to a brand do not fire, and only its model and its "
               "requests (\"please DM me\", \"Help!\") decide. Requests are not questions in "
               "TweetAct's labels (`REQ` is a speech act of its own), so each one the default "
               "finds counts against it here. The rules alone count every question mark. "
               "This test half was read a fourth time for the decision of the section below; "
               "nothing was chosen on it.")
    report.add()
    report.add("How far these labels can carry: the set labelled some texts more than once "
               f"(retweets). {tweetact_self_agreement(eval_dir)}")
    report.add()
    care_question_section(report, eval_dir)


def tweetact_self_agreement(eval_dir: Path) -> str:
    """How often two labellings of one text agree on "question": the F1 the labels reach
    against themselves (positive specific agreement over pairs of copies)."""
    by_text: dict[str, list[bool]] = defaultdict(list)
    for row in read(eval_dir / "questions-en-tweetact" / "data.jsonl"):
        by_text[row["text"].strip()].append(row["label"] == "question")
    agree = differ = 0
    for marks in by_text.values():
        for i, first in enumerate(marks):
            for second in marks[i + 1:]:
                agree += first and second
                differ += first != second
    texts = sum(1 for marks in by_text.values() if len(marks) > 1 and any(marks))
    return (f"Of the pairs of identical texts where at least one copy is labelled question "
            f"({agree + differ} pairs over {texts} texts), {agree} agree and {differ} do not: "
            f"the labels agree with themselves at a question F1 of "
            f"{2 * agree / (2 * agree + differ):.2f}: a ceiling near that for any detector "
            "scored against them (a small sample; it is the set's own noise, not ours).")


def care_question_section(report: Report, eval_dir: Path) -> None:
    """Questions where webcare meets them: the customer turns of real care threads, labelled
    by hand (``benchmarks/labels``), scored on the test half by thread."""
    threads = read(eval_dir / "support-threads-en-ibm" / "test.jsonl")
    brands = support_brands(threads)
    default = Enricher(brands)
    rules = Enricher(brands, EnrichmentConfig(intents=StepConfig(name="intents.rules.v1")))
    gold: list[str] = []
    unsure: list[bool] = []
    found: dict[str, list[bool]] = {"default": [], "rules": [], "mark": []}
    for turn in labelled_customer_turns([t for t in threads if not in_dev_half(t)]):
        gold.append(turn.label)
        unsure.append(turn.unsure)
        found["default"].append("question" in default.enrich(turn.raw).intents)
        found["rules"].append("question" in rules.enrich(turn.raw).intents)
        found["mark"].append("?" in turn.raw.text)

    def f1(positive: frozenset[str], said: list[bool], sure_only: bool = False) -> str:
        kept = [(g in positive, s) for g, s, u in zip(gold, said, unsure, strict=True)
                if not (sure_only and u)]
        truth = ["yes" if g else "no" for g, _ in kept]
        guess = ["yes" if s else "no" for _, s in kept]
        return f"{f1_scores(truth, guess, ('yes',))['yes']:.3f}"

    strict = frozenset({"question"})
    report.add("### Questions on real care threads (`support-threads-en-ibm`, hand-labelled, "
               f"test half: {len(gold)} customer turns)")
    report.add()
    report.add("TweetAct is general Twitter, not customer care. The customer turns of the IBM "
               "care threads were labelled here by hand (`benchmarks/labels/README.md`: "
               "question, request or neither, with the guideline and the close calls marked "
               "unsure) and split by thread like the other sets. For the care team a question "
               "is a question or a request: both must be answered. The support accounts are "
               "configured as brands, as in the contact section below, so a customer who "
               "writes to the brand's main account (\"@HP\") instead is proactive here.")
    report.add()
    report.table(
        ["classifier", "question or request F1", "the same, sure labels only",
         "question only F1"],
        [[name, f1(WEBCARE_QUESTION, found[key]), f1(WEBCARE_QUESTION, found[key], True),
          f1(strict, found[key])]
         for name, key in (("webcare default `intents.linear.v1`", "default"),
                           ("`intents.rules.v1` (rules alone)", "rules"),
                           ("baseline: contains '?'", "mark"))])
    report.add("How it was developed: the labels were committed before any classifier was run "
               "on these turns. The first reading, of all 571 turns with the previous default "
               "(the TweetAct model, and the rules only for a clause or request addressed to a "
               "brand), gave a question-or-request F1 of 0.753 (rules alone 0.841, a question "
               "mark 0.701): the model, taught by TweetAct that a question to a person is often "
               "an expression, missed \"@AppleSupport What's going on with #iTunes?\". The "
               "present decision (a request is a question everywhere; addressed to a brand, so "
               "is whatever the rules take for one) and the request phrases and cries for help "
               "added to `models/lang` were chosen on the dev half's errors "
               "(`python -m models.training.question_choices` prints every candidate on both "
               "dev halves: 0.898 on this one, 0.801 on TweetAct's against 0.807 for the model "
               "alone). The rules alone do about as well here, but count every question mark "
               "in general chatter (TweetAct, above). The same engineer labelled both halves, "
               "so the test half is unseen by the rules' author only as far as memory goes.")
    report.add()


def contact_section(report: Report, eval_dir: Path) -> None:
    """Contact type and brand matching on real customer-care threads, against the definition
    applied by hand: a configured account @mentioned (whole handle, any case) or replied to is
    addressed; addressing another brand than the author's own makes a mention reactive; a
    mention written by a configured account is that brand's reply."""
    threads = read(eval_dir / "support-threads-en-ibm" / "test.jsonl")
    accounts = sorted({t["company"] for t in threads})
    enricher = Enricher(support_brands(threads))

    def at(account: str, text: str, whole: bool = True) -> bool:
        if not whole:  # the naive check: the characters "@account" anywhere
            return f"@{account.lower()}" in text.lower()
        return re.search(rf"@{re.escape(account)}(?!\w)", text, re.IGNORECASE) is not None

    def expected(text: str, author: str | None, replied_to: str | None,
                 whole: bool) -> tuple[list[str], str, bool]:
        addressed = {a.lower() for a in accounts if at(a, text, whole)}
        if replied_to is not None and replied_to in accounts:
            addressed.add(replied_to.lower())
        return (sorted(addressed | ({author} if author else set())),
                "reactive" if addressed - {author} else "proactive", author is not None)

    order = ("opening customer tweets that @mention a support account",
             "opening customer tweets that do not", "later customer tweets, replying to the brand",
             "later customer tweets, replying to themselves",
             "brand replies (written by the support account)")
    webcare: dict[str, list[bool]] = {group: [] for group in order}
    naive: dict[str, list[bool]] = {group: [] for group in order}
    signed = replies = unattributed = 0
    for turn in turns(threads):
        if turn.raw is None:  # 15 brand turns lost their author upstream
            unattributed += 1
            continue
        text, replied_to = turn.raw.text, turn.replied_to
        mention = enricher.enrich(turn.raw)
        author = turn.turn["author"].lower() if turn.turn["author"] in accounts else None
        truth = expected(text, author, replied_to, whole=True)
        if turn.turn["role"] == "brand":
            group = order[4]
        elif turn.position == 0:
            group = order[0] if truth[1] == "reactive" else order[1]
        else:
            group = order[2] if replied_to in accounts else order[3]
        webcare[group].append(
            truth == (mention.brands, mention.contact, mention.from_brand)
            and (not mention.from_brand or mention.intents == []))
        naive[group].append(truth == expected(text, author, replied_to, whole=False))
        if mention.from_brand:
            replies += 1
            signed += mention.agent_signature is not None
    report.add("## Contact type and brand matching (`support-threads-en-ibm`)")
    report.add()
    report.add(f"{len(threads)} real customer-care threads on Twitter, {len(accounts)} support "
               "accounts, each configured as a brand with that one handle. Every tweet goes "
               "through the enricher as the worker runs it, a later tweet as a reply to the one "
               "before. A tweet agrees when its brands, contact type and brand-reply flag are "
               "what the definition gives (a configured account @mentioned as a whole handle, "
               "in any case, or replied to, is addressed; addressing a brand other than the "
               "author's own is reactive; a tweet by a configured account is that brand's "
               "reply, with no customer intents). Baseline: a matcher that takes the characters "
               "\"@account\" anywhere in the text for addressing the account.")
    report.add()
    rows = [[group, str(len(webcare[group])), f"{sum(webcare[group])}",
             f"{sum(naive[group])}"] for group in order]
    report.table(["tweets", "n", "webcare agrees", "naive handle check agrees"], rows)
    report.add(f"{unattributed} brand tweets without an author in the source are left out. The "
               "naive check takes \"@GoogleIndia\" (twice) and \"@googlesupport\" for the "
               "account Google; the set's own README counts two of them too (325 openings "
               "\"contain the exact support handle\": 323 do). Agent signatures were found in "
               f"{signed} of {replies} brand replies (\"^RG\", \"*MS\", \"/KD\"; the "
               "slash-initials form and a trailing thread counter \"2/2\" were added after "
               "seeing them here; there are no signature labels to score against).")
    report.add()


SECTIONS: dict[str, Callable[[Report, Path], None]] = {
    "language": language_section, "sentiment": sentiment_section,
    "intents": intent_section, "contact": contact_section,
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval", type=Path, default=REPO.parent / "shared" / "eval")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "quality.md")
    parser.add_argument("--only", choices=sorted(SECTIONS), action="append",
                        help="run this section alone (repeatable); the default is all of them")
    args = parser.parse_args()
    report = Report()
    report.add("# Enrichment quality")
    report.add()
    report.add("Generated by `benchmarks/quality_report.py` on the public, third-party labelled "
               "data in `../shared/eval`: test splits only, or the test half of a set split here; "
               "nothing scored was trained or tuned on.")
    report.add()
    for name, section in SECTIONS.items():
        if not args.only or name in args.only:
            section(report, args.eval)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(report.lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
