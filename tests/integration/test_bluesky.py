"""Bluesky: a local WebSocket server speaking Jetstream's JSON; posts about the brands reach
the real Kafka topic; a restart resumes from the saved cursor."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson
import pytest
import websockets
from kafka import KafkaProducer

from agents.bluesky_agent import follow_jetstream
from agents.sources.bluesky import BrandFilter, Cursor, JetstreamReader
from core.settings import Settings
from core.topics import TopicNames
from deploy.local.process import free_port
from models.brands import parse_brands
from schemas.mentions import MentionDeletion, RawMention
from tests.integration.conftest import consume_all

pytestmark = pytest.mark.integration

BRANDS = parse_brands([{"id": "kpn", "name": "KPN", "keywords": ["KPN"], "hashtags": ["kpn"]}])


def post(n: int, text: str, did: str = "did:plc:alice") -> bytes:
    return orjson.dumps({
        "did": did, "time_us": 1_763_800_000_000_000 + n, "kind": "commit",
        "commit": {"rev": f"r{n}", "operation": "create", "collection": "app.bsky.feed.post",
                   "rkey": f"3k{n}", "cid": f"c{n}", "record": {
                       "$type": "app.bsky.feed.post", "text": text, "langs": ["nl"],
                       "createdAt": "2026-11-20T10:00:00.000Z"}}})


FIRST = [post(1, "Alweer een storing bij KPN"), post(2, "Mooi weer vandaag"),
         b"{not json", orjson.dumps({"did": "did:plc:bob", "time_us": 1_763_800_000_000_003,
                                     "kind": "identity", "identity": {"handle": "bob.bsky"}}),
         post(4, "Glasvezel #kpn eindelijk aangesloten")]
SECOND = [post(5, "KPN heeft het opgelost"), post(6, "Niets over merken")]


def test_jetstream_posts_about_brands_are_published_and_restarts_resume(
    settings: Settings, topics: TopicNames, producer: KafkaProducer, tmp_path: Path,
) -> None:
    requested: list[str] = []

    async def jetstream(socket: Any) -> None:
        requested.append(socket.request.path)
        events = FIRST if "cursor=" not in socket.request.path else SECOND
        for event in events:
            await socket.send(event.decode())
        await socket.wait_closed()  # stay connected until the client stops

    def publish(mentions: Sequence[RawMention | MentionDeletion]) -> None:
        for m in mentions:
            producer.send(topics.raw, key=m.key.encode(), value=m.model_dump_json().encode())
        producer.flush()

    cursor = Cursor(tmp_path / "cursor.json")

    async def run_once(reader: JetstreamReader) -> None:
        port = free_port()
        async with websockets.serve(jetstream, "127.0.0.1", port):
            stop = asyncio.Event()
            task = asyncio.create_task(
                follow_jetstream(f"ws://127.0.0.1:{port}/subscribe", reader, stop))
            await asyncio.sleep(1.5)
            stop.set()
            await task

    first = JetstreamReader(BrandFilter(BRANDS), publish, cursor)
    asyncio.run(run_once(first))
    assert first.counters["published"] == 2 and first.counters["malformed"] == 1
    assert first.counters["filtered_out"] == 1
    assert cursor.load() == 1_763_800_000_000_004

    second = JetstreamReader(BrandFilter(BRANDS), publish, cursor)
    asyncio.run(run_once(second))
    assert "cursor=1763800000000004" in requested[-1]
    assert second.counters["published"] == 1

    found = consume_all(settings.resolved_kafka(), topics.raw, expect=3)
    assert sorted(r.key for r in found) == [b"bluesky:did:plc:alice/3k1",
                                            b"bluesky:did:plc:alice/3k4",
                                            b"bluesky:did:plc:alice/3k5"]
