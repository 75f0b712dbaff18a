"""The quality report's intent section: complaints and questions on public English sets, and
questions on hand-labelled real care threads."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import quality_prose as prose
from quality_common import Report, enriched, f1_scores, macro_f1, read

from models.brands import BrandConfig
from models.enrich import Enricher, EnrichmentConfig, StepConfig
from models.training.eval_split import is_dev
from models.training.support_threads import (
    WEBCARE_QUESTION,
    in_dev_half,
    labelled_customer_turns,
    support_brands,
)


def intents(enricher: Enricher, texts: list[str]) -> list[list[str]]:
    """The intents the enricher finds in each text, as the worker would."""
    return [list(mention.intents) for mention in enriched(enricher, texts)]


def says(found: list[list[str]], intent: str) -> list[str]:
    return [intent if intent in i else f"not_{intent}" for i in found]


def complaints_table(report: Report, eval_dir: Path, default: Enricher,
                     rules: Enricher) -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    complaints = [r for r in read(eval_dir / "complaints-en-preotiuc2019" / "data.jsonl")
                  if not r["domain"].startswith("random_") and not is_dev(r["text"])]
    texts = [r["text"] for r in complaints]
    gold = [r["label"] for r in complaints]
    labels = ("complaint", "not_complaint")

    def row(name: str, predicted: list[str]) -> list[str]:
        return [name, f"{macro_f1(gold, predicted, labels):.3f}",
                f"{f1_scores(gold, predicted, labels)['complaint']:.3f}"]

    report.add(f"### Complaints (`complaints-en-preotiuc2019`, test half: {len(gold):,} "
               "brand-directed tweets)")
    report.add()
    report.table(["classifier", "macro-F1", "complaint F1"], [
        row("webcare default `intents.linear.v1`", says(intents(default, texts), "complaint")),
        row("`intents.rules.v1` (rules alone)", says(intents(rules, texts), "complaint")),
        row("baseline: VADER negative = complaint",
            ["complaint" if vader.polarity_scores(t)["compound"] <= -0.05
             else "not_complaint" for t in texts]),
    ])


def questions_table(report: Report, eval_dir: Path, default: Enricher,
                    rules: Enricher) -> None:
    questions = [r for r in read(eval_dir / "questions-en-tweetact" / "data.jsonl")
                 if not is_dev(r["text"])]
    texts = [r["text"] for r in questions]
    gold = [r["label"] for r in questions]
    labels = ("question", "not_question")

    def row(name: str, predicted: list[str]) -> list[str]:
        return [name, f"{f1_scores(gold, predicted, labels)['question']:.3f}",
                f"{macro_f1(gold, predicted, labels):.3f}"]

    report.add(f"### Questions (`questions-en-tweetact`, test half: {len(gold):,} tweets)")
    report.add()
    report.table(["classifier", "question F1", "macro-F1"], [
        row("webcare default `intents.linear.v1`", says(intents(default, texts), "question")),
        row("`intents.rules.v1` (rules alone)", says(intents(rules, texts), "question")),
        row("baseline: contains '?'",
            ["question" if "?" in t else "not_question" for t in texts]),
    ])


def intent_section(report: Report, eval_dir: Path) -> None:
    default = Enricher(BrandConfig())
    rules = Enricher(BrandConfig(), EnrichmentConfig(intents=StepConfig(name="intents.rules.v1")))
    report.add("## Intents: complaints and questions (English)")
    report.add()
    report.add(prose.INTENT_METHOD)
    report.add()
    complaints_table(report, eval_dir, default, rules)
    questions_table(report, eval_dir, default, rules)
    report.add(prose.TWEETACT_REQUESTS)
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
    report.add(prose.CARE_QUESTIONS_DATA)
    report.add()
    report.table(
        ["classifier", "question or request F1", "the same, sure labels only",
         "question only F1"],
        [[name, f1(WEBCARE_QUESTION, found[key]), f1(WEBCARE_QUESTION, found[key], True),
          f1(strict, found[key])]
         for name, key in (("webcare default `intents.linear.v1`", "default"),
                           ("`intents.rules.v1` (rules alone)", "rules"),
                           ("baseline: contains '?'", "mark"))])
    report.add(prose.CARE_QUESTIONS_HISTORY)
    report.add()
