"""Quality report on the public evaluation data in ../shared/eval (test splits only).

Every figure stands beside a baseline computed in the same run. Nothing scored here was used to
train or to pick thresholds (sets without a split are scored on their test half only). Writes
docs/quality.md and prints the same tables.

Usage: python benchmarks/quality_report.py [--eval ../shared/eval] [--out docs/quality.md]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import quality_prose as prose  # noqa: E402
from quality_common import (  # noqa: E402
    SENTIMENT,
    TIMED_PASSES,
    Report,
    macro_f1,
    read,
    timed,
)
from quality_contact import contact_section  # noqa: E402
from quality_dutch import dutch_section  # noqa: E402
from quality_intents import intent_section  # noqa: E402

from models.language import FastTextLanguage, HybridLanguage  # noqa: E402
from models.sentiment import LexiconSentiment, label_for  # noqa: E402
from models.sentiment_linear import make_linear_sentiment  # noqa: E402
from models.text import surface  # noqa: E402


def language_detectors(langs: list[str]) -> dict[str, Callable[[str], str]]:
    """Ours (default and limited to the set's languages), fastText alone, lingua's two modes."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

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
    return {
        "webcare hybrid (default: all languages, 6 word lists)":
            lambda t: hybrid_default.detect(t)[0],
        "webcare hybrid, 14 candidates": lambda t: hybrid_14.detect(t)[0],
        "fastText lite alone, 14 candidates": lambda t: fasttext_14.detect(t)[0],
        "lingua high accuracy, 14 languages": lingua(low=False),
        "lingua low accuracy, 14 languages": lingua(low=True),
    }


def language_section(report: Report, eval_dir: Path) -> None:
    rows = read(eval_dir / "langid-lingua" / "data.jsonl")
    detectors = language_detectors(sorted({r["lang"] for r in rows}))
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
    report.add(prose.LANGUAGE_CHOICES)
    report.add()

    rough_check(report, eval_dir, detectors)


def rough_check(report: Report, eval_dir: Path,
                detectors: dict[str, Callable[[str], str]]) -> None:
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


def sentiment_sets(eval_dir: Path) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(name, language, rows) of every sentiment test set."""
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
    return sets


def sentiment_section(report: Report, eval_dir: Path) -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    default = make_linear_sentiment()
    linear_alone = make_linear_sentiment(companion=None)
    lexicon = LexiconSentiment()
    vader = SentimentIntensityAnalyzer()
    rows = []
    for name, lang, data in sentiment_sets(eval_dir):
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
               "tokens and their character n-grams; Dutch through its own model (see the "
               "Dutch section) and every other language through "
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
    report.add(prose.SENTIMENT_HISTORY)
    report.add()










SECTIONS: dict[str, Callable[[Report, Path], None]] = {
    "language": language_section, "sentiment": sentiment_section,
    "intents": intent_section, "contact": contact_section, "dutch": dutch_section,
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval", type=Path, default=REPO.parent / "shared" / "eval")
    parser.add_argument("--out", type=Path, default=None,
                        help="where the report goes: docs/quality.md for the whole report, "
                             "standard output with --only (a part never replaces the whole)")
    parser.add_argument("--only", choices=sorted(SECTIONS), action="append",
                        help="run this section alone (repeatable); the default is all of them")
    args = parser.parse_args()
    report = Report()
    report.add("# Enrichment quality")
    report.add()
    report.add(prose.REPORT_INTRO)
    report.add()
    for name, section in SECTIONS.items():
        if not args.only or name in args.only:
            section(report, args.eval)
    text = "\n".join(report.lines) + "\n"
    out = args.out or (None if args.only else REPO / "docs" / "quality.md")
    if out is None:
        sys.stdout.write(text)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
