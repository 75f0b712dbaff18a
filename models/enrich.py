"""``Enricher.enrich(raw) -> EnrichedMention``: the pure core shared by the worker and
``webcare enrich``. No I/O; steps are built once from config through the registry."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from core.collector import settle_collector
from core.config_files import load_yaml_model
from core.settings import Settings
from models import factories
from models.brands import BrandConfig, load_brands
from models.matching import BrandMatch, BrandMatcher
from models.steps import Analysis, Step
from models.text import agent_signature, fingerprint_words, surface
from schemas.mentions import EnrichedMention, RawMention, Sentiment

PIPELINE_VERSION = "1"


class StepConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    options: dict[str, Any] = Field(default_factory=dict)


class EnrichmentConfig(BaseModel):
    """Which registered implementation runs for each step, in this order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    language: StepConfig = StepConfig(name="language.hybrid.v1")
    sentiment: StepConfig = StepConfig(name="sentiment.linear.v1")
    intents: StepConfig = StepConfig(name="intents.linear.v1")
    entities: StepConfig = StepConfig(name="entities.spacy.v1")


def cluster_id(text: str) -> str | None:
    """Near-duplicate cluster, without state: the two smallest hashes of the text's word
    3-shingles (a bottom-2 MinHash sketch). Two texts share it with a probability that grows
    with their overlap: retweets, quotes of a whole text and copy-paste campaigns that vary a
    handle, a link or a word land together; unrelated texts sharing one stock phrase do not.
    Texts too short to say ("thanks!") are not clustered."""
    words = fingerprint_words(text)
    if sum(map(len, words)) < 16:
        return None
    if len(words) < 5:
        sketch = " ".join(words).encode()
    else:
        # crc32: fast and the same in every process (Python's hash() is salted per process).
        # Built-ins mapped over the shingles: no Python frame per shingle.
        shingles = set(map(" ".join, zip(words, words[1:], words[2:], strict=False)))
        smallest = sorted(map(zlib.crc32, map(str.encode, shingles)))[:2]
        sketch = b"".join(h.to_bytes(4, "big") for h in smallest)  # one, if every shingle is alike
    return hashlib.blake2b(sketch, digest_size=8).hexdigest()


class Enricher:
    def __init__(self, brands: BrandConfig, config: EnrichmentConfig | None = None) -> None:
        config = config or EnrichmentConfig()
        self.matcher = BrandMatcher(brands)
        self.has_brands = bool(brands.brands)
        self.steps: list[Step] = [
            factories.build(step.name, step.options)
            for step in (config.language, config.sentiment, config.intents, config.entities)
        ]

    def enrich(self, raw: RawMention, now: datetime | None = None) -> EnrichedMention:
        result = self.enrich_many([raw], now)[0]
        if isinstance(result, Exception):
            raise result
        return result

    def enrich_many(
        self, raws: Sequence[RawMention], now: datetime | None = None
    ) -> list[EnrichedMention | Exception]:
        """Enrich in input order. Steps with a ``batch`` method (model inference) get the
        whole batch; a failure is isolated to the mention that caused it."""
        now = now or datetime.now(UTC)
        results: list[EnrichedMention | Exception | None] = [None] * len(raws)
        analyses: dict[int, Analysis] = {}
        matches: dict[int, BrandMatch] = {}
        for i, raw in enumerate(raws):
            try:
                found = surface(raw.text)
                # Brands first: whether one is addressed is evidence for the intents.
                matches[i] = self.matcher.match(raw, found.handles, found.hashtags)
                analyses[i] = Analysis(raw=raw, surface=found, contact=matches[i].contact)
            except Exception as exc:
                results[i] = exc
        for step in self.steps:
            batch = getattr(step, "batch", None)
            if batch is not None and len(analyses) > 1:
                try:
                    batch(list(analyses.values()))
                    continue
                except Exception:
                    pass  # fall through: find the mention that fails
            for i, analysis in list(analyses.items()):
                try:
                    step(analysis)
                except Exception as exc:
                    results[i] = exc
                    del analyses[i]
        for i, analysis in analyses.items():
            try:
                results[i] = self._build(analysis, matches[i], now)
            except Exception as exc:
                results[i] = exc
        return [r if r is not None else RuntimeError("not enriched") for r in results]

    def _build(self, analysis: Analysis, match: BrandMatch, now: datetime) -> EnrichedMention:
        raw = analysis.raw
        return EnrichedMention(
            # The raw fields as they are: nested models are not re-validated. (Its __dict__, not
            # dict(raw): dict() asks the model for "keys", which pydantic answers by raising.)
            **raw.__dict__,
            doc_id=raw.key,
            language=analysis.language,
            language_confidence=analysis.language_confidence,
            sentiment=Sentiment(label=analysis.sentiment_label, score=analysis.sentiment_score),
            contact=match.contact,
            intents=[] if match.from_brand else analysis.intents,
            brands=match.brands,
            from_brand=match.from_brand,
            author_brand=match.author_brand,
            agent_signature=agent_signature(raw.text) if match.from_brand else None,
            hashtags=analysis.surface.hashtags,
            handles=analysis.surface.handles,
            urls=analysis.surface.urls,
            emoji=analysis.surface.emoji,
            entities=analysis.entities,
            cluster_id=cluster_id(raw.text),
            enriched_at=now,
            pipeline_version=PIPELINE_VERSION,
        )


def load_enrichment_config(path: Path) -> EnrichmentConfig:
    return load_yaml_model(path, EnrichmentConfig, "enrichment config")


def enricher_from_settings(settings: Settings) -> Enricher:
    """The enricher the worker and ``webcare enrich`` share; bad brand or step config fails
    here, before anything is consumed."""
    config = load_enrichment_config(settings.enrichment) if settings.enrichment else None
    return Enricher(load_brands(settings.brands) if settings.brands else BrandConfig(), config)


def settle(enricher: Enricher) -> None:
    """Load what the steps load lazily (by enriching one sample mention), then settle the
    garbage collector (``core.collector``): the models and lexicons are large, live as long
    as the process, and were scanned again at every full collection (measured in
    ``benchmarks/enrich_throughput.py``: the surface step went from 26 to 12 µs a mention).
    For long-running processes, after start-up."""
    samples = [RawMention.model_validate({
        "id": f"settle-{n}", "source": "twitter", "created_at": datetime.now(UTC),
        "author": {"handle": "webcare"}, "text": text}) for n, text in enumerate((
            "Waarom is mijn pakket nog steeds niet bezorgd? Slechte service!",
            "Thanks for the quick help, my order arrived and it is great!"))]
    enricher.enrich_many(samples)  # each language's models (English loads textblob: seconds)
    settle_collector()
