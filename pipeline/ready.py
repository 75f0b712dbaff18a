"""An enriched mention made ready to write: its Elasticsearch document (with its threads' ids)
and its thread messages for ``conversations.messages``.

Made where the mention was enriched: an enrichment child process sends a mention that is not
an edit back in this form, so the worker's own process neither parses the child's JSON (12 µs
a mention) nor threads and serialises it again (17 µs). An edit goes back as JSON: it is made
ready by the enrichment agent once it knows where the mention it replaces is indexed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from conversations.messages import threaded
from pipeline.sink import Document, index_for, mention_document
from schemas.mentions import EnrichedMention

# A Ready as plain values, as a child process sends it: pickled in C, a list of these takes a
# quarter of the time a list of the dataclasses takes to pickle and half the time to unpickle.
Packed: TypeAlias = tuple[str, str, bool, str, bytes, list[tuple[bytes, bytes]]]


@dataclass(frozen=True, slots=True)
class Ready:
    doc_id: str
    version_key: str  # the mention's de-duplication key (an edit is a version of its own)
    names_brand: bool  # whether it names a configured brand
    document: Document
    messages: list[tuple[bytes, bytes]]  # its thread messages: (thread key, message JSON)

    def packed(self) -> Packed:
        document = self.document
        return (self.doc_id, self.version_key, self.names_brand, document.index, document.body,
                self.messages)

    @classmethod
    def unpacked(cls, values: Packed) -> Ready:
        doc_id, version_key, names_brand, index, body, messages = values
        return cls(doc_id, version_key, names_brand, Document(index, doc_id, body), messages)


def ready(alias: str, mention: EnrichedMention, index: str | None = None) -> Ready:
    """``mention`` made ready to write behind ``alias``; ``index``: where the mention an edit
    replaces is indexed (else the month of its ``created_at``)."""
    index = index or index_for(alias, mention)
    indexed, messages = threaded(mention, index)
    return Ready(mention.doc_id, mention.version_key, bool(mention.brands),
                 mention_document(alias, indexed, index),
                 [(message.thread_key.encode(), message.to_json()) for message in messages])
