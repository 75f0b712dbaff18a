"""Brand names inside Dutch compounds, and short names that need context: found where a
reader sees the brand, not found where the same letters mean something else."""

from __future__ import annotations

import pytest

from core.errors import ConfigError
from models.brands import parse_brands
from models.matching import BrandMatcher
from schemas.mentions import RawMention

MATCHER = BrandMatcher(parse_brands([
    {"id": "klm", "name": "KLM", "keywords": ["KLM"]},
    {"id": "kpn", "name": "KPN", "keywords": ["KPN"], "handles": ["KPNwebcare"]},
    {"id": "ziggo", "name": "Ziggo", "keywords": ["Ziggo"]},
    {"id": "abnamro", "name": "ABN AMRO", "keywords": ["ABN AMRO"]},
    {"id": "ah", "name": "Albert Heijn", "keywords": ["Albert Heijn", "AH"],
     "ambiguous": ["AH"], "context": ["boodschappen", "filiaal", "bonus", "kassa"],
     "hashtags": ["ah"]},
    {"id": "ns", "name": "NS", "keywords": ["NS"], "ambiguous": ["NS"],
     "context": ["trein", "treinen", "vertraging", "conducteur", "spoor"]},
    {"id": "ing", "name": "ING", "keywords": ["ING"], "ambiguous": ["ING"],
     "ambiguous_needs": "case"},
    {"id": "tmobile", "name": "T-Mobile", "keywords": ["T-Mobile"]},
    {"id": "mcdonalds", "name": "McDonald's", "keywords": ["McDonald's"]},
    {"id": "bol", "name": "bol", "keywords": ["bol.com"]},
    {"id": "postnl", "name": "PostNL", "keywords": ["PostNL"]},
    {"id": "iphone", "name": "iPhone", "keywords": ["iPhone"]},
]))


def brands(text: str) -> list[str]:
    raw = RawMention.model_validate({"id": "1", "source": "twitter", "text": text,
                                     "created_at": "2026-11-20T10:00:00Z",
                                     "author": {"handle": "klant"}})
    return MATCHER.match(raw, [], []).brands


@pytest.mark.parametrize(("text", "expected"), [
    ("KLM-passagiers zijn boos over de vertraging", ["klm"]),
    ("Weer een Ziggo-storing in Zwolle", ["ziggo"]),
    ("Ziggostoring in heel Zwolle", ["ziggo"]),
    ("De kpnklanten in Delft zitten zonder internet", ["kpn"]),
    ("NS-medewerker was erg behulpzaam", ["ns"]),
    ("AH-filiaal in Delft is dicht", ["ah"]),
    ("Albert Heijn-filiaal ging vroeg dicht", ["ah"]),
    ("De ABN-AMRO-app is weer kapot", ["abnamro"]),
    ("de ns heeft weer vertraging", ["ns"]),          # lowercase, with context
    ("bij de ah boodschappen gedaan", ["ah"]),        # lowercase, with context
    ("ING app werkt niet", ["ing"]),                  # written as the bank writes it
    ("boos op de klm-crew", ["klm"]),
    ("De NS'er was erg behulpzaam", ["ns"]),         # a person of the brand
    ("KPN'ers zijn echt toppers", ["kpn"]),
    ("Die KLM’er deed zijn best", ["klm"]),           # a typographic apostrophe
    ("kpn.com is onbereikbaar", ["kpn"]),             # the brand's web address
    ("Kijk op https://www.kpn.com/storingen", ["kpn"]),
    ("Gebeld met KPN.Daarna nog steeds niks", ["kpn"]),  # no space after the full stop
    ("mail naar klantenservice@ziggo.nl gestuurd", ["ziggo"]),
    ("op ns.nl staat niks over de storing", ["ns"]),  # an ambiguous name's own address
    ("www.ah.nl doet het niet", ["ah"]),
    ("ing.nl is plat", ["ing"]),                      # even where case is asked
    ("ABNAMRO app is weer down", ["abnamro"]),       # a name of two words closed up
    ("abnamro.nl ligt eruit", ["abnamro"]),
    ("#AlbertHeijn bonus", ["ah"]),
    ("Weer een T-Mobile-storing", ["tmobile"]),      # a hyphenated name in a compound
    ("T Mobile heeft weer storing", ["tmobile"]),     # ... written as words
    ("TMobile bereik is slecht", ["tmobile"]),        # ... closed up
    ("De McDonald's-medewerker was snel", ["mcdonalds"]),
    ("Mcdonalds in Delft is dicht", ["mcdonalds"]),   # the apostrophe left out
    ("Mijn bol.com-pakket is kwijt", ["bol"]),        # a dotted name in a compound
    ("bolcom levert altijd op tijd", ["bol"]),
    ("Post NL heeft mijn pakket kwijt", ["postnl"]),  # a name split where its case changes
    ("De Mc Donalds in Delft is dicht", ["mcdonalds"]),
    ("Weer een PostNL-bezorger die niet aanbelt", ["postnl"]),
])
def test_brands_found_in_compounds_and_context(text: str, expected: list[str]) -> None:
    assert brands(text) == expected


@pytest.mark.parametrize("text", [
    "ah, wat jammer nou",                 # an interjection
    "Ah zo, dat wist ik niet",            # capitalised at the start of a sentence
    "ns... geen idee wat je bedoelt",     # lowercase, no context
    "Things are working again",           # "ing" inside English words
    "de ingang van het gebouw",           # ING as the start of a compound: rest not a word
    "nsfw plaatje",                       # NS + nonsense
    "kpnx123 is mijn gebruikersnaam",     # no Dutch word after the name
    "Zigzaggen door de stad",             # a word that merely starts alike
    "ns'er was niemand, geen idee",       # lowercase, no context: not the railway
    "zie o.a. de ns.-regeling",           # abbreviations: no web address
    "ik las het op nos.nl vanochtend",    # another site
    "ns.wordpress.com is een blog",       # a site's subdomain, not its name
    "ah.dat wist ik niet",                # a typed sentence: not an address, no context
    "meer info: www.ingang-museum.nl",    # the same letters inside another site's name
    "een t-shirt van de markt",           # a hyphenated name's first letter alone
    "een bol wol en een mobiele telefoon",  # a dotted name's first part alone
    "de post is vandaag niet gekomen",    # a split name's first part alone
    "I phone them every day",             # a name cased after one letter is not split
])
def test_names_not_falsely_found(text: str) -> None:
    assert brands(text) == []


def test_a_second_sign_of_the_brand_confirms_an_ambiguous_name() -> None:
    assert brands("ah, weer bonus #ah") == ["ah"]


def test_ambiguous_names_must_be_keywords() -> None:
    with pytest.raises(ConfigError, match="ambiguous names must be keywords"):
        parse_brands([{"id": "x", "name": "X", "keywords": ["Xeno"], "ambiguous": ["XE"]}])


def test_a_compound_rest_is_a_common_dutch_word_not_a_number() -> None:
    from models.matching import _dutch_word

    assert _dutch_word("storing") and _dutch_word("passagiers")
    assert not _dutch_word("2024") and not _dutch_word("xqzvw") and not _dutch_word("ing")


def tagged(text: str) -> list[str]:
    """As ``brands``, with the hashtags the surface step finds."""
    from models.text import surface

    raw = RawMention.model_validate({"id": "1", "source": "twitter", "text": text,
                                     "created_at": "2026-11-20T10:00:00Z",
                                     "author": {"handle": "klant"}})
    found = surface(text)
    return MATCHER.match(raw, found.handles, found.hashtags).brands


@pytest.mark.parametrize(("text", "expected"), [
    ("Weer geen bereik #kpnfail", ["kpn"]),           # an English rest, as hashtags mix
    ("#ZiggoStoring in heel Zwolle", ["ziggo"]),
    ("Drie kwartier te laat #nsfail", ["ns"]),         # a short, ambiguous name counts here
    ("#ahbonus deze week", ["ah"]),
])
def test_a_hashtag_that_opens_on_a_brand_name_is_a_sign_of_it(text: str,
                                                               expected: list[str]) -> None:
    assert tagged(text) == expected


@pytest.mark.parametrize("text", [
    "Concert in #ahoy vanavond",         # a rest that is no word
    "#nsfw",
    "Aprendiendo #ingles",               # a rest of three letters
    "#ingewikkeld verhaal",              # the same letters opening another word
])
def test_hashtags_that_merely_start_alike_are_not_a_brand(text: str) -> None:
    assert tagged(text) == []
