"""What the conversation tracker reads: one ``ConversationMessage`` per enriched mention and
brand, keyed by its thread (brand, channel, customer) so that every message of one
conversation lands on one partition of ``conversations.messages``, in order.

The customer of a thread is the author of a customer's message; for the brand's own reply it
is the account the reply answers (``in_reply_to``), the recipient of a private message, or
else the first account the reply @mentions that is not the brand's (a tweet reply starts with
the customer's handle).

A mention is indexed with the ids of its threads (``threads``; a brand's reply also with its
``reply_tone``): a conversation lists its mentions by its thread and the time it spans, so the
tracker never goes back to mark them (a partial update of a mention in Elasticsearch is a read
and a whole re-index of it: about 40% of Elasticsearch's CPU in the benchmark's burst)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from pydantic import ConfigDict, TypeAdapter, with_config

from conversations.tone import tone_flags
from schemas.mentions import (
    PRIVATE_SOURCES,
    ContactType,
    EnrichedMention,
    Intent,
    SentimentLabel,
    mention_key,
)

ALERT_TEXT_CHARS = 500  # enough for an alert or a list row; the mention keeps the whole text


# A dataclass with slots, not a pydantic model: the tracker keeps every open thread's messages
# parsed, and a model's per-instance ``__dict__`` and set of given fields took 370 of the 770
# bytes of a kept message. Pydantic validates what comes from Kafka (``from_json``); built here
# from an enriched mention, the values are validated already.
@with_config(ConfigDict(extra="forbid"))
@dataclass(frozen=True, slots=True)
class ConversationMessage:
    doc_id: str
    # The mention's index. Nothing reads it since the tracker stopped updating mentions; the
    # field stays because messages on the topic and threads in the table carry it, and a
    # message refuses unknown fields.
    index: str
    brand: str
    source: str
    customer: str
    private: bool
    contact: ContactType
    from_brand: bool
    author: str
    at: datetime
    agent: str | None = None
    reply_to: str | None = None  # doc id of the message it answers
    # Tuples: an empty one is shared, an empty list is 56 bytes of every kept message.
    intents: tuple[Intent, ...] = ()
    sentiment: SentimentLabel = "neutral"
    sentiment_score: float = 0.0
    language: str = "und"
    tone: tuple[str, ...] = ()  # reply-tone flags (brand)
    text: str = ""

    @property
    def thread_key(self) -> str:
        return thread_key(self.brand, self.source, self.customer)

    @property
    def thread_id(self) -> str:
        return thread_id(self.thread_key)

    def to_json(self) -> bytes:
        return MESSAGE.dump_json(self, exclude_defaults=True)

    @classmethod
    def from_json(cls, value: bytes) -> ConversationMessage:
        return MESSAGE.validate_json(value)


MESSAGE: TypeAdapter[ConversationMessage] = TypeAdapter(ConversationMessage)


def thread_key(brand: str, source: str, customer: str) -> str:
    return f"{brand}\x1f{source}\x1f{customer.lower()}"


def thread_id(key: str) -> str:
    """A thread's id as it is indexed on its mentions and conversations (short, and without
    the customer's handle in the clear)."""
    return hashlib.blake2b(key.encode(), digest_size=10).hexdigest()


def _brand_customer(mention: EnrichedMention, own: set[str]) -> str | None:
    reply = mention.in_reply_to
    if reply and reply.author_handle and reply.author_handle.lower() not in own:
        return reply.author_handle
    if mention.recipient and mention.recipient.lower() not in own:
        return mention.recipient
    return next((h for h in mention.handles if h.lower() not in own), None)


def conversation_messages(mention: EnrichedMention, index: str) -> list[ConversationMessage]:
    """The thread messages of an enriched mention: one per brand it concerns for a customer's
    mention, one for the replying brand for the brand's own; none for a mention that names
    no brand, or a brand's post that answers nobody."""
    if not mention.brands:
        return []
    private = mention.private or mention.source in PRIVATE_SOURCES
    if mention.from_brand:
        brand = mention.author_brand or mention.brands[0]
        customer = _brand_customer(mention, {mention.author.handle.lower()})
        pairs = [(brand, customer)] if customer else []
    else:
        pairs = [(brand, mention.author.handle) for brand in mention.brands]
    tone = tone_flags(mention.text, mention.language) if mention.from_brand else []
    reply = mention.in_reply_to
    reply_to = mention_key(mention.source, reply.id) if reply and reply.id else None
    return [ConversationMessage(
        doc_id=mention.doc_id, index=index, brand=brand, source=mention.source,
        customer=customer, private=private, contact=mention.contact,
        from_brand=mention.from_brand, author=mention.author.handle,
        agent=mention.agent_signature, at=mention.created_at, reply_to=reply_to,
        intents=tuple(mention.intents), sentiment=mention.sentiment.label,
        sentiment_score=mention.sentiment.score, language=mention.language,
        tone=tuple(tone), text=mention.text[:ALERT_TEXT_CHARS])
        for brand, customer in pairs]


def threaded(mention: EnrichedMention, index: str
             ) -> tuple[EnrichedMention, list[ConversationMessage]]:
    """The mention as it is indexed (with its threads' ids, and a brand's reply with its
    tone flags) and its thread messages."""
    messages = conversation_messages(mention, index)
    fields: dict[str, object] = {}
    if messages:
        fields["threads"] = list(dict.fromkeys(m.thread_id for m in messages))
    if mention.from_brand and messages and messages[0].tone:
        fields["reply_tone"] = list(messages[0].tone)
    return (mention.model_copy(update=fields) if fields else mention), messages
