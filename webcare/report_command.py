"""``webcare report``: a period's service KPIs for a team (or every brand), as a table or CSV:
volume per channel, sentiment, questions / complaints / compliments, conversations answered
and open, first response times, the service level, and per-agent figures. The same bodies as
the API's ``/v1/report`` (``conversations.reports``)."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from elasticsearch import ConnectionError as ESConnectionError

from conversations import reports
from conversations.reports import Scope
from core.elasticsearch import sync_client
from core.errors import ServiceUnavailable
from core.settings import Settings


def gather(settings: Settings, scope: Scope) -> dict[str, Any]:
    client = sync_client(settings)
    url = settings.es_address()
    try:
        def search(name: str, body: dict[str, Any]) -> Any:
            alias = settings.index_name(name)
            if not client.indices.exists_alias(name=alias):
                return None
            return client.search(index=alias, **body).body

        kpis = reports.read_kpis(search("conversations", reports.kpi_conversation_body(scope)),
                                 search("mentions", reports.kpi_mention_body(scope)))
        agents = reports.read_agents(
            search("conversations", reports.agents_conversation_body(scope)),
            search("mentions", reports.agents_mention_body(scope)))
    except ESConnectionError:
        raise ServiceUnavailable("Elasticsearch", url, "Start it with `webcare local up`.") \
            from None
    finally:
        client.close()
    return {"kpis": kpis, "agents": agents}


def _seconds(value: float | None) -> str:
    if value is None:
        return "-"
    minutes = value / 60
    return f"{minutes:.1f} min" if minutes < 120 else f"{minutes / 60:.1f} h"


def _share(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def kpi_rows(kpis: dict[str, Any]) -> list[tuple[str, str]]:
    rows = [("mentions", str(kpis["mentions"]))]
    rows += [(f"mentions on {channel}", str(n)) for channel, n in
             sorted(kpis["per_channel"].items())]
    rows += [(f"{label} mentions", str(kpis["sentiment"].get(label, 0)))
             for label in ("positive", "neutral", "negative")]
    rows += [(f"{intent}s", str(kpis["intents"].get(intent, 0)))
             for intent in ("question", "complaint", "compliment")]
    rows += [("conversations", str(kpis["conversations"])),
             ("answered", str(kpis["answered"])),
             ("questions answered", f"{kpis['questions_answered']} of {kpis['questions']}"),
             ("complaints handled", f"{kpis['complaints_answered']} of {kpis['complaints']}"),
             ("open now", str(kpis["open"])),
             ("turned around (negative to not)", str(kpis["turned_around"])),
             ("first response, median", _seconds(kpis["first_response_p50_s"])),
             ("first response, 90th percentile", _seconds(kpis["first_response_p90_s"])),
             ("within the service level", _share(kpis["service_level"]))]
    return rows


AGENT_COLUMNS = ("agent", "conversations", "first_responses", "first_response_p50_s",
                 "first_response_p90_s", "within_service_level", "replies",
                 "tone_flagged_replies", "follow_ups", "follow_up_score")


def render(found: dict[str, Any], since: datetime, until: datetime, as_csv: bool) -> str:
    out = io.StringIO()
    if as_csv:
        writer = csv.writer(out)
        writer.writerow(["metric", "value"])
        writer.writerows(kpi_rows(found["kpis"]))
        writer.writerow([])
        writer.writerow(AGENT_COLUMNS)
        writer.writerows([[a[c] for c in AGENT_COLUMNS] for a in found["agents"]])
        return out.getvalue()
    rows = kpi_rows(found["kpis"])
    width = max(len(name) for name, _ in rows)
    out.write(f"{since:%Y-%m-%d %H:%M} .. {until:%Y-%m-%d %H:%M} UTC\n\n")
    for name, value in rows:
        out.write(f"{name:<{width}}  {value}\n")
    if found["agents"]:
        out.write(f"\n{'agent':<12} {'conv.':>6} {'first':>6} {'median':>10} {'p90':>10} "
                  f"{'in SLA':>7} {'flagged':>8} {'follow-up':>10}\n")
        for a in found["agents"]:
            score = a["follow_up_score"]
            out.write(f"{a['agent']:<12} {a['conversations']:>6} {a['first_responses']:>6} "
                      f"{_seconds(a['first_response_p50_s']):>10} "
                      f"{_seconds(a['first_response_p90_s']):>10} "
                      f"{_share(a['within_service_level']):>7} "
                      f"{a['tone_flagged_replies']:>8} "
                      f"{'-' if score is None else f'{score:+.2f}':>10}\n")
    return out.getvalue()
