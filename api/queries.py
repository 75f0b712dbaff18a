"""Elasticsearch request bodies for the API, built from validated parameters. Pure functions,
so the translation (and the tenant scope that every query carries) is testable without a
server."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

import orjson

from query.elasticsearch import query_dsl

SortKey = Literal["newest", "oldest", "most_negative", "most_positive", "relevance"]
SORTS: dict[str, list[dict[str, Any]]] = {
    "newest": [{"created_at": "desc"}, {"doc_id": "asc"}],
    "oldest": [{"created_at": "asc"}, {"doc_id": "asc"}],
    "most_negative": [{"sentiment.score": "asc"}, {"doc_id": "asc"}],
    "most_positive": [{"sentiment.score": "desc"}, {"doc_id": "asc"}],
    "relevance": [{"_score": "desc"}, {"doc_id": "asc"}],
}


class BadRequest(ValueError):
    """Input that validates by type but cannot be used; answered with 400 and the reason."""


@dataclass
class MentionFilters:
    query: str | None = None
    brands: list[str] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)
    contact: list[str] = field(default_factory=list)
    intents: list[str] = field(default_factory=list)
    sentiment: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    since: datetime | None = None
    until: datetime | None = None


def scoped_query(filters: MentionFilters, team_brands: list[str] | None) -> dict[str, Any]:
    """A bool query: the team's scope (its brands) plus every filter given."""
    must: list[dict[str, Any]] = []
    clauses: list[dict[str, Any]] = []
    if team_brands is not None:
        clauses.append({"terms": {"brands": team_brands}})
    if filters.query:
        must.append(query_dsl(filters.query))  # QueryError (400) with the reason
    for name, values in (("brands", filters.brands), ("contact", filters.contact),
                         ("intents", filters.intents), ("sentiment.label", filters.sentiment),
                         ("language", filters.languages), ("source", filters.sources)):
        if values:
            clauses.append({"terms": {name: values}})
    if filters.hashtags:
        clauses.append({"terms": {"hashtags": [h.lstrip("#").lower() for h in filters.hashtags]}})
    if filters.authors:
        clauses.append({"terms": {"author.handle": [a.lstrip("@").lower()
                                                    for a in filters.authors]}})
    if filters.since or filters.until:
        bounds = {}
        if filters.since:
            bounds["gte"] = filters.since.isoformat()
        if filters.until:
            bounds["lt"] = filters.until.isoformat()
        clauses.append({"range": {"created_at": bounds}})
    return {"bool": {"must": must or [{"match_all": {}}], "filter": clauses}}


def team_scoped(team_brands: list[str] | None, *clauses: dict[str, Any]) -> dict[str, Any]:
    """The team's scope (no other filter) narrowed by ``clauses``."""
    query = scoped_query(MentionFilters(), team_brands)
    query["bool"]["filter"].extend(clauses)
    return query


def encode_cursor(sort_values: list[Any]) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(sort_values)).decode().rstrip("=")


def decode_cursor(token: str, length: int) -> list[Any]:
    """The sort values of a ``next`` cursor: a list of ``length`` strings or numbers, as the
    sort that made it returned them; anything else is a 400, never a search that fails."""
    try:
        padded = token + "=" * (-len(token) % 4)
        values = orjson.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, orjson.JSONDecodeError, ValueError):
        raise BadRequest("search_after is not a cursor this API returned") from None
    if not (isinstance(values, list) and len(values) == length and all(
            isinstance(v, str | float) or (isinstance(v, int) and abs(v) < 2**63)
            for v in values)):
        raise BadRequest("search_after is not a cursor this API returned")
    return values


INTERVALS = ("1m", "5m", "15m", "1h", "6h", "1d", "1w")
INTERVAL_SECONDS = {"1m": 60, "5m": 300, "15m": 900, "1h": 3600, "6h": 21_600, "1d": 86_400,
                    "1w": 604_800}
MAX_BUCKETS = 2000  # a chart has no use for more, and Elasticsearch refuses far more
TREND_FIELDS = {"sentiment": "sentiment.label", "intents": "intents", "source": "source",
                "language": "language", "contact": "contact", "brands": "brands"}
TOP_FIELDS = {"hashtags": "hashtags", "authors": "author.handle", "brands": "brands",
              "sources": "source"}


def trend_window(interval: str, since: datetime | None, until: datetime | None,
                 now: datetime) -> tuple[datetime, datetime]:
    """The time span a trend covers: ``since``..``until`` when given, else the last
    ``MAX_BUCKETS`` intervals, so one mention dated far away never makes the chart explode."""
    step = timedelta(seconds=INTERVAL_SECONDS[interval])
    end = until or now + step
    start = since or end - MAX_BUCKETS * step
    if (end - start) / step > MAX_BUCKETS:
        raise BadRequest(f"{interval} over {start:%Y-%m-%d}..{end:%Y-%m-%d} is more than "
                         f"{MAX_BUCKETS} points: choose a larger interval or a shorter "
                         "since/until")
    return start, end


def trend_aggs(interval: str, by: str | None, window: tuple[datetime, datetime]
               ) -> dict[str, Any]:
    calendar = interval in ("1d", "1w")
    bounds = {"min": window[0].isoformat(), "max": window[1].isoformat()}
    # hard: nothing outside the window; extended: every interval of it, the empty ones too
    # (a chart shows a quiet night as quiet, not as missing).
    histogram: dict[str, Any] = {"field": "created_at", "min_doc_count": 0,
                                 "hard_bounds": bounds, "extended_bounds": bounds}
    histogram["calendar_interval" if calendar else "fixed_interval"] = interval
    over_time: dict[str, Any] = {"date_histogram": histogram}
    if by:
        over_time["aggs"] = {"by": {"terms": {"field": TREND_FIELDS[by], "size": 20}}}
    return {"over_time": over_time}
