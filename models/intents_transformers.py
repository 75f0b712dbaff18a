"""``intents.transformers.v1``: question, complaint and compliment from a multi-label
sequence-classification model, by name or local path (for instance one fine-tuned with
``webcare train intents``).

Loads with ``transformers`` (PyTorch), offline by default like ``sentiment.transformers.v1``.
Each intent is a sigmoid over its own logit, said when it reaches its threshold. The model's
labels map to ours by name ("question", "complaint", "compliment", or the Dutch "vraag",
"klacht"), or through ``label_map``. Complaint and compliment exclude each other, as in the
rules: sarcastic praise is a complaint, so the likelier one stays. Batches the worker's
mentions; runs on CPU or GPU.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from core.errors import ConfigError
from models.registry import register
from models.steps import Analysis
from models.transformers_loading import ClassifierStep
from schemas.mentions import Intent

INTENTS: tuple[Intent, ...] = ("question", "complaint", "compliment")
_LABEL_HINTS: tuple[tuple[str, Intent], ...] = (
    ("question", "question"), ("vraag", "question"), ("complaint", "complaint"),
    ("klacht", "complaint"), ("compliment", "compliment"),
)


@dataclass
class TransformersIntents(ClassifierStep):
    """reads: ``raw.text``; adds: ``intents``."""

    label_map: dict[str, Intent] | None = None
    thresholds: dict[str, float] = field(default_factory=dict)  # per intent; default 0.5

    def __post_init__(self) -> None:
        unknown = set(self.thresholds) - set(INTENTS)
        if unknown:
            raise ConfigError(f"thresholds: unknown intents {sorted(unknown)}")
        self.open("intents.transformers.v1", self.label_map, _LABEL_HINTS,
                  "question/complaint/compliment")

    def predict(self, texts: Sequence[str]) -> list[list[Intent]]:
        return [self._decide(row) for row in self._classifier.probabilities(texts, "sigmoid")]

    def _decide(self, probabilities: list[float]) -> list[Intent]:
        intents = cast(list[Intent], self._classifier.labels)
        said = {intent: p for intent, p in zip(intents, probabilities, strict=True)
                if p >= self.thresholds.get(intent, 0.5)}
        if "complaint" in said and "compliment" in said:
            del said["compliment" if said["complaint"] >= said["compliment"] else "complaint"]
        return [intent for intent in INTENTS if intent in said]

    def batch(self, analyses: Sequence[Analysis]) -> None:
        for analysis, intents in zip(analyses, self.predict([a.raw.text for a in analyses]),
                                     strict=True):
            analysis.intents = intents


@register("intents.transformers.v1")
def make_transformers_intents(
    model: str, label_map: dict[str, Intent] | None = None,
    thresholds: dict[str, float] | None = None, batch_size: int = 32, device: str = "auto",
    max_length: int = 128, local_files_only: bool = True,
) -> TransformersIntents:
    return TransformersIntents(model=model, label_map=label_map, thresholds=thresholds or {},
                               batch_size=batch_size, device=device, max_length=max_length,
                               local_files_only=local_files_only)
