"""What conversations cost per mention, beside what enrichment costs in the same run: the
enrichment agent's extra step (a mention to its conversation messages and the thread ids it
is indexed with, reply-tone check and JSON included) and the tracker's, on the real IBM
support threads (``../shared/eval/support-threads-en-ibm``), best of 5 passes. The tracker
takes the messages in time order in batches of 50, as the worker takes what arrived within
its batch window, and its three parts are timed apart: threading (placing each message), the
documents of the conversations a batch touched (built and serialised), and storing the touched
threads as the table and its changelog hold them.

    python benchmarks/conversation_cost.py
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

import orjson
from first_response import THREADS, company_brands
from quality_common import read

from conversations.document import Policy
from conversations.ledger import apply_messages
from conversations.messages import conversation_messages, threaded
from conversations.tracker import Thread
from models.enrich import Enricher, settle
from models.training.support_threads import turns
from pipeline.conversation_agent import stored_thread
from pipeline.sink import index_for
from schemas.mentions import EnrichedMention

PASSES = 5
BATCH = 50


def best_us(work: Callable[[], object], count: int) -> float:
    timings = []
    for _ in range(PASSES):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings) / count * 1e6


def main() -> None:
    threads = read(THREADS)
    enricher = Enricher(company_brands(threads))
    settle(enricher)
    raws = sorted((t.raw for t in turns(threads) if t.raw is not None),
                  key=lambda r: r.created_at)
    enriched = [m for m in enricher.enrich_many(raws) if isinstance(m, EnrichedMention)]
    policy = Policy(quiet=timedelta(hours=2))
    messages = [m for mention in enriched
                for m in conversation_messages(mention, index_for("mentions", mention))]
    now = enriched[-1].created_at

    batches = [messages[i:i + BATCH] for i in range(0, len(messages), BATCH)]
    parts = {"threading": 0.0, "documents": 0.0, "storing": 0.0}

    def track() -> None:
        threads: dict[str, Thread] = {}
        for batch in batches:
            start = time.perf_counter()
            changes = apply_messages(threads, batch, lambda _b: policy)
            threaded_at = time.perf_counter()
            for doc in changes.documents(now):
                orjson.dumps(doc)
            documented_at = time.perf_counter()
            for key in changes.touched:
                stored_thread(threads[key])
            stored_at = time.perf_counter()
            parts["threading"] += threaded_at - start
            parts["documents"] += documented_at - threaded_at
            parts["storing"] += stored_at - documented_at

    def tracker_parts() -> list[tuple[str, float]]:
        """Each part's best pass, from passes timed apart."""
        best: dict[str, float] = {}
        for _ in range(PASSES):
            parts.update(dict.fromkeys(parts, 0.0))
            track()
            best = {name: min(best.get(name, spent), spent) for name, spent in parts.items()}
        return [(f"tracker: {name}", spent / len(messages) * 1e6)
                for name, spent in best.items()]

    rows = [
        ("enrichment (baseline): Enricher.enrich_many", best_us(
            lambda: enricher.enrich_many(raws), len(raws))),
        ("enrichment agent's extra: threads on the mention, messages + JSON", best_us(
            lambda: [m.to_json() for mention in enriched for m in threaded(
                mention, index_for("mentions", mention))[1]], len(enriched))),
        ("tracker: threading + documents + storing", best_us(track, len(messages))),
        *tracker_parts(),
    ]
    print(f"{len(raws)} mentions, {len(messages)} conversation messages, batches of {BATCH}, "
          f"best of {PASSES}\n")
    print("| step | µs per mention (tracker: per message) |\n| --- | --- |")
    for name, us in rows:
        print(f"| {name} | {us:.1f} |")


if __name__ == "__main__":
    main()
