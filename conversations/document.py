"""A conversation as it is indexed behind the ``conversations`` alias: every figure a report
needs, worked out here (the integ-test node has no scripting), with the service level of the
brand's owning team applied."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from conversations.messages import ConversationMessage, thread_id, thread_key
from conversations.service_level import deadline, local_slot
from conversations.tracker import Conversation, first_response_among
from core.service_levels import ServiceLevelRule
from schemas.mentions import Intent

Status = Literal["open", "answered", "closed"]


@dataclass(frozen=True)
class Policy:
    """What the tracker applies to one brand's conversations."""

    quiet: timedelta
    team: str | None = None  # the team that owns the brand
    rule: ServiceLevelRule | None = None


def status(conversation: Conversation) -> Status:
    if conversation.closed_at is not None:
        return "closed"
    return "open" if conversation.waiting else "answered"


def _seconds(start: datetime, end: datetime | None) -> float | None:
    return None if end is None else round((end - start).total_seconds(), 3)


def _applies(rule: ServiceLevelRule | None, customers: list[ConversationMessage],
             intents: list[Intent]) -> bool:
    """Whether the service level counts a conversation with these customer messages and
    intents."""
    if rule is None or not customers:
        return False
    if rule.reactive_only and all(m.contact != "reactive" for m in customers):
        return False
    return not rule.intents or bool(set(intents) & set(rule.intents))


def due_at(conversation: Conversation, policy: Policy) -> datetime | None:
    """The first-response deadline, for a conversation the service level applies to."""
    customers = conversation.customer_messages
    return _due(conversation, policy, customers, conversation.intents_of(customers))


def _due(conversation: Conversation, policy: Policy, customers: list[ConversationMessage],
         intents: list[Intent]) -> datetime | None:
    if policy.rule is None or not _applies(policy.rule, customers, intents):
        return None
    return deadline(policy.rule, customers[0].at, conversation.source)


def _met(due: datetime | None, first: ConversationMessage | None, now: datetime) -> bool | None:
    """True or False once it is known (answered, or past the deadline); None before."""
    if due is None:
        return None
    if first is not None:
        return first.at <= due
    return False if now > due else None


def document(conversation: Conversation, policy: Policy, now: datetime) -> dict[str, Any]:
    # Each figure from the messages split once (a document is written for every conversation
    # a batch touches).
    customers, replies = conversation.customer_messages, conversation.replies
    earlier = conversation.earlier
    first_message = (customers or conversation.messages)[0]
    opened = first_message.at
    first = first_response_among(customers, replies)
    intents = conversation.intents_of(customers)
    answered = [m for m in replies if m.at >= opened]
    weekday, hour = local_slot(policy.rule, opened)
    start, end = (customers[0], customers[-1]) if customers else (None, None)
    due = _due(conversation, policy, customers, intents)
    return {
        "id": conversation.id, "team": policy.team, "brand": conversation.brand,
        # Its mentions: those of its thread from its first message to its latest.
        "thread_id": thread_id(thread_key(conversation.brand, conversation.source,
                                          conversation.customer)),
        "started_at": conversation.first_activity_at.isoformat(),
        "channel": conversation.source, "customer": conversation.customer,
        "private": conversation.private,
        "contact": "reactive" if any(m.contact == "reactive" for m in customers)
        else "proactive",
        "status": status(conversation), "opened_at": opened.isoformat(),
        "first_response_at": first.at.isoformat() if first else None,
        "first_response_s": _seconds(opened, first.at if first else None),
        "first_response_agent": first.agent if first else None,
        "last_activity_at": conversation.last_activity_at.isoformat(),
        "closed_at": conversation.closed_at.isoformat() if conversation.closed_at else None,
        "handling_s": _seconds(opened, answered[-1].at if answered else None),
        "agents": sorted({m.agent for m in replies if m.agent} | set(earlier.agents)),
        "intents": intents,
        "start_intents": list(start.intents) if start else [],
        "start_sentiment": start.sentiment if start else None,
        "end_intents": list(end.intents) if end else [],
        "end_sentiment": end.sentiment if end else None,
        "turned_around": bool(start and end and start is not end
                              and start.sentiment == "negative"
                              and end.sentiment != "negative"),
        "customer_messages": len(customers) + earlier.customer_messages,
        "brand_messages": len(replies) + earlier.replies,
        "tone_flagged_replies": sum(1 for m in replies if m.tone) + earlier.flagged_replies,
        "follow_ups": [f.model_dump() for f in conversation.follow_ups()],
        "sla_applies": due is not None, "sla_due_at": due.isoformat() if due else None,
        "sla_met": _met(due, first, now),
        "opened_weekday": weekday, "opened_hour": hour,
        "first_message": first_message.text,
        "first_doc_id": first_message.doc_id,
        "updated_at": now.isoformat(),
    }
