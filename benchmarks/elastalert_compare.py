"""The same hashtag subscription in webcare and as an ElastAlert2 rule, on the same stream and
the same Elasticsearch, in one run: produce-to-alert latency of both, side by side.

webcare matches in the stream (``mentions.raw`` -> worker -> webhook). ElastAlert2, the open
source alerting peer, polls Elasticsearch: its latency is the worker's indexing, the refresh
interval (1 s) and its own query interval (``run_every``, 1 s here, its finest sensible setting;
the default is 5 minutes). Its rule: type ``any``, a term filter on the hashtag, the ``post``
alerter to a second local receiver, no re-alert suppression, so every matching mention alerts
as in webcare.

ElastAlert2 is installed from PyPI into the benchmark's own virtual environment
(``.webcare/bench-venvs/elastalert2``; it pins an Elasticsearch 7 client that cannot share the
project's), once; later runs reuse it.

Usage: python benchmarks/elastalert_compare.py [--rate 500] [--seconds 20]
       [--alerting-share 0.1] [--run-every 1]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from alerts import (  # noqa: E402
    BenchReceiver,
    bench_settings,
    p99,
    percentile,
    produce_at_rate,
    start_workers,
    subscribe_bench,
    warm_up,
)
from end_to_end import drop_namespace  # noqa: E402

from core.settings import Settings  # noqa: E402

ELASTALERT = "elastalert2==2.19.0"
# 2.19.0 imports pytz without declaring it.
PACKAGES = (ELASTALERT, "pytz")
# The integ-test Elasticsearch that the local stack runs has no ``GET /`` endpoint, from which
# ElastAlert2 reads the server's version: this launcher, run with the benchmark venv's Python,
# reads it from ``_nodes/_local`` instead and then runs ElastAlert2's own entry points.
SHIM = """
import sys
import elastalert.create_index as create_index
import elastalert.util as util

def version(client):
    nodes = client.transport.perform_request("GET", "/_nodes/_local")
    return next(iter(nodes["nodes"].values()))["version"]

util.get_version_from_cluster_info = version
create_index.get_version_from_cluster_info = version
command, sys.argv = sys.argv[1], [sys.argv[0], *sys.argv[2:]]
if command == "create-index":
    create_index.main()
else:
    from elastalert.elastalert import main
    main(sys.argv[1:])
"""


def elastalert_venv(home: Path) -> Path:
    """The benchmark's own environment with ElastAlert2, made on first use."""
    venv = home / "bench-venvs" / "elastalert2"
    binary = venv / "bin" / "elastalert"
    if not binary.exists():
        print(f"installing {ELASTALERT} into {venv} (once)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", *PACKAGES], check=True)
    return venv


def elastalert_config(settings: Settings, port: int, run_every_s: float, folder: Path) -> Path:
    host, _, es_port = settings.resolved_es().removeprefix("http://").partition(":")
    rules = folder / "rules"
    rules.mkdir()
    (rules / "bench.yaml").write_text(orjson.dumps({
        "name": "bench-hashtag", "type": "any", "index": settings.index_name("mentions"),
        "timestamp_field": "created_at", "filter": [{"term": {"hashtags": "bench"}}],
        "realert": {"minutes": 0}, "alert": ["post"], "http_post_url": f"http://127.0.0.1:{port}/",
    }).decode())  # JSON is YAML
    config = folder / "config.yaml"
    config.write_text(orjson.dumps({
        "rules_folder": str(rules), "run_every": {"seconds": run_every_s},
        "buffer_time": {"minutes": 5}, "es_host": host, "es_port": int(es_port or 9200),
        "writeback_index": f"{settings.namespace}-elastalert-status",
        "alert_time_limit": {"minutes": 10}, "old_query_limit": {"minutes": 10},
    }).decode())
    return config


def start_elastalert(venv: Path, config: Path, log: Path) -> subprocess.Popen[bytes]:
    shim = config.parent / "run_elastalert.py"
    shim.write_text(SHIM)
    python = str(venv / "bin" / "python")
    created = subprocess.run([python, str(shim), "create-index", "--config", str(config)],
                             capture_output=True, text=True, cwd=config.parent, check=False)
    if created.returncode:
        raise SystemExit(f"ElastAlert2 could not create its index:\n{created.stderr[-2000:]}")
    process = subprocess.Popen([python, str(shim), "run", "--config", str(config), "--verbose"],
                               stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               cwd=config.parent)
    deadline = time.monotonic() + 60
    while "Ran bench-hashtag" not in log.read_text(errors="replace"):
        if time.monotonic() > deadline or process.poll() is not None:
            raise SystemExit(f"ElastAlert2 did not start; see {log}")
        time.sleep(0.2)
    return process


def arrivals(receiver: BenchReceiver, key_of: Any) -> dict[str, float]:
    found: dict[str, float] = {}
    for body, _wall, mono in receiver.bodies:
        key = key_of(orjson.loads(body))
        if key and not key.startswith("twitter:warm"):
            found.setdefault(key, mono)
    return found


def line(name: str, sent: dict[str, float], arrived: dict[str, float]) -> str:
    latencies = sorted((arrived[k] - t) * 1000 for k, t in sent.items() if k in arrived)
    if not latencies:
        return f"| {name} | 0/{len(sent)} | - | - | - | - |"
    return (f"| {name} | {len(latencies)}/{len(sent)} | {statistics.median(latencies):,.0f} | "
            f"{percentile(latencies, 0.95):,.0f} | {p99(latencies):,.0f} | "
            f"{latencies[-1]:,.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--alerting-share", type=float, default=0.1)
    parser.add_argument("--run-every", type=float, default=1.0,
                        help="ElastAlert2's query interval in seconds")
    args = parser.parse_args()
    from kafka import KafkaProducer

    from core.topics import TopicNames

    settings, home = bench_settings()
    venv = elastalert_venv(home)
    ours, theirs = BenchReceiver(), BenchReceiver()
    subscribe_bench(settings, ours.port)
    workers, log = start_workers(settings, home, "webcare-worker")
    folder = Path(tempfile.mkdtemp())
    elastalert = start_elastalert(venv, elastalert_config(settings, theirs.port, args.run_every,
                                                          folder), folder / "elastalert.log")
    producer = KafkaProducer(bootstrap_servers=settings.resolved_kafka(), acks="all",
                             linger_ms=0)
    topic = TopicNames.for_settings(settings).raw
    try:
        warm_up(producer, topic, ours, log)
        theirs.wait_for(20, 60)
        every = max(1, round(1 / args.alerting_share))
        sent, _acked, _start, produced_in = produce_at_rate(producer, topic, args.rate,
                                                            args.seconds, every)
        ours.wait_for(len(sent), 30)
        theirs.wait_for(len(sent) + 20, 60)
        print(f"one hashtag subscription, {args.rate} mentions/s for {args.seconds} s, one in "
              f"{every} alerting (produced at {args.rate * args.seconds / produced_in:,.0f}/s); "
              f"produce to {ELASTALERT.split('==')[0]} alert received, ms:")
        print("| alerting | alerts | p50 | p95 | p99 | max |")
        print("| --- | --- | --- | --- | --- | --- |")
        print(line("webcare (in the stream)", sent,
                   arrivals(ours, lambda alert: alert["mention"]["doc_id"])))
        print(line(f"ElastAlert2 2.19.0 (run_every {args.run_every:g} s, refresh 1 s)", sent,
                   arrivals(theirs, lambda match: match.get("doc_id"))))
    finally:
        for process in (*workers, elastalert):
            process.terminate()
        for process in (*workers, elastalert):
            process.wait(30)
        for receiver in (ours, theirs):
            receiver.server.shutdown()
        producer.close()
        drop_namespace(settings)


if __name__ == "__main__":
    main()
