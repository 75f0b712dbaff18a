"""Build ``webcare.ndjson``: Kibana saved objects for analysts (a data view over the
``mentions`` alias, a dashboard with volume over time, sentiment share, intents, sources and
top hashtags, and a saved search of negative reactive mentions).

Run ``python -m deploy.kibana.build`` after editing; tests check that every field the objects
use exists in the index template with a type that supports its use.
Import into Kibana: ``webcare kibana import --url http://localhost:5601``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA_VIEW = "webcare-mentions"
OUT = Path(__file__).with_name("webcare.ndjson")
META = {"coreMigrationVersion": "8.8.0"}


def _search_source(query: str = "") -> dict[str, Any]:
    return {"searchSourceJSON": json.dumps({
        "query": {"query": query, "language": "kuery"}, "filter": [],
        "indexRefName": "kibanaSavedObjectMeta.searchSourceJSON.index"})}


def _ref() -> list[dict[str, str]]:
    return [{"name": "kibanaSavedObjectMeta.searchSourceJSON.index", "type": "index-pattern",
             "id": DATA_VIEW}]


def visualization(vis_id: str, title: str, vis_type: str, aggs: list[dict[str, Any]],
                  params: dict[str, Any] | None = None) -> dict[str, Any]:
    vis_state = {"title": title, "type": vis_type, "aggs": aggs, "params": params or {}}
    return {"type": "visualization", "id": vis_id, **META, "typeMigrationVersion": "8.5.0",
            "attributes": {"title": title, "description": "", "version": 1,
                           "uiStateJSON": "{}", "visState": json.dumps(vis_state),
                           "kibanaSavedObjectMeta": _search_source()},
            "references": _ref()}


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
    panels, references = [], []
    for i, (obj, (x, y, w, h)) in enumerate(zip(panels_of, layout, strict=True)):
        name = f"panel_{i}"
        panels.append({"panelIndex": str(i), "gridData": {"x": x, "y": y, "w": w, "h": h,
                                                          "i": str(i)},
                       "embeddableConfig": {}, "panelRefName": name, "version": "8.8.0"})
        references.append({"name": name, "type": obj["type"], "id": obj["id"]})
    dashboard = {
        "type": "dashboard", "id": "webcare-overview", **META, "typeMigrationVersion": "8.7.0",
        "attributes": {
            "title": "webcare: brand mentions overview", "description":
                "Volume, sentiment, intents, channels and hashtags; negative reactive "
                "mentions to answer first.",
            "panelsJSON": json.dumps(panels), "optionsJSON": json.dumps({"useMargins": True}),
            "timeRestore": True, "timeFrom": "now-7d", "timeTo": "now",
            "kibanaSavedObjectMeta": {"searchSourceJSON": json.dumps(
                {"query": {"query": "", "language": "kuery"}, "filter": []})},
        },
        "references": references,
    }
    return [data_view, *panels_of, dashboard]


def main() -> None:
    OUT.write_text("".join(json.dumps(o, sort_keys=True) + "\n" for o in objects()))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
