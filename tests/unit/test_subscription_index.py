"""The subscription index: a mention meets the subscriptions filed under its brands, hashtags
and words, and one that meets none is turned away before its view is built."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from alerting import index as index_module
from alerting.index import SubscriptionIndex
from alerting.subscriptions import Subscription
from models.brands import parse_brands
from models.enrich import Enricher
from query.stream import mention_view
from schemas.mentions import EnrichedMention, RawMention
from tests.conftest import raw_mention_dict

ENRICHER = Enricher(parse_brands([
    {"id": "ikea", "name": "IKEA", "keywords": ["IKEA"], "hashtags": ["ikea"]},
    {"id": "kpn", "name": "KPN", "keywords": ["KPN"]}]))
NOW = datetime.now(UTC).isoformat()


def subscription(sub_id: str, **rule: Any) -> Subscription:
    return Subscription.model_validate({
        "id": sub_id, "team": "default", "name": sub_id, "created_at": NOW, "updated_at": NOW,
        "delivery": {"webhook": {"url": "http://127.0.0.1:9/",
                                 "secret": "not-used-in-these-tests"}},
        **rule})


def enriched(text: str) -> EnrichedMention:
    return ENRICHER.enrich(RawMention.model_validate(raw_mention_dict(text=text)))


@pytest.fixture
def views(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts whose view the index built."""
    built: list[str] = []
    def counted(mention: EnrichedMention, text_words: list[str] | None = None) -> Any:
        built.append(mention.text)
        return mention_view(mention, text_words)

    monkeypatch.setattr(index_module, "mention_view", counted)
    return built


def watching(index: SubscriptionIndex, text: str) -> list[str]:
    return [sub.id for sub in index.watching(enriched(text))]


def test_each_kind_of_subscription_meets_its_mentions(views: list[str]) -> None:
    index = SubscriptionIndex({"default": None})
    index.replace_all([
        subscription("by-brand", brands=["kpn"]),
        subscription("by-hashtag", hashtags=["ikeahack"]),
        subscription("by-keyword", keywords=["lange wachttijd"]),
        subscription("by-query", query='storing AND NOT gepland')])
    assert watching(index, "Weer problemen met KPN") == ["by-brand"]
    assert watching(index, "Mijn kast van IKEA #IKEAhack") == ["by-hashtag"]
    assert watching(index, "Bij IKEA een lange wachttijd vandaag") == ["by-keyword"]
    assert watching(index, "Storing bij KPN in Utrecht") == ["by-brand", "by-query"]
    assert watching(index, "Storing bij IKEA vannacht, gepland onderhoud") == []
    assert watching(index, "Mooie kast gekocht bij IKEA") == []
    # Only the mentions some subscription was filed under had their view built.
    assert views == ["Weer problemen met KPN", "Mijn kast van IKEA #IKEAhack",
                     "Bij IKEA een lange wachttijd vandaag", "Storing bij KPN in Utrecht",
                     "Storing bij IKEA vannacht, gepland onderhoud"]


def test_without_subscriptions_no_mention_is_viewed(views: list[str]) -> None:
    index = SubscriptionIndex({"default": None})
    assert watching(index, "Storing bij KPN in Utrecht") == []
    index.replace_all([subscription("by-brand", brands=["kpn"])])
    assert watching(index, "Mooie kast gekocht bij IKEA") == []
    assert views == []
    assert watching(index, "Storing bij KPN in Utrecht") == ["by-brand"]
    assert views == ["Storing bij KPN in Utrecht"]
