"""Enrichment in child processes gives what the enricher gives in-process, splits a batch
among its children in order, and turns a child that died into a retryable failure with a new
pool behind it (real spawned processes, the demo brands)."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from core.errors import ServiceUnavailable
from core.settings import Settings
from models.enrich import enricher_from_settings
from pipeline import enrichment_processes
from pipeline.enrichment_processes import ChildProcesses, InProcess
from pipeline.processing import Accepted, decode
from pipeline.records import Record
from schemas.mentions import EnrichedMention, RawMention
from tests.conftest import raw_mention_dict

BRANDS = Path(__file__).resolve().parents[2] / "deploy" / "demo" / "brands.yml"
TEXTS = ("@bol waar blijft mijn pakket?? Al een week niks gehoord",
         "Top service van @bol, binnen een dag geleverd!",
         "Thanks @bol, the parcel arrived early",
         "Vandaag regent het in Utrecht")


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(home=tmp_path_factory.mktemp("home"), brands=BRANDS)


@pytest.fixture(scope="module")
def children(settings: Settings) -> Iterator[ChildProcesses]:
    pool = ChildProcesses(settings, processes=2)
    pool.start()
    yield pool
    pool.close()


def accepted(count: int) -> Accepted:
    found: Accepted = []
    for n in range(count):
        value = orjson.dumps(raw_mention_dict(id=f"child-{n}", text=TEXTS[n % len(TEXTS)]))
        raw = decode(value)
        assert isinstance(raw, RawMention)
        found.append((Record("raw", 0, n, None, value), raw))
    return found


def without_time(mention: EnrichedMention | Exception) -> dict[str, object]:
    assert isinstance(mention, EnrichedMention)
    return mention.model_dump(exclude={"enriched_at"})


def test_children_enrich_as_the_process_itself_does_in_order(
        children: ChildProcesses, settings: Settings) -> None:
    batch = accepted(9)  # split 5 + 4 between the two children
    in_children = asyncio.run(children.enrich(batch))
    in_process = asyncio.run(InProcess(enricher_from_settings(settings)).enrich(batch))
    assert [without_time(m) for m in in_children] == [without_time(m) for m in in_process]
    assert [m.doc_id for m in in_children if isinstance(m, EnrichedMention)] == [
        f"twitter:child-{n}" for n in range(9)]
    assert children.has_brands and asyncio.run(children.enrich([])) == []


def test_a_child_that_dies_fails_the_batch_for_a_retry_and_is_replaced(
        children: ChildProcesses) -> None:
    for pid in list(children.pool._processes):
        os.kill(pid, signal.SIGKILL)
    with pytest.raises(ServiceUnavailable, match="enrichment process"):
        asyncio.run(children.enrich(accepted(4)))
    children.start()
    assert all(isinstance(m, EnrichedMention) for m in asyncio.run(children.enrich(accepted(4))))


def test_a_step_that_fails_in_a_child_fails_only_its_mention(
        monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    """What a child sends back: the failure's text for one mention, JSON for the others (run
    here, in this process, with an enricher whose step fails on one text)."""
    enricher = enricher_from_settings(settings)
    original = enricher.enrich_many

    def enrich_many(raws: list[RawMention]) -> list[EnrichedMention | Exception]:
        return [ValueError("a step failed") if "regent" in raw.text else original([raw])[0]
                for raw in raws]

    monkeypatch.setattr(enricher, "enrich_many", enrich_many)
    monkeypatch.setattr(enrichment_processes, "_child_enricher", enricher)
    sent = enrichment_processes._enrich_in_child(
        [record.value or b"" for record, _ in accepted(4)])
    assert sent[3] == "ValueError: a step failed"
    assert [EnrichedMention.model_validate_json(v).doc_id for v in sent[:3]] == [
        f"twitter:child-{n}" for n in range(3)]


def test_a_value_that_is_no_mention_fails_in_its_place(
        monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    """The parent sends only mentions; should a deletion come through, it fails where it stands
    and the mentions after it keep their positions."""
    monkeypatch.setattr(enrichment_processes, "_child_enricher", enricher_from_settings(settings))
    deletion = orjson.dumps({"event": "delete", "source": "twitter", "id": "child-0",
                             "deleted_at": "2026-12-01T10:00:00Z"})
    assert not isinstance(decode(deletion), RawMention)
    values = [record.value or b"" for record, _ in accepted(2)]
    sent = enrichment_processes._enrich_in_child([values[0], deletion, values[1]])
    assert isinstance(sent[1], str) and sent[1].startswith("TypeError")
    assert [EnrichedMention.model_validate_json(sent[n]).doc_id for n in (0, 2)] == [
        "twitter:child-0", "twitter:child-1"]
