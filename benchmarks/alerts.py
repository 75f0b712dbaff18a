"""Alert benchmarks.

1. Matching throughput (pure, one core): enriched mentions/s through ``AlertMatcher`` with
   10, 1,000 and 10,000 subscriptions (brand, hashtag, keyword and Boolean-query ones).
2. End-to-end latency on the local services: brand mentions produced to ``mentions.raw`` at a
   steady rate (default 500/s), a share of them (default one in ten) carrying the hashtag a
   webhook subscription watches; p50/p99 from produce to the webhook request arriving at a
   local receiver, after a warm-up. ``--alerting-share 1`` makes every mention an alert: the
   worst case, 500 webhooks a second into a Python receiver on the same machine.

Usage: python benchmarks/alerts.py [--skip-latency] [--skip-matching] [--rate 500] [--seconds 20]
       [--alerting-share 0.1] [--layout webcare-worker|per-role|one-process]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from end_to_end import LAYOUTS, add_layout_option  # noqa: E402

from alerting.matcher import AlertMatcher  # noqa: E402
from alerting.subscriptions import Subscription  # noqa: E402
from core.settings import Settings, load_settings  # noqa: E402
from models.brands import parse_brands  # noqa: E402
from models.enrich import Enricher  # noqa: E402
from schemas.mentions import RawMention  # noqa: E402

# A synthetic but realistically sparse world: 2,000 brands, a 3,000-word vocabulary, mentions
# of twelve words naming one brand; subscriptions watch a brand (40%), a hashtag (30%), a
# two-word phrase (20%) or a Boolean query (10%), a third of them complaints only.
WORDS = [f"w{i}" for i in range(3000)]


def subscriptions(n: int, brands: list[str]) -> list[Subscription]:
    rng = random.Random(n)
    now = datetime.now(UTC).isoformat()
    subs = []
    for i in range(n):
        kind = i % 10
        spec: dict[str, Any] = {"name": f"s{i}", "intents": ["complaint"] if i % 3 == 0 else []}
        if kind < 4:
            spec["brands"] = [rng.choice(brands)]
        elif kind < 7:
            spec["hashtags"] = [rng.choice(brands)]
        elif kind < 9:
            spec["keywords"] = [f"{rng.choice(WORDS)} {rng.choice(WORDS)}"]
        else:
            spec["query"] = f"{rng.choice(WORDS)} AND NOT {rng.choice(WORDS)}"
        subs.append(Subscription.model_validate({**spec, "id": f"s{i}", "team": "default",
                                                 "created_at": now, "updated_at": now}))
    return subs


def matching(mentions: int = 20_000) -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    brand_ids = [f"brand{i}" for i in range(2000)]
    enricher = Enricher(parse_brands([{"id": b, "name": b, "keywords": [b], "hashtags": [b]}
                                      for b in brand_ids]))
    rng = random.Random(1)
    enriched = []
    for i in range(2000):
        words = " ".join(rng.choice(WORDS) for _ in range(12))
        text = f"{words} {rng.choice(brand_ids)} #{rng.choice(brand_ids)} nog steeds kapot"
        enriched.append(enricher.enrich(RawMention.model_validate({
            "id": str(i), "source": "twitter", "text": text,
            "created_at": datetime.now(UTC).isoformat(), "author": {"handle": "a"}})))
    for n in (10, 1_000, 10_000):
        matcher = AlertMatcher({"default": None})
        matcher.load(subscriptions(n, brand_ids))
        alerts = 0
        start = time.perf_counter()
        for i in range(mentions):
            alerts += len(matcher.process(enriched[i % len(enriched)]))
        elapsed = time.perf_counter() - start
        print(f"matching, {n:>6,} subscriptions: {mentions / elapsed:>9,.0f} mentions/s "
              f"({elapsed / mentions * 1e6:.0f} µs/mention, "
              f"{alerts / mentions:.1f} alerts/mention)")


class BenchReceiver:
    """A webhook receiver on loopback that notes when each request arrived (bodies are
    parsed after the run, so the receiver stays fast)."""

    def __init__(self) -> None:
        from deploy.local.process import free_port

        self.bodies: list[tuple[bytes, float, float]] = []  # (body, wall time, monotonic)
        bodies = self.bodies

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real receivers do

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["content-length"]))
                bodies.append((body, time.time(), time.monotonic()))
                self.send_response(204)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        self.port = free_port()
        ThreadingHTTPServer.request_queue_size = 128
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count: int, timeout_s: float) -> bool:
        deadline = time.monotonic() + timeout_s
        while len(self.bodies) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        return len(self.bodies) >= count


def bench_settings() -> tuple[Settings, Path]:
    """Settings of a fresh namespace on the local stack (started if needed), and its home."""
    from core.topics import ensure_topics
    from deploy.local.stack import LocalStack

    base = load_settings()
    addresses = LocalStack(base).up(log=lambda m: print(m, file=sys.stderr))
    settings = load_settings(kafka_bootstrap=addresses["WEBCARE_KAFKA_BOOTSTRAP"],
                             es_url=addresses["WEBCARE_ES_URL"],
                             namespace=f"alertbench{uuid.uuid4().hex[:6]}",
                             worker_batch_within_s=0.05)
    ensure_topics(settings)
    return settings, base.home.resolve()


def subscribe_bench(settings: Settings, port: int) -> None:
    import asyncio

    from alerting.store import SubscriptionStore
    from alerting.subscriptions import SubscriptionSpec
    from core.elasticsearch import async_client

    async def create() -> None:
        client = async_client(settings)
        store = SubscriptionStore(client, settings.index_name("subscriptions"))
        await store.ensure()
        await store.create("default", SubscriptionSpec.model_validate({
            "name": "bench", "hashtags": ["bench"], "delivery": {"webhook": {
                "url": f"http://127.0.0.1:{port}/", "secret": "benchmark-secret-123"}}}))
        await client.close()

    asyncio.run(create())


def start_workers(settings: Settings, home: Path, layout: str
                  ) -> tuple[list[subprocess.Popen[bytes]], Path]:
    """The layout's ``webcare worker`` commands (end_to_end.LAYOUTS), the alerts role's first:
    its log says when the subscription is being watched."""
    brands = Path(tempfile.mkdtemp()) / "brands.yml"
    brands.write_text("brands:\n  - {id: bench, name: Bench, keywords: [bench], "
                      "hashtags: [bench]}\n")
    env = {**os.environ, "WEBCARE_KAFKA_BOOTSTRAP": settings.resolved_kafka(),
           "WEBCARE_ES_URL": settings.resolved_es(), "WEBCARE_NAMESPACE": settings.namespace,
           "WEBCARE_BRANDS": str(brands), "WEBCARE_HOME": str(home),
           "WEBCARE_WORKER_BATCH_WITHIN_S": "0.05",
           # The benchmark's receiver listens on loopback, which alerts reach only if allowed.
           "WEBCARE_OUTBOUND_ALLOW": '["127.0.0.0/8"]'}
    log = Path(tempfile.mkdtemp()) / "worker.log"
    commands = [["worker", *(arg for role in roles for arg in ("--role", role))]
                for roles in sorted(LAYOUTS[layout], key=lambda roles: "alerts" not in roles)]
    workers = [subprocess.Popen([sys.executable, "-m", "webcare", *command], env=env,
                                stdout=(log if i == 0 else log.with_suffix(f".{i}")).open("wb"),
                                stderr=subprocess.STDOUT, cwd=REPO)
               for i, command in enumerate(commands)]
    deadline = time.monotonic() + 60
    while "watching 1 subscriptions" not in log.read_text():
        if time.monotonic() > deadline or any(w.poll() is not None for w in workers):
            raise SystemExit(f"worker did not start; see {log}")
        time.sleep(0.2)
    return workers, log


def bench_mention(i: int, tag: str, handle: str = "") -> dict[str, Any]:
    return {"id": f"m{i}", "source": "twitter", "author": {"handle": handle or f"u{i % 97}"},
            "text": f"Alweer een storing, al uren geen internet #{tag} {i}",
            "created_at": datetime.now(UTC).isoformat()}


def warm_up(producer: Any, topic: str, receiver: BenchReceiver, log: Path) -> None:
    """The worker's consumer groups settle (rebalances, table recovery) in the first seconds
    after it logs that it is ready; the measurement is of the steady state after that."""
    for i in range(20):
        warm = {**bench_mention(i, "bench", "warm"), "id": f"warm{i}"}
        producer.send(topic, key=f"twitter:warm{i}".encode(), value=orjson.dumps(warm))
    producer.flush()
    if not receiver.wait_for(20, 60):
        raise SystemExit(f"warm-up alerts did not arrive; see {log}")
    receiver.bodies.clear()


def produce_at_rate(producer: Any, topic: str, rate: int, seconds: int, every: int
                    ) -> tuple[dict[str, float], dict[str, float], float, float]:
    """Every mention names the brand (indexed, matched); one in ``every`` carries the
    subscribed hashtag and must become an alert. Returns when each alerting mention was sent
    and acknowledged, the start and how long producing took."""
    sent: dict[str, float] = {}
    acked: dict[str, float] = {}
    start = time.monotonic()
    for i in range(rate * seconds):
        delay = start + i / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        key = f"twitter:m{i}"
        alerting = i % every == 0
        if alerting:
            sent[key] = time.monotonic()
        mention = bench_mention(i, "bench" if alerting else "storing")
        future = producer.send(topic, key=key.encode(), value=orjson.dumps(mention))
        future.add_callback(lambda _meta, k=key: acked.setdefault(k, time.monotonic()))
    producer.flush()
    return sent, acked, start, time.monotonic() - start


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * share) - 1)]


def p99(values: list[float]) -> float:
    return percentile(values, 0.99)


def report_latency(receiver: BenchReceiver, sent: dict[str, float], acked: dict[str, float],
                   start: float) -> list[float]:
    """Print the stage and per-second figures; return the produce-to-webhook latencies."""
    arrived: dict[str, float] = {}
    to_alert, to_receiver = [], []  # produce -> alert created, alert -> received (ms)
    for body, wall, mono in receiver.bodies:
        alert = orjson.loads(body)
        if alert["mention"]["doc_id"].startswith("twitter:warm"):
            continue
        arrived.setdefault(alert["mention"]["doc_id"], mono)
        created = datetime.fromisoformat(alert["created_at"]).timestamp()
        to_alert.append((created - datetime.fromisoformat(
            alert["mention"]["created_at"]).timestamp()) * 1000)
        to_receiver.append((wall - created) * 1000)
    per_second: dict[int, list[float]] = {}
    for key, t in sent.items():
        if key in arrived:
            per_second.setdefault(int(t - start), []).append((arrived[key] - t) * 1000)
    acks = [(acked[k] - t) * 1000 for k, t in sent.items() if k in acked]
    print(f"produce acknowledged by Kafka: p50={statistics.median(acks):.0f} ms "
          f"p99={p99(acks):.0f} ms")
    print(f"stages p50/p99: produce -> alert created {statistics.median(to_alert):.0f}/"
          f"{p99(to_alert):.0f} ms, alert -> webhook received "
          f"{statistics.median(to_receiver):.0f}/{p99(to_receiver):.0f} ms")
    print("p99 per second of the run (ms):",
          " ".join(f"{p99(v):.0f}" for _, v in sorted(per_second.items())))
    return sorted((arrived[k] - t) * 1000 for k, t in sent.items() if k in arrived)


def latency(rate: int, seconds: int, layout: str, alerting_share: float) -> None:
    from end_to_end import drop_namespace
    from kafka import KafkaProducer

    from core.topics import TopicNames

    settings, home = bench_settings()
    receiver = BenchReceiver()
    subscribe_bench(settings, receiver.port)
    workers, log = start_workers(settings, home, layout)
    producer = KafkaProducer(bootstrap_servers=settings.resolved_kafka(), acks="all",
                             linger_ms=0)
    topic = TopicNames.for_settings(settings).raw
    try:
        warm_up(producer, topic, receiver, log)
        every = max(1, round(1 / alerting_share))
        sent, acked, start, produced_in = produce_at_rate(producer, topic, rate, seconds, every)
        receiver.wait_for(len(sent), 30)
        latencies = report_latency(receiver, sent, acked, start)
        print(f"alert latency at {rate} mentions/s for {seconds}s, one in {every} alerting, "
              f"{len(workers)} worker process(es) (mentions.raw -> webhook received): "
              f"n={len(latencies)}/{len(sent)} p50={statistics.median(latencies):.0f} ms "
              f"p99={p99(latencies):.0f} ms max={latencies[-1]:.0f} ms; produced at "
              f"{rate * seconds / produced_in:,.0f} mentions/s")
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(30)
        receiver.server.shutdown()
        producer.close()
        drop_namespace(settings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--skip-matching", action="store_true")
    parser.add_argument("--rate", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--alerting-share", type=float, default=0.1,
                        help="share of the mentions that match the subscription (0-1]")
    add_layout_option(parser)
    args = parser.parse_args()
    if not args.skip_matching:
        matching()
    if not args.skip_latency:
        latency(args.rate, args.seconds, args.layout, args.alerting_share)


if __name__ == "__main__":
    main()
