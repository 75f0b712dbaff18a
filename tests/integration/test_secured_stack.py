"""The secured local run: `webcare local up --secure` starts Elasticsearch with x-pack security
(HTTPS on the launcher's certificate, a user) and Kafka with a SASL_SSL listener; an ingest
agent, the worker and the API work against it with their credentials as settings, anonymous
access is refused, and no log of the run shows a password."""

from __future__ import annotations

import ssl
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest

from api.app import create_api
from core.elasticsearch import sync_client
from core.settings import Settings
from core.teams import Team, Teams, hash_key
from deploy.local.process import is_alive
from deploy.local.stack import LocalStack
from tests.conftest import raw_mention_dict
from tests.integration.conftest import REPO, WorkerProcess, serving, wait_for, worker_env

pytestmark = pytest.mark.integration

KEY = "wc_secured_team_key"
TEAMS = Teams(teams=[Team(id="care", brands=["kpn"], api_keys=[hash_key(KEY)])])
BRANDS = "brands:\n  - {id: kpn, name: KPN, handles: [KPNwebcare], keywords: [KPN]}\n"


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    home = tmp_path_factory.mktemp("secured-home")
    stack = LocalStack(Settings(home=home), dist_dir=REPO / ".webcare" / "dist",
                       standard_ports=False)
    env = stack.up(log=lambda _msg: None, secure=True)
    yield {**env, "WEBCARE_HOME": str(home)}
    state = orjson.loads((home / "local" / "state.json").read_bytes())
    stack.down()
    assert not is_alive(state.get("kafka_pid")) and not is_alive(state.get("es_pid"))


def settings_for(env: dict[str, str]) -> Settings:
    return Settings(
        home=Path(env["WEBCARE_HOME"]), kafka_bootstrap=env["WEBCARE_KAFKA_BOOTSTRAP"],
        es_url=env["WEBCARE_ES_URL"], es_username=env["WEBCARE_ES_USERNAME"],
        es_password=env["WEBCARE_ES_PASSWORD"], es_ca_file=Path(env["WEBCARE_ES_CA_FILE"]),
        kafka_security_protocol="SASL_SSL", kafka_sasl_mechanism="PLAIN",
        kafka_username=env["WEBCARE_KAFKA_USERNAME"],
        kafka_password=env["WEBCARE_KAFKA_PASSWORD"],
        kafka_ca_file=Path(env["WEBCARE_KAFKA_CA_FILE"]),
        namespace=f"s{uuid.uuid4().hex[:10]}", partitions=2, worker_batch_within_s=0.05)


def test_agent_worker_and_api_run_on_the_secured_services(secured: dict[str, str],
                                                          tmp_path: Path) -> None:
    settings = settings_for(secured)
    password = secured["WEBCARE_ES_PASSWORD"]
    credentials = {k: v for k, v in secured.items() if k.startswith(("WEBCARE_ES_",
                                                                     "WEBCARE_KAFKA_"))}
    trusted = ssl.create_default_context(cafile=secured["WEBCARE_ES_CA_FILE"])
    anonymous = httpx.get(f"{settings.es_url}/_cluster/health", verify=trusted)
    assert anonymous.status_code == 401

    brands = tmp_path / "brands.yml"
    brands.write_text(BRANDS)
    mentions = tmp_path / "mentions.jsonl"
    mentions.write_bytes(b"\n".join(orjson.dumps(raw_mention_dict(
        id=f"s{i}", text=f"@KPNwebcare storing in Zwolle {i}")) for i in range(3)))
    env = worker_env(settings, **credentials, WEBCARE_BRANDS=str(brands))
    ingest = subprocess.run([sys.executable, "-m", "webcare", "ingest", "file", str(mentions)],
                            env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert ingest.returncode == 0, ingest.stderr
    assert "published 3" in ingest.stderr

    log_dir = tmp_path / "worker"
    log_dir.mkdir()
    worker = WorkerProcess(settings, log_dir, **credentials, WEBCARE_BRANDS=str(brands)).start()
    es = sync_client(settings)
    try:
        alias = settings.index_name("mentions")
        wait_for(lambda: es.indices.exists_alias(name=alias)
                 and es.count(index=alias)["count"] == 3, 120, "indexed over TLS", worker.log)
        with serving(create_api(settings, TEAMS)) as url:
            found = httpx.get(f"{url}/v1/mentions", headers={"x-api-key": KEY}).json()
        assert sorted(m["id"] for m in found["mentions"]) == ["s0", "s1", "s2"]
    finally:
        worker.stop()
        es.close()

    logs = [worker.log(), ingest.stdout, ingest.stderr,
            *(p.read_text(errors="replace") for p in
              Path(secured["WEBCARE_HOME"]).glob("local/*/logs/*.log"))]
    assert all(password not in text for text in logs)
