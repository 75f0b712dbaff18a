"""The Elasticsearch sink: bulk-writes documents (enriched mentions, alerts) with a stable
``_id``.

``write`` returns only when every document is either acknowledged or permanently rejected
(reported back for the dead-letter topic). Transient trouble (429, 5xx, connection loss) is
retried with backoff for as long as it takes, so the caller can commit offsets afterwards.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from elasticsearch import AsyncElasticsearch

from core.errors import ServiceUnavailable
from core.retry import retry_infrastructure
from schemas.mentions import EnrichedMention

log = logging.getLogger(__name__)

_RETRY_STATUS = {429, 502, 503, 504}
_BULK_ANSWER = {"filter_path": "errors,items.*.status,items.*.error"}
_NDJSON = {
    "content-type": "application/vnd.elasticsearch+x-ndjson; compatible-with=8",
    "accept": "application/vnd.elasticsearch+json; compatible-with=8",
}


@dataclass(frozen=True)
class Document:
    """Written whole (an index operation: it replaces a document with the same id)."""

    index: str
    id: str
    body: bytes


@dataclass(frozen=True)
class Rejected:
    position: int  # index into the documents given to ``write``
    reason: str


def index_for(alias: str, mention: EnrichedMention) -> str:
    """Monthly indices behind one alias; the month comes from ``created_at`` so a replay of
    the same mention always lands in the same index (and overwrites itself)."""
    created = mention.created_at  # not strftime: 3 µs a call, twice a mention
    return f"{alias}-{created.year:04d}.{created.month:02d}"


def mention_document(alias: str, mention: EnrichedMention, index: str | None = None
                     ) -> Document:
    """``index``: where the document already is (an edit replaces it there)."""
    return Document(index or index_for(alias, mention), mention.doc_id, mention.event_json())


class ElasticsearchSink:
    def __init__(self, client: AsyncElasticsearch, url: str, max_backoff_s: float = 5.0) -> None:
        self.client, self.url = client, url
        self.max_backoff_s = max_backoff_s

    async def write(self, documents: Sequence[Document]) -> list[Rejected]:
        pending = list(range(len(documents)))
        rejected: list[Rejected] = []

        async def attempt() -> None:
            nonlocal pending
            retry, failed = await self._bulk(pending, documents)
            rejected.extend(failed)
            pending = retry
            if pending:  # answered 429/5xx for some: the node is busy, send those again
                raise ServiceUnavailable("Elasticsearch", self.url,
                                         f"{len(pending)} documents answered 429/5xx")

        if pending:
            await retry_infrastructure(attempt, log=log, max_wait_s=self.max_backoff_s,
                                       what=f"bulk write to {self.url} (is it running? "
                                            "`webcare local status`)")
        return rejected

    async def _bulk(self, positions: list[int], documents: Sequence[Document]
                    ) -> tuple[list[int], list[Rejected]]:
        lines: list[bytes] = []
        for pos in positions:
            doc = documents[pos]
            lines.append(orjson.dumps({"index": {"_index": doc.index, "_id": doc.id}}))
            lines.append(doc.body)
        payload = b"\n".join(lines) + b"\n"
        # The bodies are serialised once with orjson; the client passes bytes through.
        # Only what is read back: a thousand items' full answers took longer to parse.
        response: Any = await self.client.perform_request(
            "POST", "/_bulk", body=payload, headers=_NDJSON, params=_BULK_ANSWER
        )
        if not response.get("errors"):
            return [], []
        retry: list[int] = []
        failed: list[Rejected] = []
        for pos, item in zip(positions, response["items"], strict=True):
            result = item["index"]
            status = int(result.get("status", 500))
            if status < 300:
                continue
            if status in _RETRY_STATUS or status >= 500:
                retry.append(pos)
            else:
                error = result.get("error", {})
                failed.append(Rejected(pos, f"{error.get('type')}: {error.get('reason')}"))
        return retry, failed
