"""The feed poller against a local HTTP server serving real-shaped RSS and Atom (with ETag and
304), publishing to the real Kafka topic; restarts neither miss nor repeat items."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from kafka import KafkaProducer

from agents.sources.feeds import Feed, FeedPoller, FeedState
from core.settings import Settings
from core.topics import TopicNames
from deploy.local.process import free_port
from schemas.mentions import RawMention
from tests.integration.conftest import consume_all

pytestmark = pytest.mark.integration


def rss(items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title><link>https://news.example/{guid}</link>"
        f"<description>&lt;p&gt;Klanten van &lt;b&gt;KPN&lt;/b&gt; melden storingen.&lt;/p&gt;"
        f"</description><pubDate>Fri, 20 Nov 2026 10:00:00 +0100</pubDate></item>"
        for guid, title in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Nieuws</title>'
            f"<link>https://news.example/</link>{entries}</channel></rss>").encode()


ATOM = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        b"<title>Reviewblog</title><id>urn:blog</id><updated>2026-11-20T10:00:00Z</updated>"
        b"<entry><title>Review: IKEA keuken na een jaar</title><id>urn:blog:1</id>"
        b'<link href="https://blog.example/1"/><updated>2026-11-20T09:00:00Z</updated>'
        b"<author><name>Lisa</name></author><summary>Stevig, mooi, wel lang gewacht."
        b"</summary></entry></feed>")


class FeedServer:
    def __init__(self) -> None:
        self.documents: dict[str, bytes] = {}
        self.requests: list[dict[str, Any]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = server.documents.get(self.path)
                etag = f'"{hash(body)}"'
                server.requests.append({"path": self.path,
                                        "if_none_match": self.headers.get("if-none-match")})
                if body is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                if self.headers.get("if-none-match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("etag", etag)
                self.send_header("content-type", "application/xml")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: Any) -> None:
                pass

        self.port = free_port()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    yield server
    server.httpd.shutdown()


def test_feeds_publish_new_items_once_across_polls_and_restarts(
    feed_server: FeedServer, settings: Settings, topics: TopicNames, producer: KafkaProducer,
    tmp_path: Path,
) -> None:
    feed_server.documents["/news.rss"] = rss([("n1", "Storing bij KPN"), ("n2", "KPN reageert")])
    feed_server.documents["/blog.atom"] = ATOM
    feed_server.documents["/broken.rss"] = b"<rss><channel><item>not closed"
    feeds = [Feed(url=feed_server.url("/news.rss"), source="news"),
             Feed(url=feed_server.url("/blog.atom"), source="blog"),
             Feed(url=feed_server.url("/broken.rss"), source="news"),
             Feed(url=feed_server.url("/missing.rss"), source="news")]

    def publish(mentions: list[RawMention]) -> None:
        for m in mentions:
            producer.send(topics.raw, key=m.key.encode(), value=m.model_dump_json().encode())
        producer.flush()

    state_file = tmp_path / "feeds.json"
    poller = FeedPoller(feeds, FeedState(state_file), publish)
    assert sum(poller.poll(f) for f in feeds) == 3
    assert poller.counters["malformed"] == 1 and poller.counters["fetch_errors"] == 1
    # Unchanged feeds answer 304 to the conditional GET.
    assert poller.poll(feeds[0]) == 0 and poller.counters["not_modified"] == 1
    assert feed_server.requests[-1]["if_none_match"]

    # A restart with the same state, and the news feed gains one item.
    feed_server.documents["/news.rss"] = rss([("n3", "Storing opgelost"),
                                              ("n1", "Storing bij KPN"), ("n2", "KPN reageert")])
    restarted = FeedPoller(feeds, FeedState(state_file), publish)
    assert restarted.poll(feeds[0]) == 1 and restarted.poll(feeds[1]) == 0

    found = consume_all(settings.resolved_kafka(), topics.raw, expect=4)
    assert sorted(r.key for r in found) == [b"blog:urn:blog:1", b"news:n1", b"news:n2",
                                            b"news:n3"]
    news = RawMention.model_validate_json(next(r.value for r in found if r.key == b"news:n1"))
    assert news.text == "Storing bij KPN. Klanten van KPN melden storingen."
    assert news.url == "https://news.example/n1" and news.author.name == "Nieuws"
