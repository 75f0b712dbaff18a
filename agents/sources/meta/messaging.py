"""Messenger and Instagram direct messages (``entry.messaging`` and ``entry.standby``: the
same events when another app holds the thread).

A customer's message becomes a private mention to the brand's account: its text, or its
attachments (kept with their types and URLs) when it has none; a reply to an Instagram story or
a story that mentions the brand keeps the story's link. Echoes of the brand's own messages are
mentions by the brand. Edits replace the mention, an unsent Instagram message deletes it.
Deliveries, reads, reactions, opt-ins and handovers are counted, not mentions. Ids arrive as
strings or as JSON numbers: both are read as strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from agents.sources.mapped import Mapped, text_of, unix_time

SKIPPED = ("delivery", "read", "reaction", "optin", "account_linking", "pass_thread_control",
           "take_thread_control", "request_thread_control", "app_roles", "policy_enforcement",
           "game_play", "referral", "messaging_feedback", "response_feedback")


def _id(value: Any) -> str | None:
    return None if value is None else str(value)


def _attachments(message: Mapping[str, Any]) -> list[dict[str, Any]]:
    kept = []
    for attachment in message.get("attachments") or []:
        payload = attachment.get("payload") or {}
        kept.append({k: v for k, v in {
            "type": attachment.get("type"), "url": payload.get("url"),
            "title": attachment.get("title") or payload.get("title"),
            "sticker_id": _id(payload.get("sticker_id"))}.items() if v is not None})
    return kept


def _message_text(message: Mapping[str, Any], attachments: list[dict[str, Any]]) -> str:
    titles = [a["title"] for a in attachments if a.get("title")]
    quick = (message.get("quick_reply") or {}).get("payload")
    return text_of(message.get("text"), *titles) or (quick if isinstance(quick, str) else "")


def _event(found: Mapped, event: Mapping[str, Any], source: str,
           accounts: Mapping[str, str], standby: bool) -> None:
    sender = _id((event.get("sender") or {}).get("id")) or "unknown"
    recipient = _id((event.get("recipient") or {}).get("id"))
    when = unix_time(event.get("timestamp"))
    extras: dict[str, Any] = {"standby": True} if standby else {}
    if "message_edit" in event:
        edit = event["message_edit"]
        found.add({"id": _id(edit.get("mid")), "source": source, "text": edit.get("text", ""),
                   "created_at": when, "edited_at": when,
                   "author": {"handle": accounts.get(sender, sender)}, "private": True,
                   "recipient": accounts.get(recipient or "", recipient),
                   "extras": {**extras, "edits": edit.get("num_edit")}})
        return
    message = event.get("message")
    if message is None:
        postback = event.get("postback")
        if postback:  # a tapped button: its title is what the customer "said"
            found.add({"id": _id(postback.get("mid")) or f"postback:{sender}:{when}",
                       "source": source, "text": postback.get("title") or "",
                       "created_at": when, "author": {"handle": sender}, "private": True,
                       "recipient": accounts.get(recipient or "", recipient),
                       "extras": {**extras, "postback": postback.get("payload")}})
            return
        kind = next((k for k in SKIPPED if k in event), None)
        if kind:
            found.skip(f"{source} {kind}")
        else:
            fields = sorted(set(event) - {"sender", "recipient", "timestamp"})
            found.unknown_kind(f"{source} messaging {','.join(fields)}", event)
        return
    if message.get("is_deleted"):
        found.delete(source, message.get("mid"), when)
        return
    attachments = _attachments(message)
    if attachments:
        extras["attachments"] = attachments
    reply_to = message.get("reply_to") or {}
    if reply_to.get("story"):
        extras["story"] = {k: reply_to["story"].get(k) for k in ("id", "url")}
    echo = bool(message.get("is_echo"))
    author = accounts.get(sender, sender) if echo else sender
    if echo:
        extras["echo"] = True
    found.add({
        "id": _id(message.get("mid")), "source": source,
        "text": _message_text(message, attachments), "created_at": when,
        "author": {"handle": author}, "private": True,
        "recipient": accounts.get(recipient or "", recipient),
        "in_reply_to": {"id": _id(reply_to["mid"]),
                        "author_handle": accounts.get(recipient or "", recipient)}
        if reply_to.get("mid") else None,
        "extras": extras,
    })


def messaging(entry: Mapping[str, Any], accounts: Mapping[str, str], found: Mapped,
              source: str) -> None:
    for event in entry.get("messaging", []):
        _event(found, event, source, accounts, standby=False)
    for event in entry.get("standby", []):
        _event(found, event, source, accounts, standby=True)
