"""Alerts: what a subscription raises (one per mention, or one per spike), their stable ids
and their JSON form on the ``alerts`` topic."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field

from schemas.mentions import ContactType, EnrichedMention, Intent, SentimentLabel


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MentionSummary(_Strict):
    doc_id: str
    source: str
    text: str
    author: str
    url: str | None = None
    created_at: datetime
    language: str
    sentiment: SentimentLabel
    sentiment_score: float
    contact: ContactType
    intents: list[Intent]
    brands: list[str]
    hashtags: list[str]


class SpikeInfo(_Strict):
    metric: Literal["volume", "negative_share"]
    window_s: int
    current: float = Field(description="mentions (volume) or negative share in the window")
    baseline: float
    ratio: float = Field(description="current / baseline: how big the jump is")
    mentions_in_window: int
    samples: list[MentionSummary]


class ServiceLevelInfo(_Strict):
    """A conversation about to miss (or past) its first-response deadline."""

    conversation_id: str
    brand: str
    channel: str
    customer: str
    opened_at: datetime
    due_at: datetime
    first_message: str
    intents: list[Intent]


class Alert(_Strict):
    id: str = Field(description="stable: one per (subscription, mention), spike window or "
                                "conversation at risk")
    kind: Literal["mention", "spike", "service_level"]
    team: str
    subscription_id: str
    subscription_name: str
    created_at: datetime
    mention: MentionSummary | None = None
    spike: SpikeInfo | None = None
    service_level: ServiceLevelInfo | None = None


def summary(mention: EnrichedMention) -> MentionSummary:
    return MentionSummary(
        doc_id=mention.doc_id, source=mention.source, text=mention.text,
        author=mention.author.handle, url=mention.url, created_at=mention.created_at,
        language=mention.language, sentiment=mention.sentiment.label,
        sentiment_score=mention.sentiment.score, contact=mention.contact,
        intents=mention.intents, brands=mention.brands, hashtags=mention.hashtags,
    )


def alert_id(subscription_id: str, key: str) -> str:
    return hashlib.sha1(f"{subscription_id}\x00{key}".encode()).hexdigest()


def alert_json(alert: Alert) -> bytes:
    return orjson.dumps(alert.model_dump(mode="json", exclude_none=True))


def parse_alert(value: bytes) -> Alert:
    return Alert.model_validate_json(value)


def describe(alert: Alert) -> tuple[str, str]:
    """A title and a plain-text body for channels that show alerts to people."""
    if alert.service_level is not None:
        due = alert.service_level
        return (f"{alert.subscription_name}: @{due.customer} waits for an answer on "
                f"{due.channel}",
                f"Due {due.due_at:%Y-%m-%d %H:%M} UTC (opened {due.opened_at:%H:%M}): "
                f'"{due.first_message[:300]}"')
    if alert.spike is not None:
        spike = alert.spike
        example = f'\ne.g. "{spike.samples[0].text[:200]}"' if spike.samples else ""
        return (f"{alert.subscription_name}: {spike.metric} spike",
                f"{spike.current:g} vs baseline {spike.baseline:g} (x{spike.ratio:g}) over "
                f"{spike.window_s}s{example}")
    mention = alert.mention
    assert mention is not None
    labels = (f"{mention.source} · @{mention.author} · {mention.sentiment} · "
              f"{', '.join(mention.intents) or 'no intent'}")
    return (f"{alert.subscription_name} · {labels}",
            f"{mention.text[:500]}" + (f"\n{mention.url}" if mention.url else ""))
