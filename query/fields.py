"""The one field table of the query language: each field's name, the mention values it reads
in the stream and the mapped field it searches in Elasticsearch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from schemas.mentions import EnrichedMention


@dataclass(frozen=True)
class QueryField:
    es_field: str  # keyword field of the mentions index
    values: Callable[[EnrichedMention], Iterable[str]]


FIELDS: dict[str, QueryField] = {
    "hashtags": QueryField("hashtags", lambda m: m.hashtags),
    "handles": QueryField("handles", lambda m: m.handles),
    "brands": QueryField("brands", lambda m: m.brands),
    "language": QueryField("language", lambda m: (m.language,)),
    "source": QueryField("source", lambda m: (m.source,)),
    "contact": QueryField("contact", lambda m: (m.contact,)),
    "intents": QueryField("intents", lambda m: m.intents),
    "sentiment": QueryField("sentiment.label", lambda m: (m.sentiment.label,)),
    "author": QueryField("author.handle", lambda m: (m.author.handle,)),
}
ALIASES = {"hashtag": "hashtags", "handle": "handles", "brand": "brands", "intent": "intents",
           "lang": "language", "sentiment.label": "sentiment", "author.handle": "author"}
