"""Threading: which conversation a message belongs to, and what a conversation is made of.

One ``Thread`` per (brand, channel, customer) holds that pair's latest conversations. A message
joins the conversation that holds the message it answers; else the latest one still going (a
customer's follow-up while waiting for an answer, or within the quiet time after it; a brand's
reply while a conversation is open); else it opens a new one. An answered conversation closes
once the quiet time has passed without a message. Every figure of a conversation is derived
from its messages sorted by time, so messages that arrive out of order (the brand's reply
before the question, from another partition) give the same figures.
"""

from __future__ import annotations

import hashlib
import sys
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import fields
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field

from conversations.messages import ConversationMessage
from schemas.mentions import Intent

# A conversation keeps its first customer message, the brand's first response and its latest
# messages; what it lets go is counted (``Earlier``). Each message is stored again with its
# thread on every change, so a thread must stay small: an author who posts hundreds of times
# about a brand without an answer is one conversation, not hundreds of kilobytes.
MAX_MESSAGES = 30
KEEP_CONVERSATIONS = 5  # per thread; older ones are closed and stay in Elasticsearch


# Values repeated across a thread's messages and across threads: one object each.
_REPEATED_STRINGS = ("index", "brand", "source", "customer", "contact", "author", "agent",
                     "sentiment", "language")
_REPEATED_TUPLES = ("intents", "tone")
_shared_tuples: dict[tuple[str, ...], tuple[str, ...]] = {}
_MOST_SHARED_TUPLES = 256  # intents and tone flags come from short fixed lists


def _compact(message: ConversationMessage) -> None:
    """The tracker keeps every open thread's messages parsed, so a kept message is made small.

    Parsing makes a new string of every brand, channel, customer and index name in every
    message, and a new tuple of its intents: interned, they are shared. (The message is
    frozen for its users; this only swaps equal values.)"""
    for name in _REPEATED_STRINGS:
        if (value := getattr(message, name)) is not None:
            object.__setattr__(message, name, sys.intern(value))
    for name in _REPEATED_TUPLES:
        value = getattr(message, name)
        if value and (len(_shared_tuples) < _MOST_SHARED_TUPLES or value in _shared_tuples):
            object.__setattr__(message, name, _shared_tuples.setdefault(value, value))


_KEPT_FIELDS = tuple(f.name for f in fields(ConversationMessage) if f.name != "text")


def _without_text(message: ConversationMessage) -> ConversationMessage:
    """A kept message without its text (its other values are compacted already): copied field
    by field, in half the time of ``dataclasses.replace``, which runs ``__init__``."""
    copy = object.__new__(ConversationMessage)
    for name in _KEPT_FIELDS:
        object.__setattr__(copy, name, getattr(message, name))
    object.__setattr__(copy, "text", "")
    return copy


class FollowUps(BaseModel):
    """The customer's messages after an agent's signed reply, and their sentiment."""

    model_config = ConfigDict(extra="forbid")

    agent: str
    messages: int = 0
    negative: int = 0
    positive: int = 0
    score_sum: float = 0.0

    def count(self, message: ConversationMessage) -> None:
        self.messages += 1
        self.negative += message.sentiment == "negative"
        self.positive += message.sentiment == "positive"
        self.score_sum += message.sentiment_score


class Earlier(BaseModel):
    """What a conversation let go of when it trimmed its messages, still counted."""

    model_config = ConfigDict(extra="forbid")

    customer_messages: int = 0
    replies: int = 0
    flagged_replies: int = 0
    agents: list[str] = Field(default_factory=list)
    intents: list[Intent] = Field(default_factory=list)
    follow_ups: list[FollowUps] = Field(default_factory=list)

    def follow_up(self, agent: str, message: ConversationMessage) -> None:
        found = next((f for f in self.follow_ups if f.agent == agent), None)
        if found is None:
            found = FollowUps(agent=agent)
            self.follow_ups.append(found)
        found.count(message)


class Conversation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    brand: str
    source: str
    customer: str
    private: bool
    messages: list[ConversationMessage] = Field(default_factory=list)
    earlier: Earlier = Field(default_factory=Earlier)
    # Its earliest message's time, those trimmed away included (None in threads stored before
    # it was kept: then the earliest kept message's).
    started_at: datetime | None = None
    closed_at: datetime | None = None
    sla_alerted_at: datetime | None = None
    breach_recorded: bool = False  # the deadline passed unanswered, and the document says so

    @property
    def customer_messages(self) -> list[ConversationMessage]:
        return [m for m in self.messages if not m.from_brand]

    @property
    def replies(self) -> list[ConversationMessage]:
        return [m for m in self.messages if m.from_brand]

    @property
    def opened_at(self) -> datetime:
        first = self.customer_messages[:1] or self.messages[:1]
        return first[0].at

    @property
    def first_message(self) -> ConversationMessage:
        """The customer's first message (the brand's, for a conversation it opened)."""
        return (self.customer_messages or self.messages)[0]

    @property
    def intents(self) -> list[Intent]:
        """Every intent of the customer's messages, those trimmed away included."""
        return self.intents_of(self.customer_messages)

    def intents_of(self, customers: list[ConversationMessage]) -> list[Intent]:
        """``intents``, given ``customer_messages`` (the document builder has them already)."""
        return sorted({i for m in customers for i in m.intents} | set(self.earlier.intents))

    @property
    def first_activity_at(self) -> datetime:
        return self.started_at or self.messages[0].at

    @property
    def last_activity_at(self) -> datetime:
        return self.messages[-1].at

    @property
    def first_response(self) -> ConversationMessage | None:
        """The brand's first reply after the customer's first message."""
        return first_response_among(self.customer_messages, self.replies)

    @property
    def waiting(self) -> bool:
        """The customer wrote last: the brand owes an answer."""
        return not self.messages[-1].from_brand

    def add(self, message: ConversationMessage) -> None:
        _compact(message)  # the messages kept from before already are
        if self.messages and self.started_at is None:
            self.started_at = self.messages[0].at  # stored before the field was kept
        self.started_at = min(self.started_at or message.at, message.at)
        kept = [m for m in self.messages if m.doc_id != message.doc_id]  # a replay or an edit
        kept.append(message)
        kept.sort(key=lambda m: (m.at, m.doc_id))
        self.messages = kept
        if len(kept) > MAX_MESSAGES:
            self._trim()
        # Only the first customer message's text is shown (lists, alerts): keep no other.
        first = self.first_message
        self.messages = [m if m is first or not m.text else _without_text(m)
                         for m in self.messages]

    def _trim(self) -> None:
        first = self.first_message
        response = self.first_response
        latest = self.messages[-(MAX_MESSAGES - 2):]
        keep = {id(m) for m in (first, response, *latest) if m is not None}
        followed = self._followed()
        for m in self.messages:
            if id(m) in keep:
                continue
            earlier = self.earlier
            if m.from_brand:
                earlier.replies += 1
                earlier.flagged_replies += bool(m.tone)
                if m.agent and m.agent not in earlier.agents:
                    earlier.agents.append(m.agent)
            else:
                earlier.customer_messages += 1
                earlier.intents = sorted(set(earlier.intents) | set(m.intents))
                if agent := followed(m):
                    earlier.follow_up(agent, m)
        self.messages = [m for m in self.messages if id(m) in keep]

    def _followed(self) -> Callable[[ConversationMessage], str | None]:
        """A customer's message -> the signature on the brand's latest reply before it."""
        signed = [(m.at, m.agent) for m in self.replies if m.agent]  # in time order
        times = [at for at, _ in signed]

        def agent(message: ConversationMessage) -> str | None:
            before = bisect_right(times, message.at)
            return signed[before - 1][1] if before else None

        return agent

    def follow_ups(self) -> list[FollowUps]:
        """Per agent: the customer's messages after the agent's reply, trimmed ones included
        (the agents report: how customers answer each agent)."""
        if not self.earlier.follow_ups and not any(m.agent for m in self.messages
                                                   if m.from_brand):
            return []  # no signed reply: most conversations, and one document each per batch
        counted = Earlier(follow_ups=[f.model_copy() for f in self.earlier.follow_ups])
        followed = self._followed()
        for message in self.customer_messages:
            if agent := followed(message):
                counted.follow_up(agent, message)
        return sorted(counted.follow_ups, key=lambda f: f.agent)

    def holds(self, doc_id: str | None) -> bool:
        return doc_id is not None and any(m.doc_id == doc_id for m in self.messages)

    def quiet_until(self, quiet: timedelta) -> datetime | None:
        """When an answered conversation closes if nothing more is said; None while waiting."""
        return None if self.waiting else self.last_activity_at + quiet


def first_response_among(customers: list[ConversationMessage],
                         replies: list[ConversationMessage]) -> ConversationMessage | None:
    """The first of ``replies`` at or after the first of ``customers`` (both in time order)."""
    if not customers:
        return None
    return next((m for m in replies if m.at >= customers[0].at), None)


def conversation_id(message: ConversationMessage) -> str:
    seed = f"{message.brand}\x1f{message.source}\x1f{message.customer.lower()}\x1f{message.doc_id}"
    return hashlib.blake2b(seed.encode(), digest_size=10).hexdigest()


class Thread(BaseModel):
    """The state kept per (brand, channel, customer): the Faust table's value."""

    model_config = ConfigDict(extra="forbid")

    conversations: list[Conversation] = Field(default_factory=list)

    def to_json(self) -> bytes:
        # pydantic's own JSON: the same bytes as orjson over model_dump(mode="json") in half
        # the time (a thread is stored again on every message it gets), written straight to
        # bytes by its serializer (model_dump_json().encode() makes a str first: 1.5 µs more).
        return self.__pydantic_serializer__.to_json(self)

    @classmethod
    def from_json(cls, value: bytes | None) -> Thread:
        if not value:
            return cls()
        thread = cls.model_validate_json(value)
        for conversation in thread.conversations:
            for message in conversation.messages:
                _compact(message)
        return thread

    def place(self, message: ConversationMessage, quiet: timedelta) -> Conversation:
        """Add ``message`` to its conversation (found or opened) and return that."""
        found = self._find(message, quiet)
        if found is None:
            found = Conversation(id=conversation_id(message), brand=message.brand,
                                 source=message.source, customer=message.customer,
                                 private=message.private)
            self.conversations.append(found)
            self.conversations = self.conversations[-KEEP_CONVERSATIONS:]
        found.add(message)
        return found

    def _find(self, message: ConversationMessage, quiet: timedelta) -> Conversation | None:
        for conversation in self.conversations:
            if conversation.holds(message.doc_id):
                return conversation
        for conversation in reversed(self.conversations):
            if conversation.holds(message.reply_to) and conversation.closed_at is None:
                return conversation
        latest = self.conversations[-1] if self.conversations else None
        if latest is None or latest.closed_at is not None:
            return None
        closes = latest.quiet_until(quiet)
        if closes is not None and message.at > closes:
            latest.closed_at = closes  # it closed before this message came
            return None
        return latest

    def close_quiet(self, quiet: timedelta, now: datetime) -> list[Conversation]:
        """Close the answered conversations that have been quiet long enough."""
        closed = []
        for conversation in self.conversations:
            closes = conversation.quiet_until(quiet)
            if conversation.closed_at is None and closes is not None and closes <= now:
                conversation.closed_at = closes
                closed.append(conversation)
        return closed

    def last_activity_at(self) -> datetime | None:
        return self.conversations[-1].last_activity_at if self.conversations else None
