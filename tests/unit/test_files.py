from __future__ import annotations

import io
from pathlib import Path

import pytest

from agents.export_columns import source_name
from agents.files import Rejected, csv_columns, read_csv, read_jsonl, read_mentions
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


def test_exports_of_other_tools_are_mapped_to_our_fields() -> None:
    mapping = {"id": "tweet_id", "source": "network", "text": "full_text",
               "created_at": "date", "author.handle": "screen_name"}
    export = (b'{"tweet_id": "9", "network": "twitter", "full_text": "Storing bij KPN",'
              b' "date": "2026-11-20T10:00:00Z", "screen_name": "piet"}\n'
              b'{"tweet_id": "10", "network": "twitter", "full_text": "x", "reach": 5,'
              b' "date": "2026-11-20T10:00:00Z", "screen_name": "piet"}\n')
    [(_, mapped), (_, unknown)] = list(read_jsonl(io.BytesIO(export), mapping))
    assert isinstance(mapped, RawMention) and mapped.author.handle == "piet"
    assert isinstance(unknown, Rejected) and "reach" in unknown.reason  # strict schema
    csv_export = ("tweet_id,network,full_text,date,screen_name,reach\n"
                  "9,twitter,Storing bij KPN,2026-11-20T10:00:00Z,piet,120\n")
    [(_, row)] = list(read_csv(io.StringIO(csv_export), mapping))
    assert isinstance(row, RawMention)  # in CSV, unknown columns become extras
    assert (row.id, row.author.handle, row.extras) == ("9", "piet", {"reach": "120"})


def test_a_byte_order_mark_opening_a_file_is_not_part_of_its_first_line(tmp_path: Path
                                                                        ) -> None:
    bom = b"\xef\xbb\xbf"  # spreadsheets and Windows editors save one
    jsonl = tmp_path / "export.jsonl"
    jsonl.write_bytes(bom + GOOD + b"\r\n" + GOOD.replace(b'"1"', b'"2"') + b"\r\n")
    assert [m.id for _, m in read_mentions(jsonl) if isinstance(m, RawMention)] == ["1", "2"]
    table = tmp_path / "export.csv"
    table.write_bytes(bom + b"id,source,text,created_at,author.handle\r\n"
                      b"7,trustpilot,Top service,2026-11-20T10:00:00Z,anna\r\n")
    [(_, row)] = list(read_mentions(table))
    assert isinstance(row, RawMention) and row.id == "7"


def test_csv_saved_with_semicolons_or_tabs_is_read_by_its_header() -> None:
    # A spreadsheet in a Dutch locale saves CSV with semicolons (the comma is its decimal
    # separator); other tools export tab-separated text.
    for separator in (";", "\t"):
        text = separator.join(["id", "source", "text", "created_at", "author.handle"]) + "\n" + \
            separator.join(["8", "trustpilot", "Prima, snel geleverd", "2026-11-20T10:00:00Z",
                            "anna"]) + "\n"
        [(line, row)] = list(read_csv(io.StringIO(text)))
        assert isinstance(row, RawMention) and line == 2
        assert (row.id, row.text) == ("8", "Prima, snel geleverd")


def test_day_first_dates_as_dutch_exports_write_them_are_read() -> None:
    text = ("id;source;text;created_at;author.handle\n"
            "1;twitter;a;20-11-2026 10:00;x\n"
            "2;twitter;b;7/1/2026 9:05:30;x\n"
            "3;twitter;c;31-02-2026;x\n")           # no such day: rejected, not guessed
    [(_, first), (_, second), (_, third)] = list(read_csv(io.StringIO(text)))
    assert isinstance(first, RawMention) and first.created_at.isoformat() == \
        "2026-11-20T10:00:00+00:00"
    assert isinstance(second, RawMention) and second.created_at.isoformat() == \
        "2026-01-07T09:05:30+00:00"
    assert isinstance(third, Rejected) and third.reason == (
        "created_at: '31-02-2026' is no date and time (day is out of range for month)")
    line = GOOD.replace(b"2026-11-20T10:00:00Z", b"20-11-2026 10:00")
    [(_, from_jsonl)] = list(read_jsonl(io.BytesIO(line + b"\n")))
    assert isinstance(from_jsonl, RawMention) and from_jsonl.created_at.day == 20


DUTCH_EXPORT = (
    "Datum;Tijd;Bron;Auteur;Bericht;Link;Sentiment\n"
    "20-11-2026;10:05;Nieuws;redactie_rtv;Storing bij KPN in Zwolle verholpen;"
    "https://example.nl/a;neutraal\n"
    "20-11-2026;11:30;X (Twitter);anna;@KPN al drie dagen geen internet;;negatief\n"
    "21-11-2026;09:00;Google Reviews;bob;Prima winkel;;positief\n"
)


def test_an_export_in_dutch_is_read_by_its_headers_without_a_mapping() -> None:
    rows = [row for _, row in read_csv(io.StringIO(DUTCH_EXPORT))]
    assert all(isinstance(row, RawMention) for row in rows), rows
    news, post, review = (row for row in rows if isinstance(row, RawMention))
    assert (news.source, news.author.handle, news.url) == ("news", "redactie_rtv",
                                                            "https://example.nl/a")
    assert news.created_at.isoformat() == "2026-11-20T10:05:00+00:00"  # date and time joined
    assert (post.source, post.text) == ("x", "@KPN al drie dagen geen internet")
    assert review.source == "google-reviews"
    assert news.extras == {"Sentiment": "neutraal"}  # a column we have no field for is kept
    # No id column: each row's id comes from its content, the same on a second import.
    again = [row for _, row in read_csv(io.StringIO(DUTCH_EXPORT))]
    assert [r.key for r in rows if isinstance(r, RawMention)] == \
        [r.key for r in again if isinstance(r, RawMention)]
    assert len({r.id for r in rows if isinstance(r, RawMention)}) == 3


def test_an_english_export_and_what_the_importer_is_told() -> None:
    text = ("Message ID,Date,Author,Source,Message,URL\n"
            "m1,2026-11-20T10:00:00Z,carl,Twitter,Thanks for the quick help!,\n")
    [(_, row)] = list(read_csv(io.StringIO(text)))
    assert isinstance(row, RawMention)
    assert (row.id, row.source, row.author.handle, row.text) == (
        "m1", "twitter", "carl", "Thanks for the quick help!")
    told = csv_columns(io.StringIO(text)).describe()
    assert "'Message' as text" in told and "'Date' as created_at" in told
    assert "ids made" not in told
    assert "ids made from each row's content" in csv_columns(io.StringIO(DUTCH_EXPORT)).describe()
    assert csv_columns(io.StringIO("id,source,text,created_at,author.handle\n")).describe() == ""
    capitals = "ID,Source,Text,Created_At,Author.Handle\nk1,Forum,Hallo,2026-11-20T10:00:00Z,x\n"
    [(_, capitalised)] = list(read_csv(io.StringIO(capitals)))
    assert isinstance(capitalised, RawMention) and (capitalised.id, capitalised.source) == (
        "k1", "forum")


def test_our_own_column_names_and_a_given_mapping_win_over_the_headers_words() -> None:
    text = ("id,source,text,bericht,created_at,author.handle,auteur\n"
            "1,forum,ours,theirs,2026-11-20T10:00:00Z,anna,bob\n")
    [(_, row)] = list(read_csv(io.StringIO(text)))
    assert isinstance(row, RawMention) and (row.text, row.author.handle) == ("ours", "anna")
    assert row.extras == {"bericht": "theirs", "auteur": "bob"}
    mapped = "nr,Bericht,Opmerking,Datum,Auteur,Bron\n1,a,b,2026-11-20T10:00:00Z,anna,forum\n"
    [(_, chosen)] = list(read_csv(io.StringIO(mapped), {"text": "Opmerking", "id": "nr"}))
    assert isinstance(chosen, RawMention) and (chosen.id, chosen.text) == ("1", "b")
    assert chosen.extras == {"Bericht": "a"}


@pytest.mark.parametrize(("written", "source"), [
    ("twitter", "twitter"), ("google_reviews", "google_reviews"), ("Nieuws", "news"),
    ("Fora", "forum"), ("X (Twitter)", "x"), ("Live chat", "livechat"),
    ("Facebook Messenger", "messenger"), ("Trustpilot ", "trustpilot"),
])
def test_an_exports_channel_names_are_read_as_our_sources(written: str, source: str) -> None:
    assert source_name(written) == source
