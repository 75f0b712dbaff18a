"""Build the Dutch polarity lexicon shipped as ``models/data/lexicon-nl.v1.json.gz``.

Three sources, one valence per word form on VADER's scale (about -4 to 4), so the Dutch
tokenizer's polarity features mean what the English ones do:

- the CLiPS Pattern Dutch lexicon (PDDL; mostly adjectives, tuned on book reviews): polarity
  -1..1, the mean over a form's senses, times 4; forms within 0.1 of zero left out;
- LUPJE, a word list built from Dutch tweets (MIT): valence -5..5, times 0.8;
- our own hand-kept lists in ``models.lang.nl`` (webcare words: "storing", "top", "kapot"),
  which win where the sources disagree.

Where Pattern and LUPJE both know a form, their mean is taken. The shared folder's READMEs give
each source's commit and license (``../shared/train``).

    python -m models.training.lexicon_nl [--train ../shared/train] [--out FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import defaultdict
from pathlib import Path

from models.lang import nl
from models.linear import BUNDLED
from models.training.intents_en import read

OUT = BUNDLED / "lexicon-nl.v1.json.gz"


def build(train: Path) -> dict[str, float]:
    senses: dict[str, list[float]] = defaultdict(list)
    for row in read(train / "pattern_nl_sentiment_lexicon" / "lexicon.jsonl"):
        senses[str(row["text"]).lower()].append(float(str(row["polarity"])))
    found: dict[str, list[float]] = defaultdict(list)
    for form, values in senses.items():
        mean = sum(values) / len(values)
        if abs(mean) >= 0.1:
            found[form].append(mean * 4.0)
    for row in read(train / "lupje_nl_twitter_lexicon" / "lexicon.jsonl"):
        found[str(row["text"]).lower()].append(float(str(row["score"])) * 0.8)
    lexicon = {form: round(sum(v) / len(v), 3) for form, v in found.items() if " " not in form}
    lexicon.update({w: v for w, v in nl.POSITIVE.items() if " " not in w})
    lexicon.update({w: v for w, v in nl.NEGATIVE.items() if " " not in w})
    return dict(sorted(lexicon.items()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path,
                        default=Path(__file__).resolve().parents[2].parent / "shared" / "train")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    lexicon = build(args.train)
    payload = {"format": "webcare.polarity-lexicon/1",
               "sources": ["CLiPS Pattern nl-sentiment.xml 1.2 (PDDL), clips/pattern@d25511f",
                           "LUPJE Dutch Twitter lexicon (MIT)", "models.lang.nl word lists"],
               "scale": "VADER-like, about -4..4", "valences": lexicon}
    with gzip.open(args.out, "wt", encoding="utf-8") as handle:
        json.dump(payload, handle, ensure_ascii=False, separators=(",", ":"))
    print(f"wrote {args.out}: {len(lexicon)} word forms, "
          f"{sum(v > 0 for v in lexicon.values())} positive")


if __name__ == "__main__":
    main()
