"""The HTTP API through a real HTTP client, against a running API and Elasticsearch: search,
trends, mentions with clusters, subscriptions, alert history and the live stream; tenant
isolation through every endpoint; bad input answered with 4xx and a reason, never 500."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import orjson
import pytest
from elasticsearch import Elasticsearch
from kafka import KafkaProducer

from api.app import create_api
from core.settings import Settings
from core.teams import Team, Teams, hash_key
from core.topics import TopicNames
from models.brands import parse_brands
from models.enrich import Enricher
from pipeline.index import put_template
from schemas.mentions import RawMention
from tests.integration.conftest import serving, wait_for

pytestmark = pytest.mark.integration

KEY_A, KEY_B = "wc_team_a_key", "wc_team_b_key"
TEAMS = Teams(teams=[Team(id="team-a", brands=["ikea"], api_keys=[hash_key(KEY_A)]),
                     Team(id="team-b", brands=["kpn"], api_keys=[hash_key(KEY_B)])])
ENRICHER = Enricher(parse_brands([
    {"id": "ikea", "name": "IKEA", "handles": ["IKEANederland"], "keywords": ["IKEA"],
     "hashtags": ["ikea"]},
    {"id": "kpn", "name": "KPN", "handles": ["KPNwebcare"], "keywords": ["KPN"]},
]))
TEXTS = [
    ("a1", "Kast van IKEA kapot geleverd, nog steeds geen reactie #ikea"),
    ("a2", "RT @piet: Kast van IKEA kapot geleverd, nog steeds geen reactie #ikea"),
    ("a3", "Super blij met de nieuwe IKEA keuken! #ikea"),
    ("a4", "Hoe laat gaat de IKEA in Delft open?"),
    ("b1", "Storing bij KPN, al drie dagen geen internet"),
    ("b2", "Bedankt @KPNwebcare voor de snelle hulp!"),
]


@pytest.fixture
def seeded(settings: Settings, es: Elasticsearch) -> dict[str, Any]:
    alias = settings.index_name("mentions")
    put_template(es, alias)
    put_template(es, settings.index_name("alerts"), "alerts")
    base = datetime.now(UTC) - timedelta(hours=2)
    for i, (mid, text) in enumerate(TEXTS):
        raw = RawMention.model_validate({
            "id": mid, "source": "twitter", "text": text, "author": {"handle": f"user{i}"},
            "created_at": (base + timedelta(minutes=10 * i)).isoformat()})
        doc = ENRICHER.enrich(raw).model_dump(mode="json", exclude_none=True)
        es.index(index=f"{alias}-{base:%Y.%m}", id=doc["doc_id"], document=doc)
    for team, sub in (("team-a", "sa"), ("team-b", "sb")):
        es.index(index=f"{settings.index_name('alerts')}-{base:%Y.%m}", id=f"alert-{team}",
                 document={"id": f"alert-{team}", "kind": "mention", "team": team,
                           "subscription_id": sub, "subscription_name": sub,
                           "created_at": base.isoformat()})
    es.indices.refresh(index=f"{alias},{settings.index_name('alerts')}")
    return {"alias": alias}


@pytest.fixture
def api_url(settings: Settings, seeded: dict[str, Any]) -> Iterator[str]:
    with serving(create_api(settings, TEAMS)) as url:
        yield url


def client(url: str, key: str | None) -> httpx.Client:
    return httpx.Client(base_url=url, headers={"x-api-key": key} if key else {}, timeout=30)


def test_search_filters_sorting_and_deep_pagination(api_url: str) -> None:
    with client(api_url, KEY_A) as a:
        everything = a.get("/v1/mentions").json()
        assert everything["total"] == 4
        assert {m["id"] for m in everything["mentions"]} == {"a1", "a2", "a3", "a4"}
        complaints = a.get("/v1/mentions", params={"intent": "complaint"}).json()
        assert {m["id"] for m in complaints["mentions"]} == {"a1", "a2"}
        query = a.get("/v1/mentions", params={"q": "keuken OR open"}).json()
        assert {m["id"] for m in query["mentions"]} == {"a3", "a4"}
        by_field = a.get("/v1/mentions", params={"q": "intents:question"}).json()
        assert [m["id"] for m in by_field["mentions"]] == ["a4"]
        pages, cursor = [], None
        while True:
            page = a.get("/v1/mentions", params={"size": 1, "sort": "oldest",
                                                 **({"search_after": cursor} if cursor else {})})
            body = page.json()
            pages += [m["id"] for m in body["mentions"]]
            cursor = body["next"]
            if cursor is None:
                break
        assert pages == ["a1", "a2", "a3", "a4"]


def test_mention_with_its_near_duplicate_cluster_and_trends(api_url: str) -> None:
    with client(api_url, KEY_A) as a:
        found = a.get("/v1/mentions/twitter:a1").json()
        assert found["mention"]["id"] == "a1"
        assert [m["id"] for m in found["cluster"]] == ["a2"]
        trends = a.get("/v1/trends", params={"interval": "1h", "by": "sentiment"}).json()
        assert sum(b["count"] for b in trends["buckets"]) == 4
        labels = {k for b in trends["buckets"] for k in b.get("counts", {})}
        assert labels <= {"positive", "neutral", "negative"} and labels
        top = a.get("/v1/trends/top", params={"field": "hashtags"}).json()
        assert top["top"][0] == {"value": "ikea", "count": 3}


def test_subscription_preview_uses_the_stream_matcher_in_the_team_scope(api_url: str) -> None:
    spec = {"name": "IKEA", "hashtags": ["ikea"], "intents": ["complaint"]}
    with client(api_url, KEY_A) as a, client(api_url, KEY_B) as b:
        preview = a.post("/v1/subscriptions/preview", json=spec, params={"hours": 24}).json()
        assert preview["alerts"] == 2 and preview["complete"]  # a1 and its retweet a2
        assert sorted(s["mention"]["doc_id"] for s in preview["samples"]) == [
            "twitter:a1", "twitter:a2"]
        assert sum(d["alerts"] for d in preview["per_day"]) == 2
        everything = a.post("/v1/subscriptions/preview", json={"name": "all"}).json()
        assert everything["alerts"] == 4  # every mention of team A, none of team B
        assert b.post("/v1/subscriptions/preview", json={"name": "all"}).json()["alerts"] == 2
        assert b.post("/v1/subscriptions/preview", json={**spec, "brands": ["ikea"]}
                      ).status_code == 403
        assert a.post("/v1/subscriptions/preview", json=spec, params={"hours": 0}
                      ).status_code == 422


def test_a_preview_scans_page_by_page_and_says_when_it_stopped_early(
        api_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("api.preview.PAGE", 1)  # the API runs in this process
    with client(api_url, KEY_A) as a:
        paged = a.post("/v1/subscriptions/preview", json={"name": "all"}).json()
        assert paged["alerts"] == 4 and paged["scanned"] == 4 and paged["complete"]
        monkeypatch.setattr("api.preview.MAX_SCANNED", 3)
        capped = a.post("/v1/subscriptions/preview", json={"name": "all"}).json()
        assert capped["scanned"] == 3 and capped["candidates"] == 4
        assert not capped["complete"] and capped["alerts"] == 3


def test_team_isolation_through_every_endpoint(api_url: str, settings: Settings) -> None:
    with client(api_url, KEY_A) as a, client(api_url, KEY_B) as b:
        assert {m["id"] for m in b.get("/v1/mentions").json()["mentions"]} == {"b1", "b2"}
        assert b.get("/v1/mentions", params={"brand": "ikea"}).json()["total"] == 0
        assert b.get("/v1/mentions", params={"q": "brands:ikea"}).json()["total"] == 0
        assert b.get("/v1/mentions/twitter:a1").status_code == 404
        assert sum(x["count"] for x in b.get("/v1/trends").json()["buckets"]) == 2
        assert all(t["value"] != "ikea" for t in b.get("/v1/trends/top").json()["top"])

        spec = {"name": "IKEA complaints", "hashtags": ["ikea"], "intents": ["complaint"]}
        created = a.post("/v1/subscriptions", json=spec)
        assert created.status_code == 201, created.text
        sub_id = created.json()["id"]
        assert created.json()["team"] == "team-a"
        assert b.get(f"/v1/subscriptions/{sub_id}").status_code == 404
        assert b.put(f"/v1/subscriptions/{sub_id}", json=spec).status_code == 404
        assert b.delete(f"/v1/subscriptions/{sub_id}").status_code == 404
        assert all(s["id"] != sub_id for s in b.get("/v1/subscriptions").json())
        assert b.post("/v1/subscriptions", json={"name": "x", "brands": ["ikea"]}
                      ).status_code == 403
        assert [s["id"] for s in a.get("/v1/subscriptions").json()] == [sub_id]
        renamed = a.put(f"/v1/subscriptions/{sub_id}", json={**spec, "name": "renamed"})
        assert renamed.json()["name"] == "renamed"

        assert [x["id"] for x in a.get("/v1/alerts").json()["alerts"]] == ["alert-team-a"]
        assert [x["id"] for x in b.get("/v1/alerts").json()["alerts"]] == ["alert-team-b"]

        assert a.delete(f"/v1/subscriptions/{sub_id}").status_code == 204
        assert a.get(f"/v1/subscriptions/{sub_id}").status_code == 404
    for key in (None, "wrong-key"):
        with client(api_url, key) as anonymous:
            for path in ("/v1/mentions", "/v1/mentions/twitter:a1", "/v1/trends",
                         "/v1/trends/top", "/v1/subscriptions", "/v1/alerts",
                         "/v1/alerts/stream"):
                assert anonymous.get(path).status_code == 401, path


def test_live_alert_stream_carries_only_the_team_s_alerts(
    api_url: str, settings: Settings, topics: TopicNames, producer: KafkaProducer,
) -> None:
    received: list[bytes] = []

    def listen() -> None:
        with client(api_url, KEY_A) as a, a.stream("GET", "/v1/alerts/stream") as stream:
            for line in stream.iter_lines():
                received.append(line.encode())
                if line.startswith("data:"):
                    return

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    # A keep-alive comes after the stream's first empty fetch: its position at the end of
    # the topic is fixed from then on, so what is produced now reaches it.
    wait_for(lambda: b": keep-alive" in received, 30, "stream at the end of the topic")
    for team in ("team-b", "team-a"):
        producer.send(topics.alerts, key=b"s", value=orjson.dumps({
            "id": f"live-{team}", "kind": "mention", "team": team, "subscription_id": "s",
            "subscription_name": "s", "created_at": datetime.now(UTC).isoformat()}))
    producer.flush()
    listener.join(30)
    data = [line for line in received if line.startswith(b"data:")]
    assert len(data) == 1 and orjson.loads(data[0][5:])["id"] == "live-team-a"


@pytest.mark.parametrize("path, params, status, reason", [
    ("/v1/mentions", {"q": "kast AND (kapot"}, 400, "invalid query"),
    ("/v1/mentions", {"q": "colour:red"}, 400, "unknown field"),
    ("/v1/mentions", {"size": 100000}, 422, "less than or equal to 500"),
    ("/v1/mentions", {"sort": "sideways"}, 422, "sort"),
    ("/v1/mentions", {"intent": "rant"}, 422, "intent"),
    ("/v1/mentions", {"since": "yesterday"}, 422, "since"),
    ("/v1/mentions", {"search_after": "not-a-cursor!"}, 400, "cursor"),
    ("/v1/trends", {"interval": "7s"}, 422, "interval"),
    ("/v1/trends/top", {"field": "passwords"}, 422, "field"),
    ("/v1/alerts", {"size": 0}, 422, "size"),
    # A cursor of the wrong shape, a query nested past the limit, a chart of too many points.
    ("/v1/mentions", {"search_after": "W251bGwsbnVsbF0"}, 400, "cursor"),  # [null,null]
    ("/v1/mentions", {"q": "(" * 45 + "kast" + ")" * 45}, 400, "nested deeper"),
    ("/v1/trends", {"interval": "1m", "since": "2000-01-01T00:00:00Z"}, 400, "2000 points"),
])
def test_bad_input_is_a_clear_4xx(api_url: str, path: str, params: dict[str, Any],
                                  status: int, reason: str) -> None:
    with client(api_url, KEY_A) as a:
        response = a.get(path, params=params)
    assert response.status_code == status, response.text
    assert reason in response.text


def test_bad_subscription_bodies_are_rejected_with_the_field(api_url: str) -> None:
    with client(api_url, KEY_A) as a:
        unknown = a.post("/v1/subscriptions", json={"name": "x", "colour": "red"})
        assert unknown.status_code == 422 and "colour" in unknown.text
        bad_query = a.post("/v1/subscriptions", json={"name": "x", "query": "a AND (b"})
        assert bad_query.status_code == 422 and "query" in bad_query.text
        weak_secret = a.post("/v1/subscriptions", json={
            "name": "x", "delivery": {"webhook": {"url": "http://127.0.0.1:1/", "secret": "x"}}})
        assert weak_secret.status_code == 422 and "secret" in weak_secret.text
        assert a.post("/v1/subscriptions", content=b"{not json").status_code == 422


def test_openapi_is_served(api_url: str) -> None:
    spec = httpx.get(f"{api_url}/openapi.json").json()
    assert "/v1/mentions" in spec["paths"] and "/v1/subscriptions" in spec["paths"]




def test_a_mention_dated_far_away_does_not_break_the_trends(
    api_url: str, settings: Settings, es: Elasticsearch, seeded: dict[str, Any],
) -> None:
    es.index(index=f"{seeded['alias']}-1990.01", id="twitter:old", refresh="wait_for",
             document={"doc_id": "twitter:old", "id": "old", "source": "twitter",
                       "text": "IKEA in 1990", "created_at": "1990-01-01T00:00:00Z",
                       "author": {"handle": "x"}, "brands": ["ikea"]})
    with client(api_url, KEY_A) as a:
        for interval in ("1m", "1h", "1d", "1w"):
            response = a.get("/v1/trends", params={"interval": interval})
            assert response.status_code == 200, (interval, response.text)
            assert len(response.json()["buckets"]) <= 2001


def test_a_team_holds_a_bounded_number_of_live_streams(settings: Settings,
                                                       seeded: dict[str, Any]) -> None:
    capped = settings.model_copy(update={"api_max_live_streams": 1})
    opened = threading.Event()
    with serving(create_api(capped, TEAMS)) as url:
        def hold() -> None:
            with client(url, KEY_A) as a, a.stream("GET", "/v1/alerts/stream") as stream:
                for _line in stream.iter_lines():
                    opened.set()
                    if stop.is_set():
                        return

        stop = threading.Event()
        holder = threading.Thread(target=hold, daemon=True)
        holder.start()
        assert opened.wait(30)
        with client(url, KEY_A) as a:
            second = a.get("/v1/alerts/stream")
        with client(url, KEY_B) as b, b.stream("GET", "/v1/alerts/stream") as other:
            other_team = other.status_code
        stop.set()
        holder.join(10)
    assert second.status_code == 429 and "live streams" in second.text
    assert other_team == 200  # the cap is per team
