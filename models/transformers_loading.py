"""What the transformers steps share: a local sequence-classification model loaded offline by
default (every failure a ConfigError that names the step), its labels mapped to ours by name,
batched inference on CPU or GPU, and the options and call of a step built on it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from core.errors import ConfigError
from models.steps import Analysis


def load_classifier(model: str, local_files_only: bool, step: str) -> tuple[Any, Any]:
    """A tokenizer and a sequence-classification model, or a ConfigError naming the step."""
    try:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
    except ImportError as exc:
        raise ConfigError(f"{step} needs the extra: pip install 'webcare[transformers]'") \
            from exc
    try:
        tokenizer = AutoTokenizer.from_pretrained(model, local_files_only=local_files_only)
        classifier = AutoModelForSequenceClassification.from_pretrained(
            model, local_files_only=local_files_only)
    except OSError as exc:
        raise ConfigError(f"{step}: cannot load model {model!r}: {exc}") from None
    return tokenizer, classifier


def pick_device(device: str) -> str:
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return device


@dataclass(frozen=True)
class LocalClassifier:
    """A tokenizer and its model on a device; ``labels`` are ours, by output position."""

    tokenizer: Any
    model: Any
    labels: list[str]
    device: str
    batch_size: int
    max_length: int

    def probabilities(self, texts: Sequence[str], activation: Literal["softmax", "sigmoid"]
                      ) -> list[list[float]]:
        """One row per text: softmax over the labels (one label) or a sigmoid each (any)."""
        import torch

        rows: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            inputs = self.tokenizer(list(texts[start:start + self.batch_size]), padding=True,
                                    truncation=True, max_length=self.max_length,
                                    return_tensors="pt")
            with torch.inference_mode():
                logits = self.model(**inputs.to(self.device)).logits.float()
            scores = torch.softmax(logits, dim=-1) if activation == "softmax" \
                else torch.sigmoid(logits)
            rows.extend(scores.cpu().tolist())
        return rows


def labels_by_name(id2label: dict[int, str], hints: Sequence[tuple[str, str]],
                   ours: str) -> dict[str, str]:
    """Each of the model's label names mapped to the one of ours whose hints it contains
    ("NEG" -> negative, "klacht" -> complaint); a name that fits none or several fails."""
    mapping: dict[str, str] = {}
    for name in id2label.values():
        found = {label for hint, label in hints if hint in name.lower()}
        if len(found) != 1:
            raise ConfigError(f"cannot map the model's label {name!r} to {ours}; set "
                              f"options.label_map (model labels: {sorted(id2label.values())})")
        mapping[name] = found.pop()
    return mapping


def open_classifier(model: str, step: str, *, label_map: dict[str, Any] | None,
                    hints: Sequence[tuple[str, str]], ours: str, device: str,
                    batch_size: int, max_length: int, local_files_only: bool
                    ) -> LocalClassifier:
    """Load ``model`` and map its labels (``label_map``, else by name through ``hints``)."""
    tokenizer, classifier = load_classifier(model, local_files_only, step)
    id2label = {int(k): str(v) for k, v in classifier.config.id2label.items()}
    mapping = label_map or labels_by_name(id2label, hints, ours)
    missing = set(id2label.values()) - set(mapping)
    if missing:
        raise ConfigError(f"label_map misses the model's labels {sorted(missing)}")
    chosen = pick_device(device)
    return LocalClassifier(tokenizer, classifier.to(chosen).eval(),
                           [mapping[id2label[i]] for i in range(len(id2label))], chosen,
                           batch_size, max_length)


@dataclass
class ClassifierStep:
    """The options every transformers step takes, its model loaded once (``open``), and one
    mention run as a batch of one; a step adds its ``label_map`` and ``batch``."""

    model: str
    batch_size: int = 32
    device: str = "auto"
    max_length: int = 128
    local_files_only: bool = True
    _classifier: LocalClassifier = field(init=False, repr=False)

    def open(self, step: str, label_map: dict[str, Any] | None,
             hints: Sequence[tuple[str, str]], ours: str) -> None:
        self._classifier = open_classifier(
            self.model, step, label_map=label_map, hints=hints, ours=ours, device=self.device,
            batch_size=self.batch_size, max_length=self.max_length,
            local_files_only=self.local_files_only)
        self.device = self._classifier.device

    def batch(self, analyses: Sequence[Analysis]) -> None:
        raise NotImplementedError

    def __call__(self, analysis: Analysis) -> None:
        self.batch([analysis])
