"""RSS and Atom feeds (news sites, blogs, review sites, alert feeds) as raw mentions.

Polling is polite and resumable: conditional GET (ETag / Last-Modified), a per-feed interval,
and a state file that remembers what was published. The state is written only after Kafka
acknowledged the items, so a restart neither misses nor repeats them.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import logging
import re
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax import SAXException

import feedparser
import httpx
from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from agents.resume import ResumeFile
from schemas.mentions import RawMention

log = logging.getLogger("webcare.feeds")
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
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


def plain_text(fragment: str) -> str:
    return _SPACES.sub(" ", html.unescape(_TAGS.sub(" ", fragment))).strip()


def _when(entry: Any) -> str:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    return datetime.now(UTC).isoformat()


def entry_id(feed: Feed, entry: Any) -> str:
    """The entry's own id (guid / atom:id), else its link; long ones are hashed."""
    raw = str(entry.get("id") or entry.get("link") or entry.get("title") or "")
    return raw if 0 < len(raw) <= 200 else hashlib.sha1(f"{feed.url}{raw}".encode()).hexdigest()


def entry_mention(feed: Feed, parsed: Any, entry: Any) -> RawMention:
    title = plain_text(entry.get("title", ""))
    summary = plain_text(entry.get("summary", ""))
    text = f"{title}. {summary}" if title and summary and summary != title else title or summary
    site = parsed.feed.get("title") or feed.name or str(feed.url)
    return RawMention.model_validate({
        "id": entry_id(feed, entry), "source": feed.source, "text": text,
        "created_at": _when(entry), "url": entry.get("link"),
        "author": {"handle": entry.get("author") or site, "name": site},
        "extras": {"feed": str(feed.url)},
    })


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

    def _parse(self, url: str, content: bytes) -> Any:
        """The parsed feed, or None for one that is not a feed we can read."""
        parsed = feedparser.parse(content)
        # feedparser reads broken XML leniently; half-parsed items are not worth publishing.
        # (Other "bozo" reasons, such as a wrong declared encoding, are harmless.)
        if (parsed.bozo and isinstance(parsed.get("bozo_exception"), SAXException)) or (
                parsed.bozo and not parsed.entries):
            self.counters["malformed"] += 1
            log.warning("feed %s: not a feed we can read: %s", url, parsed.get("bozo_exception"))
            return None
        return parsed

    def _unseen(self, feed: Feed, parsed: Any, seen: set[str]) -> list[RawMention]:
        fresh = []
        for entry in parsed.entries:
            try:
                mention = entry_mention(feed, parsed, entry)
            except ValueError as exc:  # pydantic: an entry without usable text or id
                self.counters["bad_entries"] += 1
                log.warning("feed %s: skipped an entry: %s", feed.url, exc)
                continue
            if mention.id not in seen:
                fresh.append(mention)
        return fresh

    def poll(self, feed: Feed) -> int:
        """Fetch one feed; publish its new entries; return how many."""
        url = str(feed.url)
        memory = self.state.feed(url)
        response = self._fetch(url, memory)
        parsed = self._parse(url, response.content) if response is not None else None
        if response is None or parsed is None:
            return 0
        fresh = self._unseen(feed, parsed, set(memory["seen"]))
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
