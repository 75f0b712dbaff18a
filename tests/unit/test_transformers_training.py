"""``webcare train`` and ``intents.transformers.v1`` on a tiny model this test builds: real
fine-tuning code (tokenizer, head replaced, best epoch kept on a dev part), real loading from a
local path, no hub."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import torch
import transformers

from core.errors import ConfigError
from models import factories
from models.brands import BrandConfig
from models.enrich import Enricher, EnrichmentConfig, StepConfig
from models.intents_transformers import TransformersIntents
from models.training.finetune import TrainSettings, finetune
from schemas.mentions import RawMention

Trained = tuple[Path, dict[str, Any]]  # the model folder and its training record

QUESTION = ["waarom", "hoe", "wanneer"]
COMPLAINT = ["kapot", "storing", "vertraging"]
COMPLIMENT = ["bedankt", "top", "geweldig"]
FILLER = ["de", "trein", "modem", "pakket", "app", "vandaag", "weer", "mijn", "jullie"]


def examples() -> list[dict[str, object]]:
    """Every cue word with every pair of fillers: the intent is in the cue, so a model that
    learnt it also labels the dev part, which holds other sentences with the same cues."""
    rows: list[dict[str, object]] = []
    for cues, intents in ((QUESTION, ["question"]), (COMPLAINT, ["complaint"]),
                          (COMPLIMENT, ["compliment"]), ([""], [])):
        for cue in cues:
            for i, first in enumerate(FILLER):
                second = FILLER[(i + 3) % len(FILLER)]
                text = " ".join(w for w in (first, cue, second) if w)
                rows.append({"text": text, "intents": intents})
    return rows


@pytest.fixture(scope="module")
def base_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A randomly initialised two-label BERT: its head does not fit three intents, as a real
    base's would not, so fine-tuning must replace it."""
    torch.manual_seed(0)
    words = sorted({w for row in examples() for w in str(row["text"]).split()})
    target = tmp_path_factory.mktemp("tiny-base")
    tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words]
    tokenizer = transformers.BertTokenizerFast(  # type: ignore[attr-defined]
        vocab={t: i for i, t in enumerate(tokens)})
    config = transformers.BertConfig(  # type: ignore[call-arg]
        vocab_size=len(tokens), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=64, num_labels=2, max_position_embeddings=32,
        hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)
    transformers.BertForSequenceClassification(config).save_pretrained(  # type: ignore[no-untyped-call]
        target)
    tokenizer.save_pretrained(target)
    return target


@pytest.fixture(scope="module")
def trained(base_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Trained:
    folder = tmp_path_factory.mktemp("train")
    data = folder / "intents.jsonl"
    data.write_text("".join(json.dumps(row) + "\n" for row in examples()), encoding="utf-8")
    out = folder / "model"
    record = finetune("intents", data, str(base_model), out,
                      TrainSettings(epochs=12, learning_rate=3e-3, batch_size=8, dev_share=0.25,
                                    device="cpu"))
    return out, record


def test_fine_tuning_keeps_the_best_epoch_and_says_how_it_went(trained: Trained
                                                                ) -> None:
    out, record = trained
    assert record["train"] + record["dev"] == len(examples()) and record["dev"] > 0
    assert len(record["epochs"]) == 12
    assert record["best_dev_macro_f1"] == max(e["dev_macro_f1"] for e in record["epochs"])
    assert record["best_dev_macro_f1"] >= 0.9  # the cues are unmistakable
    written = json.loads((out / "webcare-training.json").read_text())
    assert written["labels"] == ["question", "complaint", "compliment"]


def test_the_fine_tuned_model_runs_as_the_intents_step(trained: Trained) -> None:
    out, _ = trained
    step = factories.build("intents.transformers.v1", {"model": str(out), "device": "cpu"})
    assert isinstance(step, TransformersIntents)
    texts = ["jullie kapot modem", "trein waarom de", "pakket bedankt jullie", "de trein app"]
    assert step.predict(texts) == [["complaint"], ["question"], ["compliment"], []]
    enricher = Enricher(BrandConfig(brands=[]), EnrichmentConfig(
        intents=StepConfig(name="intents.transformers.v1",
                           options={"model": str(out), "device": "cpu"})))
    raws = [RawMention.model_validate({"id": str(i), "source": "test", "text": text,
                                       "created_at": "2026-12-05T10:00:00Z",
                                       "author": {"handle": "a"}})
            for i, text in enumerate(texts)]
    found = [m.intents for m in enricher.enrich_many(raws) if not isinstance(m, Exception)]
    assert found == [["complaint"], ["question"], ["compliment"], []]


def test_bad_thresholds_and_bad_training_lines_fail_naming_them(trained: Trained,
                                                                 tmp_path: Path) -> None:
    out, _ = trained
    with pytest.raises(ConfigError, match="unknown intents"):
        factories.build("intents.transformers.v1", {"model": str(out), "thresholds": {"x": 1}})
    data = tmp_path / "bad.jsonl"
    data.write_text('{"text": "ok", "intents": []}\n{"text": "no intents"}\n'
                    '{"text": "x", "intents": ["praise"]}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.jsonl:2: needs 'text' and 'intents'"):
        finetune("intents", data, str(out), tmp_path / "m")


def test_webcare_train_sentiment_from_the_command_line(base_model: Path, tmp_path: Path
                                                       ) -> None:
    data = tmp_path / "sentiment.jsonl"
    rows = [{"text": row["text"], "label": {"complaint": "negative", "compliment": "positive"}
             .get(next(iter(row["intents"]), ""), "neutral")}  # type: ignore[call-overload]
            for row in examples()]
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "sentiment-model"
    done = subprocess.run([sys.executable, "-m", "webcare", "train", "sentiment", str(data),
                           "--base", str(base_model), "--out", str(out), "--epochs", "2",
                           "--learning-rate", "0.003", "--batch-size", "8", "--device", "cpu"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "epoch 2: dev macro-F1" in done.stdout and f"wrote {out}" in done.stdout
    step = factories.build("sentiment.transformers.v1", {"model": str(out), "device": "cpu"})
    assert len(step.predict(["mijn modem kapot"])) == 1
