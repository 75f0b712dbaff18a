from __future__ import annotations

import emoji
import pytest

from models.text import _MAYBE_EMOJI, agent_signature, outside_quotes, surface


def test_the_emoji_prefilter_covers_every_emoji_the_library_knows() -> None:
    assert all(_MAYBE_EMOJI.search(e) for e in emoji.EMOJI_DATA)


def test_surface_features() -> None:
    s = surface("RT @piet: Geweldig hoor 🙄 #NS #ns https://t.co/x café “quotes” 👍🏽")
    assert s.handles == ["piet"] and s.hashtags == ["NS", "ns"]
    assert s.urls == ["https://t.co/x"] and s.emoji == ["🙄", "👍🏽"]
    assert "@" not in s.plain and "http" not in s.plain and "🙄" not in s.plain
    assert surface("café “quotes”").emoji == []


def test_agent_signatures() -> None:
    assert agent_signature("We kijken mee! ^Naomi") == "^Naomi"
    assert agent_signature("Stuur ons een DM *IL") == "*IL"
    assert agent_signature("Laat je het weten? /Sanne") == "/Sanne"
    assert agent_signature("We hope this helps /KD") == "/KD"
    assert agent_signature("Bel ons even -JB") == "-JB"
    # The signature closes the reply even when a thread counter follows it.
    assert agent_signature("You should see the support number. ^Vinod 2/2") == "^Vinod"
    assert agent_signature("Gewoon een tweet") is None
    assert agent_signature("Prijs is 2/3 van de oude") is None
    assert agent_signature("Ik reis met NS/NMBS") is None


def test_find_emoji_agrees_with_the_emoji_library() -> None:
    """The fast scan finds exactly what the emoji library's own finds, on every emoji it
    knows, between words, next to each other and after digits."""
    import emoji

    from models.text import find_emoji

    known = sorted(emoji.EMOJI_DATA)
    for start in range(0, len(known), 40):
        group = known[start:start + 40]
        text = "a " + " x".join(group) + " 7" + "".join(group[:3]) + " 3️⃣ einde"
        assert find_emoji(text) == [e["emoji"] for e in emoji.emoji_list(text)], group


@pytest.mark.parametrize(("text", "outside"), [
    ("said 'goedemorgen' and 'dank je wel', so", "said   and  , so"),
    ('zegt "we werken eraan" maar', "zegt   maar"),
    ("noemt \u201cservice\u201d wat \u201edit\u201d is en \u00abdat\u00bb",
     "noemt   wat   is en  "),
    ("down \u2018Storing in uw regio\u2019 my", "down   my"),
    ("the \u2018customer\u2019s\u2019 view", "the   view"),  # an apostrophe inside a quote
])
def test_outside_quotes_blanks_the_quoted_phrases(text: str, outside: str) -> None:
    assert outside_quotes(text) == outside


@pytest.mark.parametrize("text", [
    "KPN's service, don't, auto's, customers' complaints",  # apostrophes
    "'s avonds is 't weer mis, 'k heb 'm gebeld, 'n ramp",  # Dutch clipped words
    "no quotes at all",
    'an unclosed "quote',
])
def test_outside_quotes_leaves_apostrophes_and_unquoted_text(text: str) -> None:
    assert outside_quotes(text) == text
