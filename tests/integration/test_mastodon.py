"""Mastodon: a local server speaking the REST timeline and the SSE streaming API; statuses
about the brands reach the real Kafka topic; a restart back-fills from the last status."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import orjson
import pytest
from kafka import KafkaProducer

from agents.sources.bluesky import BrandFilter
from agents.sources.mastodon import MastodonStream
from core.settings import Settings
from core.topics import TopicNames
from deploy.local.process import free_port
from models.brands import parse_brands
from schemas.mentions import SOURCE_EVENTS, MentionDeletion, RawMention
from tests.integration.conftest import consume_all, wait_for

pytestmark = pytest.mark.integration


def status(n: int, text: str) -> dict[str, Any]:
    return {"id": str(100 + n), "uri": f"https://social.example/users/anna/statuses/{100 + n}",
            "url": f"https://social.example/@anna/{100 + n}",
            "created_at": "2026-11-20T10:00:00.000Z", "content": f"<p>{text}</p>",
            "language": "nl", "in_reply_to_id": None,
            "account": {"acct": "anna@social.example", "display_name": "Anna"}, "mentions": []}


class Mastodon:
    def __init__(self) -> None:
        self.streamed: list[dict[str, Any]] = []
        self.timeline: list[dict[str, Any]] = []
        self.since_ids: list[str | None] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                url = urlparse(self.path)
                query = parse_qs(url.query)
                if url.path == "/api/v1/timelines/tag/kpn":
                    since = query.get("since_id", [None])[0]
                    server.since_ids.append(since)
                    body = orjson.dumps([s for s in server.timeline
                                         if since is None or int(s["id"]) > int(since)])
                    self.send_response(200)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                if url.path == "/api/v1/streaming/hashtag" and query.get("tag") == ["kpn"]:
                    self.send_response(200)
                    self.send_header("content-type", "text/event-stream")
                    self.end_headers()
                    self.wfile.write(b":thump\n\n")
                    for item in server.streamed:
                        self.wfile.write(b"event: update\ndata: " + orjson.dumps(item) + b"\n\n")
                    self.wfile.write(b"event: delete\ndata: 999\n\n")
                    self.wfile.flush()
                    time.sleep(0.5)
                    self.close_connection = True
                    return
                self.send_response(404)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        self.port = free_port()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


def test_mastodon_stream_publishes_brand_statuses_and_backfills_after_restart(
    settings: Settings, topics: TopicNames, producer: KafkaProducer, tmp_path: Path,
) -> None:
    server = Mastodon()
    wanted = BrandFilter(parse_brands([{"id": "kpn", "name": "KPN", "keywords": ["KPN"],
                                        "hashtags": ["kpn"]}]))

    def publish(mentions: Sequence[RawMention | MentionDeletion]) -> None:
        for m in mentions:
            producer.send(topics.raw, key=m.key.encode(), value=m.model_dump_json().encode())
        producer.flush()

    def run(seen: int) -> MastodonStream:
        """Run the stream until it has dealt with ``seen`` statuses (a bounded wait)."""
        stream = MastodonStream(f"http://127.0.0.1:{server.port}", "tag:kpn", wanted, publish,
                                tmp_path / "mastodon.json")
        stop = threading.Event()
        thread = threading.Thread(target=stream.run, args=(stop,), daemon=True)
        thread.start()
        wait_for(lambda: stream.counters["published"] + stream.counters["filtered_out"]
                 >= seen, 30, f"{seen} statuses read")
        stop.set()
        thread.join(10)
        return stream

    server.streamed = [status(1, "Storing bij KPN in Utrecht"), status(2, "Lekker weer")]
    first = run(seen=2)
    assert first.counters["published"] == 1 and first.counters["filtered_out"] == 1
    assert server.since_ids == []  # a first start follows from now, no back-fill

    # While we were away, two statuses were posted.
    server.timeline = [status(1, "Storing bij KPN in Utrecht"), status(2, "Lekker weer"),
                       status(3, "KPN heeft de storing opgelost"),
                       status(4, "#kpn klantenservice top")]
    server.streamed = []
    second = run(seen=2)
    assert server.since_ids[0] == "102"  # resumed after the last status seen
    assert second.counters["published"] == 2

    found = [SOURCE_EVENTS.validate_json(r.value) for r in consume_all(
        settings.resolved_kafka(), topics.raw, expect=5)]
    ids = sorted(e.extras["status_id"] for e in found if isinstance(e, RawMention))
    assert ids == ["101", "103", "104"]
    # The stream's delete event names the server's status id; the worker finds it by that.
    assert {(e.id, e.by) for e in found if isinstance(e, MentionDeletion)} == {
        ("999", "status_id")}
