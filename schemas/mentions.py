"""Pydantic models for a mention as it is ingested (raw) and as it is indexed (enriched)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, TypeAdapter, field_validator

# Known sources; others are accepted as long as they are a short lowercase token.
KNOWN_SOURCES = (
    "twitter", "x", "facebook", "instagram", "whatsapp", "messenger", "livechat", "trustpilot",
    "reviews", "forum", "news", "blog", "bluesky", "mastodon", "youtube", "tiktok", "linkedin",
    "email", "rss",
)
# Channels that are private by nature (a message to the brand, not a public post).
PRIVATE_SOURCES = frozenset({"whatsapp", "messenger", "livechat", "email"})

SentimentLabel = Literal["positive", "neutral", "negative"]
ContactType = Literal["reactive", "proactive"]
Intent = Literal["question", "complaint", "compliment"]


# What the rest of the pipeline can carry: Elasticsearch dates and monthly indices for times
# between these, JSON integers in 64 bits, extras nested no deeper than a real payload.
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=2)  # clocks differ; a post dated days ahead is a broken clock
MAX_INT = 2**63 - 1
MAX_EXTRAS_DEPTH = 16


def _storable(value: Any, depth: int = 0) -> None:
    """Raise ValueError for what Elasticsearch or orjson cannot hold."""
    if depth > MAX_EXTRAS_DEPTH:
        raise ValueError(f"nested deeper than {MAX_EXTRAS_DEPTH} levels")
    if isinstance(value, bool):
        return
    if isinstance(value, int) and not -MAX_INT - 1 <= value <= MAX_INT:
        raise ValueError("an integer beyond 64 bits")
    if isinstance(value, dict):
        for item in value.values():
            _storable(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _storable(item, depth + 1)


def mention_key(source: str, mention_id: str) -> str:
    return f"{source}:{mention_id}"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Author(_Model):
    handle: str = Field(min_length=1, max_length=256, description="account name, without '@'")
    name: str | None = Field(None, max_length=512)

    @field_validator("handle")
    @classmethod
    def _strip_at(cls, value: str) -> str:
        return value.lstrip("@")


class InReplyTo(_Model):
    author_handle: str | None = Field(None, max_length=256)
    id: str | None = Field(None, max_length=256)

    @field_validator("author_handle")
    @classmethod
    def _strip_at(cls, value: str | None) -> str | None:
        return value.lstrip("@") if value else value


class RawMention(_Model):
    """A mention as an ingest agent publishes it to ``mentions.raw``."""

    id: str = Field(min_length=1, max_length=256, description="the source's own id")
    source: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,31}$", examples=list(KNOWN_SOURCES))
    text: str = Field(max_length=100_000)
    created_at: datetime = Field(description="ISO 8601; a time without zone is taken as UTC")
    author: Author
    in_reply_to: InReplyTo | None = None
    recipient: str | None = Field(
        None, max_length=256, description="account the mention was sent to: a private "
        "message's addressee, the page a visitor posted on, the business a review is about"
    )
    private: bool = False
    url: str | None = Field(None, max_length=4096)
    edited_at: datetime | None = Field(
        None, description="set when the author edited the mention at the source: it replaces "
                          "the indexed one (same document) and is enriched again")
    extras: dict[str, Any] = Field(default_factory=dict, description="source-specific fields")

    @field_validator("created_at", "edited_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        return None if value is None else _plausible_time(value)

    @field_validator("extras")
    @classmethod
    def _extras_storable(cls, value: dict[str, Any]) -> dict[str, Any]:
        _storable(value)
        return value

    @field_validator("recipient")
    @classmethod
    def _strip_at(cls, value: str | None) -> str | None:
        return value.lstrip("@") if value else value

    @property
    def key(self) -> str:
        """Stable identity: one (source, id) is one document, however often it is sent.
        Also the Kafka message key, so one mention always lands on one partition."""
        return mention_key(self.source, self.id)

    @property
    def version_key(self) -> str:
        """What de-duplication compares: an edit is a new version of the same document."""
        return self.key if self.edited_at is None else f"{self.key}@{self.edited_at.isoformat()}"


class MentionDeletion(_Model):
    """A mention deleted (or a message revoked) at the source, published to ``mentions.raw``
    under the mention's own key so that it follows the mention in order. The worker removes
    the indexed mention and the alerts raised on it."""

    event: Literal["delete"] = "delete"
    source: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,31}$")
    id: str = Field(min_length=1, max_length=256, description="the deleted mention's id, or "
                    "(``by: status_id``) the platform's local id stored in its extras")
    by: Literal["id", "status_id"] = "id"
    deleted_at: datetime

    @field_validator("deleted_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        return _plausible_time(value)

    @property
    def key(self) -> str:
        return mention_key(self.source, self.id)


def _plausible_time(value: datetime) -> datetime:
    try:
        found = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except OverflowError:
        raise ValueError("a date outside the range of dates") from None
    if not EARLIEST <= found <= datetime.now(UTC) + FUTURE_SLACK:
        raise ValueError(f"a date before {EARLIEST:%Y} or more than {FUTURE_SLACK.days} "
                         "days ahead")
    return found


def _event_kind(value: Any) -> str:
    event = value.get("event") if isinstance(value, dict) else getattr(value, "event", None)
    return "delete" if event == "delete" else "mention"


SourceEvent = Annotated[
    Annotated[RawMention, Tag("mention")] | Annotated[MentionDeletion, Tag("delete")],
    Discriminator(_event_kind)]
SOURCE_EVENTS: TypeAdapter[RawMention | MentionDeletion] = TypeAdapter(SourceEvent)


class Sentiment(_Model):
    label: SentimentLabel
    score: float = Field(ge=-1.0, le=1.0)


class EnrichedMention(RawMention):
    """What the worker publishes to ``mentions.enriched`` and indexes behind ``mentions``."""

    doc_id: str = Field(description="'<source>:<id>', the Elasticsearch _id")
    language: str = Field(description="ISO 639-1 code, 'und' when unknown")
    language_confidence: float = Field(ge=0.0, le=1.0)
    sentiment: Sentiment
    contact: ContactType
    intents: list[Intent] = Field(default_factory=list)
    brands: list[str] = Field(default_factory=list, description="ids of the brands concerned")
    from_brand: bool = Field(
        False, description="written by one of the brand's own accounts (a webcare reply)"
    )
    author_brand: str | None = Field(None, description="the brand whose account wrote it")
    agent_signature: str | None = Field(None, description="e.g. '^Naomi' or '*IL' on a reply")
    hashtags: list[str] = Field(default_factory=list)
    handles: list[str] = Field(default_factory=list, description="@mentioned accounts")
    urls: list[str] = Field(default_factory=list)
    emoji: list[str] = Field(default_factory=list)
    entities: list[dict[str, str]] = Field(default_factory=list)
    cluster_id: str | None = Field(None, description="near-duplicate cluster (same story)")
    enriched_at: datetime
    pipeline_version: str
    # Set as the mention is indexed (conversations.messages.threaded): the conversation
    # threads it belongs to, on a brand's reply the wording that pulls sentiment down.
    threads: list[str] = Field(default_factory=list,
                               description="ids of its (brand, channel, customer) threads")
    reply_tone: list[str] = Field(default_factory=list)
    # Set by the conversation tracker's partial updates on mentions indexed before 2026-12-06
    # (now a conversation lists its mentions by thread and time); kept so those read back.
    conversation_id: str | None = None
    follows_agent: str | None = None

    def event_json(self) -> bytes:
        """The enriched event as it is written everywhere: the indexed document, the
        ``mentions.enriched`` record, a child process's answer, ``webcare enrich``'s line.
        pydantic's serializer writes the bytes straight from the model (the same bytes as
        ``model_dump_json``, without the str in between); unset optional fields are left out.
        """
        return self.__pydantic_serializer__.to_json(self, exclude_none=True)
