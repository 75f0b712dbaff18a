"""RSS, Atom and JSON feeds (news sites, blogs, review sites, alert feeds) as raw mentions
(the mapping of one fetched feed is ``feed_items.feed_mentions``).

Polling is polite and resumable: conditional GET (ETag / Last-Modified), a per-feed interval,
and a state file that remembers what was published. The state is written only after Kafka
acknowledged the items, so a restart neither misses nor repeats them.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from agents.resume import ResumeFile
from agents.sources.feed_items import NotAFeed, feed_mentions
from schemas.mentions import RawMention

log = logging.getLogger("webcare.feeds")
_REMEMBER = 5000  # item ids kept per feed: far more than any feed lists at once


class Feed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: HttpUrl
    source: str = Field("news", pattern=r"^[a-z0-9][a-z0-9_.-]{0,31}$",
                        description="news, blog, reviews, ...")
    interval_s: int = Field(300, ge=10, le=86_400)
    name: str | None = None


class FeedList(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    feeds: list[Feed] = Field(min_length=1)


class FeedState:
    """Per feed: ETag, Last-Modified and the ids already published (a JSON file)."""

    def __init__(self, path: Path) -> None:
        self.file = ResumeFile(path)
        self.data: dict[str, Any] = self.file.load()

    def feed(self, url: str) -> dict[str, Any]:
        memory: dict[str, Any] = self.data.setdefault(url, {"seen": []})
        return memory

    def save(self) -> None:
        self.file.save(self.data)


class FeedPoller:
    def __init__(self, feeds: list[Feed], state: FeedState,
                 publish: Callable[[list[RawMention]], None],
                 client: httpx.Client | None = None, max_bytes: int = 5 * 1024 * 1024) -> None:
        self.feeds, self.state, self.publish = feeds, state, publish
        self.client = client or httpx.Client(timeout=20, follow_redirects=True,
                                             headers={"user-agent": "webcare-feeds/1"})
        self.max_bytes = max_bytes
        self.counters: Counter[str] = Counter()
        self._due = {str(f.url): 0.0 for f in feeds}
        self.last_success: float | None = None  # monotonic time of the last good poll

    def _fetch(self, url: str, memory: dict[str, Any]) -> httpx.Response | None:
        """The feed's body when it changed since the last poll (conditional GET), else None."""
        headers = {}
        if memory.get("etag"):
            headers["if-none-match"] = memory["etag"]
        if memory.get("modified"):
            headers["if-modified-since"] = memory["modified"]
        try:
            response = self.client.get(url, headers=headers)
        except httpx.HTTPError as exc:
            self.counters["fetch_errors"] += 1
            log.warning("feed %s: %s: %s", url, type(exc).__name__, exc)
            return None
        if response.status_code == 304:
            self.counters["not_modified"] += 1
            self.last_success = time.monotonic()
            return None
        if response.status_code >= 400:
            self.counters["fetch_errors"] += 1
            log.warning("feed %s: HTTP %d", url, response.status_code)
            return None
        if len(response.content) > self.max_bytes:
            self.counters["oversized"] += 1
            log.warning("feed %s: %d bytes is over the %d limit", url, len(response.content),
                        self.max_bytes)
            return None
        return response

    def _mentions(self, feed: Feed, response: httpx.Response) -> list[RawMention] | None:
        """The feed's items as mentions, or None for a body that is not a feed we read."""
        try:
            found = feed_mentions(response.content, str(response.url), response.headers,
                                  feed.source, feed.name, datetime.now(UTC))
        except NotAFeed as exc:
            self.counters["malformed"] += 1
            log.warning("feed %s: %s", feed.url, exc)
            return None
        for problem in found.invalid:  # an item without usable text or id
            self.counters["bad_entries"] += 1
            log.warning("feed %s: skipped an entry: %s", feed.url, problem)
        return found.mentions

    def poll(self, feed: Feed) -> int:
        """Fetch one feed; publish its new entries; return how many."""
        url = str(feed.url)
        memory = self.state.feed(url)
        response = self._fetch(url, memory)
        mentions = self._mentions(feed, response) if response is not None else None
        if response is None or mentions is None:
            return 0
        seen = set(memory["seen"])
        fresh = [m for m in mentions if m.id not in seen]
        if fresh:
            self.publish(fresh)  # returns once Kafka acknowledged
            memory["seen"] = (memory["seen"] + [m.id for m in fresh])[-_REMEMBER:]
        memory["etag"] = response.headers.get("etag")
        memory["modified"] = response.headers.get("last-modified")
        self.state.save()
        self.counters["published"] += len(fresh)
        self.last_success = time.monotonic()
        return len(fresh)

    def run_due(self, now: float | None = None) -> int:
        now = time.monotonic() if now is None else now
        published = 0
        for feed in self.feeds:
            url = str(feed.url)
            if self._due[url] <= now:
                published += self.poll(feed)
                self._due[url] = now + feed.interval_s
        return published

    def seconds_to_next(self) -> float:
        return max(0.0, min(self._due.values()) - time.monotonic())
