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
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import orjson
from pydantic import ValidationError

from agents.resume import ResumeFile
from agents.sources.html_text import html_to_text
from agents.sources.mapped import text_of
from core.retry import keep_connected
from schemas.mentions import MentionDeletion, RawMention

log = logging.getLogger("webcare.mastodon")


def _status_text(status: dict[str, Any]) -> str:
    """What a reader sees: the content warning, then the text, the poll's options, and the
    descriptions of media (a post of only a photo still says something), else the link
    card's title."""
    parts = [status.get("spoiler_text"), html_to_text(status.get("content") or "")]
    poll = status.get("poll") or {}
    parts += [f"• {option.get('title')}" for option in poll.get("options") or []]
    text = text_of(*parts)
    if not text:
        text = text_of(*(m.get("description") for m in status.get("media_attachments") or []),
                       (status.get("card") or {}).get("title"))
    return text


def _addressee(status: dict[str, Any]) -> str | None:
    mentions = status.get("mentions") or []
    return str(mentions[0].get("acct")) if mentions else None


def status_mention(status: dict[str, Any]) -> RawMention:
    """A status as a raw mention. A boost is the boosted status (its own id, so a status seen
    before stays one document), with the booster in the extras; a direct status is private,
    addressed to the first account it mentions; an edited status carries its edit time. Ids
    are strings of any shape (Mastodon's numbers, GoToSocial's ULIDs, Akkoma's flake ids)."""
    booster = None
    if isinstance(status.get("reblog"), dict):
        booster, status = status, status["reblog"]
    account = status["account"]
    private = status.get("visibility") == "direct"
    extras: dict[str, Any] = {"status_id": str(status["id"]), "language": status.get("language"),
                              "visibility": status.get("visibility")}
    media = [{k: m.get(k) for k in ("type", "url", "description") if m.get(k)}
             for m in status.get("media_attachments") or []]
    if media:
        extras["attachments"] = media
    if status.get("spoiler_text"):
        extras["content_warning"] = status["spoiler_text"]
    if booster is not None:
        extras["boosted_by"] = booster["account"]["acct"]
        extras["boost_id"] = str(booster["id"])
    data: dict[str, Any] = {
        "id": status["uri"], "source": "mastodon", "text": _status_text(status),
        "created_at": status["created_at"], "edited_at": status.get("edited_at"),
        "author": {"handle": account["acct"], "name": account.get("display_name") or None},
        "url": status.get("url") or status["uri"], "private": private,
        "recipient": _addressee(status) if private else None,
        "extras": {k: v for k, v in extras.items() if v is not None},
    }
    if status.get("in_reply_to_id"):
        replied = next((m["acct"] for m in status.get("mentions", [])
                        if m.get("id") == status.get("in_reply_to_account_id")), None)
        data["in_reply_to"] = {"id": str(status["in_reply_to_id"]), "author_handle": replied}
    return RawMention.model_validate({k: v for k, v in data.items() if v is not None})


def status_deletion(status_id: str) -> MentionDeletion:
    """A streaming ``delete`` event carries only the server's status id, kept in every
    mention's extras."""
    return MentionDeletion(source="mastodon", id=status_id.strip().strip('"'), by="status_id",
                           deleted_at=datetime.now(UTC))


def _order(status: dict[str, Any]) -> tuple[str, int, str]:
    """Oldest first, whatever the ids look like: by time, then by id (numeric or not)."""
    status_id = str(status.get("id", ""))
    return (str(status.get("created_at", "")), len(status_id), status_id)


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
                 publish: Callable[[Sequence[RawMention | MentionDeletion]], None],
                 state_file: Path,
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
        keep: list[RawMention] = []
        ordered = sorted(statuses, key=_order)
        for status in ordered:
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
        if ordered and "id" in ordered[-1]:
            self._save(str(ordered[-1]["id"]))

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
                if event == "delete":
                    self.publish([status_deletion(data)])
                    self.counters["deleted"] += 1
                    continue
                if event not in ("update", "status.update"):
                    self.counters[f"skipped {event}"] += 1
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
