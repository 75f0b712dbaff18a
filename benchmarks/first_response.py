"""First response times on real customer-care threads (``../shared/eval/support-threads-en-ibm``,
real timestamps), measured twice and compared: once through the product's own path (each turn
a raw mention, enriched, threaded by ``conversations.ledger`` exactly as the worker does), and
once straight from the file (the first turn written by the company's account minus the
customer's first turn). The two must agree exactly, per conversation and per company.

The brands are configured as a team would: each company's support account, its name, and the
other accounts of its own that customers wrote to (``@HP`` for HPSupport). Threads whose
opening no brand configuration finds are counted apart (``not threaded``): the pipeline never
sees them, as it would not in production.

    python benchmarks/first_response.py [--csv]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from quality_common import read

from conversations.document import Policy
from conversations.ledger import apply_messages
from conversations.messages import conversation_messages
from conversations.tracker import Conversation, Thread
from models.brands import BrandConfig, parse_brands
from models.enrich import Enricher
from models.training.support_threads import turns
from pipeline.sink import index_for

THREADS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "support-threads-en-ibm" \
    / "test.jsonl"
HANDLE = re.compile(r"@(\w{1,50})")
# Words that make a support account's name, not the company's: "HPSupport" -> "HP".
_SUPPORT_WORDS = re.compile(r"^(Ask|Team)_?|_?(Support|Cares?|Helps?|_us)$", re.IGNORECASE)


def company_brands(threads: list[dict[str, Any]]) -> BrandConfig:
    """Each company a brand: its support account, its name, and the other accounts customers
    addressed in its threads' opening turns (the company's main accounts)."""
    handles: dict[str, set[str]] = defaultdict(set)
    for thread in threads:
        company = thread["company"]
        handles[company].add(company)
        opening = thread["turns"][0]["text"]
        handles[company] |= set(HANDLE.findall(opening))
    brands = []
    for company in sorted(handles):
        name = _SUPPORT_WORDS.sub("", company) or company
        brands.append({"id": company.lower(), "name": name, "handles": sorted(handles[company]),
                       "keywords": [name]})
    return parse_brands(brands)


def _answers(turns: list[dict[str, Any]], position: int, company: str, customer: str) -> bool:
    """Whether turn ``position`` is the company's account writing to the customer. In the
    file a turn replies to the turn before it; where that one is the company's own or has
    lost its author, a reply names whom it answers first (``@handle ...``). The file's brand
    turns include other people's tweets and the company answering someone else."""
    turn = turns[position]
    if turn["author"] != company or position == 0:
        return False
    before = turns[position - 1]["author"]
    if before is None or before == company:
        named = [h for h in HANDLE.findall(turn["text"]) if h.lower() != company.lower()]
        before = named[0] if named else None
    return before is not None and before.lower() == customer.lower()


def direct_first_responses(threads: list[dict[str, Any]]) -> dict[str, float | None]:
    """opening tweet id -> seconds from it to the company's first turn written to its author.
    A tweet that opens two threads of the file is one conversation: its first answer is the
    earliest in either."""
    found: dict[str, float | None] = {}
    for thread in threads:
        opening = thread["turns"][0]
        opened = datetime.fromisoformat(opening["created_at"])
        replies = [datetime.fromisoformat(t["created_at"])
                   for position, t in enumerate(thread["turns"])
                   if _answers(thread["turns"], position, thread["company"], opening["author"])]
        seconds = (min(replies) - opened).total_seconds() if replies else None
        known = found.get(opening["tweet_id"])
        found[opening["tweet_id"]] = seconds if known is None else (
            known if seconds is None else min(known, seconds))
    return found


def pipeline_first_responses(threads: list[dict[str, Any]]
                             ) -> tuple[dict[str, float | None], dict[str, Conversation]]:
    """opening tweet id -> first response seconds of the conversation it landed in, through
    enrichment and the tracker; and the conversations by id."""
    enricher = Enricher(company_brands(threads))
    store: dict[str, Thread] = {}
    policy = Policy(quiet=timedelta(days=365))
    opening_doc: dict[str, tuple[str, str]] = {}  # opening tweet id -> (brand, its doc id)
    all_turns = sorted((t for t in turns(threads) if t.raw is not None),
                       key=lambda t: t.raw.created_at if t.raw else 0)
    raws = [t.raw for t in all_turns if t.raw is not None]
    for turn, mention in zip(all_turns, enricher.enrich_many(raws), strict=True):
        if isinstance(mention, Exception):
            raise mention
        company = turn.thread["company"].lower()
        messages = [m for m in conversation_messages(mention, index_for("mentions", mention))
                    if m.brand == company]
        apply_messages(store, messages, lambda _brand: policy)
        if turn.position == 0 and messages:
            opening_doc[turn.turn["tweet_id"]] = (company, mention.doc_id)
    conversations = {c.id: c for thread in store.values() for c in thread.conversations}
    found: dict[str, float | None] = {}
    for tweet_id, (brand, doc_id) in opening_doc.items():
        conversation = next(c for c in conversations.values()
                            if c.brand == brand and c.holds(doc_id))
        first = conversation.first_response
        found[tweet_id] = (first.at - conversation.opened_at).total_seconds() if first else None
    return found, conversations


def distribution(values: list[float]) -> list[str]:
    if not values:
        return ["0", "", "", "", "", ""]
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return [str(len(ordered)), f"{ordered[0]:.0f}", f"{statistics.median(ordered):.0f}",
            f"{p90:.0f}", f"{ordered[-1]:.0f}", f"{statistics.fmean(ordered):.0f}"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--csv", action="store_true", help="comma-separated, for a sheet")
    args = parser.parse_args()
    threads = read(THREADS)
    direct = direct_first_responses(threads)
    measured, _ = pipeline_first_responses(threads)
    company_of = {t["turns"][0]["tweet_id"]: t["company"] for t in threads}
    differing = [tid for tid, seconds in measured.items() if seconds != direct[tid]]
    header = ["company", "source", "answered", "min s", "median s", "p90 s", "max s", "mean s"]
    rows = []
    for company in sorted({t["company"] for t in threads}):
        ids = [tid for tid in direct if company_of[tid] == company]
        threaded = [tid for tid in ids if tid in measured]
        for source, values in (("file", [direct[t] for t in threaded]),
                               ("pipeline", [measured[t] for t in threaded])):
            rows.append([company, source, *distribution([v for v in values if v is not None])])
    if args.csv:
        for row in (header, *rows):
            print(",".join(row))
    else:  # a Markdown table
        for row in (header, ["---"] * len(header), *rows):
            print("| " + " | ".join(row) + " |")
    answered = sum(1 for tid in measured if direct[tid] is not None)
    print(f"\nthreads: {len(threads)}, conversations (distinct opening tweets): {len(direct)}; "
          f"threaded by the pipeline: {len(measured)}, of which answered: {answered}; "
          f"not threaded (opening found by no brand): {len(direct) - len(measured)}; "
          f"first response times that differ from the file: {len(differing)}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
