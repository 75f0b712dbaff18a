from __future__ import annotations

import pytest

from agents.sources.meta import meta_mentions
from tests.fixtures.meta_payloads import (
    ACCOUNTS,
    INSTAGRAM_COMMENT,
    MESSENGER,
    PAGE_COMMENT,
    WHATSAPP,
)


def test_messenger_messages_are_private_to_the_page_and_echoes_are_skipped() -> None:
    [dm] = meta_mentions(MESSENGER, ACCOUNTS)
    assert (dm.source, dm.id, dm.private, dm.recipient) == ("messenger", "m_abc", True, "bol")
    assert dm.author.handle == "psid-42" and dm.created_at.year == 2025


def test_page_comments_reply_to_the_page() -> None:
    [comment] = meta_mentions(PAGE_COMMENT, ACCOUNTS)
    assert comment.source == "facebook" and comment.author.name == "Piet Jansen"
    assert comment.in_reply_to is not None and comment.in_reply_to.author_handle == "bol"


def test_instagram_comments_and_whatsapp_texts() -> None:
    [ig] = meta_mentions(INSTAGRAM_COMMENT, ACCOUNTS)
    assert (ig.source, ig.author.handle) == ("instagram", "lisa")
    [wa] = meta_mentions(WHATSAPP, ACCOUNTS)
    assert (wa.source, wa.private, wa.recipient, wa.author.name) == (
        "whatsapp", True, "KPNwebcare", "Anna")


def test_unknown_objects_and_broken_shapes_raise() -> None:
    with pytest.raises(ValueError, match="unsupported Meta object"):
        meta_mentions({"object": "user", "entry": []})
    with pytest.raises(KeyError):
        meta_mentions({"object": "page", "entry": [{"messaging": [{"message": {"text": "x"}}]}]})
