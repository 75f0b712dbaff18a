"""The worker's pure core: validation, re-delivery detection and per-event failure capture."""

from __future__ import annotations

from typing import Any

import orjson

from core.errors import InvalidMention
from models.brands import BrandConfig
from models.enrich import Enricher
from models.steps import Analysis
from pipeline.processing import BatchPlan, decode, plan_batch
from pipeline.records import Record
from schemas.mentions import EnrichedMention
from tests.conftest import raw_mention_dict

ENRICHER = Enricher(BrandConfig())


def record(value: bytes, offset: int, partition: int = 0) -> Record:
    return Record("mentions.raw", partition, offset, b"k", value)


def as_bytes(**overrides: Any) -> bytes:
    return orjson.dumps(raw_mention_dict(**overrides))


def indexed(plan: BatchPlan) -> list[EnrichedMention]:
    """The mentions ``plan_batch`` would index: enriched in this process, so not yet made
    ready to write (``pipeline.ready``)."""
    found = [mention for _, mention in plan.to_index]
    assert all(isinstance(m, EnrichedMention) for m in found)
    return [m for m in found if isinstance(m, EnrichedMention)]


def reason_for(value: bytes) -> str:
    try:
        decode(value)
    except InvalidMention as exc:
        return exc.reason
    raise AssertionError("expected InvalidMention")


def test_decode_explains_what_is_wrong() -> None:
    assert reason_for(b"\xff\xfe") .startswith("not valid UTF-8 JSON")
    assert reason_for(b"{") .startswith("not valid UTF-8 JSON")
    assert reason_for(b"[]") == "not a JSON object"
    assert reason_for(b"") == "empty message"
    assert "created_at" in reason_for(as_bytes(created_at=None))


def test_plan_drops_redeliveries_but_replays_the_same_delivery() -> None:
    first = record(as_bytes(id="a"), offset=1)
    again_in_batch = record(as_bytes(id="a", text="edited"), offset=2)
    seen_before = record(as_bytes(id="b"), offset=3)
    replay = record(as_bytes(id="c"), offset=4)
    known = {"twitter:b": "0:0", "twitter:c": "0:4"}
    plan = plan_batch([first, again_in_batch, seen_before, replay], ENRICHER, known.get)
    assert [m.id for m in indexed(plan)] == ["a", "c"]
    assert plan.duplicates == [again_in_batch, seen_before]
    assert plan.dead == []


def test_an_edit_is_a_new_version_and_a_deletion_is_planned_after_the_mentions() -> None:
    original = record(as_bytes(id="a"), offset=1)
    edit = record(as_bytes(id="a", text="edited", edited_at="2026-11-20T11:00:00Z"), offset=2)
    same_edit_again = record(as_bytes(id="a", text="edited",
                                      edited_at="2026-11-20T11:00:00Z"), offset=3)
    deletion = record(orjson.dumps({"event": "delete", "source": "twitter", "id": "a",
                                    "deleted_at": "2026-11-20T12:00:00Z"}), offset=4)
    plan = plan_batch([original, edit, same_edit_again, deletion], ENRICHER, lambda _key: None)
    assert [(m.id, m.text) for m in indexed(plan)] == [
        ("a", raw_mention_dict()["text"]), ("a", "edited")]
    assert plan.duplicates == [same_edit_again]
    assert [(d.source, d.id) for _, d in plan.deletions] == [("twitter", "a")]
    assert "deletion" in reason_for(b'{"event": "delete", "source": "twitter"}')


def test_poison_and_step_failures_become_dead_letters_and_the_rest_goes_on() -> None:
    def explode_on_boom(analysis: Analysis) -> None:
        if analysis.raw.id == "boom":
            raise RuntimeError("step failed")

    class BatchedStep:
        """A step with a batch method that fails when the poison is in the batch."""

        def batch(self, analyses: list[Analysis]) -> None:
            for analysis in analyses:
                self(analysis)

        def __call__(self, analysis: Analysis) -> None:
            explode_on_boom(analysis)
            analysis.intents = ["question"]

    enricher = Enricher(BrandConfig())
    enricher.steps = [*enricher.steps, BatchedStep()]
    records = [record(b"not json", 1), record(as_bytes(id="boom"), 2),
               record(as_bytes(id="ok"), 3), record(as_bytes(id="ok2"), 4)]
    plan = plan_batch(records, enricher, lambda _k: None)
    assert [(d.step, d.record.offset) for d in plan.dead] == [("validate", 1), ("enrich", 2)]
    assert "RuntimeError: step failed" in plan.dead[1].reason
    assert [m.id for m in indexed(plan)] == ["ok", "ok2"]
    assert all(m.intents == ["question"] for m in indexed(plan))


def test_with_brands_configured_unmatched_mentions_are_not_indexed() -> None:
    from models.brands import parse_brands

    enricher = Enricher(parse_brands([{"id": "kpn", "name": "KPN", "keywords": ["KPN"]}]))
    records = [record(as_bytes(id="a", text="Storing bij KPN"), 1),
               record(as_bytes(id="b", text="Lekker weertje vandaag"), 2)]
    plan = plan_batch(records, enricher, lambda _k: None)
    assert [m.id for m in indexed(plan)] == ["a"]
    assert plan.unmatched == [records[1]]
    everything = plan_batch(records, enricher, lambda _k: None, index_unmatched=True)
    assert [m.id for m in indexed(everything)] == ["a", "b"]
