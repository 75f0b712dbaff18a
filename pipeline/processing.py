"""Pure stream logic: validate, deduplicate and enrich a batch of raw records.

No Kafka, no Elasticsearch: the Faust agent feeds ``Record`` values in and acts on the
``BatchPlan`` that comes out, so everything here is testable without a broker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from core.errors import InvalidMention
from models.enrich import Enricher
from pipeline.ready import Ready
from pipeline.records import DeadLetter, Record
from schemas.mentions import SOURCE_EVENTS, EnrichedMention, MentionDeletion, RawMention


@dataclass
class BatchPlan:
    # Enriched, or made ready to write where it was enriched (pipeline.enrichment_processes).
    to_index: list[tuple[Record, EnrichedMention | Ready]] = field(default_factory=list)
    dead: list[DeadLetter] = field(default_factory=list)
    duplicates: list[Record] = field(default_factory=list)
    # Concern none of the configured brands: not brand mentions, so not indexed.
    unmatched: list[Record] = field(default_factory=list)
    # Deleted (or revoked) at the source: to be removed with their alerts, in log order
    # after this batch's mentions.
    deletions: list[tuple[Record, MentionDeletion]] = field(default_factory=list)


def _describe(exc: ValidationError) -> str:
    problems = []
    kind = "raw mention"
    for err in exc.errors(include_url=False):
        if err["type"] == "json_invalid":
            ctx = err.get("ctx", {}).get("error", err["msg"])
            return f"not valid UTF-8 JSON: {ctx}"
        loc = err["loc"]
        if loc and loc[0] in ("mention", "delete"):  # the event kind the record was read as
            kind = "raw mention" if loc[0] == "mention" else "deletion"
            loc = loc[1:]
        if err["type"] in ("model_type", "model_attributes_type") and not loc:
            return "not a JSON object"
        path = ".".join(str(p) for p in loc) or "(record)"
        problems.append(f"{path}: {err['msg']}")
    return f"invalid {kind}: " + "; ".join(problems)


def decode(value: bytes | None) -> RawMention | MentionDeletion:
    """A raw mention, new or edited, or a deletion at the source."""
    if not value:
        raise InvalidMention("empty message")
    try:
        return SOURCE_EVENTS.validate_json(value)
    except ValidationError as exc:
        raise InvalidMention(_describe(exc)) from None


Accepted = list[tuple[Record, RawMention]]


def sort_records(records: Sequence[Record], first_delivery: Callable[[str], str | None]
                 ) -> tuple[BatchPlan, Accepted]:
    """The first half of ``plan_batch``: the plan without its enriched mentions, and the
    mentions to enrich."""
    plan = BatchPlan()
    in_batch: dict[str, str] = {}
    accepted: Accepted = []
    for record in records:
        try:
            raw = decode(record.value)
        except InvalidMention as exc:
            plan.dead.append(DeadLetter(record, "validate", exc.reason))
            continue
        if isinstance(raw, MentionDeletion):
            plan.deletions.append((record, raw))
            continue
        key = raw.version_key
        seen = in_batch.get(key) or first_delivery(key)
        if seen is not None and seen != record.delivery:
            plan.duplicates.append(record)
            continue
        in_batch[key] = record.delivery
        accepted.append((record, raw))
    return plan, accepted


def place_enriched(plan: BatchPlan, accepted: Accepted,
                   enriched: Sequence[EnrichedMention | Ready | Exception], has_brands: bool,
                   index_unmatched: bool = False) -> BatchPlan:
    """The second half: each enriched mention indexed, dropped as unmatched, or its failure
    dead-lettered."""
    for (record, _), result in zip(accepted, enriched, strict=True):
        if isinstance(result, Exception):  # a bug in one step must not stop the stream
            plan.dead.append(DeadLetter(record, "enrich", f"{type(result).__name__}: {result}"))
        elif has_brands and not index_unmatched and not (
                result.names_brand if isinstance(result, Ready) else result.brands):
            plan.unmatched.append(record)
        else:
            plan.to_index.append((record, result))
    return plan


def plan_batch(
    records: Sequence[Record],
    enricher: Enricher,
    first_delivery: Callable[[str], str | None],
    index_unmatched: bool = False,
) -> BatchPlan:
    """Decide for each record: index it, drop it as a re-delivery, delete what it names, or
    dead-letter it.

    ``first_delivery(key)`` returns where the mention (or this edit of it) was first seen
    (``"partition:offset"``) or None. A record at that same place is a replay after a crash
    and is processed again (indexing is idempotent); one anywhere else is a re-delivery and is
    dropped. An edit is a version of its own (``version_key``), indexed over the mention.
    """
    plan, accepted = sort_records(records, first_delivery)
    enriched = enricher.enrich_many([raw for _, raw in accepted])
    return place_enriched(plan, accepted, enriched, enricher.has_brands, index_unmatched)
