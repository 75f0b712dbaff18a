"""End-to-end benchmark on the local services: mentions.raw -> worker -> searchable.

Prints (1) throughput: N mentions already on the topic, the worker started, mentions/s from
the first to the last document being searchable; (2) latency: probes produced at a steady rate
while the worker runs, p50/p99 from produce to searchable (Elasticsearch refreshes every 1s,
which bounds what "searchable" can mean).

Usage: python benchmarks/end_to_end.py [--mentions 20000] [--rate 200] [--seconds 15]
Starts the local stack if it is not running (webcare local up) and uses a fresh namespace.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import orjson
from elasticsearch import Elasticsearch
from kafka import KafkaProducer

from core.elasticsearch import sync_client

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from core.settings import load_settings  # noqa: E402
from core.topics import TopicNames, ensure_topics  # noqa: E402
from deploy.local.stack import LocalStack  # noqa: E402

TEXTS = [
    "Geweldig hoor, alweer vertraging bij Utrecht 🙄 @NS_online",
    "@KPNwebcare mijn internet ligt er al de hele dag uit, wanneer is het opgelost?",
    "Bedankt @bol voor de snelle levering, top service!",
    "My IKEA order arrived damaged, again. Worst customer service ever @IKEANederland",
    "Heeft iemand ervaring met de ABN AMRO hypotheekadviseur?",
]


def mention(i: int, prefix: str) -> dict[str, object]:
    return {"id": f"{prefix}{i}", "source": "twitter", "text": f"{TEXTS[i % len(TEXTS)]} {i}",
            "created_at": "2026-11-20T10:00:00Z", "author": {"handle": f"user{i % 977}"}}


def count(es: Elasticsearch, alias: str) -> int:
    try:
        return int(es.count(index=alias)["count"])
    except Exception:
        return 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentions", type=int, default=20_000)
    parser.add_argument("--rate", type=int, default=200, help="probe mentions per second")
    parser.add_argument("--seconds", type=int, default=15)
    args = parser.parse_args()

    base = load_settings()
    addresses = LocalStack(base).up(log=lambda m: print(m, file=sys.stderr))
    namespace = f"bench{uuid.uuid4().hex[:8]}"
    settings = load_settings(kafka_bootstrap=addresses["WEBCARE_KAFKA_BOOTSTRAP"],
                             es_url=addresses["WEBCARE_ES_URL"], namespace=namespace)
    ensure_topics(settings)
    topic = TopicNames.for_settings(settings).raw
    alias = settings.index_name("mentions")
    producer = KafkaProducer(bootstrap_servers=settings.resolved_kafka(), acks="all",
                             linger_ms=20, batch_size=512 * 1024)
    es = sync_client(settings)
    brands = REPO / "deploy" / "demo" / "brands.yml"

    for i in range(args.mentions):
        m = mention(i, "t")
        producer.send(topic, key=f"twitter:{m['id']}".encode(), value=orjson.dumps(m))
    producer.flush()

    env = {**os.environ, "WEBCARE_KAFKA_BOOTSTRAP": settings.resolved_kafka(),
           "WEBCARE_ES_URL": settings.resolved_es(), "WEBCARE_NAMESPACE": namespace,
           "WEBCARE_BRANDS": str(brands), "WEBCARE_HOME": str(base.home.resolve())}
    log = open(base.home / f"bench-worker-{namespace}.log", "wb")  # noqa: SIM115
    worker = subprocess.Popen([sys.executable, "-m", "webcare", "worker"], env=env,
                              stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    try:
        first_at = None
        while count(es, alias) < args.mentions:
            if worker.poll() is not None:
                raise SystemExit(f"worker exited; see {log.name}")
            if first_at is None and count(es, alias) > 0:
                first_at = time.monotonic()
            time.sleep(0.05)
        done_at = time.monotonic()
        assert first_at is not None
        throughput = args.mentions / (done_at - first_at)

        sent: dict[str, float] = {}
        seen: dict[str, float] = {}
        stop = threading.Event()

        def poll_visibility() -> None:
            while not stop.is_set() or len(seen) < len(sent):
                pending = [k for k in list(sent) if k not in seen]
                if pending:
                    hits = es.search(index=alias, size=len(pending), source=False,
                                     query={"ids": {"values": pending}})["hits"]["hits"]
                    now = time.monotonic()
                    for hit in hits:
                        seen.setdefault(hit["_id"], now)
                time.sleep(0.02)
                if stop.is_set() and time.monotonic() - stop_at[0] > 30:
                    return

        stop_at = [0.0]
        poller = threading.Thread(target=poll_visibility, daemon=True)
        poller.start()
        interval = 1.0 / args.rate
        start = time.monotonic()
        for i in range(args.rate * args.seconds):
            target = start + i * interval
            delay = target - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            m = mention(i, "p")
            sent[f"twitter:{m['id']}"] = time.monotonic()
            producer.send(topic, key=f"twitter:{m['id']}".encode(), value=orjson.dumps(m))
            producer.flush() if i % 10 == 0 else None
        producer.flush()
        stop_at[0] = time.monotonic()
        stop.set()
        poller.join()
        latencies = sorted((seen[k] - sent[k]) * 1000 for k in sent if k in seen)
        p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan")
        print(f"throughput: {args.mentions} mentions in {done_at - first_at:.2f}s = "
              f"{throughput:,.0f} mentions/s (raw topic -> searchable, one worker)")
        print(f"latency at {args.rate}/s for {args.seconds}s: n={len(latencies)}/{len(sent)} "
              f"p50={statistics.median(latencies):.0f} ms p99={p99:.0f} ms "
              f"max={latencies[-1]:.0f} ms (produce -> searchable, refresh_interval=1s)")
    finally:
        worker.terminate()
        worker.wait(30)
        producer.close()
        es.indices.delete(index=f"{alias}-*")
        es.close()


if __name__ == "__main__":
    main()
