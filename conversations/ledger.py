"""The tracker's work on a batch of messages, and its sweep over the open conversations:
pure functions over a thread store (the worker's Faust table; a dict in tests and in the
support-threads script). They say what to write (conversation documents) and what to raise
(service-level alerts); the agent does the I/O."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from alerting.alerts import Alert, ServiceLevelInfo, alert_id
from alerting.subscriptions import Subscription
from conversations.document import Policy, document, due_at
from conversations.messages import ConversationMessage
from conversations.tracker import Conversation, Thread
from core.service_levels import ServiceLevelRule

Threads = MutableMapping[str, Thread]
# A conversation first seen this long past its deadline (a back-fill of old mentions, a worker
# that was away for hours) is recorded as missed without an alert: nobody can still make it.
LATE_ALERT_GRACE = timedelta(hours=1)
PolicyFor = Callable[[str], Policy]  # brand -> its policy
WatchersFor = Callable[[str], list[Subscription]]  # team -> its service-level subscriptions


def policy_table(levels: Mapping[str, tuple[str, ServiceLevelRule]],
                 quiet: timedelta) -> PolicyFor:
    """brand -> its policy: the owning team's rule where one is set."""
    policies = {brand: Policy(quiet, team, rule) for brand, (team, rule) in levels.items()}
    default = Policy(quiet)
    return lambda brand: policies.get(brand, default)


@dataclass
class Changes:
    conversations: dict[str, tuple[Conversation, Policy]] = field(default_factory=dict)
    alerts: list[Alert] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)  # thread keys to save

    def documents(self, now: datetime) -> list[dict[str, Any]]:
        return [document(c, policy, now) for c, policy in self.conversations.values()]


def apply_messages(threads: Threads, messages: Iterable[ConversationMessage],
                   policy_for: PolicyFor) -> Changes:
    changes = Changes()
    batch: dict[str, Thread] = {}  # each thread stored once, after the batch
    for message in messages:
        key = message.thread_key
        thread = batch.get(key) or threads.get(key) or Thread()
        batch[key] = thread
        policy = policy_for(message.brand)
        before = {c.id for c in thread.conversations if c.closed_at is not None}
        conversation = thread.place(message, policy.quiet)
        for other in thread.conversations:  # closed on the way (quiet time passed)
            if other.closed_at is not None and other.id not in before:
                changes.conversations[other.id] = (other, policy)
        changes.conversations[conversation.id] = (conversation, policy)
    threads.update(batch)
    changes.touched.update(batch)
    return changes


def _service_level_alert(sub: Subscription, conversation: Conversation, due: datetime,
                         now: datetime) -> Alert:
    return Alert(
        id=alert_id(sub.id, f"service-level:{conversation.id}"), kind="service_level",
        team=sub.team, subscription_id=sub.id, subscription_name=sub.name, created_at=now,
        service_level=ServiceLevelInfo(
            conversation_id=conversation.id, brand=conversation.brand,
            channel=conversation.source, customer=conversation.customer,
            opened_at=conversation.opened_at, due_at=due,
            first_message=conversation.first_message.text,
            intents=conversation.intents))


def _watches(sub: Subscription, conversation: Conversation) -> bool:
    return ((not sub.brands or conversation.brand in sub.brands)
            and (not sub.sources or conversation.source in sub.sources))


def _at_risk(conversation: Conversation, policy: Policy, now: datetime, watchers: WatchersFor,
             changes: Changes) -> bool:
    """Alert (once) on a conversation still waiting for its first answer as its deadline
    nears; record the miss once the deadline has passed. True when it changed."""
    if conversation.first_response is not None or policy.rule is None:
        return False
    due = due_at(conversation, policy)
    if due is None:
        return False
    changed = False
    warn = timedelta(minutes=policy.rule.warn_before_minutes)
    if conversation.sla_alerted_at is None and now >= due - warn:
        conversation.sla_alerted_at = now
        if now <= due + LATE_ALERT_GRACE:
            changes.alerts += [_service_level_alert(sub, conversation, due, now)
                               for sub in watchers(policy.team or "")
                               if _watches(sub, conversation)]
        changed = True
    if not conversation.breach_recorded and now > due:
        conversation.breach_recorded = True  # the document now says sla_met: false
        changed = True
    return changed


def sweep(threads: Threads, now: datetime, policy_for: PolicyFor, watchers: WatchersFor,
          retention: timedelta) -> Changes:
    """Close what has been quiet long enough, alert on what is about to miss its service
    level, and forget threads idle for longer than ``retention``. The threads in
    ``touched`` are changed in place but not stored again: the caller stores them once the
    documents and alerts are out, so that an alert that could not be sent is raised again."""
    changes = Changes()
    for key in list(threads):
        thread = threads[key]
        last = thread.last_activity_at()
        if last is None or last < now - retention:
            del threads[key]
            continue
        policy = policy_for(thread.conversations[-1].brand)  # one brand per thread
        changed = thread.close_quiet(policy.quiet, now)
        changed += [c for c in thread.conversations if c.closed_at is None
                    and _at_risk(c, policy, now, watchers, changes)]
        for conversation in changed:
            changes.conversations[conversation.id] = (conversation, policy)
        if changed:
            changes.touched.add(key)  # saved by the caller once the changes are written
    return changes
