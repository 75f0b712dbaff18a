"""Mastodon: the streaming API (Server-Sent Events) for a hashtag or the public timeline, with
the REST timeline as back-fill, so a restart catches up from the last status it published.

Statuses are filtered early by the brands' terms. The last published status id is saved only
after Kafka acknowledged it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
from pydantic import ValidationError

from agents.resume import ResumeFile
from agents.sources.feeds import plain_text
from core.retry import keep_connected
from schemas.mentions import RawMention

log = logging.getLogger("webcare.mastodon")


def status_mention(status: dict[str, Any]) -> RawMention:
    account = status["account"]
    data: dict[str, Any] = {
        "id": status["uri"], "source": "mastodon", "text": plain_text(status["content"]),
        "created_at": status["created_at"],
        "author": {"handle": account["acct"], "name": account.get("display_name") or None},
        "url": status.get("url"),
        "extras": {"status_id": status["id"], "language": status.get("language")},
    }
    if status.get("in_reply_to_id"):
        replied = next((m["acct"] for m in status.get("mentions", [])
                        if m.get("id") == status.get("in_reply_to_account_id")), None)
        data["in_reply_to"] = {"id": status["in_reply_to_id"], "author_handle": replied}
    return RawMention.model_validate(data)


def sse_events(lines: Iterator[str]) -> Iterator[tuple[str, str]]:
    """(event, data) pairs from a Server-Sent Events stream."""
    event, data = "message", list[str]()
    for line in lines:
        if not line:
            if data:
                yield event, "\n".join(data)
            event, data = "message", []
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].lstrip())


class MastodonStream:
    """One timeline: ``tag:<name>`` or ``public``."""

    def __init__(self, base_url: str, timeline: str, wanted: Callable[[RawMention], bool],
                 publish: Callable[[list[RawMention]], None], state_file: Path,
                 token: str | None = None, client: httpx.Client | None = None) -> None:
        self.base, self.timeline = base_url.rstrip("/"), timeline
        self.wanted, self.publish, self.state_file = wanted, publish, state_file
        headers = {"authorization": f"Bearer {token}"} if token else {}
        self.client = client or httpx.Client(headers=headers, timeout=httpx.Timeout(
            10.0, read=90.0))
        self.counters: Counter[str] = Counter()
        self.newest: float | None = None  # created_at of the newest published status

    def lag_s(self) -> float | None:
        return time.time() - self.newest if self.newest else None

    @property
    def _paths(self) -> tuple[str, str, dict[str, str]]:
        if self.timeline.startswith("tag:"):
            tag = self.timeline[4:]
            return f"/api/v1/timelines/tag/{tag}", "/api/v1/streaming/hashtag", {"tag": tag}
        return "/api/v1/timelines/public", "/api/v1/streaming/public", {}

    def last_id(self) -> str | None:
        value = ResumeFile(self.state_file).load().get("last_id")
        return str(value) if value is not None else None

    def _save(self, status_id: str) -> None:
        ResumeFile(self.state_file).save({"last_id": status_id})

    def take(self, statuses: list[dict[str, Any]]) -> None:
        """Publish the wanted ones (oldest first), then remember the newest id."""
        keep = []
        for status in sorted(statuses, key=lambda s: int(s["id"])):
            try:
                mention = status_mention(status)
            except (KeyError, TypeError, ValidationError) as exc:
                self.counters["malformed"] += 1
                log.warning("skipped a malformed status: %s", exc)
                continue
            if self.wanted(mention):
                keep.append(mention)
            else:
                self.counters["filtered_out"] += 1
        if keep:
            self.publish(keep)
            self.counters["published"] += len(keep)
            self.newest = max(m.created_at.timestamp() for m in keep)
        if statuses:
            self._save(max((str(s["id"]) for s in statuses if "id" in s), key=int))

    def backfill(self) -> None:
        since = self.last_id()
        if since is None:
            return  # first start: follow from now on
        timeline, _, params = self._paths
        response = self.client.get(self.base + timeline,
                                   params={**params, "since_id": since, "limit": "40"})
        response.raise_for_status()
        self.take(response.json())

    def follow(self, stop: threading.Event) -> None:
        _, stream, params = self._paths
        with self.client.stream("GET", self.base + stream, params=params) as response:
            response.raise_for_status()
            for event, data in sse_events(response.iter_lines()):
                if stop.is_set():
                    return
                if event != "update":
                    continue
                try:
                    self.take([orjson.loads(data)])
                except orjson.JSONDecodeError:
                    self.counters["malformed"] += 1
                    log.warning("skipped a malformed streaming event")

    def session(self, stop: threading.Event) -> None:
        """Catch up over REST, then follow the stream until it ends or ``stop`` is set."""
        self.backfill()
        self.follow(stop)

    def run(self, stop: threading.Event, max_backoff_s: float = 60.0) -> None:
        keep_connected(lambda: self.session(stop), stop=stop,
                       retry_on=(httpx.HTTPError, ValueError), log=log,
                       what=f"Mastodon {self.timeline} at {self.base}", max_wait_s=max_backoff_s)
