"""``sentiment.transformers.v1``: any sequence-classification model from a name or local path.

Loads with ``transformers`` (PyTorch), offline by default (``local_files_only``): weights are
never fetched at run time unless a deployment allows it. Labels map to ours through
``label_map`` or, by default, from the model's own label names (neg/neu/pos). The score is
P(positive) - P(negative), in [-1, 1]. Batches the worker's mentions; runs on CPU or GPU.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from core.errors import ConfigError
from models.registry import register
from models.steps import Analysis
from models.transformers_loading import LocalClassifier, open_classifier
from schemas.mentions import SentimentLabel

_LABEL_HINTS: tuple[tuple[str, SentimentLabel], ...] = (
    ("neg", "negative"), ("neu", "neutral"), ("pos", "positive"),
)


def infer_label_map(id2label: dict[int, str]) -> dict[str, SentimentLabel]:
    mapping: dict[str, SentimentLabel] = {}
    for name in id2label.values():
        found = [ours for hint, ours in _LABEL_HINTS if hint in name.lower()]
        if len(found) != 1:
            raise ConfigError(
                f"cannot map the model's label {name!r} to negative/neutral/positive; "
                f"set options.label_map (model labels: {sorted(id2label.values())})"
            )
        mapping[name] = found[0]
    return mapping


@dataclass
class TransformersSentiment:
    """reads: ``raw.text``; adds: ``sentiment_label``, ``sentiment_score``."""

    model: str
    label_map: dict[str, SentimentLabel] | None = None
    batch_size: int = 32
    device: str = "auto"
    max_length: int = 128
    local_files_only: bool = True
    _classifier: LocalClassifier = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._classifier = open_classifier(
            self.model, "sentiment.transformers.v1", label_map=self.label_map,
            infer_map=infer_label_map, device=self.device, batch_size=self.batch_size,
            max_length=self.max_length, local_files_only=self.local_files_only)
        self.device = self._classifier.device

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

    def __call__(self, analysis: Analysis) -> None:
        self.batch([analysis])


@register("sentiment.transformers.v1")
def make_transformers_sentiment(
    model: str, label_map: dict[str, SentimentLabel] | None = None, batch_size: int = 32,
    device: str = "auto", max_length: int = 128, local_files_only: bool = True,
) -> TransformersSentiment:
    return TransformersSentiment(model=model, label_map=label_map, batch_size=batch_size,
                                 device=device, max_length=max_length,
                                 local_files_only=local_files_only)
