"""Train the Dutch sentiment model shipped as ``models/data/sentiment-nl.v1.json.gz``.

Data, all real Dutch with human labels (``../shared``):

- the **train** split of the Dutch political tweets (899 tweets, negative / neutral / positive
  as labelled by the source). Its test split is our held-out Dutch evaluation set and is never
  read here;
- optionally the Dutch lines of XED (movie subtitles, emotions projected from English and
  Finnish; CC BY 4.0), mapped to polarity: joy or trust alone is positive; anger, disgust, fear
  or sadness alone is negative; lines with both kinds, or only surprise or anticipation, are
  left out. They have no neutral class, so whether they help is decided on the dev folds;
- optionally the development split of real brand mentions from public pages
  (``benchmarks/labels``), repeated ``--pages`` times (the domain, but 172 passages beside
  899 tweets). Where they train, they are scored out of fold (five folds of the pages, each
  scored by a model that never saw it), so the choice stays honest. Tried on 2026-12-06
  (``--c 2 4 --pages 0 2 4``): the pages in training lifted the tweets' folds 0.607 -> 0.611,
  but scored 0.777 and 0.773 on the pages out of fold against 0.796 without them, and missed a
  hand-written case. Not chosen: the shipped model trains on tweets alone.

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
from models.linear import BUNDLED, LEXICON_SUMMARY, LinearTextModel, Tokenizer, lexicon_summary
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
    pages: int  # how many times the public pages' development split joins the training rows
    weight: float
    threshold: float
    tweets: float  # out-of-fold macro-F1 of the blend on the tweets
    webcare: float  # accuracy on the webcare development cases
    public: float  # macro-F1 on the public pages' development split

    @property
    def score(self) -> float:
        return (self.tweets + self.webcare + self.public) / 3


# (C, XED, page repeats) -> (macro-F1, out of fold)
Runs = dict[tuple[float, bool, int], tuple[float, list[float]]]
Choice = tuple[float, bool, int]  # C, XED, page repeats


def page_rows(pages: int) -> Rows:
    return [(text, label) for text, label, _ in public_mentions()] * pages


def training_rows(rows: Rows, subtitles: Rows, choice: Choice) -> Rows:
    _, with_xed, pages = choice
    return rows + (subtitles if with_xed else []) + page_rows(pages)


def page_folds(choice: Choice, rows: Rows, subtitles: Rows
               ) -> list[tuple[LinearTextModel | None, list[int]]]:
    """Who scores each public page: where the pages train, five folds, each scored by a model
    fitted without it (``None``: the model fitted on everything scores every page)."""
    public = public_mentions()
    c, with_xed, pages = choice
    if not pages:
        return [(None, list(range(len(public))))]
    folds: list[tuple[LinearTextModel | None, list[int]]] = []
    labels = [label for _, label, _ in public]
    for train_at, dev_at in StratifiedKFold(5, shuffle=True, random_state=1).split(
            labels, labels):
        train = (training_rows(rows, subtitles, (c, with_xed, 0))
                 + [(public[i][0], public[i][1]) for i in train_at] * pages)
        folds.append((trainer(c).fit([t for t, _ in train], [lab for _, lab in train], {}),
                      list(dev_at)))
    return folds


def candidates(rows: Rows, subtitles: Rows, runs: Runs) -> list[Candidate]:
    """Every C, with or without XED and the pages, and blend: scored on the tweets' folds (the
    model's out-of-fold score blended with the lexicon step's), on the webcare cases (a model
    fitted on everything chosen, through the step as it runs) and on the public pages (that
    model, or out of fold where they train)."""
    lexicon = LexiconSentiment()
    lexicon_scores = [lexicon.score(text, "nl", []) for text, _ in rows]
    labels = [lab for _, lab in rows]
    cases, public = webcare_cases(), public_mentions()
    found = []
    for choice, (_, out_of_fold) in runs.items():
        train = training_rows(rows, subtitles, choice)
        model = trainer(choice[0]).fit([t for t, _ in train], [lab for _, lab in train], {})
        folds = page_folds(choice, rows, subtitles)
        for weight in BLEND_WEIGHTS:
            for threshold in BLEND_THRESHOLDS:
                predicted = [label_for(weight * m + (1 - weight) * x, threshold)
                             for m, x in zip(out_of_fold, lexicon_scores, strict=True)]
                step = LinearSentiment(model, frozenset({"nl"}), blend=(weight, threshold))
                right = sum(step.classify(text, "nl", emoji)[0] == label
                            for text, label, emoji in cases)
                on_public = [""] * len(public)
                for fold_model, at in folds:
                    scorer = step if fold_model is None else LinearSentiment(
                        fold_model, frozenset({"nl"}), blend=(weight, threshold))
                    for i in at:
                        on_public[i] = scorer.classify(public[i][0], "nl", public[i][2])[0]
                found.append(Candidate(choice[0], choice[1], choice[2], weight, threshold,
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
    parser.add_argument("--pages", type=int, nargs="+", default=[0],
                        help="times the public pages' development split joins the training "
                             "rows, each tried (0: it only scores)")
    parser.add_argument("--out", type=Path, default=BUNDLED / "sentiment-nl.v1.json.gz")
    args = parser.parse_args(argv)
    rows, subtitles = tweets(args.shared), xed(args.shared)
    print(f"tweets {len(rows)} {dict(Counter(lab for _, lab in rows))}, "
          f"XED lines {len(subtitles)} {dict(Counter(lab for _, lab in subtitles))}")
    runs = {(c, with_xed, pages): cross_validated(
                rows, (subtitles if with_xed else []) + page_rows(pages), c)
            for with_xed in (False, True) for c in args.c for pages in args.pages}
    for (c, with_xed, pages), (score, _) in runs.items():
        print(f"C={c} XED={with_xed} pages x{pages}: model alone, dev macro-F1 {score:.4f}")
    scored = candidates(rows, subtitles, runs)
    # The best on the dev sets at once among those that get every hand-written case right
    # (the unit tests expect each of them: they are the product's stated behaviour); a tie
    # goes to the smaller C (899 tweets do not earn the looser fit) and the smaller model
    # weight (the lexicon knows webcare words).
    def rank(k: Candidate) -> tuple[bool, float, float, float]:
        return k.webcare == 1.0, round(k.score, 3), -k.c, -k.weight

    for pages in args.pages:
        top = max((k for k in scored if k.pages == pages), key=rank)
        print(f"best with the pages x{pages}: C={top.c} XED={top.with_xed} weight {top.weight} "
              f"band {top.threshold}: tweets {top.tweets:.4f}, webcare cases "
              f"{top.webcare:.3f}, public pages {top.public:.4f}")
    best = max(scored, key=rank)
    print(f"chosen: C={best.c} XED={best.with_xed} pages x{best.pages} weight {best.weight} "
          f"band {best.threshold}: tweets {best.tweets:.4f}, webcare cases {best.webcare:.3f}, "
          f"public pages {best.public:.4f}")
    choice = (best.c, best.with_xed, best.pages)
    everything = training_rows(rows, subtitles, choice)
    model = trainer(best.c).fit(
        [t for t, _ in everything], [lab for _, lab in everything],
        {"data": "Dutch political tweets, train split (cltl-students/Eva_Zegelaar_Emotion_"
                 "Classification_Dutch_Political_Tweets@03d38d6)"
                 + (" and XED Dutch lines mapped to polarity (CC BY 4.0)" if best.with_xed
                    else "")
                 + (f" and the public pages' development split ({PUBLIC_DEV.name}) "
                    f"{best.pages} times" if best.pages else ""),
         "rows": len(everything),
         "dev": "5-fold cross-validation on the tweets' train split, and the hand-written "
                f"webcare cases ({WEBCARE_DEV.name}) and the public pages' development split "
                f"({PUBLIC_DEV.name}), weighted equally",
         "dev_macro_f1": round(runs[choice][0], 4),
         "dev_macro_f1_by_choice": {f"C={k[0]},xed={k[1]}" + (f",pages={k[2]}" if k[2] else "")
                                    : round(v[0], 4) for k, v in runs.items()},
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
