"""Real-shaped payloads of every platform we ingest, gathered from public sources (their
sources and licenses in ``tests/fixtures/platforms/README.md``), each mapped by its agent's
mapping function and compared with what a person reading the payload expects
(``expected.yml`` beside them): the text, author, time, url, private/recipient, the reply
link, edits and deletions, and the kinds deliberately not turned into mentions."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from agents.sources.bluesky import map_event
from agents.sources.feed_items import feed_mentions
from agents.sources.mapped import Mapped
from agents.sources.mastodon import status_mention
from agents.sources.meta import map_meta

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "platforms"
# The brand accounts the payloads are addressed to, as an operator configures them.
META_ACCOUNTS = {"1001": "brand", "178414": "brand_ig", "106540352242922": "brand_wa"}
FEED_URL = "https://feeds.example.nl/feed"  # where the feeds are fetched from
FETCHED_AT = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def mapped(platform: str, path: Path) -> Mapped:
    if platform in ("whatsapp", "messenger", "instagram", "facebook"):
        return map_meta(json.loads(path.read_bytes()), META_ACCOUNTS)
    if platform == "mastodon":
        return Mapped(mentions=[status_mention(json.loads(path.read_bytes()))])
    if platform == "bluesky":
        return map_event(json.loads(path.read_bytes()), {})
    if platform == "feeds":
        headers = yaml.safe_load((path.parent / "http.yml").read_text()).get(path.name, {})
        return feed_mentions(path.read_bytes(), FEED_URL, headers, "news", "Feed",
                             FETCHED_AT)
    raise AssertionError(f"no mapping for {platform}")


def outcome_of(platform: str, path: str | Path) -> list[dict[str, Any]]:
    """What a payload maps to, in the form ``expected.yml`` states it."""
    found = mapped(platform, Path(path))
    outcome: list[dict[str, Any]] = []
    for m in found.mentions:
        outcome.append({"mention": {
            "id": m.id, "text": m.text, "author": m.author.handle,
            "author_name": m.author.name, "created_at": m.created_at.isoformat(),
            "url": m.url, "private": m.private, "recipient": m.recipient,
            "in_reply_to": m.in_reply_to.id if m.in_reply_to else None,
            "edited": m.edited_at is not None}})
    outcome += [{"delete": {"source": d.source, "id": d.id}} for d in found.deletions]
    outcome += [{"skip": kind} for kind in sorted(found.skipped)]
    outcome += [{"unknown": kind} for kind in sorted(found.unknown)]
    outcome += [{"invalid": problem} for problem in found.invalid]
    return outcome


def _cases() -> list[tuple[str, str]]:
    cases = []
    for expected in sorted(FIXTURES.glob("*/expected.yml")):
        for name in yaml.safe_load(expected.read_text()):
            cases.append((expected.parent.name, name))
    return cases


@pytest.mark.parametrize(("platform", "name"), _cases())
def test_payload_maps_as_a_reader_expects(platform: str, name: str) -> None:
    expected = yaml.safe_load((FIXTURES / platform / "expected.yml").read_text())[name]
    assert outcome_of(platform, FIXTURES / platform / name) == expected


def test_every_fixture_has_an_expectation_and_there_are_enough() -> None:
    payloads = {p.relative_to(FIXTURES).as_posix() for p in FIXTURES.glob("*/*")
                if p.name not in ("expected.yml", "README.md", "http.yml")}
    expected = {f"{platform}/{name}" for platform, name in _cases()}
    assert payloads == expected
    assert len(payloads) >= 120


def test_bluesky_handles_come_from_identity_events() -> None:
    handles: dict[str, str] = {}
    identity = json.loads((FIXTURES / "bluesky" / "jetstream-readme-identity.json").read_text())
    assert map_event(identity, handles).skipped == {"bluesky identity": 1}
    post = json.loads((FIXTURES / "bluesky" / "jetstream-readme-post-create.json").read_text())
    post["did"] = identity["did"]
    [mention] = map_event(post, handles).mentions
    assert mention.author.handle == "yohenrique.bsky.social"
    assert mention.extras["did"] == identity["did"]
    assert mention.url is not None and "yohenrique.bsky.social" in mention.url


def test_feed_items_sharing_a_guid_stay_apart_and_undated_ones_say_so() -> None:
    found = mapped("feeds", FIXTURES / "feeds" / "handmade-rss-shared-guids.xml")
    assert len({m.id for m in found.mentions}) == len(found.mentions) == 4
    undated = mapped("feeds", FIXTURES / "feeds" / "handmade-rss-windows-1252-relative-undated.xml")
    dated, fetched = undated.mentions
    assert "time_source" not in dated.extras and fetched.extras["time_source"] == "fetched"
    assert fetched.created_at == FETCHED_AT
    assert dated.url == "https://feeds.example.nl/topic/4711-storing-utrecht-amersfoort"
    assert "Café" in dated.text and "€ 12,50" in dated.text


def test_mastodon_html_keeps_handles_tags_and_links_whole() -> None:
    found = mapped("mastodon", FIXTURES / "mastodon" / "gotosocial-status-handle-tag-link.json")
    [mention] = found.mentions
    assert "@NS_online" in mention.text and "#nstrein" in mention.text
    assert "https://www.ns.nl/reisinformatie/storingen/utrecht-amersfoort" in mention.text
