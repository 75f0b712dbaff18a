"""Meta webhook payloads (Facebook page comments, Messenger, Instagram comments, WhatsApp
Business Cloud API) mapped to raw mentions. Pure: a parsed payload in, mentions out.

Messenger and WhatsApp messages are private, with ``recipient`` set to the brand's account:
``accounts`` maps Meta's page ids and phone-number ids to the brand handles used in the
brands file, so a DM to the page is recognised as addressed to the brand.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from schemas.mentions import RawMention


def _time(value: Any) -> str:
    """Meta sends unix seconds, unix milliseconds or ISO strings depending on the product."""
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.isdigit()):
        seconds = float(value)
        if seconds > 1e12:
            seconds /= 1000
        return datetime.fromtimestamp(seconds, UTC).isoformat()
    if isinstance(value, str) and value:
        return value
    return datetime.now(UTC).isoformat()


def _account(accounts: Mapping[str, str], meta_id: str | None) -> str | None:
    return accounts.get(meta_id, meta_id) if meta_id else None


def _messenger(entry: dict[str, Any], accounts: Mapping[str, str]) -> Iterator[dict[str, Any]]:
    for event in entry.get("messaging", []):
        message = event.get("message") or {}
        if not message.get("text") or message.get("is_echo"):
            continue  # attachments only, or the page's own message echoed back
        yield {
            "id": message["mid"], "source": "messenger", "text": message["text"],
            "created_at": _time(event.get("timestamp")),
            "author": {"handle": event["sender"]["id"]}, "private": True,
            "recipient": _account(accounts, event.get("recipient", {}).get("id")),
        }


def _page_changes(entry: dict[str, Any], accounts: Mapping[str, str]
                  ) -> Iterator[dict[str, Any]]:
    page = _account(accounts, entry.get("id"))
    for change in entry.get("changes", []):
        value = change.get("value") or {}
        if change.get("field") != "feed" or value.get("item") != "comment":
            continue
        if value.get("verb") not in (None, "add", "edited") or not value.get("message"):
            continue
        sender = value.get("from") or {}
        parent = value.get("parent_id") or value.get("post_id")
        yield {
            "id": value["comment_id"], "source": "facebook", "text": value["message"],
            "created_at": _time(value.get("created_time")),
            "author": {"handle": sender.get("id", "unknown"), "name": sender.get("name")},
            # A comment on the page's post or comment thread replies to the page.
            "in_reply_to": {"author_handle": page, "id": parent} if parent else None,
            "extras": {"post_id": value.get("post_id")},
        }


def _instagram(entry: dict[str, Any], accounts: Mapping[str, str]) -> Iterator[dict[str, Any]]:
    account = _account(accounts, entry.get("id"))
    for change in entry.get("changes", []):
        value = change.get("value") or {}
        if change.get("field") != "comments" or not value.get("text"):
            continue
        sender = value.get("from") or {}
        yield {
            "id": value["id"], "source": "instagram", "text": value["text"],
            "created_at": _time(entry.get("time")),
            "author": {"handle": sender.get("username") or sender.get("id", "unknown")},
            "in_reply_to": {"author_handle": account, "id": (value.get("media") or {}).get("id")},
        }


def _whatsapp(entry: dict[str, Any], accounts: Mapping[str, str]) -> Iterator[dict[str, Any]]:
    for change in entry.get("changes", []):
        value = change.get("value") or {}
        if change.get("field") != "messages":
            continue
        metadata = value.get("metadata") or {}
        business = _account(accounts, metadata.get("phone_number_id")) or metadata.get(
            "display_phone_number")
        names = {c.get("wa_id"): (c.get("profile") or {}).get("name")
                 for c in value.get("contacts", [])}
        for message in value.get("messages", []):
            if message.get("type") != "text":
                continue
            yield {
                "id": message["id"], "source": "whatsapp", "text": message["text"]["body"],
                "created_at": _time(message.get("timestamp")),
                "author": {"handle": message["from"], "name": names.get(message["from"])},
                "private": True, "recipient": business,
            }


_BY_OBJECT = {"page": (_messenger, _page_changes), "instagram": (_instagram,),
              "whatsapp_business_account": (_whatsapp,)}


def meta_mentions(payload: Mapping[str, Any], accounts: Mapping[str, str] | None = None
                  ) -> list[RawMention]:
    """Every text mention in a Meta webhook payload. Raises KeyError/TypeError/ValueError
    (pydantic) on a payload that does not have Meta's shape."""
    accounts = accounts or {}
    readers = _BY_OBJECT.get(str(payload.get("object")))
    if readers is None:
        raise ValueError(f"unsupported Meta object {payload.get('object')!r}")
    found = []
    for entry in payload.get("entry", []):
        for read in readers:
            for data in read(entry, accounts):
                found.append(RawMention.model_validate(
                    {k: v for k, v in data.items() if v is not None}))
    return found
