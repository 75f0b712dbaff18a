"""One fetched feed (RSS 0.9x/1.0/2.0, Atom, JSON Feed 1.0/1.1) to raw mentions. Pure: the body,
its HTTP headers and the address it came from in, a ``Mapped`` out.

- Links are resolved against ``xml:base`` (by feedparser) and then against the feed's own
  address; JSON Feed links against ``home_page_url``.
- The charset of the HTTP ``Content-Type`` is honoured (it overrides the XML declaration, as
  the XML media type rules say); a feed that declares no encoding and is not UTF-8 is decoded
  by a detector (charset-normalizer).
- Items are kept apart when they share a guid: such items' ids add their link, and items alike
  in that too get a hash of their content. (A guid reused by a later fetch for another item
  stays the same mention: nothing in the feed tells the two apart.)
- An item without a date gets the fetch time, and its extras say so (``time_source``).
"""

from __future__ import annotations

import calendar
import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin
from xml.sax import SAXException

import charset_normalizer
import feedparser
import orjson

from agents.sources.html_text import html_to_text
from agents.sources.mapped import Mapped, text_of

MAX_ID = 200
JSON_TYPES = ("application/feed+json", "application/json")


@dataclass(frozen=True)
class Item:
    guid: str | None
    link: str | None
    title: str
    body: str
    author: str | None
    published: datetime | None


class NotAFeed(ValueError):
    """A body that is neither an XML feed nor a JSON Feed this module can read."""


def _short(value: str, feed_url: str) -> str:
    return value if 0 < len(value) <= MAX_ID else hashlib.sha1(
        f"{feed_url}{value}".encode()).hexdigest()


def _item_ids(items: list[Item], feed_url: str) -> list[str]:
    """The item's guid (else its link, else its title): the id every reader of the feed
    knows it by. Items of one fetch that share it are told apart by their link, and where the
    link is shared too, by a hash of their content."""
    plain = [_short(i.guid or i.link or i.title or i.body[:200], feed_url) for i in items]
    counts = Counter(plain)
    ids = []
    for item, value in zip(items, plain, strict=True):
        if counts[value] > 1 and item.link and item.link != value:
            value = _short(f"{value}|{hashlib.sha1(item.link.encode()).hexdigest()[:12]}",
                           feed_url)
        ids.append(value)
    seen: set[str] = set()
    for position, value in enumerate(ids):
        if value in seen:  # a later item alike in guid and link too
            item = items[position]
            digest = hashlib.sha1(f"{item.title}\n{item.body}".encode()).hexdigest()[:12]
            ids[position] = f"{value[:MAX_ID - 13]}#{digest}"
        seen.add(value)
    return ids


def _undeclared_encoding(content: bytes, content_type: str) -> bool:
    """Neither the HTTP header nor the XML declaration names the encoding."""
    head = content[:200].lower()
    return "charset=" not in content_type.lower() and not (
        head.startswith(b"<?xml") and b"encoding=" in head.split(b"?>")[0])


def _as_declared(content: bytes, content_type: str) -> tuple[bytes, str]:
    """A feed whose encoding nobody declared and that is not UTF-8 (a Russian or Hebrew blog
    in KOI8-R or windows-1255, say) is decoded by a detector and handed on as UTF-8."""
    if not _undeclared_encoding(content, content_type):
        return content, content_type
    try:
        content.decode("utf-8")
        return content, content_type
    except UnicodeDecodeError:
        guess = charset_normalizer.from_bytes(content).best()
    if guess is None:
        return content, content_type
    return str(guess).encode("utf-8"), "application/xml; charset=utf-8"


def _xml_items(content: bytes, url: str, headers: Mapping[str, str]) -> tuple[str, list[Item]]:
    content, content_type = _as_declared(content, headers.get("content-type", ""))
    # Not told the document's address: feedparser would then also "resolve" guids such as
    # "n1" into URLs, changing the ids every reader of the feed knows. Links are resolved
    # against it below, after feedparser applied any xml:base.
    parsed = feedparser.parse(content, response_headers={"content-type": content_type})
    # feedparser reads broken XML leniently; half-parsed items are not worth publishing
    # (other "bozo" reasons, such as a wrong declared encoding, are harmless).
    if parsed.bozo and (isinstance(parsed.get("bozo_exception"), SAXException)
                        or not parsed.entries):
        raise NotAFeed(f"not a feed we can read: {parsed.get('bozo_exception')}")
    items = []
    for entry in parsed.entries:
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        contents = entry.get("content") or []
        body = entry.get("summary") or (contents[0].get("value") if contents else "")
        items.append(Item(
            guid=entry.get("id") or None,
            link=urljoin(url, entry["link"]) if entry.get("link") else None,
            title=html_to_text(entry.get("title", "")), body=html_to_text(body or ""),
            author=entry.get("author") or None,
            published=datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None))
    return str(parsed.feed.get("title") or ""), items


def _json_date(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _json_items(content: bytes, url: str) -> tuple[str, list[Item]]:
    try:
        feed = orjson.loads(content)
    except orjson.JSONDecodeError as exc:
        raise NotAFeed(f"not JSON: {exc}") from None
    if not (isinstance(feed, dict) and str(feed.get("version", "")).startswith(
            "https://jsonfeed.org/version/") and isinstance(feed.get("items"), list)):
        raise NotAFeed("JSON, but not a JSON Feed (no jsonfeed.org version or no items)")
    base = str(feed.get("home_page_url") or feed.get("feed_url") or url)
    feed_author = (feed.get("authors") or [feed.get("author") or {}])[0].get("name")
    items = []
    for entry in feed["items"]:
        if not isinstance(entry, dict):
            continue
        authors = entry.get("authors") or ([entry["author"]] if entry.get("author") else [])
        link = entry.get("url") or entry.get("external_url")
        items.append(Item(
            guid=str(entry["id"]) if entry.get("id") is not None else None,
            link=urljoin(base, str(link)) if link else None,
            title=html_to_text(str(entry.get("title") or "")),
            body=text_of(entry.get("content_text")) or html_to_text(
                str(entry.get("content_html") or entry.get("summary") or "")),
            author=(authors[0].get("name") if authors else None) or feed_author,
            published=_json_date(entry.get("date_published") or entry.get("date_modified"))))
    return str(feed.get("title") or ""), items


def is_json(content: bytes, headers: Mapping[str, str]) -> bool:
    kind = headers.get("content-type", "").split(";")[0].strip().lower()
    return kind in JSON_TYPES or content.lstrip()[:1] == b"{"


def feed_mentions(content: bytes, url: str, headers: Mapping[str, str], source: str,
                  name: str | None, fetched_at: datetime) -> Mapped:
    """Every item of one fetched feed as a raw mention. Raises ``NotAFeed``."""
    title, items = (_json_items(content, url) if is_json(content, headers)
                    else _xml_items(content, url, headers))
    site = title or name or url
    found = Mapped()
    for item, mention_id in zip(items, _item_ids(items, url), strict=True):
        text = item.title if item.body in ("", item.title) else text_of(
            item.title, item.body, separator=". ") if item.title else item.body
        extras: dict[str, Any] = {"feed": url}
        if item.published is None:
            extras["time_source"] = "fetched"
        found.add({"id": mention_id, "source": source, "text": text,
                   "created_at": (item.published or fetched_at).isoformat(),
                   "url": item.link, "author": {"handle": item.author or site, "name": site},
                   "extras": extras})
    return found
