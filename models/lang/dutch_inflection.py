"""The attributive form of a Dutch adjective: the form with -e that stands before a noun ("een
trage service", "de vervelende situatie", "snelle levering", "een boze klant"). The word lists
hold the base form; a text uses both. Spelling rules, as in Dutch grammars (ANS 4.4.1):

- a long vowel written double before one consonant is written single: traag -> trage,
  duur -> dure, betrouwbaar -> betrouwbare;
- a short vowel before one consonant, in a word of one syllable, doubles the consonant:
  snel -> snelle, dik -> dikke;
- after a long vowel or a diphthong, f and s are voiced: lief -> lieve, boos -> boze,
  grijs -> grijze;
- otherwise -e is added: vervelend -> vervelende, schandalig -> schandalige, blij -> blije,
  mooi -> mooie.

Words that end in -e or -en, and words that are not plain letters, have no such form here.
"""

from __future__ import annotations

import re

_VOWELS = "aeiou"
_DIPHTHONGS = ("ij", "ei", "ie", "oe", "ou", "au", "ui", "eu")
_VOICED = {"f": "v", "s": "z"}
_VOWEL_RUN = re.compile("[aeiouy]+")


def _syllables(word: str) -> int:
    """About the syllables: the runs of vowels, "ij" counted as one."""
    return len(_VOWEL_RUN.findall(word.replace("ij", "y")))


def attributive_form(word: str) -> str | None:
    """``word``'s form with -e, or None where it has none (see the module's rules)."""
    if len(word) < 3 or not word.isalpha() or word.endswith(("e", "en")):
        return None
    if word.endswith(("ij", "ooi", "aai", "oei")):
        return word + "e"  # blij -> blije, mooi -> mooie
    last, before, third = word[-1], word[-2], word[-3]
    if last in _VOWELS or last == "y":
        return None  # "super", "top" are fine; "prima", "ok" take no -e
    if before in _VOWELS and third == before and (len(word) < 4 or word[-4] not in _VOWELS):
        return word[:-2] + _VOICED.get(last, last) + "e"  # traag -> trage, boos -> boze
    if word[-3:-1] in _DIPHTHONGS:
        return word[:-1] + _VOICED.get(last, last) + "e"  # lief -> lieve, grijs -> grijze
    if before in _VOWELS and third not in _VOWELS and _syllables(word) == 1 \
            and last not in "wxy":
        return word + last + "e"  # snel -> snelle, dik -> dikke
    return word + "e"
