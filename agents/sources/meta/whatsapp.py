"""WhatsApp Business Cloud API (``whatsapp_business_account``, field ``messages``).

Every message a customer can send becomes a private mention to the business number: text,
captions of images, videos and documents, the title of a tapped button or list row, a shared
location, contacts or an order, a reply's context; media without a caption (a voice note, a
sticker) becomes a mention without text whose extras name the media, so the care team still
sees that the customer wrote. Edits replace the mention; revokes delete it. The business's own
messages sent from the WhatsApp Business app (``smb_message_echoes``) are mentions by the brand,
edited and revoked like the customer's.
Delivery statuses, reactions and system notices are counted, not mentions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from agents.sources.mapped import Mapped, text_of, unix_time

MEDIA = ("image", "video", "document", "audio", "sticker")
SKIPPED_TYPES = {"reaction": "reaction", "system": "system notice", "ephemeral": "ephemeral"}
SKIPPED_FIELDS = {"statuses": "delivery status", "errors": "error notice"}


def _content(message: Mapping[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """The text a person reads in a message of any kind, and what else to keep; None for a
    kind this mapping does not know."""
    kind = message.get("type")
    body = message.get(kind) if isinstance(kind, str) else None
    body = body if isinstance(body, dict) else {}
    if kind == "text":
        return text_of(body.get("body")), {}
    if kind in MEDIA:
        attachment = {"type": kind, **{k: body[k] for k in ("id", "mime_type", "filename",
                                                             "url", "voice", "animated")
                                       if k in body}}
        return text_of(body.get("caption")), {"attachments": [attachment]}
    if kind == "interactive":
        reply = body.get(body.get("type", "")) or {}
        return text_of(reply.get("title"), reply.get("description"), reply.get("body")), {
            "interactive": {"type": body.get("type"), "id": reply.get("id")}}
    if kind == "button":
        return text_of(body.get("text")), {"button": {"payload": body.get("payload")}}
    if kind == "location":
        place = text_of(body.get("name"), body.get("address"), separator=", ")
        where = {k: body[k] for k in ("latitude", "longitude", "url") if k in body}
        return place or f"{body.get('latitude')}, {body.get('longitude')}", {"location": where}
    if kind == "contacts":
        names = [(c.get("name") or {}).get("formatted_name") for c in message["contacts"]]
        return text_of(*names, separator=", "), {"contacts": len(message["contacts"])}
    if kind == "order":
        items = [f"{i.get('quantity')}x {i.get('product_retailer_id')}"
                 for i in body.get("product_items", [])]
        return text_of(body.get("text"), ", ".join(items)), {
            "order": {"catalog_id": body.get("catalog_id"), "items": len(items)}}
    if kind == "unsupported":  # a kind the Cloud API cannot show (polls, view-once media)
        errors = message.get("errors") or [{}]
        return "", {"unsupported": body.get("type") or errors[0].get("title")}
    return None


def _author(message: Mapping[str, Any], names: Mapping[str, str | None]) -> dict[str, Any]:
    """A phone number, or (users who chose a username) the business-scoped user id."""
    handle = str(message.get("from") or message.get("from_user_id") or "unknown")
    return {"handle": handle, "name": names.get(handle) or names.get(
        str(message.get("from_user_id")))}


def _message(found: Mapped, message: Mapping[str, Any], business: str | None,
             names: Mapping[str, str | None], echo: bool = False) -> None:
    """One message of a customer, or (``echo``) one the business sent from its app."""
    kind = str(message.get("type"))
    when = unix_time(message.get("timestamp"))
    if kind in SKIPPED_TYPES:
        found.skip(f"whatsapp {SKIPPED_TYPES[kind]}")
        return
    if kind == "revoke":
        found.delete("whatsapp", (message.get("revoke") or {}).get("original_message_id"), when)
        return
    edited = kind == "edit"
    inner = (message.get("edit") or {}).get("message", {}) if edited else message
    content = _content(inner)
    if content is None:
        found.unknown_kind(f"whatsapp message {inner.get('type')}", message)
        return
    text, extras = content
    context = message.get("context") or inner.get("context") or {}
    if context.get("forwarded") or context.get("frequently_forwarded"):
        extras["forwarded"] = True
    if message.get("referral"):
        extras["referral"] = {k: v for k, v in message["referral"].items()
                              if isinstance(v, str)}
    customer = str(message.get("to") or message.get("to_user_id") or "") if echo else None
    if echo:
        extras["echo"] = True
    found.add({
        "id": (message.get("edit") or {}).get("original_message_id") if edited else
        message.get("id"),
        "source": "whatsapp", "text": text, "created_at": when,
        "edited_at": when if edited else None,
        "author": {"handle": business or str(message.get("from"))} if echo else
        _author(message, names),
        "private": True, "recipient": customer if echo else business,
        "in_reply_to": {"id": context["id"], "author_handle": customer if echo else business}
        if context.get("id") else None,
        "extras": extras,
    })


def whatsapp(entry: Mapping[str, Any], accounts: Mapping[str, str], found: Mapped) -> None:
    for change in entry.get("changes", []):
        value = change.get("value") or {}
        if change.get("field") not in ("messages", "smb_message_echoes"):
            found.skip(f"whatsapp {change.get('field')}")
            continue
        metadata = value.get("metadata") or {}
        phone_id = metadata.get("phone_number_id")
        business = accounts.get(str(phone_id)) if phone_id else None
        business = business or metadata.get("display_phone_number")
        names: dict[str, str | None] = {}
        for contact in value.get("contacts", []):
            name = (contact.get("profile") or {}).get("name")
            for key in ("wa_id", "user_id"):
                if contact.get(key):
                    names[str(contact[key])] = name
        for message in value.get("messages", []):
            _message(found, message, business, names)
        for echo in value.get("message_echoes", []):
            _message(found, echo, business, names, echo=True)
        for name, kind in SKIPPED_FIELDS.items():
            for _ in value.get(name, []):
                found.skip(f"whatsapp {kind}")
