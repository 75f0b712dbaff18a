"""Fine-tune a transformers model for ``sentiment.transformers.v1`` or
``intents.transformers.v1`` (``webcare train sentiment|intents``).

Input: JSON Lines with ``text`` and, for sentiment, ``label`` (negative / neutral / positive);
for intents, ``intents`` (a list of question / complaint / compliment, empty for none). A dev
part is split off by content (``models.training.eval_split``: copies of a text stay on one
side) and scored after every epoch; the epoch with the best dev macro-F1 (the later one of a
tie) is the one saved.
The base is any local sequence-classification checkpoint (a multilingual BERT or RoBERTa
stored on the machine: nothing is fetched unless ``local_files_only`` is off); its head is
replaced by one with our labels. The output folder loads with ``from_pretrained`` and holds
``webcare-training.json``: the data, the settings and the dev scores per epoch.

A plain PyTorch loop (AdamW, linear warm-up and decay from ``transformers``): the models are
small enough, and it needs nothing beyond the ``transformers`` and ``train`` extras (the dev
scores are scikit-learn's).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from core.errors import ConfigError
from models.training.eval_split import is_dev
from models.transformers_loading import pick_device

Task = Literal["sentiment", "intents"]
SENTIMENT_LABELS = ("negative", "neutral", "positive")
INTENT_LABELS = ("question", "complaint", "compliment")


@dataclass(frozen=True)
class TrainSettings:
    epochs: int = 3
    learning_rate: float = 3e-5
    batch_size: int = 16
    max_length: int = 128
    dev_share: float = 0.1
    warmup_share: float = 0.1
    seed: int = 1
    device: str = "auto"
    local_files_only: bool = True


@dataclass(frozen=True)
class Example:
    text: str
    targets: tuple[float, ...]  # one-hot (sentiment) or one 0/1 per intent


def read_examples(path: Path, task: Task) -> list[Example]:
    """The file's examples; a bad line fails naming its number."""
    labels = SENTIMENT_LABELS if task == "sentiment" else INTENT_LABELS
    examples = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text = str(row["text"])
                found = {row["label"]} if task == "sentiment" else set(row["intents"])
            except (ValueError, KeyError, TypeError) as exc:
                raise ConfigError(f"{path}:{number}: needs 'text' and "
                                  f"'{'label' if task == 'sentiment' else 'intents'}': {exc}"
                                  ) from None
            unknown = found - set(labels)
            if unknown or (task == "sentiment" and len(found) != 1):
                raise ConfigError(f"{path}:{number}: unknown labels {sorted(unknown)}; "
                                  f"known: {', '.join(labels)}")
            examples.append(Example(text, tuple(float(label in found) for label in labels)))
    if not examples:
        raise ConfigError(f"{path}: no examples")
    return examples


def split(examples: Sequence[Example], share: float) -> tuple[list[Example], list[Example]]:
    sides: tuple[list[Example], list[Example]] = ([], [])  # (train, dev)
    for example in examples:
        sides[is_dev(example.text, share)].append(example)
    train, dev = sides
    if not train or not dev:
        raise ConfigError(f"{len(examples)} examples leave no train or no dev part at a dev "
                          f"share of {share}: add examples")
    return train, dev


def macro_f1(task: Task, gold: list[tuple[float, ...]], predicted: list[list[float]]) -> float:
    """Sentiment: macro-F1 over the three labels of the arg-max; intents: the mean of each
    intent's F1 at a 0.5 threshold. A label never said nor true counts 0."""
    from sklearn.metrics import f1_score

    if task == "sentiment":
        truth = [max(range(len(g)), key=g.__getitem__) for g in gold]
        said = [max(range(len(p)), key=p.__getitem__) for p in predicted]
        return float(f1_score(truth, said, labels=list(range(len(gold[0]))),
                              average="macro", zero_division=0))
    return float(f1_score([[v >= 0.5 for v in g] for g in gold],
                          [[v >= 0.5 for v in p] for p in predicted],
                          average="macro", zero_division=0))


def finetune(task: Task, data: Path, base: str, out: Path,
             settings: TrainSettings = TrainSettings()) -> dict[str, Any]:
    """Train, keep the best epoch on the dev part, save it to ``out``; returns the record
    written to ``out/webcare-training.json``."""
    try:
        import sklearn  # noqa: F401  (the dev scores)
        import torch
        from transformers import (
            AutoModelForSequenceClassification,
            AutoTokenizer,
            get_linear_schedule_with_warmup,
        )
    except ImportError as exc:
        raise ConfigError("webcare train needs the extras: "
                          "pip install 'webcare[transformers,train]'") from exc
    examples = read_examples(data, task)
    train, dev = split(examples, settings.dev_share)
    labels = SENTIMENT_LABELS if task == "sentiment" else INTENT_LABELS
    random.seed(settings.seed)
    torch.manual_seed(settings.seed)
    device = pick_device(settings.device)
    try:
        tokenizer = AutoTokenizer.from_pretrained(base,
                                                  local_files_only=settings.local_files_only)
        model = AutoModelForSequenceClassification.from_pretrained(
            base, local_files_only=settings.local_files_only, num_labels=len(labels),
            id2label=dict(enumerate(labels)), label2id={lab: i for i, lab in enumerate(labels)},
            problem_type=("single_label_classification" if task == "sentiment"
                          else "multi_label_classification"),
            ignore_mismatched_sizes=True)
    except OSError as exc:
        raise ConfigError(f"cannot load base model {base!r}: {exc}") from None
    model.to(device)

    def encode(batch: Sequence[Example]) -> Any:
        return tokenizer([e.text for e in batch], padding=True, truncation=True,
                         max_length=settings.max_length, return_tensors="pt").to(device)

    def targets(batch: Sequence[Example]) -> Any:
        if task == "sentiment":
            return torch.tensor([e.targets.index(1.0) for e in batch], device=device)
        return torch.tensor([e.targets for e in batch], device=device)

    def predict(batch_of: Sequence[Example]) -> list[list[float]]:
        model.eval()
        found: list[list[float]] = []
        with torch.inference_mode():
            for start in range(0, len(batch_of), settings.batch_size):
                logits = model(**encode(batch_of[start:start + settings.batch_size])).logits
                scores = (torch.softmax(logits, -1) if task == "sentiment"
                          else torch.sigmoid(logits))
                found.extend(scores.float().cpu().tolist())
        return found

    steps = settings.epochs * -(-len(train) // settings.batch_size)
    optimizer = torch.optim.AdamW(model.parameters(), lr=settings.learning_rate)
    schedule = get_linear_schedule_with_warmup(  # type: ignore[no-untyped-call]
        optimizer, int(steps * settings.warmup_share), steps)
    history: list[dict[str, float]] = []
    best = -1.0
    started = time.perf_counter()
    for epoch in range(1, settings.epochs + 1):
        model.train()
        order = list(train)
        random.shuffle(order)
        for start in range(0, len(order), settings.batch_size):
            batch = order[start:start + settings.batch_size]
            loss = model(**encode(batch), labels=targets(batch)).loss
            loss.backward()
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
        score = macro_f1(task, [e.targets for e in dev], predict(dev))
        history.append({"epoch": epoch, "dev_macro_f1": round(score, 4),
                        "seconds": round(time.perf_counter() - started, 1)})
        if score >= best:  # a tie goes to the later epoch: the same answers, surer
            best = score
            model.save_pretrained(out)
            tokenizer.save_pretrained(out)
    record = {"task": task, "data": str(data), "base": base, "train": len(train),
              "dev": len(dev), "labels": list(labels), "device": device,
              "settings": asdict(settings), "epochs": history, "best_dev_macro_f1": round(best, 4)}
    (out / "webcare-training.json").write_text(json.dumps(record, indent=2) + "\n",
                                               encoding="utf-8")
    return record
