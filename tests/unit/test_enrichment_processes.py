"""Enrichment in child processes gives what the enricher gives in-process (made ready to write,
edits aside), splits a batch among its children in order, and turns a child that died into a
retryable failure with a new pool behind it (real spawned processes, the demo brands)."""

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
from pipeline.ready import Ready, ready
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


def written(result: EnrichedMention | Ready | Exception, alias: str) -> dict[str, object]:
    """What is written of an enrichment's result (the time of its enrichment aside)."""
    if isinstance(result, EnrichedMention):
        result = ready(alias, result)
    assert isinstance(result, Ready)
    body = orjson.loads(result.document.body)
    assert body.pop("enriched_at")
    return {"doc_id": result.doc_id, "version_key": result.version_key,
            "names_brand": result.names_brand, "index": result.document.index,
            "id": result.document.id, "body": body, "messages": result.messages}


def test_children_enrich_as_the_process_itself_does_in_order(
        children: ChildProcesses, settings: Settings) -> None:
    batch = accepted(9)  # split 5 + 4 between the two children
    in_children = asyncio.run(children.enrich(batch))
    in_process = asyncio.run(InProcess(enricher_from_settings(settings)).enrich(batch))
    alias = settings.index_name("mentions")
    assert all(isinstance(m, Ready) for m in in_children)
    assert [written(m, alias) for m in in_children] == [written(m, alias) for m in in_process]
    assert [m.doc_id for m in in_children if isinstance(m, Ready)] == [
        f"twitter:child-{n}" for n in range(9)]
    assert [m.document.index for m in in_children if isinstance(m, Ready)] == [
        f"{alias}-2026.11"] * 9  # the month of raw_mention_dict's created_at
    assert [m.names_brand for m in in_children if isinstance(m, Ready)] == [
        True, True, True, False] * 2 + [True]
    assert children.has_brands and asyncio.run(children.enrich([])) == []


def test_a_child_that_dies_fails_the_batch_for_a_retry_and_is_replaced(
        children: ChildProcesses) -> None:
    for pid in list(children.pool._processes):
        os.kill(pid, signal.SIGKILL)
    with pytest.raises(ServiceUnavailable, match="enrichment process"):
        asyncio.run(children.enrich(accepted(4)))
    children.start()
    assert all(isinstance(m, Ready) for m in asyncio.run(children.enrich(accepted(4))))


def test_an_edit_comes_back_enriched_for_the_agent_to_place(children: ChildProcesses) -> None:
    """An edit is indexed over the mention it edits: only the agent can find where that is."""
    value = orjson.dumps(raw_mention_dict(id="child-0", text=TEXTS[0],
                                          edited_at="2026-12-02T10:00:00Z"))
    raw = decode(value)
    assert isinstance(raw, RawMention)
    edit, new = asyncio.run(children.enrich([(Record("raw", 0, 0, None, value), raw),
                                             accepted(1)[0]]))
    assert isinstance(edit, EnrichedMention) and edit.edited_at is not None
    assert isinstance(new, Ready)


def test_a_step_that_fails_in_a_child_fails_only_its_mention(
        monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    """What a child sends back: the failure's text for one mention, the others made ready to
    write (run here, in this process, with an enricher whose step fails on one text)."""
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
    assert [Ready.unpacked(v).doc_id for v in sent[:3] if isinstance(v, tuple)] == [
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
    assert [Ready.unpacked(v).doc_id for v in (sent[0], sent[2]) if isinstance(v, tuple)] == [
        "twitter:child-0", "twitter:child-1"]
