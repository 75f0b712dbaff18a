"""Brand matching at scale: mentions/second on one core for 10 to 10,000 configured brands.

Every brand has two handles, two keywords (one of two words) and a hashtag; one in ten also
has an exclusion, and one in ten a Boolean query (``"<name> service" AND NOT vacature``). The
mentions name zero to three brands by handle, keyword or hashtag, as a firehose does. The
result should hardly move with the number of brands: terms are looked up per token of the
mention, and queries are only evaluated when one of their words is in the text.

Usage: python benchmarks/brand_matching.py [--mentions 20000] [--brands 10 1000 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from models.brands import BrandConfig, parse_brands  # noqa: E402
from models.matching import BrandMatcher  # noqa: E402
from models.text import surface  # noqa: E402
from schemas.mentions import RawMention  # noqa: E402

FILLER = ["ik", "heb", "gisteren", "iets", "besteld", "maar", "het", "pakket", "is", "nog",
          "steeds", "niet", "binnen", "en", "de", "klantenservice", "reageert", "ook",
          "vandaag", "weer", "vertraging", "op", "spoor", "thuis", "bezorgd"]


def brands(count: int) -> BrandConfig:
    config = []
    for i in range(count):
        brand = {"id": f"b{i}", "name": f"Brand {i}", "handles": [f"brand{i}", f"brand{i}_nl"],
                 "keywords": [f"merk{i}", f"merk{i} winkel"], "hashtags": [f"merk{i}"]}
        if i % 10 == 3:
            brand["exclude"] = ["vacature"]
        if i % 10 == 7:
            brand["query"] = f'"merk{i} service" AND NOT vacature'
        config.append(brand)
    return parse_brands(config)


def mentions(count: int, brand_count: int, seed: int = 7) -> list[RawMention]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        words = rng.sample(FILLER, 12)
        for _ in range(rng.randint(0, 3)):
            b = rng.randrange(brand_count)
            words.insert(rng.randrange(len(words)),
                         rng.choice([f"@brand{b}", f"merk{b}", f"#merk{b}", f"merk{b} service"]))
        out.append(RawMention.model_validate({
            "id": f"m{i}", "source": "twitter", "text": " ".join(words),
            "created_at": datetime.now(UTC), "author": {"handle": f"user{i % 500}"}}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=20_000)
    parser.add_argument("--brands", type=int, nargs="+", default=[10, 1_000, 10_000])
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    for count in args.brands:
        start = time.perf_counter()
        matcher = BrandMatcher(brands(count))
        built = time.perf_counter() - start
        sample = mentions(args.mentions, count)
        surfaces = [surface(m.text) for m in sample]
        for m, s in zip(sample[:500], surfaces, strict=False):  # warm-up
            matcher.match(m, s.handles, s.hashtags)
        start = time.perf_counter()
        matched = sum(bool(matcher.match(m, s.handles, s.hashtags).brands)
                      for m, s in zip(sample, surfaces, strict=True))
        elapsed = time.perf_counter() - start
        print(f"{count:>6,} brands: {args.mentions / elapsed:>9,.0f} mentions/s on one core "
              f"({elapsed / args.mentions * 1e6:5.1f} µs/mention; {matched / len(sample):.0%} "
              f"matched a brand; matcher built in {built:.2f}s)")


if __name__ == "__main__":
    main()
