"""The reply-tone check on hand-written Dutch and English replies: wording known to pull a
customer's sentiment down is flagged, friendly replies are not."""

from __future__ import annotations

import pytest

from conversations.lang import TONE_PHRASES
from conversations.tone import tone_flags


@pytest.mark.parametrize("language, reply, flagged", [
    ("nl", "Vervelend dat je pakket niet is aangekomen. ^Naomi", ["vervelend"]),
    ("nl", "Helaas kunnen we niets doen aan de vertraging.", ["helaas", "kunnen we niets"]),
    ("nl", "Jammer om te horen! Daar kunnen we niets aan doen, ons beleid is nu eenmaal zo.",
     ["daar kunnen we niets aan doen", "ons beleid", "jammer"]),
    ("nl", "Wat slecht dat het zo gelopen is *IL", ["slecht"]),
    ("en", "Unfortunately there is nothing we can do, per our policy.",
     ["there is nothing we can do", "per our policy", "unfortunately"]),
    ("en", "Sorry for the inconvenience! ^Pim", ["sorry for the inconvenience"]),
    ("en", "So sorry to hear that your order is late.", ["sorry to hear"]),
])
def test_flagged_replies(language: str, reply: str, flagged: list[str]) -> None:
    assert sorted(tone_flags(reply, language)) == sorted(flagged)


@pytest.mark.parametrize("language, reply", [
    ("nl", "Goed nieuws: je pakket wordt morgen bezorgd! ^Naomi"),
    ("nl", "Dank je voor je geduld, ik heb een monteur voor je ingepland. *IL"),
    ("nl", "Slechts een moment, ik zoek het voor je uit."),  # "slechts" is not "slecht"
    ("en", "Thanks for reaching out! I have sent you a DM with the next steps. ^Pim"),
    ("en", "Badges are shown in your profile."),  # "badges" is not "bad"
])
def test_friendly_replies_are_not_flagged(language: str, reply: str) -> None:
    assert tone_flags(reply, language) == []


def test_an_unknown_language_is_checked_against_every_list() -> None:
    assert tone_flags("Helaas, unfortunately", "und") == ["unfortunately", "helaas"]


@pytest.mark.parametrize("language", sorted(TONE_PHRASES))
def test_language_data_is_lowercase_unique_words(language: str) -> None:
    phrases = TONE_PHRASES[language]
    assert len(set(phrases)) == len(phrases)
    assert all(p == p.lower().strip() and p for p in phrases)
