"""Conversations on real Kafka and Elasticsearch, through the worker and the API: a question
and the brand's signed reply become one answered conversation; a private exchange threads by
customer; a conversation past its deadline raises one service-level alert, once; a worker
restart keeps the open conversations; the reports read them back, scoped to the team."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from elasticsearch import Elasticsearch
from kafka import KafkaProducer

from api.app import create_api
from core.config_files import validate
from core.settings import Settings
from core.teams import Teams, hash_key
from core.topics import TopicNames
from deploy.local.process import free_port
from tests.conftest import raw_mention_dict
from tests.integration.conftest import (
    REPO,
    WorkerProcess,
    consume_all,
    serving,
    wait_for,
    worker_caught_up,
    worker_env,
)
from tests.integration.test_alerts import SECRET, send, subscribe
from tests.integration.webhook_receiver import Receiver

pytestmark = pytest.mark.integration

KEY = "wc_conversations-test-key"
BRANDS = """brands:
  - {id: kpn, name: KPN, handles: [KPNwebcare], keywords: [KPN]}
  - {id: ziggo, name: Ziggo, handles: [ziggo], keywords: [Ziggo]}
"""


def teams_yaml() -> str:
    return f"""teams:
  - id: team-kpn
    brands: [kpn, ziggo]
    competitors: [ziggo]
    api_keys: ["{hash_key(KEY)}"]
    service_level: {{within_minutes: 30, warn_before_minutes: 5, timezone: UTC}}
"""


@pytest.fixture
def config(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "brands.yml").write_text(BRANDS)
    (tmp_path / "teams.yml").write_text(teams_yaml())
    return {"WEBCARE_BRANDS": str(tmp_path / "brands.yml"),
            "WEBCARE_TEAMS": str(tmp_path / "teams.yml"),
            "WEBCARE_CONVERSATION_SWEEP_S": "0.5"}


def at(minutes_ago: float, **fields: Any) -> dict[str, Any]:
    moment = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    return raw_mention_dict(created_at=moment.isoformat(), **fields)


def conversations(es: Elasticsearch, settings: Settings) -> dict[str, dict[str, Any]]:
    """Indexed conversations by customer."""
    alias = settings.index_name("conversations")
    if not es.indices.exists_alias(name=alias):
        return {}
    es.indices.refresh(index=alias)
    return {h["_source"]["customer"]: h["_source"]
            for h in es.search(index=alias, size=100)["hits"]["hits"]}


@pytest.fixture
def api(settings: Settings, config: dict[str, str]) -> Iterator[httpx.Client]:
    teams = validate(Teams, yaml.safe_load(teams_yaml()), "teams")
    with serving(create_api(settings, teams)) as url, httpx.Client(
            base_url=url, headers={"x-api-key": KEY}, timeout=30) as client:
        yield client


def test_questions_replies_and_private_exchanges_become_conversations(
    settings: Settings, topics: TopicNames, es: Elasticsearch, producer: KafkaProducer,
    worker_factory: Callable[..., WorkerProcess], config: dict[str, str], api: httpx.Client,
) -> None:
    worker = worker_factory(**config).start()
    send(producer, topics.raw, [
        at(20, id="q1", text="@KPNwebcare waarom werkt mijn internet niet?",
           author={"handle": "sanne88"}),
        at(8, id="r1", text="@sanne88 Vervelend! Er is een storing, morgen opgelost. ^Naomi",
           author={"handle": "KPNwebcare"}, in_reply_to={"author_handle": "sanne88",
                                                          "id": "q1"}),
        at(6, id="w1", source="whatsapp", private=True, recipient="KPNwebcare",
           text="Hoi, mijn factuur klopt niet", author={"handle": "31611111111"}),
        at(5, id="w2", source="whatsapp", private=True, recipient="KPNwebcare",
           text="Goedemiddag, waar blijft mijn modem?", author={"handle": "31622222222"}),
        at(3, id="w3", source="whatsapp", private=True, recipient="31611111111",
           text="Hoi! Ik pas je factuur aan. *IL", author={"handle": "KPNwebcare"}),
        at(2, id="w4", source="whatsapp", private=True, recipient="KPNwebcare",
           text="Top, dank je wel!", author={"handle": "31611111111"}),
        at(1, id="w5", source="whatsapp", private=True, recipient="31611111111",
           text="Graag gedaan! *IL", author={"handle": "KPNwebcare"}),
        at(2, id="z1", text="Ziggo is ook al dagen traag", author={"handle": "jan"}),
    ])
    # A poison record on the tracker's own topic goes to the dead-letter topic; the rest flows.
    producer.send(topics.conversation_messages, key=b"kpn\x1ftwitter\x1fx", value=b"{oops")
    producer.flush()
    # Each customer's messages come from other raw partitions than the brand's replies, so a
    # conversation may first be indexed with only some of them: wait for every message.
    expected = {"sanne88": (1, 1), "31611111111": (2, 2), "31622222222": (1, 0)}
    found = wait_for(lambda: (c := conversations(es, settings)) and all(
        customer in c and (c[customer]["customer_messages"], c[customer]["brand_messages"]) ==
        counts for customer, counts in expected.items()) and c, 90, "conversations",
        worker.log)
    assert found["sanne88"]["status"] == found["31611111111"]["status"] == "answered"
    sanne = found["sanne88"]
    assert sanne["first_response_s"] == 12 * 60
    assert sanne["first_response_agent"] == "^Naomi" and sanne["agents"] == ["^Naomi"]
    assert sanne["team"] == "team-kpn" and sanne["sla_met"] is True
    assert sanne["tone_flagged_replies"] == 1
    anna, bart = found["31611111111"], found["31622222222"]
    assert anna["channel"] == "whatsapp" and anna["private"] is True
    assert anna["first_response_agent"] == "*IL" and anna["first_response_s"] == 180
    assert bart["status"] == "open" and bart["first_response_at"] is None
    assert anna["id"] != bart["id"]
    # Each mention was indexed with its thread before its message was tracked.
    reply = es.get(index=settings.index_name("mentions"), id="twitter:r1")["_source"]
    assert reply["threads"] == [sanne["thread_id"]] and reply["reply_tone"] == ["vervelend"]
    assert "conversation_id" not in reply  # nothing goes back to mark it

    # The API reads them back: open ones first by deadline, reports, share of voice.
    listed = api.get("/v1/conversations", params={"status": "open"}).json()
    assert [c["customer"] for c in listed["conversations"]] == ["31622222222"]
    # Its thread's mentions in its time span (searchable after the next refresh).
    wait_for(lambda: [m["doc_id"] for m in api.get(f"/v1/conversations/{sanne['id']}").json()[
        "messages"]] == ["twitter:q1", "twitter:r1"], 30, "the conversation's messages")
    wait_for(lambda: [m["doc_id"] for m in api.get(f"/v1/conversations/{anna['id']}").json()[
        "messages"]] == ["whatsapp:w1", "whatsapp:w3", "whatsapp:w4", "whatsapp:w5"], 30,
        "anna's four messages")
    # Anna's thanks after *IL's reply: a follow-up, summed from the conversations' documents.
    agents = wait_for(lambda: (found := {a["agent"]: a for a in api.get("/v1/agents").json()[
        "agents"]}).get("*IL", {}).get("follow_ups") and found, 30, "*IL's follow-up")
    assert (agents["*IL"]["follow_ups"], agents["^Naomi"]["follow_ups"]) == (1, 0)
    assert agents["*IL"]["follow_up_score"] is not None
    assert agents["^Naomi"]["first_responses"] == 1
    assert agents["^Naomi"]["tone_flagged_replies"] == 1
    level = api.get("/v1/service-level").json()
    met = [c["customer"] for c in found.values() if c["sla_met"]]
    assert "sanne88" in met and bart["sla_met"] is None  # bart's deadline is still ahead
    assert level["target"] == 0.8 and level["overall"]["met"] == len(met)
    assert level["overall"]["decided"] == len(met)
    sov = {b["brand"]: b for b in api.get("/v1/share-of-voice").json()["brands"]}
    assert sov["ziggo"]["side"] == "competitor" and sov["kpn"]["side"] == "own"
    kpis = api.get("/v1/report").json()["kpis"]
    assert kpis["conversations"] == 3 and kpis["answered"] == 2 and kpis["open"] == 1
    assert kpis["per_channel"] == {"twitter": 1, "whatsapp": 3}  # customers' mentions
    # The same KPIs on the command line, as CSV.
    printed = subprocess.run([sys.executable, "-m", "webcare", "report", "--team", "team-kpn",
                              "--csv"], env=worker_env(settings, **config), cwd=REPO,
                             capture_output=True, text=True, timeout=60, check=True).stdout
    rows = dict(row for row in csv.reader(printed.splitlines()[:30]) if len(row) == 2)
    assert (rows["conversations"], rows["answered"], rows["open now"]) == ("3", "2", "1")
    assert rows["mentions on whatsapp"] == "3" and "^Naomi" in printed
    [poison] = [r for r in consume_all(str(settings.kafka_bootstrap), topics.dlq, expect=1)]
    assert poison.value == b"{oops"
    assert dict(poison.headers)["webcare.step"] == b"conversations"


def test_past_deadline_alerts_once_and_a_restart_keeps_open_conversations(
    settings: Settings, topics: TopicNames, es: Elasticsearch, producer: KafkaProducer,
    worker_factory: Callable[..., WorkerProcess], config: dict[str, str],
) -> None:
    receiver = Receiver(free_port()).start()
    try:
        sub = subscribe(settings, {
            "name": "Bijna te laat", "service_level": True,
            "delivery": {"webhook": {"url": receiver.url, "secret": SECRET}}},
            team="team-kpn")
        worker = worker_factory(**config).start()
        # Asked 40 minutes ago: past its 30-minute deadline the moment it is tracked.
        send(producer, topics.raw, [at(40, id="late", text="@KPNwebcare klopt mijn "
                                        "rekening wel? Graag antwoord", author={"handle": "piet"})])
        wait_for(lambda: receiver.requests, 90, "service-level alert", worker.log)
        open_before = wait_for(lambda: conversations(es, settings).get("piet"), 30, "doc")
        assert open_before["status"] == "open" and open_before["sla_met"] is False
        worker.kill()  # no goodbye: the table must come back from its changelog
        restarted = worker_factory(**config).start()
        send(producer, topics.raw, [at(0, id="late-reply", author={"handle": "KPNwebcare"},
                                       text="@piet Sorry voor het wachten! ^Pim",
                                       in_reply_to={"author_handle": "piet", "id": "late"})])
        after = wait_for(lambda: (c := conversations(es, settings).get("piet")) and c[
            "status"] == "answered" and c, 120, "the reply in the same conversation",
            restarted.log)
        assert after["id"] == open_before["id"] and after["customer_messages"] == 1
        assert after["first_response_agent"] == "^Pim" and after["first_response_s"] >= 40 * 60
        assert after["sla_met"] is False
        wait_for(lambda: worker_caught_up(settings, topics), 60, "caught up", restarted.log)
        alerts = [r["json"] for r in receiver.requests]
        assert len(alerts) == 1, alerts  # once, also across the restart
        assert alerts[0]["kind"] == "service_level"
        assert alerts[0]["subscription_id"] == sub.id
        assert alerts[0]["service_level"]["customer"] == "piet"
    finally:
        receiver.stop()
