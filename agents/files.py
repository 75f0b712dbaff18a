"""Read raw mentions from JSON Lines or CSV files. Pure parsing: each line becomes a mention
or a ``Rejected`` with its line number, and a bad line never stops the rest."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import orjson
from pydantic import ValidationError

from schemas.mentions import RawMention

# CSV columns that are fields of a raw mention; dotted names address nested fields.
_CSV_FIELDS = {
    "id", "source", "text", "created_at", "recipient", "private", "url", "author.handle",
    "author.name", "in_reply_to.author_handle", "in_reply_to.id",
}
_TRUE = {"1", "true", "yes", "y", "t"}


@dataclass(frozen=True)
class Rejected:
    line: int
    reason: str


def describe_validation(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in err['loc']) or '(record)'}: {err['msg']}"
        for err in exc.errors(include_url=False)
    )


def _validate(line_no: int, data: object) -> RawMention | Rejected:
    if not isinstance(data, dict):
        return Rejected(line_no, "not a JSON object")
    try:
        return RawMention.model_validate(data)
    except ValidationError as exc:
        return Rejected(line_no, describe_validation(exc))


def read_jsonl(stream: Iterable[bytes]) -> Iterator[tuple[int, RawMention | Rejected]]:
    for line_no, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            data = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield line_no, Rejected(line_no, f"not valid JSON: {exc}")
            continue
        yield line_no, _validate(line_no, data)


def _csv_row_to_mention(row: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    extras: dict[str, str] = {}
    for column, value in row.items():
        if column is None:
            raise ValueError("more values than columns")
        if value in ("", None):
            continue
        if column not in _CSV_FIELDS:
            extras[column] = value
            continue
        if column == "private":
            data["private"] = value.strip().lower() in _TRUE
        elif "." in column:
            parent, child = column.split(".", 1)
            data.setdefault(parent, {})[child] = value
        else:
            data[column] = value
    if extras:
        data["extras"] = extras
    return data


def read_csv(stream: TextIO) -> Iterator[tuple[int, RawMention | Rejected]]:
    reader = csv.DictReader(stream)
    for row in reader:
        line_no = reader.line_num
        try:
            data = _csv_row_to_mention(row)
        except ValueError as exc:
            yield line_no, Rejected(line_no, str(exc))
            continue
        yield line_no, _validate(line_no, data)


def read_mentions(path: Path) -> Iterator[tuple[int, RawMention | Rejected]]:
    """Mentions from a file, by extension: ``.csv`` or JSON Lines (anything else)."""
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            yield from read_csv(handle)
    else:
        with path.open("rb") as raw:
            yield from read_jsonl(raw)
