"""Subscriptions: what a team watches, which mentions count, and how it hears about them."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from alerting.channels import CHANNELS
from alerting.channels.email import EmailConfig
from alerting.channels.slack import SlackConfig
from alerting.channels.webhook import WebhookConfig
from query.syntax import parse
from schemas.mentions import ContactType, Intent, SentimentLabel


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SentimentFilter(_Strict):
    labels: list[SentimentLabel] = Field(default_factory=list)
    max_score: float | None = Field(None, ge=-1, le=1, description="e.g. -0.5: clearly negative")
    min_score: float | None = Field(None, ge=-1, le=1)


class Delivery(_Strict):
    """Where alerts go: one optional field per channel of ``alerting.channels.CHANNELS`` (a
    unit test keeps the two in step), plus the live stream of the API."""

    webhook: WebhookConfig | None = None
    slack: SlackConfig | None = None
    email: EmailConfig | None = None
    sse: bool = Field(True, description="live on GET /v1/alerts/stream")

    def configured(self) -> list[tuple[str, BaseModel]]:
        """``(channel name, its config)`` for every channel this subscription uses."""
        return [(name, config) for name in CHANNELS
                if (config := getattr(self, name)) is not None]


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
    service_level: bool = Field(
        False, description="alert when one of the team's conversations is about to miss its "
        "service level, instead of on mentions (brands and sources narrow which)")

    @field_validator("hashtags")
    @classmethod
    def _no_hash(cls, values: list[str]) -> list[str]:
        return [v.lstrip("#").lower() for v in values]

    @field_validator("query")
    @classmethod
    def _query_parses(cls, value: str | None) -> str | None:
        if value is not None:
            parse(value)  # QueryError (a ValueError) names the problem
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> SubscriptionSpec:
        if self.service_level and self.spike is not None:
            raise ValueError("a subscription alerts on spikes or on service levels, not both")
        return self

    @model_validator(mode="after")
    def _delivers_somewhere(self) -> SubscriptionSpec:
        if not (self.delivery.configured() or self.delivery.sse):
            raise ValueError(f"delivery needs one of {', '.join(CHANNELS)}, or sse")
        return self


class Subscription(SubscriptionSpec):
    id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")
    team: str
    created_at: datetime
    updated_at: datetime
