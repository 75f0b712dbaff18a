"""Resident memory of the local stack after a long run: N distinct mentions (default
1,000,000) produced to ``mentions.raw``, ``webcare worker`` indexing all of them, then the
resident memory of the worker, Kafka and Elasticsearch (and the worker's peak), beside the
number of de-duplication entries the worker holds (bounded by its window).

    python benchmarks/worker_memory.py [--mentions 1000000]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import orjson
from end_to_end import count, fresh_namespace, produce, start_worker

from core.elasticsearch import sync_client
from core.topics import TopicNames


def resident_mib(pid: int, field: str = "VmRSS") -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return next((int(line.split()[1]) for line in status.splitlines()
                 if line.startswith(f"{field}:")), 0) / 1024


def tree_mib(pid: int) -> float:
    """Resident memory of a process and its descendants (Elasticsearch runs its JVM under
    the launcher's user-switching parent)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            total += resident_mib(current)
        except OSError:
            continue
        todo += children.get(current, [])
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentions", type=int, default=1_000_000)
    args = parser.parse_args()
    base, settings = fresh_namespace("mem")
    produce(settings, TopicNames.for_settings(settings).raw, args.mentions, "m")
    es = sync_client(settings, timeout_s=60)
    alias = settings.index_name("mentions")
    worker, log = start_worker(settings, base.home.resolve())
    started = time.monotonic()
    try:
        while (done := count(es, alias)) < args.mentions:
            if worker.poll() is not None:
                raise SystemExit(f"worker exited; see {log}")
            time.sleep(5)
        took = time.monotonic() - started
        state = orjson.loads(settings.state_file.read_bytes()) if settings.state_file.exists() \
            else orjson.loads(base.state_file.read_bytes())
        figures = {"worker": tree_mib(worker.pid),
                   "kafka": tree_mib(int(state["kafka_pid"])),
                   "elasticsearch": tree_mib(int(state["es_pid"]))}
        peak = resident_mib(worker.pid, "VmHWM")
    finally:
        worker.terminate()
        worker.wait(30)
        es.indices.delete(index=f"{alias}-*")
        es.close()
    print(f"\n{done:,} distinct mentions indexed in {took:.0f} s ({done / took:,.0f}/s, "
          "start-up included)\n")
    print("| process | resident MiB |\n| --- | --- |")
    for name, mib in figures.items():
        print(f"| {name} | {mib:,.0f} |")
    print(f"| all three | {sum(figures.values()):,.0f} |")
    print(f"\nworker peak resident: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
