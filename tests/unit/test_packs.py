"""Packs of small messages in one record (``pipeline.packs``), as the conversation messages
travel from the enrich role to the alerts role."""

from __future__ import annotations

import pytest

from conversations.ledger import apply_messages
from conversations.messages import ConversationMessage, threaded
from models.brands import parse_brands
from models.enrich import Enricher
from pipeline.packs import packs, unpacked
from pipeline.records import Record
from pipeline.sink import index_for
from schemas.mentions import RawMention
from tests.conftest import raw_mention_dict
from tests.unit.test_conversations import KPN_POLICY


def record(value: bytes | None, offset: int = 7) -> Record:
    return Record("conversations.messages", 2, offset, None, value)


def test_packs_keep_order_and_stay_under_the_size() -> None:
    values = [b'{"n":%d}' % i for i in range(100)]
    made = list(packs(values, max_bytes=60))
    assert len(made) > 1
    assert all(len(pack) <= 60 for pack in made)
    assert [r.value for r in unpacked(record(pack) for pack in made)] == values


def test_a_message_larger_than_a_pack_travels_alone() -> None:
    big = b'{"text":"' + b"x" * 200 + b'"}'
    made = list(packs([b"{}", big, b"{}"], max_bytes=50))
    assert made == [b"{}", big, b"{}"]


def test_a_message_with_a_newline_cannot_be_packed() -> None:
    with pytest.raises(ValueError, match="newline"):
        list(packs([b"{}", b'{"a":\n1}']))


def test_a_record_from_before_packing_and_a_tombstone_stay_one_record_each() -> None:
    single, tombstone = record(b'{"a":1}', offset=3), record(None, offset=4)
    assert unpacked([single, tombstone]) == [single, tombstone]


def test_every_message_of_a_pack_keeps_the_pack_s_place_in_the_log() -> None:
    messages = unpacked([record(b"{}\n{oops\n{}", offset=11)])
    assert [m.value for m in messages] == [b"{}", b"{oops", b"{}"]
    assert {(m.topic, m.partition, m.offset) for m in messages} == {
        ("conversations.messages", 2, 11)}


def test_conversation_messages_survive_a_pack_with_newlines_in_their_text() -> None:
    """JSON escapes the newlines of a text, so a message is always one line."""
    enricher = Enricher(parse_brands([{"id": "kpn", "name": "KPN", "handles": ["KPNwebcare"],
                                       "keywords": ["KPN"]}]))
    messages = []
    for text, author in (("@KPNwebcare mijn internet\nligt eruit.\r\nWanneer is het opgelost?",
                          "sanne88"), ("@KPNwebcare hallo?\n\n", "piet")):
        mention = enricher.enrich(RawMention.model_validate(raw_mention_dict(
            text=text, author={"handle": author})))
        messages += threaded(mention, index_for("mentions", mention))[1]
    [pack] = packs(m.to_json() for m in messages)
    read = [ConversationMessage.from_json(r.value or b"") for r in unpacked([record(pack)])]
    assert read == messages
    changes = apply_messages({}, read, lambda _brand: KPN_POLICY)
    assert len(changes.conversations) == 2
