"""spaCy entities with a pipeline the test builds and saves itself (none can be downloaded)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy

from core.errors import ConfigError
from models import factories
from models.brands import BrandConfig
from models.enrich import Enricher, EnrichmentConfig, StepConfig
from schemas.mentions import RawMention


@pytest.fixture(scope="module")
def dutch_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    nlp = spacy.blank("nl")
    ruler: Any = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "GPE", "pattern": "Utrecht"},
                        {"label": "ORG", "pattern": [{"LOWER": "ns"}]}])
    path = tmp_path_factory.mktemp("nl-pipeline")
    nlp.to_disk(path)
    return path


def test_entities_come_from_the_pipeline_of_the_mention_language(dutch_pipeline: Path) -> None:
    options = {"pipelines": {"nl": str(dutch_pipeline)}}
    config = EnrichmentConfig(entities=StepConfig(name="entities.spacy.v1", options=options))
    enricher = Enricher(BrandConfig(), config)

    def mention(text: str) -> RawMention:
        return RawMention.model_validate({"id": text[:8], "source": "twitter", "text": text,
                                          "created_at": "2026-11-20T10:00:00Z",
                                          "author": {"handle": "a"}})

    dutch = mention("Alweer vertraging bij Utrecht Centraal, bedankt NS")
    english = mention("Another delay at Utrecht Central station, thanks a lot")
    results = enricher.enrich_many([dutch, english])
    assert not isinstance(results[0], Exception) and not isinstance(results[1], Exception)
    assert results[0].entities == [{"text": "Utrecht", "label": "GPE"},
                                   {"text": "NS", "label": "ORG"}]
    assert results[1].language == "en" and results[1].entities == []


def test_without_installed_pipelines_the_step_does_nothing() -> None:
    step = factories.build("entities.spacy.v1", {"pipelines": {}})
    assert step._loaded == {}


def test_a_missing_pipeline_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot load spaCy pipeline"):
        factories.build("entities.spacy.v1", {"pipelines": {"nl": str(tmp_path / "nope")}})
