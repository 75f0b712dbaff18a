"""Spike windows survive a restart through their saved state: a worker that restarts during a
busy day keeps its baseline, instead of alarming on the first ordinary burst it sees."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import orjson

from alerting.matcher import AlertMatcher
from alerting.spikes import SpikeWindow
from alerting.subscriptions import SpikeRule, Subscription
from models.brands import parse_brands
from models.enrich import Enricher
from schemas.mentions import EnrichedMention, RawMention
from tests.conftest import raw_mention_dict

ENRICHER = Enricher(parse_brands([{"id": "ikea", "name": "IKEA", "keywords": ["IKEA"],
                                   "hashtags": ["ikea"]}]))
RULE = {"metric": "volume", "window_s": 60, "baseline_windows": 3, "factor": 3.0,
        "min_mentions": 10, "cooldown_s": 0}
NOW = datetime.now(UTC)


def subscription(rule: dict[str, object] = RULE) -> Subscription:
    return Subscription.model_validate({
        "id": "spiky", "team": "default", "name": "IKEA volume", "hashtags": ["ikea"],
        "spike": rule, "created_at": NOW.isoformat(), "updated_at": NOW.isoformat(),
        "delivery": {"webhook": {"url": "http://127.0.0.1:9/",
                                 "secret": "not-used-in-these-tests"}}})


def mentions(n: int, start_s: float, end_s: float, prefix: str) -> list[EnrichedMention]:
    """``n`` mentions spread evenly between ``start_s`` and ``end_s`` seconds before NOW."""
    step = (start_s - end_s) / n
    enriched = []
    for i in range(n):
        raw = RawMention.model_validate(raw_mention_dict(
            id=f"{prefix}{i}", text=f"Nieuwe kast #ikea {i}",
            created_at=(NOW - timedelta(seconds=start_s - i * step)).isoformat()))
        enriched.append(ENRICHER.enrich(raw))
    return enriched


def spikes(matcher: AlertMatcher, batch: list[EnrichedMention]) -> int:
    return sum(a.kind == "spike" for m in batch for a in matcher.process(m, NOW))


def test_a_restored_window_keeps_its_baseline_and_a_fresh_one_does_not() -> None:
    before = AlertMatcher({"default": None})
    before.load([subscription()])
    spikes(before, mentions(60, 235, 65, "old"))  # three windows of ~20 mentions each
    saved = orjson.loads(orjson.dumps(before.spike_states()))  # as stored in Elasticsearch

    restarted = AlertMatcher({"default": None})
    restarted.load([subscription()])
    assert restarted.restore_spikes(saved) == 1
    fresh = AlertMatcher({"default": None})
    fresh.load([subscription()])

    ordinary_burst = mentions(30, 55, 1, "new")  # 1.5x the baseline: not a spike
    assert spikes(restarted, ordinary_burst) == 0
    assert spikes(fresh, ordinary_burst) >= 1  # without history, any burst looks like one


def test_a_window_counted_for_another_rule_is_not_restored() -> None:
    before = AlertMatcher({"default": None})
    before.load([subscription()])
    spikes(before, mentions(20, 100, 70, "old"))
    saved = before.spike_states()
    changed = AlertMatcher({"default": None})
    changed.load([subscription({**RULE, "factor": 5.0})])
    assert changed.restore_spikes(saved) == 0
    assert changed.restore_spikes({"unknown-subscription": saved["spiky"]}) == 0


def test_state_round_trip() -> None:
    rule = SpikeRule.model_validate(RULE)
    window = SpikeWindow(rule)
    for mention in mentions(15, 50, 1, "m"):
        window.add(mention, mention.created_at)
    restored = SpikeWindow.restore(rule, orjson.loads(orjson.dumps(window.state())))
    assert restored is not None and restored.state() == window.state()
