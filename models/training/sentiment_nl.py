"""Train the Dutch sentiment model shipped as ``models/data/sentiment-nl.v1.json.gz``.

Data, all real Dutch with human labels (``../shared``):

- the **train** split of the Dutch political tweets (899 tweets, negative / neutral / positive
  as labelled by the source). Its test split is our held-out Dutch evaluation set and is never
  read here;
- optionally the Dutch lines of XED (movie subtitles, emotions projected from English and
  Finnish; CC BY 4.0), mapped to polarity: joy or trust alone is positive; anger, disgust, fear
  or sadness alone is negative; lines with both kinds, or only surprise or anticipation, are
  left out. They have no neutral class, so whether they help is decided on the dev folds.

Features: the runtime tokenizer with Dutch negators and the Dutch polarity lexicon
(``models.training.lexicon_nl``), plus that lexicon's summary (as the English model uses
TextBlob's). C, whether to add XED, the weight of the model's score against the Dutch lexicon
step's and the neutral band (the step blends the two) are chosen together on three development
sets weighted equally: five-fold cross-validation on the tweets' train split (macro-F1; XED only
ever in the training folds), the hand-written Dutch webcare cases (``data/webcare-nl-dev.jsonl``,
the Dutch cases of ``tests/unit``; accuracy) and the development split of real brand mentions
from public pages (``benchmarks/labels``; macro-F1): the tweets are real Dutch but
politicians', the cases and the pages are the domain. The shipped model is refit on everything
chosen.

    python -m models.training.sentiment_nl [--shared ../shared] [--out FILE]
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from models.lang import nl
from models.linear import BUNDLED, LEXICON_SUMMARY, Tokenizer, lexicon_summary
from models.sentiment import LexiconSentiment, label_for
from models.sentiment_linear import LinearSentiment
from models.text import surface
from models.training.intents_en import read
from models.training.linear import LinearTrainer

TOKENIZER = Tokenizer(nl.NEGATORS, negation_suffix="", polarity="nl")
SECOND_LEXICON = "nl"
WEBCARE_DEV = Path(__file__).parent / "data" / "webcare-nl-dev.jsonl"
# Real Dutch brand mentions from public pages, the development split (its test split is the
# quality report's; benchmarks/labels/README.md).
PUBLIC_DEV = (Path(__file__).resolve().parents[2] / "benchmarks" / "labels"
              / "dutch-brand-mentions-public.dev.jsonl")
BLEND_WEIGHTS = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
BLEND_THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
POSITIVE_EMOTIONS = frozenset({"joy", "trust"})
NEGATIVE_EMOTIONS = frozenset({"anger", "disgust", "fear", "sadness"})
Rows = list[tuple[str, str]]


def tweets(shared: Path) -> Rows:
    path = shared / "eval" / "sentiment-nl-political-tweets" / "polarity.jsonl"
    return [(str(r["text"]), str(r["label"])) for r in read(path) if r["split"] == "train"]


def xed(shared: Path) -> Rows:
    rows = []
    for r in read(shared / "train" / "xed_nl_emotion" / "data.jsonl"):
        emotions = set(r["labels"])
        positive, negative = emotions & POSITIVE_EMOTIONS, emotions & NEGATIVE_EMOTIONS
        if positive and not negative:
            rows.append((str(r["text"]), "positive"))
        elif negative and not positive:
            rows.append((str(r["text"]), "negative"))
    return rows


def second_lexicon(text: str) -> tuple[float, ...]:
    return lexicon_summary(TOKENIZER.analyze(text)[0], SECOND_LEXICON)


def trainer(c: float) -> LinearTrainer:
    return LinearTrainer(TOKENIZER, c=c, extra=second_lexicon,
                         extra_names=tuple(f"{SECOND_LEXICON}.{part}"
                                           for part in LEXICON_SUMMARY))


def cross_validated(rows: Rows, extra: Rows, c: float, folds: int = 5
                    ) -> tuple[float, list[float]]:
    """Mean macro-F1 over the folds of ``rows`` (``extra`` joins every training fold), and
    every row's out-of-fold score P(positive) - P(negative)."""
    texts, labels = [t for t, _ in rows], [lab for _, lab in rows]
    scores, out_of_fold = [], [0.0] * len(rows)
    for train_at, dev_at in StratifiedKFold(folds, shuffle=True, random_state=1).split(
            texts, labels):
        train = [rows[i] for i in train_at] + extra
        model = trainer(c).fit([t for t, _ in train], [lab for _, lab in train], {})
        predicted = []
        for i in dev_at:
            label, probabilities = model.predict(texts[i], second_lexicon(texts[i]))
            predicted.append(label)
            by_label = dict(zip(model.labels, probabilities, strict=True))
            out_of_fold[i] = by_label["positive"] - by_label["negative"]
        scores.append(f1_score([labels[i] for i in dev_at], predicted, average="macro"))
    return sum(scores) / len(scores), out_of_fold


def webcare_cases(path: Path = WEBCARE_DEV) -> list[tuple[str, str, list[str]]]:
    """The hand-written Dutch webcare cases: text, sentiment, emoji."""
    return [(str(r["text"]), str(r["label"]), surface(str(r["text"])).emoji)
            for r in read(path)]


def public_mentions(path: Path = PUBLIC_DEV) -> list[tuple[str, str, list[str]]]:
    """The public pages' development split: text, sentiment, emoji."""
    return [(str(r["text"]), str(r["sentiment"]), surface(str(r["text"])).emoji)
            for r in read(path)]


@dataclass(frozen=True)
class Candidate:
    c: float
    with_xed: bool
    weight: float
    threshold: float
    tweets: float  # out-of-fold macro-F1 of the blend on the tweets
    webcare: float  # accuracy on the webcare development cases
    public: float  # macro-F1 on the public pages' development split

    @property
    def score(self) -> float:
        return (self.tweets + self.webcare + self.public) / 3


Runs = dict[tuple[float, bool], tuple[float, list[float]]]  # (C, XED) -> (macro-F1, out of fold)


def candidates(rows: Rows, subtitles: Rows, runs: Runs) -> list[Candidate]:
    """Every C, with or without XED, and blend: scored on the tweets' folds (the model's
    out-of-fold score blended with the lexicon step's) and on the webcare cases (a model fitted
    on all the tweets, through the step as it runs)."""
    lexicon = LexiconSentiment()
    lexicon_scores = [lexicon.score(text, "nl", []) for text, _ in rows]
    labels = [lab for _, lab in rows]
    cases, public = webcare_cases(), public_mentions()
    found = []
    for (c, with_xed), (_, out_of_fold) in runs.items():
        train = rows + (subtitles if with_xed else [])
        model = trainer(c).fit([t for t, _ in train], [lab for _, lab in train], {})
        for weight in BLEND_WEIGHTS:
            for threshold in BLEND_THRESHOLDS:
                predicted = [label_for(weight * m + (1 - weight) * x, threshold)
                             for m, x in zip(out_of_fold, lexicon_scores, strict=True)]
                step = LinearSentiment(model, frozenset({"nl"}), blend=(weight, threshold))
                right = sum(step.classify(text, "nl", emoji)[0] == label
                            for text, label, emoji in cases)
                on_public = [step.classify(text, "nl", emoji)[0] for text, _, emoji in public]
                found.append(Candidate(c, with_xed, weight, threshold,
                                       float(f1_score(labels, predicted, average="macro")),
                                       right / len(cases),
                                       float(f1_score([lab for _, lab, _ in public], on_public,
                                                      average="macro"))))
    return found


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).resolve().parents[2].parent / "shared")
    parser.add_argument("--c", type=float, nargs="+", default=[0.5, 1.0, 2.0, 4.0, 8.0])
    parser.add_argument("--out", type=Path, default=BUNDLED / "sentiment-nl.v1.json.gz")
    args = parser.parse_args(argv)
    rows, subtitles = tweets(args.shared), xed(args.shared)
    print(f"tweets {len(rows)} {dict(Counter(lab for _, lab in rows))}, "
          f"XED lines {len(subtitles)} {dict(Counter(lab for _, lab in subtitles))}")
    runs = {(c, with_xed): cross_validated(rows, subtitles if with_xed else [], c)
            for with_xed in (False, True) for c in args.c}
    for (c, with_xed), (score, _) in runs.items():
        print(f"C={c} XED={with_xed}: model alone, dev macro-F1 {score:.4f}")
    scored = candidates(rows, subtitles, runs)
    # The best on the dev sets at once among those that get every hand-written case right
    # (the unit tests expect each of them: they are the product's stated behaviour); a tie
    # goes to the smaller C (899 tweets do not earn the looser fit) and the smaller model
    # weight (the lexicon knows webcare words).
    best = max(scored, key=lambda k: (k.webcare == 1.0, round(k.score, 3), -k.c, -k.weight))
    print(f"chosen: C={best.c} XED={best.with_xed} weight {best.weight} band "
          f"{best.threshold}: tweets {best.tweets:.4f}, webcare cases {best.webcare:.3f}, "
          f"public pages {best.public:.4f}")
    everything = rows + (subtitles if best.with_xed else [])
    model = trainer(best.c).fit(
        [t for t, _ in everything], [lab for _, lab in everything],
        {"data": "Dutch political tweets, train split (cltl-students/Eva_Zegelaar_Emotion_"
                 "Classification_Dutch_Political_Tweets@03d38d6)"
                 + (" and XED Dutch lines mapped to polarity (CC BY 4.0)" if best.with_xed
                    else ""),
         "rows": len(everything),
         "dev": "5-fold cross-validation on the tweets' train split, and the hand-written "
                f"webcare cases ({WEBCARE_DEV.name}) and the public pages' development split "
                f"({PUBLIC_DEV.name}), weighted equally",
         "dev_macro_f1": round(runs[(best.c, best.with_xed)][0], 4),
         "dev_macro_f1_by_choice": {f"C={k[0]},xed={k[1]}": round(v[0], 4)
                                    for k, v in runs.items()},
         "blend": {"weight": best.weight, "threshold": best.threshold,
                   "dev_macro_f1": round(best.tweets, 4),
                   "webcare_cases_accuracy": round(best.webcare, 4),
                   "public_pages_dev_macro_f1": round(best.public, 4),
                   "with": "sentiment.lexicon.v1's score, webcare rules included"}})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"wrote {args.out} ({len(model.index)} n-grams, {args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
