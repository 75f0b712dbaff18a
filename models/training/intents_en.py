"""Train the English question and complaint models shipped in ``models/data/``.

There is no public English training data for these intents apart from the evaluation sets
themselves, and those come without a split. So, as ``../shared/eval`` prescribes, a dev half is
split off first (``models.training.eval_split``: by content, so copies of a text stay on one
side), everything here is fitted and chosen on that half only, and ``docs/quality.md`` scores
the other half. Within the dev half, five-fold cross-validation (grouped by content) chooses C
and the decision threshold; the shipped model is then refit on the whole dev half.

- question: ``questions-en-tweetact``, question (``QUE``) against every other speech act;
  chosen by the question class's F1.
- complaint: ``complaints-en-preotiuc2019``, trained on the brand-directed and the random
  tweets (a worker sees both: customers addressing a brand and chatter that merely mentions
  it), chosen by macro-F1 on the brand-directed ones, which is what ``docs/quality.md``
  reports.

The threshold is never below 0.5. The classes are weighted to balance in training, so 0.5 is
"more likely than not, whatever the share of complaints"; a lower threshold would only adopt
this dataset's share (62% of its brand-directed tweets are complaints), and on ordinary
statements to a brand ("The store opens at nine") it did flag complaints. A higher one is
taken only where it beats 0.5 by more than noise.

The features are the runtime's own: the sentiment model's tokenizer and the dense evidence
``models.intents`` computes (question structure; sentiment score and rule verdict).

    python -m models.training.intents_en [--eval ../shared/eval] [--out models/data]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

from models.intents import (
    COMPLAINT_FEATURES,
    QUESTION_FEATURES,
    RuleIntents,
    question_evidence,
)
from models.linear import BUNDLED, LinearTextModel
from models.sentiment_linear import make_linear_sentiment
from models.steps import Analysis
from models.text import normalize, surface
from models.training.eval_split import DEV_SHARE, SALT, content_key, is_dev
from models.training.linear import LinearTrainer
from models.training.sentiment_en import TOKENIZER  # one tokenizer: tokens shared per mention
from schemas.mentions import RawMention

C_GRID = (1.0, 2.0, 4.0, 8.0)
THRESHOLDS = tuple(round(0.5 + 0.05 * i, 2) for i in range(8))  # 0.5 .. 0.85
FOLDS = 5
NOISE = 0.005  # cross-validated differences this small, on a thousand rows, are noise
Score = Callable[[list[str], list[str]], float]


class EnglishEvidence:
    """The dense features of ``models.intents``, computed the way the worker computes them:
    the sentiment step runs on the mention first. Memoised per text (folds reuse them)."""

    def __init__(self) -> None:
        self.sentiment = make_linear_sentiment()
        self.rules = RuleIntents()
        _, self.data = self.rules.language_data("en")
        self._cache: dict[str, tuple[tuple[float, ...], tuple[float, ...]]] = {}

    def _both(self, text: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
        found = self._cache.get(text)
        if found is None:
            raw = RawMention.model_validate({"id": "eval", "source": "eval", "text": text,
                                             "created_at": datetime.now(UTC),
                                             "author": {"handle": "eval"}})
            analysis = Analysis(raw=raw, surface=surface(text), language="en")
            self.sentiment(analysis)
            verdict = self.rules.verdict(analysis.surface.plain, "en", analysis.sentiment_score,
                                         analysis.states_problem)
            found = self._cache[text] = (
                question_evidence(text, analysis.surface.plain,
                                  normalize(analysis.surface.plain), self.data),
                (analysis.sentiment_score, float(verdict.complaint)))
        return found

    def question(self, text: str) -> tuple[float, ...]:
        return self._both(text)[0]

    def complaint(self, text: str) -> tuple[float, ...]:
        return self._both(text)[1]


def read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def trainer_for(extra_names: tuple[str, ...], extra: Callable[[str], Sequence[float]],
                c: float) -> LinearTrainer:
    """The trainer of the shipped models: the sentiment model's tokenizer, the dense evidence
    named ``extra_names``, no pruning."""
    return LinearTrainer(TOKENIZER, extra_names=extra_names, extra=extra, c=c, prune_below=0.0)


def out_of_fold(trainer: LinearTrainer, texts: list[str], labels: list[str], positive: str,
                extra: Callable[[str], Sequence[float]]) -> np.ndarray:
    """Each text's probability of ``positive`` from a model fitted on the other folds (grouped
    by content, so a copy of a text is never scored by a model that saw it)."""
    groups = [content_key(t) for t in texts]
    probability = np.zeros(len(texts))
    for train, test in GroupKFold(FOLDS).split(texts, labels, groups):
        model = trainer.fit([texts[i] for i in train], [labels[i] for i in train], {})
        column = model.labels.index(positive)
        for i in test:
            probability[i] = model.scores(texts[i], extra(texts[i]))[column]
    return probability


def choose(trainer: Callable[[float], LinearTrainer], texts: list[str], labels: list[str],
           positive: str, score: Score, extra: Callable[[str], Sequence[float]],
           scored: list[bool]) -> tuple[float, float, dict[str, float]]:
    """(C, threshold, cross-validated score of every pair) by grouped k-fold on ``texts``,
    scored on the rows marked in ``scored``."""
    results: dict[str, float] = {}
    for c in C_GRID:
        probability = out_of_fold(trainer(c), texts, labels, positive, extra)
        gold = [label for label, s in zip(labels, scored, strict=True) if s]
        for threshold in THRESHOLDS:
            predicted = [positive if p >= threshold else f"not_{positive}"
                         for p, s in zip(probability, scored, strict=True) if s]
            results[f"C={c} t={threshold}"] = round(score(gold, predicted), 4)
    best = max(results, key=results.__getitem__)
    even = max((k for k in results if k.endswith(f"t={THRESHOLDS[0]}")), key=results.__getitem__)
    if results[best] - results[even] <= NOISE:
        best = even
    c_part, t_part = best.split()
    return float(c_part[2:]), float(t_part[2:]), results


def fit(name: str, texts: list[str], labels: list[str], positive: str, score: Score,
        extra_names: tuple[str, ...], extra: Callable[[str], Sequence[float]],
        provenance: dict[str, Any], scored: list[bool] | None = None) -> LinearTextModel:
    def trainer(c: float) -> LinearTrainer:
        return trainer_for(extra_names, extra, c)

    c, threshold, results = choose(trainer, texts, labels, positive, score, extra,
                                   scored or [True] * len(texts))
    chosen = results[f"C={c} t={threshold}"]
    print(f"{name}: C={c}, threshold {threshold}: cross-validated {chosen}")
    model = trainer(c).fit(texts, labels, {
        **provenance, "split": {"salt": SALT, "dev_share": DEV_SHARE, "side": "dev"},
        "rows": len(texts), "positives": labels.count(positive),
        "cv_scored_rows": sum(scored) if scored else len(texts),
        "cv_folds": FOLDS, "cv_best": chosen, "cv": results})
    return dataclasses.replace(model, decision=(positive, threshold))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=Path(__file__).parents[3] / "shared" / "eval")
    parser.add_argument("--out", type=Path, default=BUNDLED)
    args = parser.parse_args(argv)
    evidence = EnglishEvidence()

    rows = [r for r in read(args.eval / "questions-en-tweetact" / "data.jsonl")
            if is_dev(r["text"])]
    question = fit(
        "question", [r["text"] for r in rows],
        ["question" if r["label"] == "question" else "not_question" for r in rows], "question",
        lambda gold, pred: float(f1_score(gold, pred, pos_label="question")),
        QUESTION_FEATURES, evidence.question,
        {"data": "questions-en-tweetact (Saha et al. 2019, sahatulika15/Tweet-Act-classification"
                 " @1dca05e), QUE against the other six acts", "score": "question F1"})

    rows = [r for r in read(args.eval / "complaints-en-preotiuc2019" / "data.jsonl")
            if is_dev(r["text"])]
    complaint = fit(
        "complaint", [r["text"] for r in rows], [r["label"] for r in rows], "complaint",
        lambda gold, pred: float(f1_score(gold, pred, average="macro")),
        COMPLAINT_FEATURES, evidence.complaint,
        {"data": "complaints-en-preotiuc2019 (Preotiuc-Pietro et al. 2019, "
                 "danielpreotiuc/complaints-social-media @54e3402), brand-directed and random "
                 "tweets", "score": "macro-F1 on the brand-directed tweets"},
        scored=[not r["domain"].startswith("random_") for r in rows])

    args.out.mkdir(parents=True, exist_ok=True)
    for model, name in ((question, "question-en.v1.json.gz"),
                        (complaint, "complaint-en.v1.json.gz")):
        model.save(args.out / name)
        print(f"wrote {args.out / name} ({len(model.index)} n-grams, "
              f"{(args.out / name).stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
