"""Enrichment throughput on one core: mentions/second for the default enrichment, process
start-up and model loading excluded; beside it, the whole path of ``webcare enrich`` (read JSON
Lines, validate, enrich, write JSON Lines) on the same mentions. Prints the per-step cost too.

Each figure is the median of ``--runs`` runs over the same mentions, with every run's figure
beside it: on a shared machine one run can be a tenth slower or faster than the next.

Usage: python benchmarks/enrich_throughput.py [--mentions 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import orjson

REPO = Path(__file__).resolve().parents[1]
T = TypeVar("T")
sys.path.insert(0, str(REPO))

from agents.files import Rejected, read_mentions  # noqa: E402
from core.settings import load_settings  # noqa: E402
from models.brands import load_brands  # noqa: E402
from models.enrich import Enricher, enricher_from_settings, settle  # noqa: E402
from models.steps import Analysis  # noqa: E402
from models.text import surface  # noqa: E402
from schemas.mentions import RawMention  # noqa: E402
from webcare.enrich_command import BATCH, enrich_stream  # noqa: E402


def made_up_word(n: int) -> str:
    """A word of no language, different for each ``n`` ("zqa", "zqb", ..., "zqba"), added to
    every mention's text: a stream never repeats a text the way cycling through the 30 demo
    texts would, so a cache keyed by a text (the rules keep a few) must not find the one it
    kept for the same text 30 mentions before."""
    letters = ""
    while True:
        n, digit = divmod(n, 26)
        letters = chr(ord("a") + digit) + letters
        if not n:
            return "zq" + letters


def timed(run: Callable[[T], object], fresh: Callable[[], T], runs: int) -> list[float]:
    """Seconds each of ``runs`` calls of ``run`` took, each given an input ``fresh()`` made
    before its clock starts: new objects, as a stream brings (a text read before keeps its
    hash, which a later run would not have to compute)."""
    seconds = []
    for _ in range(runs):
        given = fresh()
        start = time.perf_counter()
        run(given)
        seconds.append(time.perf_counter() - start)
    return seconds


def summary(seconds: list[float], mentions: int) -> str:
    """The median run's mentions/s and µs a mention, then every run's mentions/s."""
    median = statistics.median(seconds)
    each = ", ".join(f"{mentions / s:,.0f}" for s in seconds)
    return (f"{mentions / median:,.0f} mentions/s on one core ({median / mentions * 1e6:.0f} "
            f"µs/mention), median of {len(seconds)} runs of {mentions} mentions ({each})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentions", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each figure (the median "
                        "is reported)")
    parser.add_argument("--texts", type=Path, default=None,
                        help="JSON Lines with a 'text' field to use instead of the demo texts")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    demo = [m for _, m in read_mentions(REPO / "deploy" / "demo" / "mentions.jsonl")
            if not isinstance(m, Rejected)]
    if args.texts:
        with args.texts.open(encoding="utf-8") as handle:
            texts = [orjson.loads(line)["text"] for line in handle if line.strip()]
    else:
        texts = [m.text for m in demo]
    mentions: list[RawMention] = [
        demo[i % len(demo)].model_copy(update={
            "id": f"b{i}", "text": f"{texts[i % len(texts)]} {made_up_word(i)}"})
        for i in range(args.mentions)
    ]
    enricher = Enricher(load_brands(REPO / "deploy" / "demo" / "brands.yml"))
    for m in mentions[:200]:  # warm-up: lazy tables, regex caches
        enricher.enrich(m)
    settle(enricher)  # as the worker and webcare enrich do after start-up

    each = [m.model_dump_json().encode() + b"\n" for m in mentions]
    lines = b"".join(each)

    def fresh_mentions() -> list[RawMention]:
        return [RawMention.model_validate_json(line) for line in each]

    # In batches, as the worker and `webcare enrich` call it: one step over a batch keeps
    # that step's tables in the cache (one mention at a time through all steps took 100 µs
    # a mention more here).
    def enrich_in_batches(given: list[RawMention]) -> None:
        for first in range(0, len(given), BATCH):
            enricher.enrich_many(given[first:first + BATCH])

    steps = timed(enrich_in_batches, fresh_mentions, args.runs)
    print(f"enrich ({BATCH} at a time): {summary(steps, args.mentions)}")

    # Built and settled as `webcare enrich` does before it reads a line (start-up excluded).
    streamed = enricher_from_settings(load_settings(brands=REPO / "deploy" / "demo" / "brands.yml"))
    settle(streamed)
    enrich_stream(streamed, io.BytesIO(b"".join(each[:200])), io.BytesIO(), print)  # warm-up

    def whole_path(source: io.BytesIO) -> None:
        out = io.BytesIO()
        rejected = enrich_stream(streamed, source, out, print)
        assert rejected == 0 and out.getvalue().count(b"\n") == args.mentions

    whole = timed(whole_path, lambda: io.BytesIO(lines), args.runs)
    print("webcare enrich (read, validate, enrich, write JSON Lines): "
          f"{summary(whole, args.mentions)}")

    sample = mentions[:5000]
    start = time.perf_counter()
    surfaces = [surface(m.text) for m in sample]
    costs = {"surface (handles, hashtags, urls, emoji)": time.perf_counter() - start}
    analyses = [Analysis(raw=m, surface=found) for m, found in zip(sample, surfaces, strict=True)]
    for step in enricher.steps:
        start = time.perf_counter()
        for analysis in analyses:
            step(analysis)
        costs[type(step).__name__] = time.perf_counter() - start
    for name, seconds in costs.items():
        print(f"  {name:<45} {seconds / len(sample) * 1e6:6.1f} µs/mention")


if __name__ == "__main__":
    main()
