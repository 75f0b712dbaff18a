from __future__ import annotations

import io
from pathlib import Path

from agents.files import Rejected, read_csv, read_jsonl, read_mentions
from schemas.mentions import RawMention

GOOD = (b'{"id":"1","source":"twitter","text":"hoi @KPN","created_at":"2026-11-20T10:00:00Z",'
        b'"author":{"handle":"a"}}')


def test_jsonl_reports_bad_lines_with_their_number_and_keeps_going() -> None:
    lines = [GOOD, b"{broken", b"", b'"just a string"', GOOD.replace(b'"1"', b'"2"'),
             GOOD.replace(b'"twitter"', b'"Not A Source"')]
    results = list(read_jsonl(io.BytesIO(b"\n".join(lines) + b"\n")))
    rejected = {n: r.reason for n, r in results if isinstance(r, Rejected)}
    accepted = [m.id for _, m in results if isinstance(m, RawMention)]
    assert accepted == ["1", "2"]
    assert set(rejected) == {2, 4, 6}
    assert rejected[2].startswith("not valid JSON")
    assert rejected[4] == "not a JSON object"
    assert "source" in rejected[6]


def test_csv_maps_dotted_columns_and_keeps_unknown_ones_as_extras() -> None:
    text = (
        "id,source,text,created_at,author.handle,private,recipient,rating\n"
        "1,trustpilot,Top service,2026-11-20T10:00:00Z,anna,no,,5\n"
        "2,whatsapp,Waar blijft mijn pakket?,2026-11-20T11:00:00Z,+316,yes,bol,\n"
        "3,twitter,missing time,,bob,,,\n"
    )
    results = list(read_csv(io.StringIO(text)))
    first, second = results[0][1], results[1][1]
    assert isinstance(first, RawMention) and first.extras == {"rating": "5"}
    assert isinstance(second, RawMention) and second.private and second.recipient == "bol"
    line, third = results[2]
    assert isinstance(third, Rejected) and line == 4 and "created_at" in third.reason


def test_read_mentions_picks_the_format_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "mentions.jsonl"
    path.write_bytes(GOOD + b"\n")
    assert [m.id for _, m in read_mentions(path) if isinstance(m, RawMention)] == ["1"]
