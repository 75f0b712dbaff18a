"""``Enricher.enrich(raw) -> EnrichedMention``: the pure core shared by the worker and
``webcare enrich``. No I/O; steps are built once from config through the registry."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from models import registry
from models.brands import BrandConfig, load_brands
from models.matching import BrandMatcher
from models.steps import Analysis, Step
from models.text import agent_signature, fingerprint_text, surface
from schemas.mentions import EnrichedMention, RawMention, Sentiment
from webcare.settings import Settings

PIPELINE_VERSION = "1"


class StepConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    options: dict[str, Any] = Field(default_factory=dict)


class EnrichmentConfig(BaseModel):
    """Which registered implementation runs for each step, in this order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    language: StepConfig = StepConfig(name="language.hybrid.v1")
    sentiment: StepConfig = StepConfig(name="sentiment.lexicon.v1")
    intents: StepConfig = StepConfig(name="intents.rules.v1")


def cluster_id(text: str) -> str | None:
    """Near-duplicate cluster: copies that differ only in RT prefix, links, handles, case or
    punctuation share one id. Too-short texts ("thanks!") are not clustered."""
    normalized = fingerprint_text(text)
    if len(normalized) < 20:
        return None
    return hashlib.blake2b(normalized.encode(), digest_size=8).hexdigest()


class Enricher:
    def __init__(self, brands: BrandConfig, config: EnrichmentConfig | None = None) -> None:
        config = config or EnrichmentConfig()
        self.matcher = BrandMatcher(brands)
        self.steps: list[Step] = [
            registry.build(step.name, step.options)
            for step in (config.language, config.sentiment, config.intents)
        ]

    def enrich(self, raw: RawMention, now: datetime | None = None) -> EnrichedMention:
        analysis = Analysis(raw=raw, surface=surface(raw.text))
        for step in self.steps:
            step(analysis)
        match = self.matcher.match(raw, analysis.surface.handles, analysis.surface.hashtags)
        return EnrichedMention(
            **raw.model_dump(),
            doc_id=raw.key,
            language=analysis.language,
            language_confidence=analysis.language_confidence,
            sentiment=Sentiment(label=analysis.sentiment_label, score=analysis.sentiment_score),
            contact=match.contact,
            intents=[] if match.from_brand else analysis.intents,
            brands=match.brands,
            from_brand=match.from_brand,
            agent_signature=agent_signature(raw.text) if match.from_brand else None,
            hashtags=analysis.surface.hashtags,
            handles=analysis.surface.handles,
            urls=analysis.surface.urls,
            emoji=analysis.surface.emoji,
            cluster_id=cluster_id(raw.text),
            enriched_at=now or datetime.now(UTC),
            pipeline_version=PIPELINE_VERSION,
        )


def enricher_from_settings(settings: Settings) -> Enricher:
    """The enricher the worker and ``webcare enrich`` share; bad brand config fails here,
    before anything is consumed."""
    return Enricher(load_brands(settings.brands) if settings.brands else BrandConfig())
