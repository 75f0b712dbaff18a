"""Read raw mentions from JSON Lines or CSV files. Pure parsing: each line becomes a mention
or a ``Rejected`` with its line number, and a bad line never stops the rest."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import Any, TextIO

import orjson
from pydantic import ValidationError

from agents.export_columns import content_id, inferred_columns, source_name, time_column
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


# A date as Dutch spreadsheets and exports write it: day first ("20-11-2026 10:00",
# "20/11/2026"), which ISO 8601 parsing rejects.
_DAY_FIRST = re.compile(
    r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_TIME_FIELDS = ("created_at", "edited_at")


def _day_first_dates(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with its day-first dates written as ISO 8601 (no zone: read as UTC, as any
    time without one). Raises ValueError, naming the field, for one that is no calendar day
    or time ("31-02-2026")."""
    for name in _TIME_FIELDS:
        value = data.get(name)
        if isinstance(value, str) and (found := _DAY_FIRST.fullmatch(value.strip())):
            day, month, year, hour, minute, second = (int(part or 0) for part in found.groups())
            try:
                data[name] = datetime(year, month, day, hour, minute, second).isoformat()
            except ValueError as exc:
                raise ValueError(f"{name}: {value.strip()!r} is no date and time ({exc})") \
                    from None
    return data


def _validate(line_no: int, data: object) -> RawMention | Rejected:
    if not isinstance(data, dict):
        return Rejected(line_no, "not a JSON object")
    try:
        return RawMention.model_validate(_day_first_dates(data))
    except ValidationError as exc:
        return Rejected(line_no, describe_validation(exc))
    except ValueError as exc:
        return Rejected(line_no, str(exc))


def apply_mapping(data: dict[str, Any], mapping: dict[str, str]) -> dict[str, Any]:
    """Rename another tool's fields to ours: ``mapping`` is ours -> theirs, and ours may be
    dotted (``author.handle``). Fields not mapped stay as they are."""
    if not mapping:
        return data
    out = {k: v for k, v in data.items() if k not in mapping.values()}
    for ours, theirs in mapping.items():
        if theirs not in data or data[theirs] in ("", None):
            continue
        if "." in ours:
            parent, child = ours.split(".", 1)
            out.setdefault(parent, {})[child] = data[theirs]
        else:
            out[ours] = data[theirs]
    return out


_BOM = b"\xef\xbb\xbf"  # UTF-8's byte order mark


def read_jsonl(stream: Iterable[bytes], mapping: dict[str, str] | None = None
               ) -> Iterator[tuple[int, RawMention | Rejected]]:
    for line_no, line in enumerate(stream, start=1):
        if line_no == 1 and line.startswith(_BOM):  # a file saved by a Windows tool
            line = line[len(_BOM):]
        if not line.strip():
            continue
        if not mapping:  # the fast path: parsed and validated in one pass, in pydantic's core
            try:
                yield line_no, RawMention.model_validate_json(line)
                continue
            except ValidationError:
                pass  # read again below, for an error message that says what is wrong
        try:
            data = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield line_no, Rejected(line_no, f"not valid JSON: {exc}")
            continue
        if isinstance(data, dict):
            data = apply_mapping(data, mapping or {})
        yield line_no, _validate(line_no, data)


def _csv_row_to_mention(row: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    extras: dict[str, str] = {}
    for column, value in row.items():
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


def _delimiter(header: str) -> str:
    """The header's separator: a comma, or what a spreadsheet in a Dutch (or other
    decimal-comma) locale saves, a semicolon; a tab for tab-separated exports. Column names
    hold none of them."""
    return max(",;\t", key=header.count) if header.strip() else ","


@dataclass(frozen=True)
class CsvColumns:
    """How a CSV file's columns are read: ``mapping`` (ours -> theirs) as given and as
    inferred from the header (``agents.export_columns``), the column holding the time of day
    beside a date column, and whether ids are made from the content (no id column)."""

    mapping: dict[str, str]
    inferred: dict[str, str]
    time_column: str | None
    content_ids: bool

    @classmethod
    def of(cls, header: list[str], mapping: dict[str, str] | None) -> CsvColumns:
        inferred = inferred_columns(header, mapping)
        full = {**inferred, **(mapping or {})}
        return cls(full, inferred, time_column(header, full.get("created_at")),
                   "id" not in full and "id" not in header)

    @cached_property
    def renamed(self) -> dict[str, str]:
        """Theirs -> ours: ``mapping`` turned round, once for every row of the file."""
        return {theirs: ours for ours, theirs in self.mapping.items()}

    def describe(self) -> str:
        """What a person importing the file should know, one line; empty when nothing was
        inferred."""
        parts = [f"{theirs!r} as {ours}" for ours, theirs in self.inferred.items()]
        if self.time_column:
            parts.append(f"{self.time_column!r} as the time of day")
        if self.content_ids:
            parts.append("ids made from each row's content (no id column)")
        return "; ".join(parts)

    def mention(self, row: dict[str, str]) -> dict[str, Any]:
        renamed = self.renamed
        if self.time_column is not None:
            row = dict(row)
            time = (row.pop(self.time_column, None) or "").strip()
            date = (row.get(self.mapping["created_at"]) or "").strip()
            if time and date and ":" not in date:
                row[self.mapping["created_at"]] = f"{date} {time}"
        data = _csv_row_to_mention({renamed.get(k, k): v for k, v in row.items()})
        if isinstance(data.get("source"), str):
            data["source"] = source_name(data["source"])
        if self.content_ids:
            data["id"] = content_id(data)
        return data


def csv_columns(stream: TextIO, mapping: dict[str, str] | None = None) -> CsvColumns:
    """How ``read_csv`` will read the file whose header ``stream`` opens on."""
    header = stream.readline()
    names = next(csv.reader([header], delimiter=_delimiter(header)), [])
    return CsvColumns.of(names, mapping)


def read_csv(stream: TextIO, mapping: dict[str, str] | None = None
             ) -> Iterator[tuple[int, RawMention | Rejected]]:
    header = stream.readline()
    reader = csv.DictReader(chain([header], stream), delimiter=_delimiter(header))
    columns = CsvColumns.of(list(reader.fieldnames or ()), mapping)
    for row in reader:
        line_no = reader.line_num
        try:
            if None in row:
                raise ValueError("more values than columns")
            data = columns.mention(row)
        except ValueError as exc:
            yield line_no, Rejected(line_no, str(exc))
            continue
        yield line_no, _validate(line_no, data)


def csv_reading(path: Path, mapping: dict[str, str] | None = None) -> str:
    """For a ``.csv`` file, which of its columns are read as which fields without a mapping
    (``CsvColumns.describe``); empty for other files or when none is."""
    if path.suffix.lower() != ".csv":
        return ""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return csv_columns(handle, mapping).describe()


def read_mentions(path: Path, mapping: dict[str, str] | None = None
                  ) -> Iterator[tuple[int, RawMention | Rejected]]:
    """Mentions from a file, by extension: ``.csv`` or JSON Lines (anything else), with
    another tool's field names mapped to ours."""
    if path.suffix.lower() == ".csv":
        # utf-8-sig: a spreadsheet's export opens on a byte order mark, which would
        # otherwise become part of the first column's name.
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from read_csv(handle, mapping)
    else:
        with path.open("rb") as raw:
            yield from read_jsonl(raw, mapping)
