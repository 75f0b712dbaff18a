"""Loading a local sequence-classification model for the transformers steps: offline by
default, every failure a ConfigError that names the step, its labels mapped to ours, and batched
inference on CPU or GPU."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from core.errors import ConfigError


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


def open_classifier(model: str, step: str, *, label_map: dict[str, Any] | None,
                    infer_map: Callable[[dict[int, str]], dict[str, Any]], device: str,
                    batch_size: int, max_length: int, local_files_only: bool
                    ) -> LocalClassifier:
    """Load ``model`` and map its labels (``label_map``, else ``infer_map`` over its names)."""
    tokenizer, classifier = load_classifier(model, local_files_only, step)
    id2label = {int(k): str(v) for k, v in classifier.config.id2label.items()}
    mapping = label_map or infer_map(id2label)
    missing = set(id2label.values()) - set(mapping)
    if missing:
        raise ConfigError(f"label_map misses the model's labels {sorted(missing)}")
    chosen = pick_device(device)
    return LocalClassifier(tokenizer, classifier.to(chosen).eval(),
                           [mapping[id2label[i]] for i in range(len(id2label))], chosen,
                           batch_size, max_length)
