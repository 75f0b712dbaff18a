"""Brand matching and contact type: exact on well-formed input."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from models.brands import parse_brands
from models.matching import BrandMatcher
from models.text import surface
from schemas.mentions import RawMention

BRANDS = parse_brands([
    {"id": "ikea", "name": "IKEA", "handles": ["IKEANederland"], "keywords": ["IKEA"],
     "hashtags": ["ikea"]},
    {"id": "abnamro", "name": "ABN AMRO", "handles": ["ABNAMRO"], "keywords": ["ABN AMRO"],
     "exclude": ["vacature"]},
    {"id": "hm", "name": "H&M", "handles": ["hm_nl"], "keywords": ["H&M"]},
    {"id": "ns", "name": "NS", "handles": ["NS_online"], "keywords": ["NS"], "hashtags": ["ns"]},
])
MATCHER = BrandMatcher(BRANDS)


def match(mention: RawMention) -> tuple[list[str], str, bool]:
    s = surface(mention.text)
    result = MATCHER.match(mention, s.handles, s.hashtags)
    return result.brands, result.contact, result.from_brand


@pytest.mark.parametrize("text, brands, contact", [
    ("@IKEANederland waar blijft mijn kast?", ["ikea"], "reactive"),
    ("@ikeanederland case does not matter", ["ikea"], "reactive"),
    ("Net bij IKEA geweest", ["ikea"], "proactive"),
    ("Mooie nieuwe kast #ikea", ["ikea"], "proactive"),
    ("Mooie nieuwe kast #IKEA", ["ikea"], "proactive"),
    ("ikeahack: IKEA as the first part of a closed compound", ["ikea"], "proactive"),
    ("#ikeafail names IKEA in a hashtag", ["ikea"], "proactive"),
    ("#ikeaxq2 is a different hashtag", [], "proactive"),
    ("Bij ABN AMRO lukt inloggen niet", ["abnamro"], "proactive"),
    ("Vacature bij ABN AMRO: servicemedewerker", [], "proactive"),
    ("@ABNAMRO vacature: is die nog open?", ["abnamro"], "reactive"),
    ("Nieuwe jas van H&M gekocht", ["hm"], "proactive"),
    ("HM is not H&M's keyword", ["hm"], "proactive"),
    ("Trein van NS weer te laat, IKEA ook dicht", ["ikea", "ns"], "proactive"),
    ("Zit al een uur te wachten @NS_online en #ikea", ["ikea", "ns"], "reactive"),
    ("niets over merken", [], "proactive"),
])
def test_brands_and_contact_from_text(
    mention_factory: Callable[..., RawMention], text: str, brands: list[str], contact: str
) -> None:
    assert match(mention_factory(text=text))[:2] == (brands, contact)


def test_reply_to_the_brand_is_reactive(mention_factory: Callable[..., RawMention]) -> None:
    mention = mention_factory(text="Dat klopt niet", in_reply_to={"author_handle": "NS_online"})
    assert match(mention) == (["ns"], "reactive", False)


def test_private_message_to_the_brand_is_reactive(
    mention_factory: Callable[..., RawMention],
) -> None:
    dm = mention_factory(source="whatsapp", private=True, recipient="IKEANederland",
                         text="Hoi, mijn bestelling is niet compleet")
    assert match(dm) == (["ikea"], "reactive", False)
    # A message to someone else is not addressed to the brand.
    other = mention_factory(source="whatsapp", private=True, recipient="friend", text="hoi")
    assert match(other) == ([], "proactive", False)


def test_brand_own_reply_is_recognised_and_not_a_customer_mention(
    mention_factory: Callable[..., RawMention],
) -> None:
    reply = mention_factory(author={"handle": "NS_online"},
                            text="@piet Sorry voor de vertraging! ^Naomi",
                            in_reply_to={"author_handle": "piet", "id": "1"})
    assert match(reply) == (["ns"], "proactive", True)


def test_scales_to_thousands_of_brands(mention_factory: Callable[..., RawMention]) -> None:
    many = parse_brands([{"id": f"b{i}", "name": f"Brand {i}", "keywords": [f"brand{i} shop"],
                          "handles": [f"brand{i}"]} for i in range(5000)])
    matcher = BrandMatcher(many)
    mention = mention_factory(text="Ik kocht iets bij brand4321 shop en vraag @brand17 om hulp")
    s = surface(mention.text)
    result = matcher.match(mention, s.handles, s.hashtags)
    assert result.brands == ["b17", "b4321"] and result.contact == "reactive"


def test_boolean_queries_are_indexed_by_their_words_and_field_queries_always_run(
        mention_factory: Callable[..., RawMention]) -> None:
    many = [{"id": f"b{i}", "name": f"Brand {i}", "query": f'"merk{i} service" AND NOT vacature'}
            for i in range(2000)]
    many.append({"id": "storing", "name": "Storing", "query": "hashtags:kpnstoring"})
    matcher = BrandMatcher(parse_brands(many))

    def brands(text: str) -> list[str]:
        s = surface(text)
        return matcher.match(mention_factory(text=text), s.handles, s.hashtags).brands

    assert brands("slechte merk42 service vandaag") == ["b42"]
    assert brands("merk42 service zoekt personeel, vacature") == []
    assert brands("alleen merk42 zonder het andere woord") == []
    assert brands("weer geen bereik #kpnstoring") == ["storing"]


def test_boolean_query_brands(mention_factory: Callable[..., RawMention]) -> None:
    matcher = BrandMatcher(parse_brands([
        {"id": "abn", "name": "ABN AMRO", "query": '"abn amro" AND NOT (vacature OR vacatures)'},
        {"id": "kpn", "name": "KPN", "query": "(storing OR glasvezel) AND hashtags:kpn"},
    ]))

    def brands(text: str) -> list[str]:
        s = surface(text)
        return matcher.match(mention_factory(text=text), s.handles, s.hashtags).brands

    assert brands("Weer een storing bij ABN AMRO") == ["abn"]
    assert brands("Vacature: ABN AMRO zoekt collega's") == []
    assert brands("Grote storing vandaag #kpn") == ["kpn"]
    assert brands("Grote storing vandaag") == []


def test_bad_brand_query_names_the_brand() -> None:
    from core.errors import ConfigError

    with pytest.raises(ConfigError, match=r"brands -> 0 -> query"):
        parse_brands([{"id": "x", "name": "X", "query": "foo AND (bar"}])
