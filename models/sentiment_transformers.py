"""``sentiment.transformers.v1``: any sequence-classification model from a name or local path.

Loads with ``transformers`` (PyTorch), offline by default (``local_files_only``): weights are
never fetched at run time unless a deployment allows it. Labels map to ours through
``label_map`` or, by default, from the model's own label names (neg/neu/pos). The score is
P(positive) - P(negative), in [-1, 1]. Batches the worker's mentions; runs on CPU or GPU.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from models.registry import register
from models.steps import Analysis
from models.transformers_loading import ClassifierStep
from schemas.mentions import SentimentLabel

_LABEL_HINTS: tuple[tuple[str, SentimentLabel], ...] = (
    ("neg", "negative"), ("neu", "neutral"), ("pos", "positive"),
)


@dataclass
class TransformersSentiment(ClassifierStep):
    """reads: ``raw.text``; adds: ``sentiment_label``, ``sentiment_score``."""

    label_map: dict[str, SentimentLabel] | None = None

    def __post_init__(self) -> None:
        self.open("sentiment.transformers.v1", self.label_map, _LABEL_HINTS,
                  "negative/neutral/positive")

    def predict(self, texts: Sequence[str]) -> list[tuple[SentimentLabel, float]]:
        labels = cast(list[SentimentLabel], self._classifier.labels)
        results: list[tuple[SentimentLabel, float]] = []
        for row in self._classifier.probabilities(texts, "softmax"):
            best = max(range(len(row)), key=row.__getitem__)
            positive = sum(p for p, lab in zip(row, labels, strict=True) if lab == "positive")
            negative = sum(p for p, lab in zip(row, labels, strict=True) if lab == "negative")
            results.append((labels[best], round(positive - negative, 4)))
        return results

    def batch(self, analyses: Sequence[Analysis]) -> None:
        for analysis, (label, score) in zip(
            analyses, self.predict([a.raw.text for a in analyses]), strict=True
        ):
            analysis.sentiment_label, analysis.sentiment_score = label, score


@register("sentiment.transformers.v1")
def make_transformers_sentiment(
    model: str, label_map: dict[str, SentimentLabel] | None = None, batch_size: int = 32,
    device: str = "auto", max_length: int = 128, local_files_only: bool = True,
) -> TransformersSentiment:
    return TransformersSentiment(model=model, label_map=label_map, batch_size=batch_size,
                                 device=device, max_length=max_length,
                                 local_files_only=local_files_only)
