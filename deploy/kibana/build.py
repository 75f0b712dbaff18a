"""Build ``webcare.ndjson``: Kibana saved objects for analysts (a data view over the
``mentions`` alias, a dashboard with volume over time, sentiment share, intents, sources and
top hashtags, and a saved search of negative reactive mentions) and for team leads (a data
view over ``conversations``, a service dashboard: first response times, the service level,
agents, conversations waiting nearest their deadline, share of voice).

Run ``python -m deploy.kibana.build`` after editing; tests check that every field the objects
use exists in the index template with a type that supports its use.
Import into Kibana: ``webcare kibana import --url http://localhost:5601``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA_VIEW = "webcare-mentions"
CONVERSATIONS_VIEW = "webcare-conversations"
OUT = Path(__file__).with_name("webcare.ndjson")
META = {"coreMigrationVersion": "8.8.0"}


def _search_source(query: str = "") -> dict[str, Any]:
    return {"searchSourceJSON": json.dumps({
        "query": {"query": query, "language": "kuery"}, "filter": [],
        "indexRefName": "kibanaSavedObjectMeta.searchSourceJSON.index"})}


def _ref(data_view: str = DATA_VIEW) -> list[dict[str, str]]:
    return [{"name": "kibanaSavedObjectMeta.searchSourceJSON.index", "type": "index-pattern",
             "id": data_view}]


def visualization(vis_id: str, title: str, vis_type: str, aggs: list[dict[str, Any]],
                  params: dict[str, Any] | None = None, data_view: str = DATA_VIEW
                  ) -> dict[str, Any]:
    vis_state = {"title": title, "type": vis_type, "aggs": aggs, "params": params or {}}
    return {"type": "visualization", "id": vis_id, **META, "typeMigrationVersion": "8.5.0",
            "attributes": {"title": title, "description": "", "version": 1,
                           "uiStateJSON": "{}", "visState": json.dumps(vis_state),
                           "kibanaSavedObjectMeta": _search_source()},
            "references": _ref(data_view)}


def count_agg() -> dict[str, Any]:
    return {"id": "1", "enabled": True, "type": "count", "schema": "metric", "params": {}}


def terms_agg(field: str, size: int = 10, schema: str = "segment") -> dict[str, Any]:
    return {"id": "2", "enabled": True, "type": "terms", "schema": schema,
            "params": {"field": field, "size": size, "order": "desc", "orderBy": "1"}}


def objects() -> list[dict[str, Any]]:
    data_view = {
        "type": "index-pattern", "id": DATA_VIEW, **META, "typeMigrationVersion": "8.0.0",
        "attributes": {"title": "mentions", "name": "webcare mentions",
                       "timeFieldName": "created_at"},
        "references": [],
    }
    volume = visualization("webcare-volume", "Mentions over time by source", "histogram", [
        count_agg(),
        {"id": "3", "enabled": True, "type": "date_histogram", "schema": "segment",
         "params": {"field": "created_at", "interval": "auto", "min_doc_count": 1}},
        terms_agg("source", 10, "group"),
    ], {"type": "histogram", "addLegend": True, "legendPosition": "right"})
    sentiment = visualization("webcare-sentiment", "Sentiment share", "pie",
                              [count_agg(), terms_agg("sentiment.label", 3)],
                              {"type": "pie", "isDonut": True, "addLegend": True})
    intents = visualization("webcare-intents", "Questions, complaints, compliments",
                            "horizontal_bar", [count_agg(), terms_agg("intents", 3)],
                            {"type": "histogram"})
    sources = visualization("webcare-sources", "Volume per channel", "pie",
                            [count_agg(), terms_agg("source", 15)], {"type": "pie"})
    hashtags = visualization("webcare-hashtags", "Top hashtags", "table",
                             [count_agg(), terms_agg("hashtags", 20, "bucket")],
                             {"perPage": 20})
    negative = {
        "type": "search", "id": "webcare-negative-reactive", **META,
        "typeMigrationVersion": "8.0.0",
        "attributes": {
            "title": "Negative reactive mentions (answer these first)", "description": "",
            "columns": ["text", "source", "author.handle", "brands", "intents",
                        "sentiment.score"],
            "sort": [["created_at", "desc"]],
            "kibanaSavedObjectMeta": _search_source(
                "sentiment.label : \"negative\" and contact : \"reactive\" "
                "and from_brand : false"),
        },
        "references": _ref(),
    }
    panels_of = [volume, sentiment, intents, sources, hashtags, negative]
    layout = [(0, 0, 48, 12), (0, 12, 16, 12), (16, 12, 16, 12), (32, 12, 16, 12),
              (0, 24, 16, 15), (16, 24, 32, 15)]
    overview = dashboard("webcare-overview", "webcare: brand mentions overview",
                         "Volume, sentiment, intents, channels and hashtags; negative reactive "
                         "mentions to answer first.", list(zip(panels_of, layout, strict=True)))
    return [data_view, *panels_of, overview, *service_objects()]


def dashboard(dashboard_id: str, title: str, description: str,
              placed: list[tuple[dict[str, Any], tuple[int, int, int, int]]]) -> dict[str, Any]:
    panels, references = [], []
    for i, (obj, (x, y, w, h)) in enumerate(placed):
        name = f"panel_{i}"
        panels.append({"panelIndex": str(i), "gridData": {"x": x, "y": y, "w": w, "h": h,
                                                          "i": str(i)},
                       "embeddableConfig": {}, "panelRefName": name, "version": "8.8.0"})
        references.append({"name": name, "type": obj["type"], "id": obj["id"]})
    return {
        "type": "dashboard", "id": dashboard_id, **META, "typeMigrationVersion": "8.7.0",
        "attributes": {
            "title": title, "description": description,
            "panelsJSON": json.dumps(panels), "optionsJSON": json.dumps({"useMargins": True}),
            "timeRestore": True, "timeFrom": "now-7d", "timeTo": "now",
            "kibanaSavedObjectMeta": {"searchSourceJSON": json.dumps(
                {"query": {"query": "", "language": "kuery"}, "filter": []})},
        },
        "references": references,
    }


def _metric(agg_type: str, field: str, agg_id: str = "1", **params: Any) -> dict[str, Any]:
    return {"id": agg_id, "enabled": True, "type": agg_type, "schema": "metric",
            "params": {"field": field, **params}}


def service_objects() -> list[dict[str, Any]]:
    """The service views: what ``/service`` in the console shows, for teams on Kibana."""
    view = CONVERSATIONS_VIEW
    data_view = {
        "type": "index-pattern", "id": view, **META, "typeMigrationVersion": "8.0.0",
        "attributes": {"title": "conversations", "name": "webcare conversations",
                       "timeFieldName": "opened_at"},
        "references": [],
    }
    over_time = {"id": "3", "enabled": True, "type": "date_histogram", "schema": "segment",
                 "params": {"field": "opened_at", "interval": "auto", "min_doc_count": 1}}
    response = visualization("webcare-first-response", "First response time (median, p90)",
                             "line", [_metric("percentiles", "first_response_s",
                                              percents=[50, 90]), over_time],
                             {"type": "line", "addLegend": True}, data_view=view)
    level = visualization("webcare-service-level", "Answered within the service level",
                          "pie", [count_agg(), terms_agg("sla_met", 2)],
                          {"type": "pie", "isDonut": True, "addLegend": True}, data_view=view)
    level_per_hour = visualization(
        "webcare-service-level-hours", "Service level per hour of the week", "heatmap",
        [count_agg(), terms_agg("opened_hour", 24),
         {**terms_agg("opened_weekday", 7, "group"), "id": "3"},
         {**terms_agg("sla_met", 2, "split"), "id": "4"}],
        {"type": "heatmap"}, data_view=view)
    agents = visualization(
        "webcare-agents", "Agents: conversations and first response times", "table",
        [count_agg(), _metric("median", "first_response_s", "3"),
         terms_agg("first_response_agent", 50, "bucket")], {"perPage": 20}, data_view=view)
    channels = visualization("webcare-conversation-channels", "Conversations per channel",
                             "horizontal_bar", [count_agg(), terms_agg("channel", 15),
                                                {**terms_agg("status", 3, "group"), "id": "3"}],
                             {"type": "histogram"}, data_view=view)
    share = visualization("webcare-share-of-voice", "Share of voice (brands by sentiment)",
                          "horizontal_bar", [count_agg(), terms_agg("brands", 20),
                                             {**terms_agg("sentiment.label", 3, "group"),
                                              "id": "3"}], {"type": "histogram"})
    waiting = {
        "type": "search", "id": "webcare-waiting", **META, "typeMigrationVersion": "8.0.0",
        "attributes": {
            "title": "Waiting for an answer (nearest deadline first)", "description": "",
            "columns": ["sla_due_at", "customer", "brand", "channel", "first_message"],
            "sort": [["sla_due_at", "asc"]],
            "kibanaSavedObjectMeta": _search_source('status : "open" and contact : "reactive"'),
        },
        "references": _ref(view),
    }
    placed = [(waiting, (0, 0, 48, 14)), (response, (0, 14, 24, 12)), (level, (24, 14, 12, 12)),
              (channels, (36, 14, 12, 12)), (level_per_hour, (0, 26, 24, 14)),
              (agents, (24, 26, 24, 14)), (share, (0, 40, 48, 12))]
    service = dashboard("webcare-service", "webcare: service levels and agents",
                        "Conversations waiting nearest their deadline, first response times, "
                        "the service level per hour of the week, agents, share of voice.",
                        placed)
    return [data_view, *(obj for obj, _ in placed), service]


def main() -> None:
    OUT.write_text("".join(json.dumps(o, sort_keys=True) + "\n" for o in objects()))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
