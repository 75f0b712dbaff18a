"""Meta webhook payloads (Facebook pages, Messenger, Instagram, WhatsApp Business Cloud API)
mapped to raw mentions, deletions and counted non-mentions. Pure: a parsed payload in, a
``Mapped`` out.

``accounts`` maps Meta's page, Instagram account and phone-number ids to the brand handles of
the brands file, so a message to the page is recognised as addressed to the brand, and the
brand's own messages as the brand's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from agents.sources.mapped import Mapped
from agents.sources.meta.changes import instagram_changes, page_changes
from agents.sources.meta.messaging import messaging
from agents.sources.meta.whatsapp import whatsapp


def _accounts(accounts: Mapping[str, str] | None) -> dict[str, str]:
    return {str(k): v for k, v in (accounts or {}).items()}


def map_meta(payload: Mapping[str, Any], accounts: Mapping[str, str] | None = None) -> Mapped:
    """Everything in one webhook payload. A payload that is not Meta's shape at all raises
    ValueError; a kind inside it that is not known is counted in ``unknown``."""
    if not isinstance(payload, Mapping) or not isinstance(payload.get("entry", []), list):
        raise ValueError("not a Meta webhook payload (no entry list)")
    known = _accounts(accounts)
    found = Mapped()
    kind = str(payload.get("object"))
    for entry in payload.get("entry", []):
        if not isinstance(entry, Mapping):
            raise ValueError("not a Meta webhook payload (an entry is not an object)")
        if kind == "page":
            messaging(entry, known, found, "messenger")
            page_changes(entry, known, found)
        elif kind == "instagram":
            messaging(entry, known, found, "instagram")
            instagram_changes(entry, known, found)
        elif kind == "whatsapp_business_account":
            whatsapp(entry, known, found)
        else:
            found.unknown_kind(f"meta object {kind}", entry)
    return found
