"""Train the English tweet sentiment model shipped as ``models/data/sentiment-en.v1.json.gz``.

Data: the SemEval 2013-2016 Task 4 subtask A tweets (the material TweetEval's sentiment train
and validation splits were drawn from), as tab-separated ``id, label, text`` files such as
those in ``cbaziotis/datastories-semeval2017-task4`` under ``dataset/Subtask_A/downloaded``.
``twitter-2016test-A.tsv`` is held out to choose C and report a dev score; the shipped
model is then refit on everything. The SemEval-2017 test set (TweetEval's test split, our
evaluation data) is never read except through ``--exclude``, which drops any identical text
from training as a guard against leakage.

The companion fastText model (``sentiment-en-chars.v1.bin``) is trained on the same split and
tokens, and its weight in the average is chosen on the same dev file. fastText's trainer is not
in the predict-only build the runtime uses: ``pip install fasttext-wheel`` provides both (it
replaces that build's ``fasttext`` module with the full one, same API).

    python -m models.training.sentiment_en DIR [--exclude TEST.jsonl] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import fasttext
from sklearn.metrics import f1_score

from models.linear import BUNDLED, LEXICON_SUMMARY, Tokenizer, lexicon_summary, unigrams
from models.sentiment_linear import CharNgramModel, LinearSentiment
from models.training.linear import LinearTrainer

LABELS = ("negative", "neutral", "positive")
DEV_FILE = "twitter-2016test-A.tsv"  # 20,000 tweets: a dev score worth choosing by
NEGATORS = frozenset({"not", "no", "never", "cannot", "nothing", "nobody", "none", "nor",
                      "neither", "without", "nowhere", "hardly", "dont", "cant", "wont",
                      "didnt", "doesnt", "isnt", "wasnt", "aint"})
TOKENIZER = Tokenizer(NEGATORS, polarity="vader")
SECOND_LEXICON = "textblob"
WEIGHTS = (0.0, 0.15, 0.25, 0.35, 0.5)  # of the companion model in the average
# Small enough to ship (about 2 MB), fast enough for a firehose (about 8 µs a tweet); one
# thread and a fixed seed make the file reproducible.
FASTTEXT = {"dim": 16, "epoch": 5, "lr": 0.1, "wordNgrams": 2, "minn": 3, "maxn": 4,
            "bucket": 20000, "minCount": 2, "thread": 1, "seed": 1, "verbose": 0}


def read_tsv(path: Path) -> list[tuple[str, str]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[1].strip() in LABELS:
                rows.append(("\t".join(parts[2:]).strip().strip('"'), parts[1].strip()))
    return rows


Rows = list[tuple[str, str]]


def split_rows(files: list[Path], excluded: set[str]) -> tuple[Rows, Rows, int]:
    """Train and dev rows (dev: ``DEV_FILE``), each text once, evaluation texts dropped."""
    seen: set[str] = set()
    train: Rows = []
    dev: Rows = []
    dropped = 0
    for path in files:
        for text, label in read_tsv(path):
            if text in excluded:
                dropped += 1
                continue
            if text in seen:
                continue
            seen.add(text)
            (dev if path.name == DEV_FILE else train).append((text, label))
    return train, dev, dropped


def trainer(c: float) -> LinearTrainer:
    return LinearTrainer(TOKENIZER, c=c, prune_below=0.2, extra=second_lexicon,
                         extra_names=tuple(f"{SECOND_LEXICON}.{part}"
                                           for part in LEXICON_SUMMARY))


def choose_c(train: Rows, dev: Rows, choices: list[float]
             ) -> tuple[float, dict[float, float], dict[float, Any]]:
    """The C with the best dev macro-F1, every C's score and model."""
    dev_texts, dev_labels = [t for t, _ in dev], [lab for _, lab in dev]
    scores, models = {}, {}
    for c in choices:
        models[c] = trainer(c).fit([t for t, _ in train], [lab for _, lab in train], {})
        scores[c] = macro_f1(LinearSentiment(models[c]), dev_texts, dev_labels)
        print(f"C={c}: dev macro-F1 {scores[c]:.4f}")
    return max(scores, key=scores.__getitem__), scores, models


def choose_weight(train: Rows, dev: Rows, linear: Any) -> tuple[float, dict[float, float]]:
    """The companion weight with the best dev macro-F1, and every weight's score."""
    dev_texts, dev_labels = [t for t, _ in dev], [lab for _, lab in dev]
    with tempfile.TemporaryDirectory() as scratch:
        trial = train_companion(train, Path(scratch) / "dev-trial.bin")
        scores = {w: macro_f1(LinearSentiment(linear, companion=trial, companion_weight=w),
                              dev_texts, dev_labels)
                  for w in WEIGHTS}
    print("companion weight: dev macro-F1 " +
          ", ".join(f"{w}: {s:.4f}" for w, s in scores.items()))
    return max(scores, key=scores.__getitem__), scores


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with the SemEval *-A.tsv files")
    parser.add_argument("--exclude", type=Path, action="append", default=[],
                        help="JSONL whose texts must not be trained on (evaluation data)")
    parser.add_argument("--c", type=float, nargs="+", default=[1.0, 2.0, 4.0, 8.0])
    parser.add_argument("--out", type=Path, default=BUNDLED / "sentiment-en.v1.json.gz")
    args = parser.parse_args(argv)

    excluded = {json.loads(line)["text"].strip() for f in args.exclude for line in f.open()}
    files = sorted(p for p in args.data.glob("*-A.tsv"))
    if not files:
        parser.error(f"no *-A.tsv files in {args.data}")
    train, dev, dropped = split_rows(files, excluded)
    print(f"train {len(train)} {dict(Counter(lab for _, lab in train))}, dev {len(dev)}, "
          f"dropped as evaluation texts: {dropped}")
    best, dev_scores, linear_by_c = choose_c(train, dev, args.c)
    weight, weight_scores = choose_weight(train, dev, linear_by_c[best])
    everything = train + dev
    final = trainer(best).fit(
        [t for t, _ in everything], [lab for _, lab in everything],
        {"data": "SemEval 2013-2016 Task 4A tweets: " + ", ".join(p.name for p in files),
         "rows": len(everything), "dev_file": DEV_FILE,
         "dev_macro_f1": round(dev_scores[best], 4),
         "dev_macro_f1_by_c": {str(c): round(s, 4) for c, s in dev_scores.items()},
         "companion": {"file": COMPANION_NAME, "fasttext": FASTTEXT, "weight": weight,
                       "dev_macro_f1_by_weight": {str(w): round(s, 4)
                                                  for w, s in weight_scores.items()}},
         "excluded_evaluation_texts": dropped})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    final.save(args.out)
    companion_path = args.out.with_name(COMPANION_NAME)
    train_companion(everything, companion_path)
    print(f"C={best}: wrote {args.out} ({len(final.index)} n-grams, "
          f"{args.out.stat().st_size // 1024} KiB) and {companion_path} "
          f"({companion_path.stat().st_size // 1024} KiB, weight {weight})")

COMPANION_NAME = "sentiment-en-chars.v1.bin"


def second_lexicon(text: str) -> tuple[float, ...]:
    return lexicon_summary(TOKENIZER.analyze(text)[0], SECOND_LEXICON)


def train_companion(rows: Sequence[tuple[str, str]], path: Path) -> CharNgramModel:
    """Fit the fastText companion on ``rows`` and save it to ``path``."""
    if not hasattr(fasttext, "train_supervised"):
        raise SystemExit("training the companion needs fastText's trainer: "
                         "pip install fasttext-wheel")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as corpus:
        for text, label in rows:
            tokens = " ".join(unigrams(TOKENIZER.analyze(text)[0]))
            corpus.write(f"__label__{label} {tokens}\n")
        corpus.flush()
        fasttext.train_supervised(corpus.name, **FASTTEXT).save_model(str(path))
    return CharNgramModel(path)


def macro_f1(step: LinearSentiment, texts: Sequence[str], labels: Sequence[str]) -> float:
    """The model pair's own label (the webcare rules after it left out)."""
    predicted = [step.model.most_probable(step.probabilities(text)) for text in texts]
    return float(f1_score(list(labels), predicted, average="macro"))


if __name__ == "__main__":
    main()
