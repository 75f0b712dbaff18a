"""Dev-half figures behind how ``intents.linear.v1`` decides a question.

The English question model learnt from general tweets (TweetAct), whose labels count many
questions to a person as expressions; on real care threads it missed a third of what the team
has to answer. The decision therefore combines it with the rules, and this script prints each
candidate combination on the two dev halves, never on a test half:

- TweetAct, dev half: the model's out-of-fold decisions (grouped five-fold, the shipped C and
  threshold), no brand configured (every tweet proactive); question F1 against ``QUE``.
- IBM care threads, dev half (by thread): the shipped model (it never saw these threads), the
  support accounts configured as brands; F1 of "question or request" against the hand labels
  in ``benchmarks/labels``, with the labels marked unsure and without them.

    python -m models.training.question_choices [--eval ../shared/eval]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sklearn.metrics import f1_score

from models.enrich import Enricher
from models.intents import (
    DEFAULT_QUESTION_MODEL,
    QUESTION_FEATURES,
    RuleIntents,
    requests,
)
from models.linear import load
from models.text import normalize, surface
from models.training.eval_split import is_dev
from models.training.intents_en import EnglishEvidence, out_of_fold, read, trainer_for
from models.training.support_threads import (
    WEBCARE_QUESTION,
    in_dev_half,
    labelled_customer_turns,
    support_brands,
)


@dataclass(frozen=True)
class Evidence:
    model: bool  # the question model's decision
    requests: bool  # a request phrase or a cry for help
    rules: bool  # the rules' question (mark, word order, phrase, request)
    reactive: bool  # addressed to a configured brand
    gold: bool
    unsure: bool = False


Policy = Callable[[Evidence], bool]
POLICIES: dict[str, Policy] = {
    "model alone": lambda e: e.model,
    "rules alone": lambda e: e.rules,
    "model or rules": lambda e: e.model or e.rules,
    "model or request": lambda e: e.model or e.requests,
    "model, or rules if addressed": lambda e: e.model or (e.reactive and e.rules),
    "model or request, or rules if addressed (shipped)":
        lambda e: e.model or e.requests or (e.reactive and e.rules),
}


RULES = RuleIntents()
_, ENGLISH = RULES.language_data("en")


def rule_evidence(text: str) -> tuple[bool, bool]:
    """(requests, rules' question) as ``models.intents`` computes them for English."""
    plain = surface(text).plain
    normalized = normalize(plain)
    return (requests(plain, normalized, ENGLISH),
            RULES.is_question(plain, normalized, ENGLISH))


def tweetact_dev(eval_dir: Path, evidence: EnglishEvidence) -> list[Evidence]:
    shipped = load(DEFAULT_QUESTION_MODEL)
    assert shipped.decision is not None
    threshold = shipped.decision[1]
    rows = [r for r in read(eval_dir / "questions-en-tweetact" / "data.jsonl")
            if is_dev(r["text"])]
    texts = [r["text"] for r in rows]
    labels = ["question" if r["label"] == "question" else "not_question" for r in rows]
    probability = out_of_fold(
        trainer_for(QUESTION_FEATURES, evidence.question, float(shipped.provenance["c"])),
        texts, labels, "question", evidence.question)
    return [Evidence(bool(p >= threshold), *rule_evidence(t), reactive=False,
                     gold=label == "question")
            for t, label, p in zip(texts, labels, probability, strict=True)]


def care_threads_dev(eval_dir: Path, evidence: EnglishEvidence) -> tuple[list[Evidence], float]:
    """The dev half's evidence, and the shipped enricher's own F1 there (a check that the
    shipped policy is the one printed)."""
    threads = read(eval_dir / "support-threads-en-ibm" / "test.jsonl")
    enricher = Enricher(support_brands(threads))  # all 25 accounts, as the report has them
    model = load(DEFAULT_QUESTION_MODEL)
    found: list[Evidence] = []
    said: list[bool] = []
    for turn in labelled_customer_turns([t for t in threads if in_dev_half(t)]):
        text = turn.raw.text
        mention = enricher.enrich(turn.raw)
        found.append(Evidence(
            model.decides(model.tokenizer.analyze(text), evidence.question(text)),
            *rule_evidence(text), reactive=mention.contact == "reactive",
            gold=turn.label in WEBCARE_QUESTION, unsure=turn.unsure))
        said.append("question" in mention.intents)
    return found, float(f1_score([r.gold for r in found], said))


def f1(rows: Sequence[Evidence], policy: Policy) -> str:
    return f"{f1_score([r.gold for r in rows], [policy(r) for r in rows]):.3f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=Path(__file__).parents[3] / "shared" / "eval")
    args = parser.parse_args(argv)
    evidence = EnglishEvidence()
    tweetact = tweetact_dev(args.eval, evidence)
    care, shipped = care_threads_dev(args.eval, evidence)
    sure = [r for r in care if not r.unsure]
    print(f"dev halves: TweetAct {len(tweetact)} tweets, care threads {len(care)} customer "
          f"turns ({len(sure)} labelled sure)")
    print(f"{'policy':52} {'TweetAct':>9} {'care':>6} {'sure':>6}")
    for name, policy in POLICIES.items():
        print(f"{name:52} {f1(tweetact, policy):>9} {f1(care, policy):>6} {f1(sure, policy):>6}")
    print(f"the shipped enricher on the care threads' dev half: {shipped:.3f}")


if __name__ == "__main__":
    main()
