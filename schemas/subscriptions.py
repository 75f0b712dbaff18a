"""Subscriptions (what a team watches and how it hears about it) and the alerts they raise."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, field_validator, model_validator

from schemas.mentions import ContactType, Intent, SentimentLabel


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SentimentFilter(_Strict):
    labels: list[SentimentLabel] = Field(default_factory=list)
    max_score: float | None = Field(None, ge=-1, le=1, description="e.g. -0.5: clearly negative")
    min_score: float | None = Field(None, ge=-1, le=1)


class WebhookTarget(_Strict):
    url: AnyHttpUrl
    secret: str = Field(min_length=16, description="HMAC-SHA256 key for X-Webcare-Signature")


class SlackTarget(_Strict):
    url: AnyHttpUrl = Field(description="a Slack-compatible incoming webhook")


class Delivery(_Strict):
    webhook: WebhookTarget | None = None
    slack: SlackTarget | None = None
    sse: bool = Field(True, description="live on GET /v1/alerts/stream")


class SpikeRule(_Strict):
    metric: Literal["volume", "negative_share"] = "volume"
    window_s: int = Field(300, ge=10, le=86_400, description="the recent window")
    baseline_windows: int = Field(12, ge=1, le=1000, description="windows before it: baseline")
    factor: float = Field(3.0, gt=1, description="jump that counts as a spike")
    min_mentions: int = Field(10, ge=1, description="too few mentions never spike")
    cooldown_s: int = Field(900, ge=0, description="quiet time after a spike alert")


class SubscriptionSpec(_Strict):
    """What a client sends to create or replace a subscription."""

    name: str = Field(min_length=1, max_length=200)
    brands: list[str] = Field(default_factory=list)
    hashtags: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    query: str | None = Field(None, max_length=2000, description="Boolean query")
    contact: list[ContactType] = Field(default_factory=list)
    intents: list[Intent] = Field(default_factory=list)
    sentiment: SentimentFilter | None = None
    languages: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    delivery: Delivery = Delivery(sse=True)
    spike: SpikeRule | None = Field(None, description="alert on jumps instead of each mention")

    @field_validator("hashtags")
    @classmethod
    def _no_hash(cls, values: list[str]) -> list[str]:
        return [v.lstrip("#").lower() for v in values]

    @field_validator("query")
    @classmethod
    def _query_parses(cls, value: str | None) -> str | None:
        from models.query import parse_query

        if value is not None:
            parse_query(value)
        return value

    @model_validator(mode="after")
    def _delivers_somewhere(self) -> SubscriptionSpec:
        if not (self.delivery.webhook or self.delivery.slack or self.delivery.sse):
            raise ValueError("delivery needs a webhook, a slack url, or sse")
        return self


class Subscription(SubscriptionSpec):
    id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")
    team: str
    created_at: datetime
    updated_at: datetime


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


class Alert(_Strict):
    id: str = Field(description="stable: one per (subscription, mention) or spike window")
    kind: Literal["mention", "spike"]
    team: str
    subscription_id: str
    subscription_name: str
    created_at: datetime
    mention: MentionSummary | None = None
    spike: SpikeInfo | None = None
