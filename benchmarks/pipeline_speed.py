"""The worker beside the bare minimum, on the same input in the same run (issue: speed against
a plain consumer). Three pipelines read one ``mentions.raw`` topic of N mentions already
produced, each to an index of its own, and report mentions/s from the first to the last
document written, start-up excluded:

1. ``bare``: a kafka-python consumer: decode, bulk-index with a stable ``_id``, commit;
2. ``bare + enrich``: the same loop validating each record as a ``RawMention`` and calling the
   worker's own ``Enricher`` (default steps, demo brands) before indexing;
3. ``worker``: ``webcare worker`` (Faust: validation, de-duplication, enrichment, indexing,
   ``mentions.enriched``, conversations, alert matching; by default one process per role
   under a supervisor), the same with every role in one process, ``worker --role enrich``
   (without the alerts role), and two ``--role enrich`` processes sharing the partitions.

The loop with enrichment and the worker layouts take turns for ``--rounds`` rounds (this
machine's speed moves within minutes), and each round's ratios compare neighbours. Before them,
``--warm-up`` rounds of the same, printed but not counted: on a stack just started, Kafka's and
Elasticsearch's JVMs are still compiling their hot paths, and Elasticsearch alone took 0.6 of
a core during the first worker's run (the worker at 58-66% of the loop, 81-92% once warm). One
round was not enough: the round after it made 67% and 68% in two runs on fresh stacks, the
rounds after that 77-83%. It prints
the rates and ratios of every round, the bare + enrich loop's cost per stage, the workers'
CPU time and peak resident memory (from /proc), and the cores each process kept busy while
the mentions were written (the pipeline's processes, Kafka, Elasticsearch). Usage:

    python benchmarks/pipeline_speed.py [--mentions 20000] [--rounds 2] [--warm-up 2]
                                         [--layouts 1 3]

Starts the local stack if it is not running (``webcare local up``); fresh names each run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import orjson
from elasticsearch import Elasticsearch
from end_to_end import drop_namespace, fresh_namespace, produce, start_worker, throughput
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from worker_memory import tree_mib, tree_pids

from core.elasticsearch import sync_client
from core.settings import Settings
from core.topics import TopicNames, ensure_topics
from models.brands import load_brands
from models.enrich import Enricher, settle
from pipeline.index import put_template
from pipeline.sink import mention_document
from schemas.mentions import RawMention

REPO = Path(__file__).resolve().parents[1]
MONTH_INDEX = "2026.11"  # the benchmark mentions are all from November 2026
Stages = dict[str, float]


def bulk_body(docs: list[tuple[str, bytes]], index: str) -> bytes:
    lines = []
    for doc_id, body in docs:
        lines.append(orjson.dumps({"index": {"_index": index, "_id": doc_id}}))
        lines.append(body)
    return b"\n".join(lines) + b"\n"


def bare_loop(settings: Settings, topic: str, total: int, index: str,
              transform: Callable[[list[bytes], Stages], list[tuple[str, bytes]]],
              at_first: Callable[[], object] = lambda: None) -> tuple[float, Stages]:
    """Consume ``total`` records, ``transform`` them into documents, bulk-index, commit.
    Returns the seconds from the first written batch to the last, and the time per stage;
    ``at_first`` is called once the first batch is written."""
    consumer = KafkaConsumer(topic, bootstrap_servers=settings.resolved_kafka(),
                             group_id=f"bare-{uuid.uuid4().hex[:8]}",
                             auto_offset_reset="earliest", enable_auto_commit=False,
                             max_poll_records=1000, fetch_max_bytes=64 * 1024 * 1024)
    es = sync_client(settings, timeout_s=120)
    stages: Stages = defaultdict(float)
    done, first_at = 0, None
    headers = {"content-type": "application/vnd.elasticsearch+x-ndjson; compatible-with=8",
               "accept": "application/vnd.elasticsearch+json; compatible-with=8"}
    try:
        while done < total:
            batch = [r.value for records in consumer.poll(timeout_ms=500).values()
                     for r in records]
            if not batch:
                continue
            docs = transform(batch, stages)
            started = time.perf_counter()
            es.perform_request("POST", "/_bulk", body=bulk_body(docs, index), headers=headers)
            stages["sink"] += time.perf_counter() - started
            started = time.perf_counter()
            consumer.commit()
            stages["commit"] += time.perf_counter() - started
            if first_at is None:
                first_at = time.monotonic()
                at_first()
            done += len(batch)
    finally:
        consumer.close()
        es.close()
    assert first_at is not None
    return time.monotonic() - first_at, stages


def plain(values: list[bytes], stages: Stages) -> list[tuple[str, bytes]]:
    started = time.perf_counter()
    decoded = [orjson.loads(v) for v in values]
    docs = [(f"{d['source']}:{d['id']}", orjson.dumps(d)) for d in decoded]
    stages["decode + serialise"] += time.perf_counter() - started
    return docs


def enriching(enricher: Enricher) -> Callable[[list[bytes], Stages], list[tuple[str, bytes]]]:
    def transform(values: list[bytes], stages: Stages) -> list[tuple[str, bytes]]:
        started = time.perf_counter()
        raws = [RawMention.model_validate_json(v) for v in values]
        stages["decode + validate"] += time.perf_counter() - started
        started = time.perf_counter()
        enriched = [m for m in enricher.enrich_many(raws) if not isinstance(m, Exception)]
        stages["enrich"] += time.perf_counter() - started
        started = time.perf_counter()
        docs = [(m.doc_id, mention_document("x", m).body) for m in enriched]
        stages["serialise"] += time.perf_counter() - started
        return docs

    return transform


def copy_topic(settings: Settings, source: str, target: str, total: int) -> None:
    """The same records, keys and order, on another topic (each worker its own namespace)."""
    consumer = KafkaConsumer(source, bootstrap_servers=settings.resolved_kafka(),
                             auto_offset_reset="earliest", enable_auto_commit=False,
                             group_id=None, max_poll_records=5000)
    producer = KafkaProducer(bootstrap_servers=settings.resolved_kafka(), acks="all",
                             linger_ms=20, batch_size=512 * 1024)
    copied = 0
    try:
        while copied < total:
            for records in consumer.poll(timeout_ms=500).values():
                for record in records:
                    producer.send(target, key=record.key, value=record.value)
                    copied += 1
        producer.flush()
    finally:
        consumer.close()
        producer.close()


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU seconds of ``pids`` so far (those gone count nothing)."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def proc_figures(pid: int) -> tuple[float, float]:
    """(CPU seconds, peak resident MiB) of a running process and its children (the enrich
    role's enrichment child among them), each child's peak added to the process's own."""
    return cpu_seconds(tree_pids(pid)), tree_mib(pid, "VmHWM")


def role_name(pid: int) -> str:
    """A worker process by what it runs."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "gone"
    if "--role" in command:
        return " + ".join(part.split()[0] for part in command.split("--role")[1:]) + " role"
    if "spawn_main" in command:
        return "enrichment child"
    if "role_processes" in command:
        return "supervisor"
    if "resource_tracker" in command:
        return "resource tracker"
    return "benchmark loop" if pid == os.getpid() else command[-40:]


class CpuMeter:
    """Cores busy per process from the first written mention to the last: the processes
    of the pipeline (found when it starts writing), Kafka and Elasticsearch."""

    def __init__(self, services: dict[str, int], pipeline: Callable[[], list[int]]) -> None:
        self.services, self.pipeline = services, pipeline
        self.groups: dict[str, list[int]] = {}
        self.before: dict[str, float] = {}
        self.started = 0.0

    def start(self) -> None:
        groups: dict[str, list[int]] = defaultdict(list)
        for pid in self.pipeline():
            groups[role_name(pid)].append(pid)
        for name, pid in self.services.items():
            groups[name] = tree_pids(pid)
        self.groups = dict(groups)
        self.before = {name: cpu_seconds(pids) for name, pids in self.groups.items()}
        self.started = time.monotonic()

    def shares(self) -> dict[str, float]:
        took = time.monotonic() - self.started
        return {name: (cpu_seconds(pids) - self.before[name]) / took
                for name, pids in self.groups.items()
                if name not in ("supervisor", "resource tracker")}


def settle_elasticsearch(es: Elasticsearch, timeout_s: float = 60.0) -> None:
    """Wait until Elasticsearch has no merge running. A pipeline that indexed 20,000 mentions
    leaves segment merges behind it for seconds, on the same two cores as the next pipeline:
    the first worker of a run, right after the bare loop's 20,000 documents in about a
    second, was slowed down by them in every run."""
    deadline = time.monotonic() + timeout_s
    es.indices.flush(index="_all", allow_no_indices=True)
    quiet = 0
    while quiet < 2 and time.monotonic() < deadline:
        # No index at all (a fresh stack): the totals are empty, and nothing merges.
        merges = es.indices.stats(metric="merge")["_all"]["total"].get("merges", {})
        quiet = quiet + 1 if merges.get("current", 0) == 0 else 0
        time.sleep(0.5)


WORKER_RUNS = (("worker (a process per role)", (), 1),
               ("worker --role enrich --role alerts", ("enrich", "alerts"), 1),
               ("worker --role enrich", ("enrich",), 1),
               ("2 x worker --role enrich", ("enrich",), 2))


def wait_for_group(settings: Settings, group: str, members: int,
                   started: list[tuple[subprocess.Popen[bytes], str]],
                   timeout_s: float = 180.0) -> None:
    """Until the consumer ``group`` is stable with ``members`` members."""
    admin = KafkaAdminClient(bootstrap_servers=settings.resolved_kafka())
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            for worker, log in started:
                if worker.poll() is not None:
                    raise SystemExit(f"worker exited; see {log}")
            found = admin.describe_groups([group]).get(group, {})
            if found.get("group_state") == "Stable" and len(found.get("members", [])) == members:
                return
            time.sleep(0.5)
    finally:
        admin.close()
    raise SystemExit(f"consumer group {group} did not settle with {members} members "
                     f"in {timeout_s:.0f} s")


def run_workers(settings: Settings, home: Path, topic: str, total: int,
                roles: tuple[str, ...], processes: int, services: dict[str, int]
                ) -> tuple[float, tuple[float, float], dict[str, float]]:
    """One worker layout over a copy of ``topic`` under a namespace of its own: (mentions/s,
    the first process's CPU seconds and peak resident MiB, cores busy per process)."""
    run = settings.model_copy(update={"namespace": f"{settings.namespace}{uuid.uuid4().hex[:6]}"})
    ensure_topics(run)
    raw = TopicNames.for_settings(run).raw
    if processes == 1:
        copy_topic(settings, topic, raw, total)
    es = sync_client(settings)
    started = [start_worker(run, home, *roles) for _ in range(processes)]
    if processes > 1:
        # Several processes join their group one after the other, and Faust stops every
        # consumer while the partitions are handed out again: with the mentions already
        # there, the first process's head start and that pause made the rate swing (174%
        # and 76% of the loop in two rounds). The mentions go in once every process holds
        # partitions.
        wait_for_group(run, run.index_name("webcare-worker"), processes, started)
        copy_topic(settings, topic, raw, total)
    meter = CpuMeter(services, lambda: [pid for worker, _ in started
                                        for pid in tree_pids(worker.pid)])
    try:
        took = throughput(es, run.index_name("mentions"), total, *started[0],
                          at_first=meter.start)
        shares = meter.shares()
        figures = proc_figures(started[0][0].pid)
    finally:
        for worker, _ in started:
            worker.terminate()
            worker.wait(30)
        es.close()
        drop_namespace(run)
    return total / took, figures, shares


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentions", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=2,
                        help="times the loop with enrichment and each worker layout take turns")
    parser.add_argument("--warm-up", type=int, default=2,
                        help="rounds run first and not counted (0: measure a cold stack)")
    parser.add_argument("--layouts", type=int, nargs="+",
                        choices=range(1, len(WORKER_RUNS) + 1),
                        default=range(1, len(WORKER_RUNS) + 1),
                        help="the worker layouts to run, by number: "
                        + "; ".join(f"{n} {name}" for n, (name, _, _) in
                                    enumerate(WORKER_RUNS, 1)))
    args = parser.parse_args()
    layouts = [WORKER_RUNS[n - 1] for n in sorted(set(args.layouts))]
    base, settings = fresh_namespace("speed")
    topic = TopicNames.for_settings(settings).raw
    produce(settings, topic, args.mentions, "t")
    es = sync_client(settings)
    state = orjson.loads(base.state_file.read_bytes())
    services = {"Kafka": int(state["kafka_pid"]), "Elasticsearch": int(state["es_pid"])}
    rates: dict[str, list[float]] = defaultdict(list)
    workers: dict[str, tuple[float, float]] = {}
    stage_costs: dict[str, Stages] = {}
    cores: dict[str, dict[str, float]] = {}
    enricher = Enricher(load_brands(REPO / "deploy" / "demo" / "brands.yml"))
    settle(enricher)
    loops = (("bare", plain), ("bare + enrich", enriching(enricher)))
    try:
        for round_number in range(-args.warm_up, args.rounds):
            # This machine's speed moves within minutes: the loop and the workers take turns,
            # and each round's ratios compare neighbours. Rounds below 0 warm the stack up.
            counted = round_number >= 0
            for name, transform in loops[0 if round_number == 0 else 1:]:
                settle_elasticsearch(es)
                alias = settings.index_name(f"{name.replace(' + ', '-')}{round_number}-mentions")
                put_template(es, alias)
                meter = CpuMeter(services, lambda: [os.getpid()])
                took, stages = bare_loop(settings, topic, args.mentions,
                                         f"{alias}-{MONTH_INDEX}", transform,
                                         at_first=meter.start)
                shares = meter.shares()
                if counted:
                    stage_costs[name], cores[name] = stages, shares
                    rates[name].append(args.mentions / took)
                else:
                    print(f"warm-up, not counted: {name} {args.mentions / took:,.0f}/s")
            for name, roles, processes in layouts:
                settle_elasticsearch(es)
                rate, figures, shares = run_workers(
                    settings, base.home.resolve(), topic, args.mentions, roles, processes,
                    services)
                if counted:
                    workers[name], cores[name] = figures, shares
                    rates[name].append(rate)
                else:
                    print(f"warm-up, not counted: {name} {rate:,.0f}/s")
    finally:
        es.close()
        drop_namespace(settings)
    report(args.mentions, rates, workers, stage_costs)
    print_cores(cores)


def print_cores(cores: dict[str, dict[str, float]]) -> None:
    """Where the machine's cores went while each pipeline wrote, last round."""
    print("\nCores busy from the first written mention to the last (last round; "
          f"{os.cpu_count()} on this machine):")
    for name, shares in cores.items():
        parts = ", ".join(f"{process} {share:.2f}" for process, share in shares.items())
        print(f"{name}: {parts}; all {sum(shares.values()):.2f}")


def report(total: int, rates: dict[str, list[float]], workers: dict[str, tuple[float, float]],
           stage_costs: dict[str, Stages]) -> None:
    loop = rates["bare + enrich"]
    print(f"\n{total:,} mentions from mentions.raw to searchable, start-up excluded; "
          f"{len(loop)} round(s), the loop with enrichment and the workers taking turns\n")
    print("| pipeline | mentions/s, each round | / bare + enrich, each round |")
    print("| --- | --- | --- |")
    for name, values in rates.items():
        shares = ", ".join(f"{value / base:.0%}" for value, base in zip(values, loop,
                                                                          strict=False))
        print(f"| {name} | {', '.join(f'{value:,.0f}' for value in values)} | {shares} |")
    for name, (cpu_s, peak_mib) in workers.items():
        print(f"{name}: {cpu_s:.1f} s CPU over its life, start-up included, last round; peak "
              f"resident {peak_mib:.0f} MiB (its children's CPU and peaks added)")
    for name, stages in stage_costs.items():
        parts = ", ".join(f"{stage} {seconds / total * 1e6:.0f} µs"
                          for stage, seconds in stages.items())
        print(f"{name}, per mention (last round): {parts}")


if __name__ == "__main__":
    main()
