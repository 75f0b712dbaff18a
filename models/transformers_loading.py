"""Loading a local sequence-classification model for the transformers steps: offline by
default, and every failure a ConfigError that names the step."""

from __future__ import annotations

from typing import Any

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
