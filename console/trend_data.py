"""What the trends page draws, as plain tables: volume over time split by one label, share of
voice between the team's brands (split by sentiment), top hashtags and authors, and the
team's spike alerts on the same time axis. The charts and the CSV export are both drawn from
these tables, so an export holds exactly what a chart shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from api.deps import Services
from api.queries import MentionFilters, scoped_query, trend_aggs, trend_window
from core.teams import Team

RANGES = {"24h": (timedelta(hours=24), "1h"), "7d": (timedelta(days=7), "6h"),
          "30d": (timedelta(days=30), "1d"), "90d": (timedelta(days=90), "1d")}
DEFAULT_RANGE = "7d"
SPLITS = {"sentiment": "sentiment", "intents": "intents", "source": "source",
          "contact": "contact", "language": "language"}
DEFAULT_SPLIT = "sentiment"


@dataclass
class Table:
    """Rows of ``(label, value per column)``; what one chart shows."""

    columns: list[str]
    rows: list[tuple[str, list[float]]] = field(default_factory=list)


@dataclass
class Trends:
    range: str
    split: str
    interval: str
    volume: Table
    spikes: Table  # per time bucket, the number of spike alerts
    share_of_voice: Table
    hashtags: Table
    authors: Table


def _label(key_as_string: str, interval: str) -> str:
    moment = datetime.fromisoformat(key_as_string.replace("Z", "+00:00"))
    return moment.strftime("%Y-%m-%d" if interval in ("1d", "1w") else "%Y-%m-%d %H:%M")


def _bucket_index(times: list[datetime], moment: datetime) -> int | None:
    for i in range(len(times) - 1, -1, -1):
        if moment >= times[i]:
            return i
    return None


async def trends(services: Services, team: Team, range_key: str, split: str) -> Trends:
    span, interval = RANGES[range_key]
    now = datetime.now(UTC)
    window = trend_window(interval, now - span, now, now)
    scope = scoped_query(MentionFilters(since=window[0], until=window[1]), team.brands)
    alias = services.settings.index_name("mentions")
    found = await services.search(alias, {"query": scope, "size": 0, "aggs": {
        **trend_aggs(interval, SPLITS[split], window),
        "voice": {"terms": {"field": "brands", "size": 20, "include": team.brands},
                  "aggs": {"by": {"terms": {"field": "sentiment.label"}}}},
        "hashtags": {"terms": {"field": "hashtags", "size": 15}},
        "authors": {"terms": {"field": "author.handle", "size": 15}}}})
    aggs = found["aggregations"] if found else {}
    buckets = aggs.get("over_time", {}).get("buckets", [])
    values = sorted({b["key"] for bucket in buckets for b in bucket["by"]["buckets"]})
    volume = Table(values, [(_label(b["key_as_string"], interval),
                             [float(next((x["doc_count"] for x in b["by"]["buckets"]
                                          if x["key"] == v), 0)) for v in values])
                            for b in buckets])
    times = [datetime.fromisoformat(b["key_as_string"].replace("Z", "+00:00")) for b in buckets]
    spikes = Table(["spike alerts"], [(row[0], [0.0]) for row in volume.rows])
    for moment in await _spike_times(services, team, window):
        index = _bucket_index(times, moment)
        if index is not None:
            spikes.rows[index][1][0] += 1
    labels = ["positive", "neutral", "negative"]
    voice = Table(labels, [(b["key"], [float(next((x["doc_count"] for x in b["by"]["buckets"]
                                                   if x["key"] == s), 0)) for s in labels])
                           for b in aggs.get("voice", {}).get("buckets", [])])
    return Trends(range_key, split, interval, volume, spikes, voice,
                  _top(aggs.get("hashtags")), _top(aggs.get("authors")))


def _top(agg: dict[str, Any] | None) -> Table:
    return Table(["mentions"], [(b["key"], [float(b["doc_count"])])
                                for b in (agg or {}).get("buckets", [])])


async def _spike_times(services: Services, team: Team, window: tuple[datetime, datetime]
                       ) -> list[datetime]:
    found = await services.search(services.settings.index_name("alerts"), {
        "size": 500, "_source": ["created_at"],
        "query": {"bool": {"filter": [
            {"term": {"team": team.id}}, {"term": {"kind": "spike"}},
            {"range": {"created_at": {"gte": window[0].isoformat(),
                                      "lt": window[1].isoformat()}}}]}}})
    return [datetime.fromisoformat(h["_source"]["created_at"].replace("Z", "+00:00"))
            for h in (found["hits"]["hits"] if found else [])]
