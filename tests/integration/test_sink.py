"""The Elasticsearch sink against the real node: a bulk answer cut to what the sink reads
(``filter_path``) still tells which document was refused, and why, by its position."""

from __future__ import annotations

import asyncio

import orjson
import pytest
from elasticsearch import Elasticsearch

from core.elasticsearch import async_client
from core.settings import Settings
from pipeline.sink import Document, ElasticsearchSink

pytestmark = pytest.mark.integration


def test_a_refused_document_is_named_by_position_and_the_others_are_written(
        settings: Settings, es: Elasticsearch) -> None:
    index = settings.index_name("sink-test")
    es.indices.create(index=index, mappings={"dynamic": "strict", "properties": {
        "text": {"type": "text"}, "score": {"type": "float"}}})
    documents = [Document(index, "a", orjson.dumps({"text": "eerste", "score": 0.5})),
                 Document(index, "b", orjson.dumps({"text": "tweede", "unknown": 1})),
                 Document(index, "c", orjson.dumps({"text": "derde", "score": "geen getal"})),
                 Document(index, "d", orjson.dumps({"text": "vierde"}))]

    async def write() -> list[tuple[int, str]]:
        client = async_client(settings)
        try:
            sink = ElasticsearchSink(client, settings.resolved_es())
            return [(r.position, r.reason) for r in await sink.write(documents)]
        finally:
            await client.close()

    try:
        rejected = asyncio.run(write())
        assert [position for position, _ in rejected] == [1, 2]
        assert "strict_dynamic_mapping_exception" in rejected[0][1]
        assert "parsing" in rejected[1][1]  # document_parsing_exception: not a float
        es.indices.refresh(index=index)
        found = es.search(index=index, query={"match_all": {}}, source=False)
        assert sorted(hit["_id"] for hit in found["hits"]["hits"]) == ["a", "d"]
    finally:
        es.indices.delete(index=index, ignore_unavailable=True)
