"""The transformers backend on a tiny model this test builds, trains for a moment and saves:
real loading code (from_pretrained on a local path), real inference, no hub."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
import transformers

from core.errors import ConfigError
from models import factories
from models.brands import BrandConfig
from models.enrich import Enricher, EnrichmentConfig, StepConfig
from models.sentiment_transformers import TransformersSentiment
from schemas.mentions import RawMention

EXAMPLES = [
    ("great service thanks", 2), ("love it great", 2), ("super happy thanks", 2),
    ("terrible delay again", 0), ("worst service ever", 0), ("broken and late terrible", 0),
    ("the train leaves at nine", 1), ("store opens at ten", 1), ("the order number is", 1),
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    torch.manual_seed(0)
    words = sorted({w for text, _ in EXAMPLES for w in text.split()})
    target = tmp_path_factory.mktemp("tiny-sentiment")
    tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words]
    tokenizer = transformers.BertTokenizerFast(  # type: ignore[attr-defined]
        vocab={t: i for i, t in enumerate(tokens)})
    config = transformers.BertConfig(  # type: ignore[call-arg]
        vocab_size=len(words) + 5, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=64, num_labels=3, max_position_embeddings=64,
        hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0,
        id2label={0: "NEG", 1: "NEU", 2: "POS"}, label2id={"NEG": 0, "NEU": 1, "POS": 2},
    )
    model = transformers.BertForSequenceClassification(config)  # type: ignore[no-untyped-call]
    inputs = tokenizer([t for t, _ in EXAMPLES], padding=True, return_tensors="pt")
    labels = torch.tensor([label for _, label in EXAMPLES])
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-3)
    model.train()
    for _ in range(150):
        optimizer.zero_grad()
        model(**inputs, labels=labels).loss.backward()
        optimizer.step()
    model.save_pretrained(target)
    tokenizer.save_pretrained(target)
    return target


def test_loads_from_a_local_path_and_predicts_what_it_learned(tiny_model: Path) -> None:
    step = factories.build("sentiment.transformers.v1", {"model": str(tiny_model),
                                                        "device": "cpu", "batch_size": 4})
    assert isinstance(step, TransformersSentiment)
    predicted = step.predict([text for text, _ in EXAMPLES])
    expected = ["negative", "neutral", "positive"]
    assert [label for label, _ in predicted] == [expected[y] for _, y in EXAMPLES]
    for label, score in predicted:
        assert -1.0 <= score <= 1.0
        if label == "positive":
            assert score > 0
        if label == "negative":
            assert score < 0
    # Batching does not change the answer.
    assert step.predict(["great service thanks"]) == [predicted[0]]


def test_runs_inside_the_enricher_in_batches(tiny_model: Path) -> None:
    config = EnrichmentConfig(sentiment=StepConfig(
        name="sentiment.transformers.v1", options={"model": str(tiny_model), "device": "cpu"}))
    enricher = Enricher(BrandConfig(), config)
    raws = [RawMention.model_validate({
        "id": str(i), "source": "twitter", "text": text, "created_at": "2026-11-20T10:00:00Z",
        "author": {"handle": "a"}}) for i, (text, _) in enumerate(EXAMPLES)]
    results = enricher.enrich_many(raws)
    labels = [r.sentiment.label for r in results if not isinstance(r, Exception)]
    assert labels == [["negative", "neutral", "positive"][y] for _, y in EXAMPLES]


def test_label_map_problems_are_config_errors(tiny_model: Path) -> None:
    with pytest.raises(ConfigError, match="label_map misses"):
        TransformersSentiment(model=str(tiny_model), label_map={"NEG": "negative"}, device="cpu")
    with pytest.raises(ConfigError, match=r"sentiment\.transformers\.v1: cannot load model"):
        TransformersSentiment(model=str(tiny_model / "missing"), device="cpu")
