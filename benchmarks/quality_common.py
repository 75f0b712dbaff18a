"""What the quality report's sections share: reading the evaluation files, enriching their
texts as the worker would, F1 scores, the report being written, and timing detectors fairly on
a shared machine."""

from __future__ import annotations

import json
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from models.enrich import Enricher
from schemas.mentions import EnrichedMention, RawMention

SENTIMENT = ("negative", "neutral", "positive")


def read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def enriched(enricher: Enricher, texts: list[str]) -> list[EnrichedMention]:
    """Each text enriched as the worker would, language detection included; a failure
    stops the report."""
    raws = [RawMention.model_validate({"id": str(i), "source": "eval", "text": t,
                                       "created_at": datetime.now(UTC),
                                       "author": {"handle": "eval"}})
            for i, t in enumerate(texts)]
    out: list[EnrichedMention] = []
    for result in enricher.enrich_many(raws):
        if isinstance(result, Exception):
            raise result
        out.append(result)
    return out


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
