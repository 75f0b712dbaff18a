"""The Meta mapping on the hand-made payloads shared with the receiver's tests (the many
public payloads are in ``test_platform_fixtures.py``)."""

from __future__ import annotations

import pytest

from agents.sources.meta import map_meta
from tests.fixtures.meta_payloads import (
    ACCOUNTS,
    INSTAGRAM_COMMENT,
    MESSENGER,
    PAGE_COMMENT,
    WHATSAPP,
)


def test_messenger_messages_echoes_and_attachments() -> None:
    dm, echo, image = map_meta(MESSENGER, ACCOUNTS).mentions
    assert (dm.source, dm.id, dm.private, dm.recipient) == ("messenger", "m_abc", True, "bol")
    assert dm.author.handle == "psid-42" and dm.created_at.year == 2025
    assert (echo.author.handle, echo.recipient, echo.extras["echo"]) == ("bol", "psid-42", True)
    assert image.text == "" and image.extras["attachments"] == [{"type": "image"}]


def test_page_comments_reply_to_the_page() -> None:
    [comment] = map_meta(PAGE_COMMENT, ACCOUNTS).mentions
    assert comment.source == "facebook" and comment.author.name == "Piet Jansen"
    assert comment.in_reply_to is not None and comment.in_reply_to.author_handle == "bol"


def test_instagram_comments_and_whatsapp_messages() -> None:
    [ig] = map_meta(INSTAGRAM_COMMENT, ACCOUNTS).mentions
    assert (ig.source, ig.author.handle) == ("instagram", "lisa")
    text, image = map_meta(WHATSAPP, ACCOUNTS).mentions
    assert (text.source, text.private, text.recipient, text.author.name) == (
        "whatsapp", True, "KPNwebcare", "Anna")
    assert image.extras["attachments"][0]["type"] == "image"


def test_unknown_objects_are_counted_and_broken_shapes_raise() -> None:
    found = map_meta({"object": "user", "entry": [{"id": "1"}]})
    assert found.empty and found.unknown == {"meta object user": 1}
    with pytest.raises(ValueError, match="not a Meta webhook payload"):
        map_meta({"object": "page", "entry": ["not an object"]})


def test_a_whatsapp_customer_known_only_by_username() -> None:
    payload = {"object": "whatsapp_business_account", "entry": [{"id": "w", "changes": [{
        "field": "messages", "value": {
            "metadata": {"display_phone_number": "3120", "phone_number_id": "pn-1"},
            "contacts": [{"profile": {"name": "Mila"}, "user_id": "NL.123"}],
            "messages": [{"from_user_id": "NL.123", "id": "wamid.u", "timestamp": "1763800003",
                          "type": "text", "text": {"body": "Hoi, mijn bestelling?"}}]}}]}]}
    [mention] = map_meta(payload, ACCOUNTS).mentions
    assert (mention.author.handle, mention.author.name) == ("NL.123", "Mila")
