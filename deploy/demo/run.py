"""``webcare demo``: the whole pipeline on this machine, with the bundled demo mentions."""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.request
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from agents.files import Rejected, read_mentions
from agents.ingest_file import ingest_file
from core.errors import ServiceError
from core.settings import Settings
from deploy.local.process import is_alive, tail
from deploy.local.stack import LocalStack
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
    env = {**os.environ, **addresses, "WEBCARE_BRANDS": str(settings.brands),
           "WEBCARE_HOME": str(settings.home.resolve())}
    if settings.namespace:
        env["WEBCARE_NAMESPACE"] = settings.namespace
    worker_pid = stack.start_worker([sys.executable, "-m", "webcare", "worker"], env=env)
    report = ingest_file(settings, demo_file("mentions.jsonl"), report_line=echo)
    alias = settings.index_name("mentions")
    unique = {m.key: m for _, m in _valid(demo_file("mentions.jsonl"))}
    enricher = enricher_from_settings(settings)
    expected = sum(1 for m in unique.values() if enricher.enrich(m).brands)
    echo(f"published {report.published} demo mentions ({len(unique)} unique, {expected} about "
         f"the demo brands); waiting for the worker to index them ...")
    deadline = time.monotonic() + timeout_s
    es_url = addresses["WEBCARE_ES_URL"]
    while count_docs(es_url, alias) < expected:
        if not is_alive(worker_pid):
            log = tail(stack.root / "worker" / "worker.log")
            raise ServiceError(f"the worker stopped; its log:\n{log}")
        if time.monotonic() > deadline:
            raise ServiceError(f"demo mentions were not indexed within {timeout_s:.0f}s; "
                               f"worker log:\n{tail(stack.root / 'worker' / 'worker.log')}")
        time.sleep(1)
    echo(f"indexed {count_docs(es_url, alias)} mentions behind alias '{alias}'. Try:")
    echo(f"  curl '{es_url}/{alias}/_search?q=intents:complaint&pretty'")
    echo("  webcare local down    # stops the worker, Elasticsearch and Kafka")


def _valid(path: Path) -> list[tuple[int, RawMention]]:
    return [(n, m) for n, m in read_mentions(path) if not isinstance(m, Rejected)]
