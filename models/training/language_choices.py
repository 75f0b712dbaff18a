"""Score the language detector's settings on dev tweets, to choose them without a test set.

Dev data: the English SemEval tweets held out from sentiment training (``twitter-2016test-A``
and ``twitter-2013dev-A``, tab-separated ``id, label, text``) and the Dutch political tweets'
train split (``../shared/eval/sentiment-nl-political-tweets``, all three sheets). Each tweet is
cleaned as the pipeline cleans it (no @handles, URLs or emoji); tweets of four words or more
give four texts: the tweet, and a window of one, two and three words at a random place (fixed
seed), because one- to three-word texts are where the word lists decide; tweets of nine words
or more also give a window of four, six and eight words (another fixed seed), where fastText
and the word lists decide together. The langid-lingua test set is never read here.

Prints accuracy per language and length for the shipped settings and for each variant that
changes one of them:

    python -m models.training.language_choices SEMEVAL_DIR [--eval ../shared/eval]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from models.language import HybridLanguage
from models.text import surface
from models.training.sentiment_en import read_tsv

SEMEVAL_DEV_FILES = ("twitter-2016test-A.tsv", "twitter-2013dev-A.tsv")
DUTCH_SHEETS = ("polarity", "emotion", "proactivity")
WINDOWS = (1, 2, 3)  # words; 0 stands for the whole tweet below
SENTENCE_WINDOWS = (4, 6, 8)  # from tweets of at least MIN_SENTENCE_TWEET words
MIN_SENTENCE_TWEET = 9
VARIANTS: dict[str, dict[str, Any]] = {  # HybridLanguage fields
    "shipped": {},
    "fastText alone from 0.8": {"unsure_below": 0.8},
    "fastText alone from 0.95": {"unsure_below": 0.95},
    "no language prior": {"priors": {}},
    "Dutch prior 2": {"priors": {"nl": 2.0}},
    "Dutch prior 5": {"priors": {"nl": 5.0}},
    "no search threshold": {"top_k_threshold": 0.0},
    "search threshold 0.005": {"top_k_threshold": 0.005},
    "search threshold 0.01": {"top_k_threshold": 0.01},
    "200 characters": {"max_chars": 200},
    "120 characters": {"max_chars": 120},
    "word lists up to 8 words": {"medium_words": 8},
    "word lists below 0.5": {"unsure_below": 0.5},
}


def dev_tweets(semeval: Path, eval_dir: Path) -> list[tuple[str, str]]:
    tweets = [("en", text) for name in SEMEVAL_DEV_FILES
              for text, _ in read_tsv(semeval / name)]
    for sheet in DUTCH_SHEETS:
        path = eval_dir / "sentiment-nl-political-tweets" / f"{sheet}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["split"] == "train":
                tweets.append(("nl", row["text"]))
    return tweets


def dev_texts(tweets: list[tuple[str, str]], seed: int = 7) -> list[tuple[str, int, str]]:
    """(language, words in the window or 0 for the tweet, text), each distinct tweet once."""
    rng, sentence_rng = random.Random(seed), random.Random(seed + 4)
    texts, seen = [], set()
    for lang, tweet in tweets:
        plain = surface(tweet).plain
        words = plain.split()
        if plain in seen or len(words) < 4:
            continue
        seen.add(plain)
        for size in WINDOWS:
            start = rng.randrange(len(words) - size + 1)
            texts.append((lang, size, " ".join(words[start:start + size])))
        texts.append((lang, 0, plain))
        if len(words) >= MIN_SENTENCE_TWEET:
            for size in SENTENCE_WINDOWS:
                start = sentence_rng.randrange(len(words) - size + 1)
                texts.append((lang, size, " ".join(words[start:start + size])))
    return texts


def accuracy(detector: HybridLanguage,
             texts: list[tuple[str, int, str]]) -> dict[tuple[str, int], tuple[int, int]]:
    hits: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for lang, size, text in texts:
        cell = hits[(lang, size)]
        cell[0] += detector.detect(text)[0] == lang
        cell[1] += 1
    return {key: (right, total) for key, (right, total) in sorted(hits.items())}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("semeval", type=Path, help="folder with the SemEval *-A.tsv files")
    parser.add_argument("--eval", type=Path, default=Path("..") / "shared" / "eval")
    args = parser.parse_args(argv)
    texts = dev_texts(dev_tweets(args.semeval, args.eval))
    shipped = HybridLanguage(min_confidence=0.0)
    for name, change in VARIANTS.items():
        scores = accuracy(replace(shipped, **change), texts)
        cells = "  ".join(f"{lang} {size or 'tweet'}: {right}/{total}"
                          for (lang, size), (right, total) in scores.items())
        print(f"{name:26} {cells}")


if __name__ == "__main__":
    main()
