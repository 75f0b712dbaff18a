"""Console benchmark on the real local Elasticsearch: the inbox's first page and a
subscription's preview over 100,000 indexed mentions, each beside its baseline in the same run.

- inbox: ``GET /inbox`` (the whole page: facets with counts, 25 mentions with highlights)
  beside ``GET /v1/mentions?size=25`` (the plain API search) and the bare Elasticsearch search;
- preview: ``POST /subscriptions-preview`` for a narrow and a broad subscription beside the
  bare Elasticsearch count of the same candidates (what the database alone takes).

Usage: python benchmarks/console.py [--mentions 100000] [--days 14] [--runs 15]
Starts the local stack if it is not running (webcare local up) and uses a fresh namespace.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from console_data import enriched_docs, index_docs, raw_mentions  # noqa: E402

from alerting.preview import preview_subscription  # noqa: E402
from alerting.subscriptions import SubscriptionSpec  # noqa: E402
from api.preview import candidate_query  # noqa: E402
from console.app import create_app  # noqa: E402
from console.search import InboxParams, search_body  # noqa: E402
from core.elasticsearch import sync_client  # noqa: E402
from core.settings import load_settings  # noqa: E402
from core.teams import Team, Teams, hash_key  # noqa: E402
from deploy.demo.run import demo_file  # noqa: E402
from deploy.local.stack import LocalStack  # noqa: E402
from models.brands import load_brands  # noqa: E402
from models.enrich import Enricher  # noqa: E402
from tests.support.serving import serving  # noqa: E402

KEY = "wc_console_benchmark"
BRANDS = ["ns", "kpn", "bol", "ikea", "abnamro"]
NARROW = {"name": "IKEA complaints", "hashtags": ["ikea"], "intents": ["complaint"]}
BROAD = {"name": "everything about NS", "brands": ["ns"]}


def timed(action: Callable[[], Any], runs: int) -> tuple[float, float]:
    """Median and slowest of ``runs`` calls, in milliseconds (after one warm-up call)."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def signed_in(url: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=120)
    page = client.get("/login").text
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    client.post("/login", data={"api_key": KEY, "csrf_token": token})
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--days", type=float, default=14)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", metavar="NAMESPACE", default=None,
                        help="reuse (or make and keep) the mentions indexed in this namespace")
    args = parser.parse_args()
    base = load_settings()
    LocalStack(base).up()
    settings = load_settings(namespace=args.keep or f"bench{uuid.uuid4().hex[:8]}",
                             console_secret=uuid.uuid4().hex * 2)
    es = sync_client(settings)
    alias = settings.index_name("mentions")
    if not es.indices.exists_alias(name=alias):
        enricher = Enricher(load_brands(demo_file("brands.yml")))
        start = time.perf_counter()
        count = index_docs(es, alias, enriched_docs(raw_mentions(args.mentions, args.days),
                                                    enricher))
        print(f"indexed {count:,} mentions over {args.days:g} days in "
              f"{time.perf_counter() - start:.0f} s (namespace {settings.namespace})")
    print(f"{es.count(index=alias)['count']:,} mentions in '{alias}'")
    team = Team(id="bench", brands=BRANDS, api_keys=[hash_key(KEY)])
    rows: list[tuple[str, float, float]] = []
    with serving(create_app(settings, Teams(teams=[team]))) as url:
        page = signed_in(url)
        api = httpx.Client(base_url=url, headers={"x-api-key": KEY}, timeout=120)
        now = datetime.now(UTC)
        body = search_body(InboxParams(), team, now)
        rows.append(("inbox: GET /inbox, first page (whole HTML page)",
                     *timed(lambda: page.get("/inbox").raise_for_status(), args.runs)))
        rows.append(("  baseline: GET /v1/mentions?size=25 (API JSON)",
                     *timed(lambda: api.get("/v1/mentions?size=25").raise_for_status(),
                            args.runs)))
        rows.append(("  baseline: the inbox's Elasticsearch search alone",
                     *timed(lambda: es.search(index=alias, **body), args.runs)))
        token = page.get("/subscriptions/new").text.split(
            'name="csrf_token" value="')[1].split('"')[0]
        for label, spec, hours in (("narrow (#ikea complaints), 72 h", NARROW, 72),
                                   ("narrow (#ikea complaints), 14 days", NARROW, 336),
                                   ("broad (all of NS), 72 h", BROAD, 72)):
            form = {"csrf_token": token, "name": spec["name"], "hours": str(hours),
                    "delivery.sse": "1",
                    "hashtags": ",".join(spec.get("hashtags", [])),
                    "intents": spec.get("intents", []), "brands": spec.get("brands", [])}
            def post_preview(form: dict[str, Any] = form) -> None:
                page.post("/subscriptions-preview", data=form).raise_for_status()

            rows.append((f"preview {label}", *timed(post_preview, args.runs)))
            sub = preview_subscription(SubscriptionSpec.model_validate(spec), team.id)
            query = candidate_query(sub, team.brands, now - timedelta(hours=hours), now)
            found = es.count(index=alias, query=query)["count"]
            def count_candidates(query: dict[str, Any] = query) -> None:
                es.count(index=alias, query=query)

            rows.append((f"  baseline: Elasticsearch count of its {found:,} candidates",
                         *timed(count_candidates, args.runs)))
        api.close()
        page.close()
    if args.keep is None:
        es.indices.delete(index=f"{alias}-*")
    print(f"\n{'':58} {'median ms':>10} {'max ms':>10}")
    for label, median, slowest in rows:
        print(f"{label:58} {median:10.1f} {slowest:10.1f}")


if __name__ == "__main__":
    main()
