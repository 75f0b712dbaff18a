"""The IBM customer-care threads (``../shared/eval/support-threads-en-ibm``) as the worker sees
them, and this project's hand labels for their customer turns (``benchmarks/labels``).

Shared by the quality report (the test half) and ``models.training.question_choices`` (the dev
half): one reading of the threads, so both score the same mentions.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.brands import BrandConfig, parse_brands
from models.training.eval_split import is_dev
from schemas.mentions import RawMention

LABELS = Path(__file__).parents[2] / "benchmarks" / "labels" / \
    "support-threads-en-ibm.questions.tsv"
WEBCARE_QUESTION = frozenset({"question", "request"})  # what the care team has to answer


@dataclass(frozen=True)
class Turn:
    thread: dict[str, Any]
    position: int
    turn: dict[str, Any]
    replied_to: str | None  # the author of the turn before, if it has one
    raw: RawMention | None  # None for the brand turns that lost their author upstream


def support_brands(threads: list[dict[str, Any]]) -> BrandConfig:
    """Each support account a brand of its own, with that one handle."""
    accounts = sorted({t["company"] for t in threads})
    return parse_brands([{"id": a.lower(), "name": a, "handles": [a]} for a in accounts])


def turns(threads: list[dict[str, Any]]) -> Iterator[Turn]:
    """Every turn as a raw mention, a later turn as a reply to the one before."""
    for thread in threads:
        previous: dict[str, Any] | None = None
        for position, turn in enumerate(thread["turns"]):
            replied_to = previous["author"] if previous is not None else None
            raw = None
            if turn["author"] is not None:
                fields: dict[str, Any] = {"id": turn["tweet_id"], "source": "twitter",
                                          "text": turn["text"], "created_at": turn["created_at"],
                                          "author": {"handle": turn["author"]}}
                if previous is not None and replied_to:
                    fields["in_reply_to"] = {"author_handle": replied_to,
                                             "id": previous["tweet_id"]}
                raw = RawMention.model_validate(fields)
            yield Turn(thread, position, turn, replied_to or None, raw)
            previous = turn


@dataclass(frozen=True)
class LabelledTurn:
    raw: RawMention
    label: str  # one of the labels in ``benchmarks/labels``
    unsure: bool


def labelled_customer_turns(threads: list[dict[str, Any]],
                            path: Path = LABELS) -> Iterator[LabelledTurn]:
    """The customer turns of ``threads`` with their hand labels, as the worker sees them."""
    labels = question_labels(path)
    for turn in turns(threads):
        if turn.turn["role"] == "customer" and turn.raw is not None:
            label, unsure = labels[(turn.thread["id"], turn.position)]
            yield LabelledTurn(turn.raw, label, unsure)


def in_dev_half(thread: dict[str, Any]) -> bool:
    """The dev/test split of ``models.training.eval_split``, by thread: a conversation's turns
    stay on one side."""
    return is_dev(thread["id"])


def question_labels(path: Path = LABELS) -> dict[tuple[str, int], tuple[str, bool]]:
    """(thread id, turn position) -> (label, unsure)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {(row["thread"], int(row["turn"])): (row["label"], row["unsure"] == "1")
                for row in csv.DictReader(handle, delimiter="\t")}
