"""One query language: the stream back-end (subscriptions, brand queries) and the Elasticsearch
back-end (search) select the same mentions, on a real node with the real index template."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk

from core.settings import Settings
from models.brands import parse_brands
from models.enrich import Enricher
from pipeline.index import put_template
from pipeline.sink import mention_document
from query.elasticsearch import query_dsl
from query.stream import compile_query, mention_view
from query.syntax import QueryError, words
from schemas.mentions import EnrichedMention, RawMention
from tests.conftest import raw_mention_dict

pytestmark = pytest.mark.integration

BRANDS = parse_brands([
    {"id": "kpn", "name": "KPN", "handles": ["KPNwebcare"], "keywords": ["KPN"],
     "hashtags": ["kpn"]},
    {"id": "ikea", "name": "IKEA", "handles": ["IKEANederland"], "keywords": ["IKEA"],
     "hashtags": ["ikea"]},
    {"id": "abnamro", "name": "ABN AMRO", "keywords": ["ABN AMRO"]},
    {"id": "ns", "name": "NS", "handles": ["NS_online"], "keywords": ["NS.nl", "NS"]},
])
# Texts with what trips word splitting up: handles, hashtags, URLs, digits with separators,
# apostrophes (straight and curly), underscores, accents, e-mail, emoji, capitals, dots.
TEXTS = [
    "@KPNwebcare storing in Utrecht, al 3 dagen geen internet! #kpn",
    "Storing bij KPN? Mijn modem knippert oranje 😡",
    "KPN heeft de storing opgelost, dank jullie wel ^Naomi",
    "Waarom is mijn pakket nog steeds niet bezorgd @IKEANederland",
    "Pakket bezorgd, kast kapot #IKEA klacht ingediend",
    "Vacature: servicemedewerker bij ABN AMRO",
    "ABN AMRO app doet het niet, kan niet inloggen",
    "Is de trein van 8:15 naar Zwolle op tijd? @NS_online zie https://www.ns.nl/reisinfo",
    "Op NS.nl staat niks over de storing. Don't care, ik pak de bus",
    "Jullie’s klantenservice is top! Geweldig geholpen door KPN",
    "Factuur van €1.000,50 van KPN klopt niet, e-mail gestuurd naar klant_service",
    "COVID19 maatregelen bij IKEA Delft? Café open?",
    "kpn kpn kpn router modem wifi",
    "I love my new IKEA kitchen, thanks @IKEANederland",
    "Can anyone help? My KPN router keeps rebooting",
    "Bezorging van IKEA was super: op tijd en vriendelijk",
    "Geen bereik in Zwolle. #KPNstoring #kpn",
    "A.B.C. test van NS: trein 3.45 vertraagd",
]
QUERIES = [
    "storing", "STORING", '"geen internet"', '"abn amro" AND NOT vacature', "klacht OR storing",
    "pakket bezorgd", "bezorg*", "k?n", "*ing", "intent:complaint AND lang:nl",
    "intents:question", "sentiment:negative", "sentiment:(negative OR neutral)",
    "hashtags:kpn", "hashtag:#KPN", "hashtags:kp*", "handles:kpnwebcare", "@kpnwebcare",
    "brands:kpn", "brand:ikea AND NOT sentiment:positive", "source:twitter", "author:klant1",
    "author:klant*", "contact:reactive", "contact:proactive AND brands:kpn", "NOT storing",
    "-storing kpn", "+kpn storing", "ns.nl", '"8:15"', "don't", "jullie’s", "covid19",
    "e-mail", "café", "1.000,50", "klant_service", "(klacht OR storing) AND hashtags:kpn",
    "kpn AND (modem OR router)", "lang:en AND (help OR love)", "a.b.c", '"trein van 8"',
    "NOT (kpn OR ikea)", "language:nl AND NOT hashtags:kpn", "😡", "ns",
]


@pytest.fixture
def corpus(es: Elasticsearch, settings: Settings) -> Iterator[tuple[str, list[EnrichedMention]]]:
    alias = settings.index_name("mentions")
    put_template(es, alias)
    enricher = Enricher(BRANDS)
    mentions = []
    for i, text in enumerate(TEXTS):
        raw = RawMention.model_validate(raw_mention_dict(
            id=f"q{i}", text=text, author={"handle": f"klant{i % 3}"},
            source="twitter" if i % 2 else "facebook"))
        enriched = enricher.enrich(raw)
        mentions.append(enriched)
    documents = [mention_document(alias, m) for m in mentions]
    bulk(es, ({"_index": d.index, "_id": d.id, "_source": d.body.decode()} for d in documents),
         refresh="wait_for")
    yield alias, mentions


def test_the_stream_and_the_search_select_the_same_mentions(
    es: Elasticsearch, corpus: tuple[str, list[EnrichedMention]],
) -> None:
    alias, mentions = corpus
    views = {m.doc_id: mention_view(m) for m in mentions}
    selective = 0
    for text in QUERIES:
        predicate = compile_query(text)
        in_stream = {doc_id for doc_id, view in views.items() if predicate.matches(view)}
        found = es.search(index=alias, query=query_dsl(text), size=100, source=False)
        in_search = {hit["_id"] for hit in found["hits"]["hits"]}
        assert in_stream == in_search, (text, sorted(in_stream ^ in_search))
        selective += 0 < len(in_stream) < len(mentions)
    assert selective >= len(QUERIES) - 4  # the corpus tells the queries apart


def test_query_words_are_the_standard_analyzer_s_words(
    es: Elasticsearch, corpus: tuple[str, list[EnrichedMention]],
) -> None:
    """The stream splits text into words as the index's analyzer does (emoji aside: the
    analyzer keeps them as words, the query language cannot ask for them)."""
    alias, _ = corpus
    for text in TEXTS:
        tokens = es.indices.analyze(index=alias, field="text", text=text)["tokens"]
        analyzed = [t["token"] for t in tokens if t["type"] != "<EMOJI>"]
        assert words(text) == analyzed, text


@pytest.mark.parametrize("text", ["colour:red", "foo AND (bar", "storing~2", "[a TO b]",
                                  "(" * 60 + "kpn" + ")" * 60])
def test_both_back_ends_refuse_the_same_queries(text: str) -> None:
    with pytest.raises(QueryError):
        compile_query(text)
    with pytest.raises(QueryError):
        query_dsl(text)
