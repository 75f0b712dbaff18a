"""The console's pure parts: language choice and text, sessions and CSRF on the sign-in form,
the subscription form's round trip and error placement, the preview's replay, the inbox's
parameters, CSV export, security headers and the vendored assets."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from itsdangerous import URLSafeTimedSerializer

from alerting.preview import preview_subscription, replay
from alerting.subscriptions import SubscriptionSpec
from console.app import create_app
from console.i18n import LANGUAGES, accepted, messages, translator
from console.search import InboxParams, parse_params, search_body
from console.session import SESSION_COOKIE, Sessions
from console.subscription_form import field_errors, form_values, parse_spec, spec_data
from console.trend_data import Table
from console.views.auth import _local_path
from console.views.trends import table_csv
from core.settings import Settings
from core.teams import Team, Teams, hash_key
from models.brands import parse_brands
from models.enrich import Enricher
from schemas.mentions import EnrichedMention, RawMention
from tests.conftest import raw_mention_dict

REPO = Path(__file__).resolve().parents[2]
KEY = "wc_unit_console_key"
TEAM = Team(id="team-a", brands=["ikea"], api_keys=[hash_key(KEY)])
TEAMS = Teams(teams=[TEAM])


def test_every_language_has_every_text_and_the_same_placeholders() -> None:
    english = messages("en")
    for lang in LANGUAGES:
        own = messages(lang)
        assert set(own) == set(english), lang
        for key, text in own.items():
            assert sorted(_placeholders(text)) == sorted(_placeholders(english[key])), key


def _placeholders(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def test_accept_language_is_ranked_by_quality() -> None:
    assert accepted("en-GB;q=0.5, nl-NL, de;q=0.9") == ["nl", "de", "en"]
    assert accepted("fr;q=0, en") == ["en"]
    assert accepted("") == []
    assert translator("nl")("inbox.total", n=3) == "3 vermeldingen"
    assert translator("en")("no.such.key") == "no.such.key"


def test_sessions_are_signed_expire_and_end_with_their_key() -> None:
    sessions = Sessions("s" * 32, max_age_s=3600, https=False)
    cookie = sessions.issue(TEAM, KEY)
    assert KEY not in cookie
    app_request = _request({SESSION_COOKIE: cookie})
    found = sessions.read(app_request, TEAMS)
    assert found is not None and found.team.id == "team-a" and len(found.csrf) > 20
    assert sessions.read(_request({SESSION_COOKIE: cookie[:-2] + "xx"}), TEAMS) is None
    other_secret = Sessions("t" * 32, max_age_s=3600, https=False)
    assert other_secret.read(app_request, TEAMS) is None
    revoked = Teams(teams=[Team(id="team-a", brands=["ikea"], api_keys=[hash_key("new")])])
    assert sessions.read(app_request, revoked) is None
    forged = URLSafeTimedSerializer("s" * 32, salt="webcare-console-session").dumps(
        {"team": "team-a", "key": hashlib.sha256(b"guess").hexdigest(), "csrf": "x"})
    assert sessions.read(_request({SESSION_COOKIE: forged}), TEAMS) is None
    expired = Sessions("s" * 32, max_age_s=-1, https=False)
    assert expired.read(app_request, TEAMS) is None


def _request(cookies: dict[str, str]) -> Any:
    from fastapi import Request

    header = "; ".join(f"{k}={v}" for k, v in cookies.items())
    return Request({"type": "http", "headers": [(b"cookie", header.encode())]})


def test_redirects_after_sign_in_stay_on_this_site() -> None:
    assert _local_path("/alerts") == "/alerts"
    for target in ("//evil.example/x", "https://evil.example", "/\\evil", None, ""):
        assert _local_path(target) == "/inbox"


def test_the_subscription_form_round_trips_a_spec() -> None:
    spec = SubscriptionSpec.model_validate({
        "name": "Klachten", "brands": ["ikea"], "hashtags": ["ikea", "ikeanl"],
        "keywords": ["kast kapot"], "query": "levering AND NOT vacature",
        "intents": ["complaint"], "sentiment": {"labels": ["negative"], "max_score": -0.3},
        "languages": ["nl"], "delivery": {"sse": True, "slack": {"url": "https://h.example/x"}},
        "spike": {"metric": "volume", "window_s": 600, "factor": 2.5}})
    values = form_values(spec)
    form = {k: (v if isinstance(v, list) else [str(v)] if v not in (False, "") else [])
            for k, v in values.items()}
    again, errors = parse_spec(spec_data(form))
    assert errors == {} and again is not None
    assert again.model_dump() == spec.model_dump() | {"spike": again.model_dump()["spike"]}
    assert again.spike is not None and again.spike.window_s == 600 and again.spike.factor == 2.5


def test_form_errors_land_on_their_field() -> None:
    _, errors = parse_spec(spec_data({
        "name": [""], "delivery.webhook.url": ["not a url"], "delivery.sse": ["1"],
        "query": ["(open AND"]}))
    assert "name" in errors and "delivery.webhook.url" in errors
    assert "delivery.webhook.secret" in errors and "query" in errors
    _, nowhere = parse_spec(spec_data({"name": ["x"]}))  # no channel at all
    assert "delivery" in nowhere or "" in nowhere


def test_an_edit_without_a_new_secret_keeps_the_stored_one() -> None:
    stored = preview_subscription(SubscriptionSpec.model_validate({
        "name": "x", "delivery": {"webhook": {"url": "https://h.example/x",
                                              "secret": "sixteen-chars-secret"}}}), "team-a")
    data = spec_data({"name": ["x"], "delivery.webhook.url": ["https://h.example/y"]}, stored)
    assert data["delivery"]["webhook"]["secret"] == "sixteen-chars-secret"
    assert "sixteen-chars-secret" not in str(form_values(stored))


def test_field_errors_use_dotted_paths() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as caught:
        SubscriptionSpec.model_validate({"name": "x", "spike": {"factor": 0.5}})
    assert "spike.factor" in field_errors(caught.value)


ENRICHER = Enricher(parse_brands([
    {"id": "ikea", "name": "IKEA", "handles": ["IKEANederland"], "keywords": ["IKEA"],
     "hashtags": ["ikea"]},
    {"id": "kpn", "name": "KPN", "handles": ["KPNwebcare"], "keywords": ["KPN"]}]))


def _mentions(texts: list[tuple[str, int]], now: datetime) -> list[EnrichedMention]:
    return [ENRICHER.enrich(RawMention.model_validate(raw_mention_dict(
        id=f"p{i}", text=text, created_at=(now - timedelta(hours=hours)).isoformat())))
        for i, (text, hours) in enumerate(texts)]


def test_the_preview_replays_the_stream_matcher_per_day() -> None:
    now = datetime(2026, 11, 27, 12, tzinfo=UTC)
    mentions = _mentions([
        ("Kast van IKEA kapot geleverd #ikea", 50), ("IKEA keuken is top", 30),
        ("Weer een IKEA kast kapot", 2), ("Storing bij KPN", 1)], now)
    spec = SubscriptionSpec(name="kapot", keywords=["kapot"])
    sub = preview_subscription(spec, "team-a")
    result = replay(sub, frozenset({"ikea"}), sorted(mentions, key=lambda m: m.created_at),
                    now - timedelta(hours=72), now, candidates=4)
    assert result.mention_alerts == 2 and result.complete
    assert sum(result.per_day.values()) == 2 and len(result.per_day) == 4  # zero days kept
    assert result.per_day[now.date()] == 1
    assert [a.mention.text for a in result.samples if a.mention] == [
        "Weer een IKEA kast kapot", "Kast van IKEA kapot geleverd #ikea"]
    scoped = replay(sub, frozenset({"kpn"}), mentions, now - timedelta(hours=72), now, 4)
    assert scoped.alerts == 0  # another team's scope sees none of them


def test_inbox_parameters_are_tolerant_and_round_trip() -> None:
    params = parse_params({"q": [" kast "], "intent": ["complaint", "bogus"],
                           "sentiment": ["negative"], "range": ["nope"],
                           "since": ["2026-13-01"], "until": ["2026-11-20"]})
    assert params.query == "kast" and params.selected == {
        "intent": ["complaint"], "sentiment": ["negative"]}
    assert params.range == "30d" and params.since is None
    assert parse_params({k: [v for kk, v in params.pairs() if kk == k]
                         for k, _ in params.pairs()}) == params


def test_facet_counts_leave_out_their_own_filter_only() -> None:
    params = InboxParams(selected={"intent": ["complaint"], "brand": ["ikea"]})
    body = search_body(params, TEAM, datetime(2026, 11, 27, tzinfo=UTC))
    assert body["post_filter"]["bool"]["filter"] == [
        {"terms": {"intents": ["complaint"]}}, {"terms": {"brands": ["ikea"]}}]
    assert body["aggs"]["intent"]["filter"]["bool"]["filter"] == [
        {"terms": {"brands": ["ikea"]}}]
    assert {"terms": {"brands": ["ikea"]}} in body["query"]["bool"]["filter"]  # team scope


def test_csv_export_is_the_chart_table() -> None:
    table = Table(["positive", "negative"], [("ikea", [3.0, 1.0]), ("kpn", [0.0, 2.5])])
    assert table_csv(table, "brand").splitlines() == [
        "brand,positive,negative", "ikea,3,1", "kpn,0,2.5"]


@pytest.fixture
def client() -> Any:
    settings = Settings(es_url="http://127.0.0.1:9", kafka_bootstrap="127.0.0.1:9",
                        console_secret="c" * 32)
    with TestClient(create_app(settings, TEAMS), follow_redirects=False) as test_client:
        yield test_client


def test_sign_in_sets_a_strict_http_only_cookie_and_pages_carry_headers(client: Any) -> None:
    page = client.get("/login", headers={"accept-language": "nl"})
    assert page.status_code == 200 and "Aanmelden" in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and page.headers["x-frame-options"] == "DENY"
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    wrong = client.post("/login", data={"api_key": "nope", "csrf_token": token})
    assert wrong.status_code == 401  # and a new form, with a new token
    token = wrong.text.split('name="csrf_token" value="')[1].split('"')[0]
    signed = client.post("/login", data={"api_key": KEY, "csrf_token": token, "next": "/alerts"})
    assert signed.status_code == 303 and signed.headers["location"] == "/alerts"
    cookie = signed.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and KEY not in cookie
    assert client.post("/login", data={"api_key": KEY}).status_code == 403  # no token


def test_pages_need_a_session(client: Any) -> None:
    assert client.get("/inbox").headers["location"].startswith("/login")
    htmx = client.get("/inbox/more?after=x", headers={"hx-request": "true"})
    assert htmx.status_code == 401 and htmx.headers["hx-redirect"] == "/login"
    assert client.post("/subscriptions", data={"name": "x"}).status_code == 303  # to sign in


def test_vendored_assets_are_pinned_with_their_hashes() -> None:
    vendor = REPO / "console" / "static" / "vendor"
    readme = (vendor / "README.md").read_text()
    for asset in ("htmx.min.js", "sse.min.js", "chart.umd.min.js"):
        digest = hashlib.sha256((vendor / asset).read_bytes()).hexdigest()
        assert f"`{asset}`" in readme and digest in readme
