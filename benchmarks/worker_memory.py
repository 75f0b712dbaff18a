"""Resident memory of the local stack after a long run: N distinct mentions (default
1,000,000) produced to ``mentions.raw``, ``webcare worker`` indexing all of them and taking
in their conversation messages, then the resident memory of the worker, Kafka,
Elasticsearch and ``webcare api`` (after it served a search and the console's inbox over all
of them), the worker's peak, and the index size per mention (for sizing).

    python benchmarks/worker_memory.py [--mentions 1000000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import orjson
from end_to_end import (
    REPO,
    ConsumerLag,
    add_layout_option,
    count,
    drop_namespace,
    fresh_namespace,
    namespace_env,
    produce,
    start_workers,
)

from core.elasticsearch import sync_client
from core.settings import Settings
from core.topics import TopicNames
from deploy.demo.run import demo_login
from deploy.local.process import free_port


def resident_mib(pid: int, field: str = "VmRSS") -> float:
    """``field`` of /proc/PID/status, or ``Pss`` (proportional: each page shared with other
    processes, a library's code say, counted as its share) of /proc/PID/smaps_rollup."""
    source = "smaps_rollup" if field == "Pss" else "status"
    status = Path(f"/proc/{pid}/{source}").read_text()
    return next((int(line.split()[1]) for line in status.splitlines()
                 if line.startswith(f"{field}:")), 0) / 1024


def tree_pids(pid: int) -> list[int]:
    """A process, its descendants and its process group (Elasticsearch runs its JVM under the
    launcher's user-switching parent, and daemonised: the node stays in the group of a
    launcher that has exited)."""
    children: dict[int, list[int]] = {}
    group: list[int] = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        if int(fields[2]) == pid:
            group.append(int(stat.parent.name))
    found, todo = [], [pid, *group]
    while todo:
        current = todo.pop()
        if current not in found:
            found.append(current)
            todo += children.get(current, [])
    return found


def tree_mib(pid: int, field: str = "VmRSS") -> float:
    """Resident memory of a process, its descendants and its process group."""
    total = 0.0
    for member in tree_pids(pid):
        try:
            total += resident_mib(member, field)
        except OSError:
            continue
    return total


def max_heap(pid: int) -> str:
    """The ``-Xmx`` (the last one given wins) of the JVM among a process's tree and group."""
    for member in tree_pids(pid):
        try:
            args = Path(f"/proc/{member}/cmdline").read_bytes().decode().split("\0")
        except OSError:
            continue
        heap = [arg[4:] for arg in args if arg.startswith("-Xmx")]
        if heap:
            return heap[-1]
    return "unknown"


def start_api(settings: Settings, home: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    """``webcare api`` for the demo team on the run's namespace; its address and key."""
    login = demo_login(home / "bench-api", settings)
    port = free_port()
    env = {**namespace_env(settings, home), **login.env}
    api = subprocess.Popen([sys.executable, "-m", "webcare", "api", "--port", str(port)],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           cwd=REPO)
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{address}/healthz", timeout=2).read()
            return api, address, login.key
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the API did not start")


def use_api(address: str, key: str) -> None:
    """What a user does first: a search over everything, and the count per brand."""
    for path in ("/v1/mentions?size=25", "/v1/mentions?size=25&q=storing"):
        request = urllib.request.Request(f"{address}{path}",
                                         headers={"X-API-Key": key})
        urllib.request.urlopen(request, timeout=60).read()


def wait_for_conversations(settings: Settings, timeout_s: float = 300.0) -> float:
    """Wait until the alerts role has taken in every conversation message (its group's lag on
    ``conversations.messages`` at nought), so that the memory is measured at the run's end
    for every role, not while the conversation tracking still catches up. Seconds waited."""
    started = time.monotonic()
    lag = ConsumerLag(settings, TopicNames.for_settings(settings).conversation_messages,
                      settings.index_name("webcare-alerts"))
    try:
        while time.monotonic() - started < timeout_s:
            time.sleep(1.0)
            if lag.samples and lag.samples[-1] == 0:
                break
    finally:
        lag.finish()
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentions", type=int, default=1_000_000)
    add_layout_option(parser)
    args = parser.parse_args()
    base, settings = fresh_namespace("mem")
    produce(settings, TopicNames.for_settings(settings).raw, args.mentions, "m")
    es = sync_client(settings, timeout_s=60)
    alias = settings.index_name("mentions")
    home = base.home.resolve()
    workers = start_workers(settings, home, args.layout)
    worker, log = workers[0]
    started = time.monotonic()
    try:
        while (done := count(es, alias)) < args.mentions:
            if worker.poll() is not None:
                raise SystemExit(f"worker exited; see {log}")
            time.sleep(5)
        took = time.monotonic() - started
        caught_up_s = wait_for_conversations(settings)
        api, address, key = start_api(settings, base.home.resolve())
        try:
            use_api(address, key)
            api_mib, api_file_mib = tree_mib(api.pid), tree_mib(api.pid, "RssFile")
            api_pss = tree_mib(api.pid, "Pss")
        finally:
            api.terminate()
            api.wait(30)
        state = orjson.loads(settings.state_file.read_bytes()) if settings.state_file.exists() \
            else orjson.loads(base.state_file.read_bytes())
        names = {"per-role": ("worker (enrich)", "worker (alerts)"),
                 "one-process": ("worker",)}.get(args.layout, ("worker (supervisor, roles)",))
        pids = {**{name: process.pid for name, (process, _) in zip(names, workers, strict=True)},
                "kafka": int(state["kafka_pid"]), "elasticsearch": int(state["es_pid"])}
        heaps = {name: max_heap(pids[name]) for name in ("kafka", "elasticsearch")}
        figures = {**{name: tree_mib(pid) for name, pid in pids.items()}, "api": api_mib}
        # Resident pages backed by files (the JVMs' mapped jars, Elasticsearch's mapped index
        # files) are counted in the figures, and are the part the kernel can drop and reread.
        file_backed = {**{name: tree_mib(pid, "RssFile") for name, pid in pids.items()},
                       "api": api_file_mib}
        # Resident pages shared between processes (Python's and the libraries' code in the
        # enrich role's process and its enrichment child, the alerts worker and the API) are
        # counted in each one's figure; the proportional figure counts them once.
        proportional = {**{name: tree_mib(pid, "Pss") for name, pid in pids.items()},
                        "api": api_pss}
        # Each process's own peak (the supervisor's, each role's, the enrichment child's), added.
        peak = sum(tree_mib(process.pid, "VmHWM") for process, _ in workers)
        es.indices.flush(index=alias)
        stats = es.indices.stats(index=alias, metric="store,docs")["_all"]["primaries"]
        per_mention = stats["store"]["size_in_bytes"] / max(1, stats["docs"]["count"])
    finally:
        for process, _ in workers:
            process.terminate()
            process.wait(30)
        es.close()
        drop_namespace(settings)
    print(f"\n{done:,} distinct mentions indexed in {took:.0f} s ({done / took:,.0f}/s, "
          f"start-up included); the conversations caught up {caught_up_s:.0f} s later\n")
    print("| process | resident MiB | of it mapped from files | proportional (PSS) MiB |\n"
          "| --- | --- | --- | --- |")
    for name, mib in figures.items():
        print(f"| {name} | {mib:,.0f} | {file_backed[name]:,.0f} | {proportional[name]:,.0f} |")
    total, shared_once = sum(figures.values()), sum(proportional.values())
    print(f"| all of them | {total:,.0f} ({total * 2**20 / 1e9:.2f} GB) | "
          f"{sum(file_backed.values()):,.0f} | {shared_once:,.0f} "
          f"({shared_once * 2**20 / 1e9:.2f} GB) |")
    print(f"\nheaps: Kafka {heaps['kafka']}, Elasticsearch {heaps['elasticsearch']}")
    print(f"worker peak resident (its processes' peaks added): {peak:,.0f} MiB; index size "
          f"{per_mention:,.0f} bytes a mention (primary, after a flush)")


if __name__ == "__main__":
    main()
