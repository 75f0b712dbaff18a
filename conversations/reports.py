"""Service reports as Elasticsearch request bodies and their answers read back: service level
over time and per hour of the week, per-agent figures, share of voice, and a period's KPIs.
Pure (no I/O), shared by the API's routes and ``webcare report``; every body is scoped to the
brands a team may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

PERCENTS = [50.0, 90.0]


@dataclass(frozen=True)
class Scope:
    """A team's view of a period: its brands (None: every brand), optionally narrowed."""

    brands: list[str] | None
    since: datetime
    until: datetime
    channels: list[str] = field(default_factory=list)
    only_brands: list[str] = field(default_factory=list)

    def conversations(self, *clauses: dict[str, Any], in_period: bool = True
                      ) -> dict[str, Any]:
        """Conversations opened in the period (``in_period``), or whenever."""
        return self._query("brand", "channel", "opened_at" if in_period else None, clauses)

    def mentions(self, *clauses: dict[str, Any]) -> dict[str, Any]:
        """Mentions posted in the period."""
        return self._query("brands", "source", "created_at", clauses)

    def _query(self, brand_field: str, channel_field: str, time_field: str | None,
               clauses: tuple[dict[str, Any], ...]) -> dict[str, Any]:
        filters: list[dict[str, Any]] = list(clauses)
        if time_field is not None:
            filters.append({"range": {time_field: {"gte": self.since.isoformat(),
                                                   "lt": self.until.isoformat()}}})
        if self.brands is not None:
            filters.append({"terms": {brand_field: self.brands}})
        if self.only_brands:
            filters.append({"terms": {brand_field: self.only_brands}})
        if self.channels:
            filters.append({"terms": {channel_field: self.channels}})
        return {"bool": {"filter": filters}}


MET = {"filter": {"term": {"sla_met": True}}}
DECIDED = {"filter": {"exists": {"field": "sla_met"}}}


def _attainment(bucket: dict[str, Any]) -> dict[str, Any]:
    decided = bucket["decided"]["doc_count"]
    met = bucket["decided"]["met"]["doc_count"]
    return {"conversations": bucket["doc_count"], "decided": decided, "met": met,
            "attainment": round(met / decided, 4) if decided else None}


def _sla_aggs() -> dict[str, Any]:
    return {"decided": {**DECIDED, "aggs": {"met": MET}}}


def service_level_body(scope: Scope, calendar_interval: str = "day") -> dict[str, Any]:
    """Attainment (met / decided) over the period, per day, per hour of the week, per channel,
    of the conversations the service level applies to."""
    bounds = {"min": scope.since.isoformat(), "max": scope.until.isoformat()}
    # extended_bounds only: hard_bounds drop the first calendar bucket, which starts before
    # ``since``; the query's time range bounds the histogram already.
    return {"size": 0, "query": scope.conversations({"term": {"sla_applies": True}}), "aggs": {
        **_sla_aggs(),
        "per_day": {"date_histogram": {"field": "opened_at", "calendar_interval":
                                       calendar_interval, "min_doc_count": 0,
                                       "extended_bounds": bounds},
                    "aggs": _sla_aggs()},
        "per_weekday": {"terms": {"field": "opened_weekday", "size": 7},
                        "aggs": {"per_hour": {"terms": {"field": "opened_hour", "size": 24},
                                              "aggs": _sla_aggs()}}},
        "per_channel": {"terms": {"field": "channel", "size": 50}, "aggs": _sla_aggs()},
    }}


def read_service_level(found: dict[str, Any] | None) -> dict[str, Any]:
    if found is None:
        return {"overall": None, "per_day": [], "per_hour_of_week": [], "per_channel": []}
    aggs = found["aggregations"]
    overall = _attainment({"doc_count": found["hits"]["total"]["value"], **aggs})
    return {
        "overall": overall,
        "per_day": [{"day": b["key_as_string"][:10], **_attainment(b)}
                    for b in aggs["per_day"]["buckets"]],
        "per_hour_of_week": sorted(
            ({"weekday": int(day["key"]), "hour": int(hour["key"]), **_attainment(hour)}
             for day in aggs["per_weekday"]["buckets"]
             for hour in day["per_hour"]["buckets"]),
            key=lambda row: (row["weekday"], row["hour"])),
        "per_channel": [{"channel": b["key"], **_attainment(b)}
                        for b in aggs["per_channel"]["buckets"]],
    }


def agents_conversation_body(scope: Scope) -> dict[str, Any]:
    """Per agent: conversations handled (any reply), first responses, their time percentiles
    and share within the service level, and the customers' follow-ups after the agent's
    replies (their sentiment)."""
    follow_up_sums = {name: {"sum": {"field": f"follow_ups.{name}"}}
                      for name in ("messages", "negative", "positive", "score_sum")}
    return {"size": 0, "query": scope.conversations(), "aggs": {
        "handled": {"terms": {"field": "agents", "size": 500}},
        "first": {"terms": {"field": "first_response_agent", "size": 500}, "aggs": {
            "times": {"percentiles": {"field": "first_response_s", "percents": PERCENTS}},
            **_sla_aggs()}},
        "follow_ups": {"nested": {"path": "follow_ups"}, "aggs": {
            "agents": {"terms": {"field": "follow_ups.agent", "size": 500},
                       "aggs": follow_up_sums}}},
    }}


def agents_mention_body(scope: Scope) -> dict[str, Any]:
    """Per agent, on mentions: the agent's replies and those the tone check flagged."""
    return {"size": 0, "query": scope.mentions(), "aggs": {
        "replies": {"filter": {"term": {"from_brand": True}}, "aggs": {
            "by_agent": {"terms": {"field": "agent_signature", "size": 500}, "aggs": {
                "flagged": {"filter": {"exists": {"field": "reply_tone"}}}}}}},
    }}


def read_agents(conversations: dict[str, Any] | None,
                mentions: dict[str, Any] | None) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}

    def row(agent: str) -> dict[str, Any]:
        return rows.setdefault(agent, {
            "agent": agent, "conversations": 0, "first_responses": 0,
            "first_response_p50_s": None, "first_response_p90_s": None,
            "within_service_level": None, "replies": 0, "tone_flagged_replies": 0,
            "follow_ups": 0, "follow_up_score": None, "follow_up_negative": 0,
            "follow_up_positive": 0})

    if conversations is not None:
        aggs = conversations["aggregations"]
        for bucket in aggs["handled"]["buckets"]:
            row(bucket["key"])["conversations"] = bucket["doc_count"]
        for bucket in aggs["first"]["buckets"]:
            entry, times = row(bucket["key"]), bucket["times"]["values"]
            entry["first_responses"] = bucket["doc_count"]
            entry["first_response_p50_s"] = times.get("50.0")
            entry["first_response_p90_s"] = times.get("90.0")
            entry["within_service_level"] = _attainment(bucket)["attainment"]
        for bucket in aggs["follow_ups"]["agents"]["buckets"]:
            count = int(bucket["messages"]["value"])
            row(bucket["key"]).update(
                follow_ups=count,
                follow_up_score=bucket["score_sum"]["value"] / count if count else None,
                follow_up_negative=int(bucket["negative"]["value"]),
                follow_up_positive=int(bucket["positive"]["value"]))
    if mentions is not None:
        aggs = mentions["aggregations"]
        for bucket in aggs["replies"]["by_agent"]["buckets"]:
            entry = row(bucket["key"])
            entry.update(replies=bucket["doc_count"],
                         tone_flagged_replies=bucket["flagged"]["doc_count"])
    return sorted(rows.values(), key=lambda r: (-r["conversations"], r["agent"]))


def share_of_voice_body(scope: Scope, calendar_interval: str = "day") -> dict[str, Any]:
    """Customers' mentions per brand over time, with their sentiment."""
    bounds = {"min": scope.since.isoformat(), "max": scope.until.isoformat()}
    return {"size": 0, "query": scope.mentions({"term": {"from_brand": False}}), "aggs": {
        "brands": {"terms": {"field": "brands", "size": 50}, "aggs": {
            "sentiment": {"terms": {"field": "sentiment.label", "size": 3}},
            # No hard_bounds (see service_level_body); under a terms aggregation
            # Elasticsearch 8.19 even fails on them ("Index 0 out of bounds").
            "over_time": {"date_histogram": {
                "field": "created_at", "calendar_interval": calendar_interval,
                "min_doc_count": 0, "extended_bounds": bounds}}}}}}


def read_share_of_voice(found: dict[str, Any] | None, own: list[str],
                        competitors: list[str]) -> dict[str, Any]:
    buckets = found["aggregations"]["brands"]["buckets"] if found else []
    total = sum(b["doc_count"] for b in buckets) or 1
    brands = []
    for bucket in buckets:
        sentiment = {b["key"]: b["doc_count"] for b in bucket["sentiment"]["buckets"]}
        brands.append({
            "brand": bucket["key"], "side": "competitor" if bucket["key"] in competitors
            else "own" if bucket["key"] in own else "other",
            "mentions": bucket["doc_count"], "share": round(bucket["doc_count"] / total, 4),
            "positive": sentiment.get("positive", 0), "neutral": sentiment.get("neutral", 0),
            "negative": sentiment.get("negative", 0),
            "over_time": [{"day": b["key_as_string"][:10], "mentions": b["doc_count"]}
                          for b in bucket["over_time"]["buckets"]]})
    return {"brands": brands}


def kpi_conversation_body(scope: Scope) -> dict[str, Any]:
    answered = {"exists": {"field": "first_response_at"}}
    return {"size": 0, "query": scope.conversations(), "aggs": {
        "answered": {"filter": answered},
        "questions": {"filter": {"term": {"intents": "question"}},
                      "aggs": {"answered": {"filter": answered}}},
        "complaints": {"filter": {"term": {"intents": "complaint"}},
                       "aggs": {"answered": {"filter": answered}}},
        "open": {"filter": {"term": {"status": "open"}}},
        "turned_around": {"filter": {"term": {"turned_around": True}}},
        "first_response": {"percentiles": {"field": "first_response_s", "percents": PERCENTS}},
        "sla": {"filter": {"term": {"sla_applies": True}}, "aggs": _sla_aggs()},
    }}


def kpi_mention_body(scope: Scope) -> dict[str, Any]:
    return {"size": 0, "query": scope.mentions({"term": {"from_brand": False}}), "aggs": {
        "channels": {"terms": {"field": "source", "size": 50}},
        "sentiment": {"terms": {"field": "sentiment.label", "size": 3}},
        "intents": {"terms": {"field": "intents", "size": 3}},
        "contact": {"terms": {"field": "contact", "size": 2}},
    }}


def _counts(agg: dict[str, Any]) -> dict[str, int]:
    return {b["key"]: b["doc_count"] for b in agg["buckets"]}


def read_kpis(conversations: dict[str, Any] | None,
              mentions: dict[str, Any] | None) -> dict[str, Any]:
    kpis: dict[str, Any] = {"mentions": 0, "per_channel": {}, "sentiment": {}, "intents": {},
                            "contact": {}, "conversations": 0, "answered": 0,
                            "questions": 0, "questions_answered": 0, "complaints": 0,
                            "complaints_answered": 0, "open": 0, "turned_around": 0,
                            "first_response_p50_s": None, "first_response_p90_s": None,
                            "service_level": None}
    if mentions is not None:
        aggs = mentions["aggregations"]
        kpis.update(mentions=mentions["hits"]["total"]["value"],
                    per_channel=_counts(aggs["channels"]), sentiment=_counts(aggs["sentiment"]),
                    intents=_counts(aggs["intents"]), contact=_counts(aggs["contact"]))
    if conversations is not None:
        aggs = conversations["aggregations"]
        times = aggs["first_response"]["values"]
        kpis.update(
            conversations=conversations["hits"]["total"]["value"],
            answered=aggs["answered"]["doc_count"], open=aggs["open"]["doc_count"],
            questions=aggs["questions"]["doc_count"],
            questions_answered=aggs["questions"]["answered"]["doc_count"],
            complaints=aggs["complaints"]["doc_count"],
            complaints_answered=aggs["complaints"]["answered"]["doc_count"],
            turned_around=aggs["turned_around"]["doc_count"],
            first_response_p50_s=times.get("50.0"), first_response_p90_s=times.get("90.0"),
            service_level=_attainment(aggs["sla"])["attainment"])
    return kpis


def open_conversations_body(scope: Scope, size: int, *clauses: dict[str, Any]
                            ) -> dict[str, Any]:
    """Conversations waiting for the brand, nearest deadline first (then the longest
    waiting)."""
    return {"size": size, "track_total_hits": True,
            "query": scope.conversations({"term": {"status": "open"}}, *clauses,
                                         in_period=False),
            "sort": [{"sla_due_at": {"order": "asc", "missing": "_last"}},
                     {"opened_at": "asc"}, {"id": "asc"}]}
