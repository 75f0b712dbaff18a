"""Train the English tweet sentiment model shipped as ``models/data/sentiment-en.v1.json.gz``.

Data: the SemEval 2013-2016 Task 4 subtask A tweets (the material TweetEval's sentiment train
and validation splits were drawn from), as tab-separated ``id, label, text`` files such as
those in ``cbaziotis/datastories-semeval2017-task4`` under ``dataset/Subtask_A/downloaded``.
``twitter-2016test-A.tsv`` is held out to choose C and report a dev score; the shipped
model is then refit on everything. The SemEval-2017 test set (TweetEval's test split, our
evaluation data) is never read except through ``--exclude``, which drops any identical text
from training as a guard against leakage.

    python -m models.training.sentiment_en DIR [--exclude TEST.jsonl] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from models.linear import BUNDLED, Tokenizer
from models.training.linear import LinearTrainer, macro_f1

LABELS = ("negative", "neutral", "positive")
DEV_FILE = "twitter-2016test-A.tsv"  # 20,000 tweets: a dev score worth choosing by
NEGATORS = frozenset({"not", "no", "never", "cannot", "nothing", "nobody", "none", "nor",
                      "neither", "without", "nowhere", "hardly", "dont", "cant", "wont",
                      "didnt", "doesnt", "isnt", "wasnt", "aint"})
TOKENIZER = Tokenizer(NEGATORS, polarity="vader")


def read_tsv(path: Path) -> list[tuple[str, str]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[1].strip() in LABELS:
                rows.append(("\t".join(parts[2:]).strip().strip('"'), parts[1].strip()))
    return rows


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
    seen: set[str] = set()
    train: list[tuple[str, str]] = []
    dev: list[tuple[str, str]] = []
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
    print(f"train {len(train)} {dict(Counter(lab for _, lab in train))}, dev {len(dev)}, "
          f"dropped as evaluation texts: {dropped}")

    def trainer(c: float) -> LinearTrainer:
        return LinearTrainer(TOKENIZER, c=c, prune_below=0.2)

    dev_scores = {}
    for c in args.c:
        model = trainer(c).fit([t for t, _ in train], [lab for _, lab in train], {})
        dev_scores[c] = macro_f1(model, [t for t, _ in dev], [lab for _, lab in dev])
        print(f"C={c}: dev macro-F1 {dev_scores[c]:.4f}")
    best = max(dev_scores, key=dev_scores.__getitem__)
    everything = train + dev
    final = trainer(best).fit(
        [t for t, _ in everything], [lab for _, lab in everything],
        {"data": "SemEval 2013-2016 Task 4A tweets: " + ", ".join(p.name for p in files),
         "rows": len(everything), "dev_file": DEV_FILE,
         "dev_macro_f1": round(dev_scores[best], 4),
         "dev_macro_f1_by_c": {str(c): round(s, 4) for c, s in dev_scores.items()},
         "excluded_evaluation_texts": dropped})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    final.save(args.out)
    print(f"C={best}: wrote {args.out} ({len(final.index)} n-grams, "
          f"{args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
