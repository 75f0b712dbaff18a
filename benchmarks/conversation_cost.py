"""What conversations cost per mention, beside what enrichment costs in the same run: the
enrichment agent's extra step (a mention to its conversation messages and the thread ids it
is indexed with, reply-tone check and JSON included) and the tracker's (threading a batch and
its documents), on the real IBM support threads (``../shared/eval/support-threads-en-ibm``),
best of 5 passes.

    python benchmarks/conversation_cost.py
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

from first_response import THREADS, company_brands
from quality_common import read

from conversations.document import Policy
from conversations.ledger import apply_messages
from conversations.messages import conversation_messages, threaded
from models.enrich import Enricher, settle
from models.training.support_threads import turns
from pipeline.sink import index_for
from schemas.mentions import EnrichedMention

PASSES = 5


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

    def track() -> None:
        apply_messages({}, messages, lambda _b: policy).documents(now)

    rows = [
        ("enrichment (baseline): Enricher.enrich_many", best_us(
            lambda: enricher.enrich_many(raws), len(raws))),
        ("enrichment agent's extra: threads on the mention, messages + JSON", best_us(
            lambda: [m.to_json() for mention in enriched for m in threaded(
                mention, index_for("mentions", mention))[1]], len(enriched))),
        ("tracker: threading + documents", best_us(track, len(messages))),
    ]
    print(f"{len(raws)} mentions, {len(messages)} conversation messages, best of {PASSES}\n")
    print("| step | µs per mention |\n| --- | --- |")
    for name, us in rows:
        print(f"| {name} | {us:.1f} |")


if __name__ == "__main__":
    main()
