"""Synthetic but realistic-shaped mentions of the demo brands for the console benchmark and
for trying the console by hand: Dutch and English, every channel kind, questions, complaints
and compliments, authors who come back, retweets (near-duplicate clusters) and the brands'
signed replies, spread over a time span ending now.

Usage (index 5,000 into the running local stack, demo brands):
    python benchmarks/console_data.py --mentions 5000 --days 14
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch, helpers

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from core.elasticsearch import sync_client  # noqa: E402
from core.settings import load_settings  # noqa: E402
from deploy.demo.run import demo_file  # noqa: E402
from models.brands import load_brands  # noqa: E402
from models.enrich import Enricher  # noqa: E402
from pipeline.index import put_template  # noqa: E402
from schemas.mentions import RawMention  # noqa: E402

CUSTOMER_TEXTS = [
    "@NS_online waarom rijdt de trein van {t} naar Amsterdam niet?",
    "Geweldig hoor, alweer vertraging bij Utrecht @NS_online #ns",
    "Lekker dan, de {t} trein naar Den Haag is weer uitgevallen #nstrein",
    "Bedankt @NS_online, de conducteur was super vriendelijk vandaag!",
    "@KPNwebcare mijn internet ligt er al sinds {t} uit, wanneer is het opgelost?",
    "Storing bij KPN in Rotterdam? Geen tv en geen internet #kpn",
    "Top geholpen door @KPNwebcare, binnen 10 minuten opgelost. Dank!",
    "Hoe kan ik mijn KPN abonnement opzeggen?",
    "Mijn pakket van @bol is nog steeds niet bezorgd, al 3 dagen te laat",
    "Bedankt @bol voor de snelle levering, top service! #bolcom",
    "Kan ik bij bol.com ook achteraf betalen?",
    "Kast van IKEA kapot geleverd, nog steeds geen reactie #ikea",
    "Super blij met de nieuwe IKEA keuken! #ikea",
    "Hoe laat gaat de IKEA in Delft open?",
    "@ABNAMRO de app doet het weer niet, kan niet inloggen",
    "ABN AMRO heeft mijn probleem netjes opgelost, dank jullie wel",
    "Is er een storing bij ABN AMRO? Betalen lukt niet #abnamro",
    "@NS_online my train to Schiphol was cancelled, how do I get a refund?",
    "Thanks @KPNwebcare for the quick help with my router!",
    "IKEA delivery was two hours late and nobody called. Not happy. #ikea",
    "Is bol.com delivering on Sunday?",
]
REPLIES = {
    "ns": ("NS_online", "Hoi {name}, wat vervelend! Er is een seinstoring bij Amersfoort. {sig}"),
    "kpn": ("KPNwebcare", "Hoi {name}, we kijken het voor je na. Stuur je ons een DM? {sig}"),
    "bol": ("bol", "Hoi {name}, sorry voor het wachten! Ik zoek het voor je uit. {sig}"),
    "ikea": ("IKEANederland", "Hoi {name}, dat is niet de bedoeling. Stuur ons een DM. {sig}"),
    "abnamro": ("ABNAMRO", "Hoi {name}, we helpen je graag verder via DM. {sig}"),
}
SIGNATURES = ["^Naomi", "*IL", "^Pim", "^Sanne", "*JB"]
CHANNELS = ["twitter", "twitter", "twitter", "facebook", "instagram", "mastodon", "bluesky",
            "reviews", "forum", "news"]
PRIVATE_CHANNELS = ["whatsapp", "messenger"]


def raw_mentions(count: int, days: float, now: datetime | None = None, seed: int = 7,
                 prefix: str = "c") -> Iterator[dict[str, Any]]:
    """``count`` raw mentions (and some brand replies among them), newest at ``now``."""
    rng = random.Random(seed)
    now = now or datetime.now(UTC)
    authors = [f"klant{n}" for n in range(max(50, count // 20))]
    span = timedelta(days=days).total_seconds()
    made = 0
    while made < count:
        departure = f"{rng.randint(6, 22)}:{rng.choice(['04', '12', '34', '48'])}"
        text = rng.choice(CUSTOMER_TEXTS).format(t=departure)
        author = rng.choice(authors)
        when = now - timedelta(seconds=span * rng.random() ** 1.3)
        private = rng.random() < 0.08
        source = rng.choice(PRIVATE_CHANNELS if private else CHANNELS)
        mid = f"{prefix}{made}"
        yield {"id": mid, "source": source, "text": text, "created_at": when.isoformat(),
               "author": {"handle": author}, "private": private,
               "url": None if private else f"https://example.social/{author}/{mid}"}
        made += 1
        if made < count and rng.random() < 0.1:  # a retweet: same story, another author
            yield {"id": f"{prefix}{made}", "source": "twitter", "text": f"RT @{author}: {text}",
                   "created_at": (when + timedelta(minutes=rng.randint(1, 90))).isoformat(),
                   "author": {"handle": rng.choice(authors)}}
            made += 1
        if made < count and source == "twitter" and rng.random() < 0.3:
            handle, reply = rng.choice(list(REPLIES.values()))
            yield {"id": f"{prefix}{made}", "source": "twitter",
                   "text": reply.format(name=author, sig=rng.choice(SIGNATURES)),
                   "created_at": (when + timedelta(minutes=rng.randint(2, 120))).isoformat(),
                   "author": {"handle": handle},
                   "in_reply_to": {"id": mid, "author_handle": author}}
            made += 1


def enriched_docs(raws: Iterator[dict[str, Any]], enricher: Enricher
                  ) -> Iterator[dict[str, Any]]:
    for raw in raws:
        mention = enricher.enrich(RawMention.model_validate(raw))
        if mention.brands:
            yield mention.model_dump(mode="json", exclude_none=True)


def index_docs(es: Elasticsearch, alias: str, docs: Iterator[dict[str, Any]]) -> int:
    """Bulk-index into the monthly indices behind ``alias``; returns how many."""
    put_template(es, alias)
    actions = ({"_index": f"{alias}-{doc['created_at'][:7].replace('-', '.')}",
                "_id": doc["doc_id"], "_source": doc} for doc in docs)
    indexed, _ = helpers.bulk(es.options(request_timeout=120), actions, chunk_size=2000)
    es.indices.refresh(index=alias)
    return indexed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=5000)
    parser.add_argument("--days", type=float, default=14)
    args = parser.parse_args()
    settings = load_settings()
    enricher = Enricher(load_brands(settings.brands or demo_file("brands.yml")))
    es = sync_client(settings)
    count = index_docs(es, settings.index_name("mentions"),
                       enriched_docs(raw_mentions(args.mentions, args.days), enricher))
    print(f"indexed {count} mentions about the demo brands")


if __name__ == "__main__":
    main()
