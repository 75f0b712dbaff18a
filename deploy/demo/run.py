"""``webcare demo``: the whole pipeline on this machine, with the bundled demo mentions."""

from __future__ import annotations

import json
import os
import secrets
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

import yaml

from agents.files import Rejected, read_mentions
from agents.ingest_file import ingest_file
from core.errors import ServiceError
from core.settings import Settings
from core.teams import hash_key, new_key
from deploy.local.process import free_port, is_alive, tail
from deploy.local.stack import LocalStack
from models.brands import load_brands
from models.enrich import enricher_from_settings
from schemas.mentions import RawMention

DEMO = resources.files("deploy.demo")


def demo_file(name: str) -> Path:
    return Path(str(DEMO.joinpath(name)))


def count_docs(es_url: str, alias: str) -> int:
    try:
        with urllib.request.urlopen(f"{es_url}/{alias}/_count", timeout=5) as resp:
            return int(json.load(resp)["count"])
    except (OSError, ValueError, KeyError):
        return 0


def run_demo(settings: Settings, timeout_s: float, echo: Callable[[str], None]) -> None:
    if settings.brands is None:
        settings = settings.model_copy(update={"brands": demo_file("brands.yml")})
    stack = LocalStack(settings)
    addresses = stack.up()
    for key, value in addresses.items():
        echo(f"{key}={value}")
    folder = settings.home / "demo"
    login = demo_login(folder, settings)
    env = {**os.environ, **addresses, "WEBCARE_BRANDS": str(settings.brands),
           "WEBCARE_HOME": str(settings.home.resolve()), **login.env}
    if settings.namespace:
        env["WEBCARE_NAMESPACE"] = settings.namespace
    # One process per role: alerts are matched and delivered beside the enrichment, not
    # behind it (docs/benchmarks.md: alert p99 at 1,000 mentions/s).
    worker = [sys.executable, "-m", "webcare", "worker", "--role"]
    pids = {"worker": stack.start_worker([*worker, "enrich"], env=env),
            "alerts": stack.start_worker([*worker, "alerts"], env=env, name="alerts")}
    api_url = start_api(stack, settings, env)
    mentions = recent_copy(demo_file("mentions.jsonl"), folder / "mentions.jsonl")
    report = ingest_file(settings, mentions, report_line=echo)
    alias = settings.index_name("mentions")
    unique = {m.key: m for _, m in _valid(demo_file("mentions.jsonl"))}
    enricher = enricher_from_settings(settings)
    expected = sum(1 for m in unique.values() if enricher.enrich(m).brands)
    echo(f"published {report.published} demo mentions ({len(unique)} unique, {expected} about "
         f"the demo brands); waiting for the worker to index them ...")
    deadline = time.monotonic() + timeout_s
    es_url = addresses["WEBCARE_ES_URL"]
    while count_docs(es_url, alias) < expected:
        for name, pid in pids.items():
            if not is_alive(pid):
                log = tail(stack.root / name / f"{name}.log")
                raise ServiceError(f"the {name} process stopped; its log:\n{log}")
        if time.monotonic() > deadline:
            raise ServiceError(f"demo mentions were not indexed within {timeout_s:.0f}s; "
                               f"worker log:\n{tail(stack.root / 'worker' / 'worker.log')}")
        time.sleep(1)
    echo(f"indexed {count_docs(es_url, alias)} mentions behind alias '{alias}'.")
    echo(f"  API: curl -H 'X-API-Key: {login.key}' '{api_url}/v1/mentions?intent=complaint'")
    echo("  webcare local down    # stops the API, the workers, Elasticsearch and Kafka")
    echo("")
    echo(f"Open the console: {api_url}/  and sign in with the demo key {login.key}")


@dataclass(frozen=True)
class DemoLogin:
    key: str
    env: dict[str, str]  # WEBCARE_TEAMS and WEBCARE_CONSOLE_SECRET for the API and worker


# 80% of questions and complaints answered within 30 minutes of opening time (WhatsApp and
# Messenger within an hour), Amsterdam time.
DEMO_SERVICE_LEVEL = {
    "target": 0.8, "within_minutes": 30, "channels": {"whatsapp": 60, "messenger": 60},
    "timezone": "Europe/Amsterdam",
    "opening_hours": {**{day: ["08:00-22:00"] for day in ("mon", "tue", "wed", "thu", "fri")},
                      "sat": ["09:00-18:00"], "sun": ["10:00-17:00"]}}


def demo_login(folder: Path, settings: Settings) -> DemoLogin:
    """One demo team owning the demo brands, with a key made on this machine at the first
    run (never a key written in the repository) and kept for the next runs."""
    folder.mkdir(parents=True, exist_ok=True)
    secrets_file = folder / "login.json"
    if secrets_file.exists():
        saved = json.loads(secrets_file.read_text())
    else:
        saved = {"key": new_key(), "console_secret": secrets.token_urlsafe(32)}
        secrets_file.write_text(json.dumps(saved))
        secrets_file.chmod(0o600)
    brands = [brand.id for brand in load_brands(settings.brands or demo_file("brands.yml"))
              .brands]
    teams = folder / "teams.yml"
    teams.write_text(yaml.safe_dump({"teams": [{
        "id": "demo", "name": "Demo webcare team", "brands": brands,
        "api_keys": [hash_key(saved["key"])],
        # IKEA is watched beside the others (share of voice) but not answered by this team.
        "competitors": [b for b in brands if b == "ikea"],
        "service_level": DEMO_SERVICE_LEVEL}]}))
    return DemoLogin(saved["key"], {"WEBCARE_TEAMS": str(teams.resolve()),
                                    "WEBCARE_CONSOLE_SECRET": saved["console_secret"]})


def start_api(stack: LocalStack, settings: Settings, env: dict[str, str]) -> str:
    """``webcare api`` (API and console) in the background; its address once it answers."""
    if (running := stack.running_api()) is not None:
        return running
    port = free_port(settings.api_port)
    url = f"http://127.0.0.1:{port}"
    pid = stack.start_api([sys.executable, "-m", "webcare", "api", "--port", str(port)], url,
                          env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/login", timeout=2):
                return url
        except OSError:
            if not is_alive(pid):
                break
            time.sleep(0.5)
    raise ServiceError(f"the API did not start; its log:\n{tail(stack.root / 'api' / 'api.log')}")


def recent_copy(source: Path, target: Path) -> Path:
    """The demo mentions moved in time so that the newest is a few minutes old: the console's
    inbox and trends show the last days by default."""
    lines = source.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    times = [datetime.fromisoformat(r["created_at"]) for r in records]
    shift = datetime.now(UTC) - timedelta(minutes=5) - max(times)
    with target.open("w", encoding="utf-8") as out:
        for record, moment in zip(records, times, strict=True):
            record["created_at"] = (moment + shift).isoformat()
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target


def _valid(path: Path) -> list[tuple[int, RawMention]]:
    return [(n, m) for n, m in read_mentions(path) if not isinstance(m, Rejected)]
