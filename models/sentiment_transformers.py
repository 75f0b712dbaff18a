"""``sentiment.transformers.v1``: any sequence-classification model from a name or local path.

Loads with ``transformers`` (PyTorch), offline by default (``local_files_only``): weights are
never fetched at run time unless a deployment allows it. Labels map to ours through
``label_map`` or, by default, from the model's own label names (neg/neu/pos). The score is
P(positive) - P(negative), in [-1, 1]. Batches the worker's mentions; runs on CPU or GPU.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from core.errors import ConfigError
from models.registry import register
from models.steps import Analysis
from models.transformers_loading import load_classifier, pick_device
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
    _tokenizer: Any = field(init=False, repr=False)
    _model: Any = field(init=False, repr=False)
    _labels: list[SentimentLabel] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._tokenizer, model = load_classifier(self.model, self.local_files_only,
                                                 "sentiment.transformers.v1")
        id2label = {int(k): str(v) for k, v in model.config.id2label.items()}
        mapping = self.label_map or infer_label_map(id2label)
        unknown = set(id2label.values()) - set(mapping)
        if unknown:
            raise ConfigError(f"label_map misses the model's labels {sorted(unknown)}")
        self._labels = [mapping[id2label[i]] for i in range(len(id2label))]
        self.device = pick_device(self.device)
        self._model = model.to(self.device).eval()

    def predict(self, texts: Sequence[str]) -> list[tuple[SentimentLabel, float]]:
        import torch

        results: list[tuple[SentimentLabel, float]] = []
        for start in range(0, len(texts), self.batch_size):
            chunk = list(texts[start:start + self.batch_size])
            inputs = self._tokenizer(chunk, padding=True, truncation=True,
                                     max_length=self.max_length, return_tensors="pt")
            with torch.inference_mode():
                logits = self._model(**inputs.to(self.device)).logits
            for row in torch.softmax(logits.float(), dim=-1).cpu().tolist():
                best = max(range(len(row)), key=row.__getitem__)
                positive = sum(p for p, lab in zip(row, self._labels, strict=True)
                               if lab == "positive")
                negative = sum(p for p, lab in zip(row, self._labels, strict=True)
                               if lab == "negative")
                results.append((self._labels[best], round(positive - negative, 4)))
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
