"""The inbox's searches: a page of mentions with facet counts, the next page on a cursor, and
the mentions indexed since the page was drawn. Built on the API's team-scoped query, so the
console can show nothing the team's API key could not read.

Facets are disjunctive, as in every search screen people know: the counts of one facet are
computed with every filter but its own (ticking "complaint" does not hide "question"), and the
list itself gets all of them (``post_filter``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, get_args

from api.deps import Services
from api.queries import SORTS, MentionFilters, decode_cursor, encode_cursor, scoped_query
from core.teams import Team
from schemas.mentions import ContactType, Intent, SentimentLabel

PAGE = 25
LIVE_BATCH = 100
RANGES = {"24h": timedelta(hours=24), "7d": timedelta(days=7), "30d": timedelta(days=30),
          "90d": timedelta(days=90), "all": None}
DEFAULT_RANGE = "30d"
# Facet: (filter attribute of MentionFilters, Elasticsearch field, allowed values or None)
FACETS: dict[str, tuple[str, str, tuple[str, ...] | None]] = {
    "brand": ("brands", "brands", None),
    "contact": ("contact", "contact", get_args(ContactType)),
    "intent": ("intents", "intents", get_args(Intent)),
    "sentiment": ("sentiment", "sentiment.label", get_args(SentimentLabel)),
    "language": ("languages", "language", None),
    "source": ("sources", "source", None),
}
HIGHLIGHT = {"fields": {"text": {"number_of_fragments": 0}}, "encoder": "html",
             "pre_tags": ["<mark>"], "post_tags": ["</mark>"]}


@dataclass
class InboxParams:
    query: str = ""
    selected: dict[str, list[str]] = field(default_factory=dict)  # facet -> values
    range: str = DEFAULT_RANGE
    since: date | None = None  # a custom range, whole days, overrides ``range``
    until: date | None = None

    def pairs(self) -> list[tuple[str, str]]:
        """The query string that draws this inbox again (links, cursors, the live poll)."""
        out = [("q", self.query)] if self.query else []
        for name, values in self.selected.items():
            out += [(name, v) for v in values]
        out.append(("range", self.range))
        out += [(k, v.isoformat()) for k, v in (("since", self.since), ("until", self.until))
                if v is not None]
        return out

    def filters(self, now: datetime) -> MentionFilters:
        since: datetime | None = None
        until: datetime | None = None
        if self.since or self.until:
            since = datetime.combine(self.since, time(), UTC) if self.since else None
            until = (datetime.combine(self.until + timedelta(days=1), time(), UTC)
                     if self.until else None)
        elif (span := RANGES[self.range]) is not None:
            since = now - span
        found = MentionFilters(self.query or None, since=since, until=until)
        for name, values in self.selected.items():
            setattr(found, FACETS[name][0], list(values))
        return found


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def parse_params(query: Mapping[str, list[str]]) -> InboxParams:
    """Tolerant: an unknown facet value or a malformed date is left out, never an error
    page (the query box is the one input whose errors are shown, next to it)."""
    selected: dict[str, list[str]] = {}
    for name, (_, _, allowed) in FACETS.items():
        values = [v for v in query.get(name, []) if v and (allowed is None or v in allowed)]
        if values:
            selected[name] = values
    chosen = (query.get("range") or [DEFAULT_RANGE])[0]
    return InboxParams(
        query=(query.get("q") or [""])[0].strip()[:2000], selected=selected,
        range=chosen if chosen in RANGES else DEFAULT_RANGE,
        since=_day((query.get("since") or [""])[0]),
        until=_day((query.get("until") or [""])[0]))


@dataclass
class Page:
    total: int
    hits: list[dict[str, Any]]  # {"mention": source, "highlight": html or None}
    next: str | None
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    # When the newest mention this inbox holds was indexed (``enriched_at``, epoch ms): the
    # live poll asks for what was indexed after it.
    mark: int | None = None


def _facet_clause(name: str, values: list[str]) -> dict[str, Any]:
    return {"terms": {FACETS[name][1]: values}}


def search_body(params: InboxParams, team: Team, now: datetime) -> dict[str, Any]:
    unfaceted = replace(params.filters(now), brands=[], contact=[], intents=[], sentiment=[],
                        languages=[], sources=[])
    chosen = {name: _facet_clause(name, values) for name, values in params.selected.items()}
    aggs = {}
    for name, (_, es_field, _) in FACETS.items():
        others = [clause for other, clause in chosen.items() if other != name]
        aggs[name] = {"filter": {"bool": {"filter": others}},
                      "aggs": {"values": {"terms": {"field": es_field, "size": 20}}}}
    aggs["indexed"] = {"filter": {"bool": {"filter": list(chosen.values())}},
                       "aggs": {"last": {"max": {"field": "enriched_at"}}}}
    return {"query": scoped_query(unfaceted, team.brands),
            "post_filter": {"bool": {"filter": list(chosen.values())}},
            "aggs": aggs, "sort": SORTS["newest"], "size": PAGE, "track_total_hits": True,
            "highlight": HIGHLIGHT}


def _page(found: Any, with_facets: bool) -> Page:
    if found is None:
        return Page(0, [], None)
    hits = found["hits"]["hits"]
    page = Page(
        total=found["hits"].get("total", {}).get("value", 0),  # not counted on later pages
        hits=[{"mention": h["_source"], "highlight": (h.get("highlight") or {}).get(
            "text", [None])[0]} for h in hits],
        next=encode_cursor(hits[-1]["sort"]) if len(hits) == PAGE else None)
    if with_facets:
        page.facets = {name: [(b["key"], b["doc_count"]) for b in
                              found["aggregations"][name]["values"]["buckets"]]
                       for name in FACETS}
        last = found["aggregations"]["indexed"]["last"]["value"]
        page.mark = int(last) if last is not None else None
    return page


async def first_page(services: Services, team: Team, params: InboxParams) -> Page:
    body = search_body(params, team, datetime.now(UTC))
    alias = services.settings.index_name("mentions")
    return _page(await services.search(alias, body), with_facets=True)


async def next_page(services: Services, team: Team, params: InboxParams, cursor: str) -> Page:
    body = search_body(params, team, datetime.now(UTC))
    del body["aggs"]
    body["search_after"] = decode_cursor(cursor, len(SORTS["newest"]))
    body["track_total_hits"] = False
    return _page(await services.search(services.settings.index_name("mentions"), body), False)


async def newer(services: Services, team: Team, params: InboxParams, mark: int | None
                ) -> Page:
    """Mentions of this inbox indexed after ``mark``, the first ``LIVE_BATCH`` of them in the
    order they were indexed (the rest come with the next poll), and the new mark."""
    body = search_body(params, team, datetime.now(UTC))
    del body["aggs"]
    if mark is not None:
        body["query"]["bool"]["filter"].append(
            {"range": {"enriched_at": {"gt": mark, "format": "epoch_millis"}}})
    body.update(size=LIVE_BATCH, sort=[{"enriched_at": "asc"}, {"doc_id": "asc"}],
                track_total_hits=False)
    found = await services.search(services.settings.index_name("mentions"), body)
    page = _page(found, with_facets=False)
    page.mark = int(found["hits"]["hits"][-1]["sort"][0]) if page.hits else mark
    page.hits.reverse()  # newest on top
    return page
