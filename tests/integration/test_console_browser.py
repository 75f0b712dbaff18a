"""The console in a real headless Chromium (Debian's package, driven by Playwright) against the
real API, worker, Kafka and Elasticsearch: sign in, filter the inbox, open a mention with its
thread, cluster and author history, preview and save a subscription and see its alert arrive
live, trends charts, team isolation, CSRF refusal, security headers and both languages.

Each test saves a screenshot under ``test-artifacts/console/``."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest
import yaml
from elasticsearch import Elasticsearch
from kafka import KafkaProducer
from playwright.sync_api import Browser, Page, expect, sync_playwright

from console.app import create_app
from core.service_levels import ServiceLevelRule
from core.settings import Settings
from core.teams import Team, Teams, hash_key
from core.topics import TopicNames, ensure_topics
from deploy.demo.run import demo_file
from tests.integration.conftest import (
    REPO,
    WorkerProcess,
    count_indexed,
    report_figures,
    serving,
    wait_for,
)
from tests.support.browser import CHROMIUM_ARGS, chromium_executable

pytestmark = pytest.mark.integration

KEY_A, KEY_B = "wc_console_team_a", "wc_console_team_b"
TEAMS = Teams(teams=[
    Team(id="team-a", name="Team A", brands=["ns", "ikea"], api_keys=[hash_key(KEY_A)],
         competitors=["ikea"],
         service_level=ServiceLevelRule(within_minutes=600, timezone="UTC")),
    Team(id="team-b", name="Team B", brands=["kpn"], api_keys=[hash_key(KEY_B)])])
ARTIFACTS = REPO / "test-artifacts" / "console"
TEAM_B_MARKER = "Zwolle"  # appears only in team B's mentions

# (id, author, minutes ago, text, extra fields)
SEED: list[tuple[str, str, int, str, dict[str, Any]]] = [
    ("a1", "sanne88", 600, "@NS_online de trein van 8:12 is alweer uitgevallen, wat een drama",
     {}),
    ("a2", "sanne88", 500, "@NS_online weer vertraging en niemand zegt iets, ik ben het zo zat",
     {}),
    ("a3", "sanne88", 60, "@NS_online waarom rijdt de trein van 9:12 naar Amsterdam niet?", {}),
    ("a4", "NS_online", 55, "Hoi Sanne, er is een seinstoring bij Amersfoort. Excuses! ^Naomi",
     {"in_reply_to": {"id": "a3", "author_handle": "sanne88"}}),
    ("a5", "jan_k", 50,
     "RT @sanne88: @NS_online waarom rijdt de trein van 9:12 naar Amsterdam niet?", {}),
    ("a6", "piet", 120, "Kast van IKEA kapot geleverd, nog steeds geen reactie #ikea", {}),
    ("a7", "lisa", 110, "Super blij met de nieuwe IKEA keuken! #ikea", {}),
    ("a8", "tom", 100, "Hoe laat gaat de IKEA in Delft open?", {}),
    ("a9", "erik", 90, "Mooie dag voor een treinreis met de NS #nstrein", {}),
    ("b1", "karin", 80, "Storing bij KPN in Zwolle, al drie dagen geen internet", {}),
    ("b2", "joost", 70, "Bedankt @KPNwebcare voor de snelle hulp in Zwolle!", {}),
]


def raw(mention_id: str, author: str, when: datetime, text: str, **extra: Any) -> bytes:
    return orjson.dumps({"id": mention_id, "source": "twitter", "text": text,
                         "created_at": when.isoformat(), "author": {"handle": author},
                         "url": f"https://x.com/{author}/status/{mention_id}", **extra})


@dataclass
class Console:
    url: str
    settings: Settings
    worker: WorkerProcess
    producer: KafkaProducer
    topics: TopicNames
    browser: Browser

    def page(self, locale: str = "en-GB") -> Page:
        context = self.browser.new_context(viewport={"width": 1400, "height": 1000},
                                           locale=locale, base_url=self.url)
        return context.new_page()

    def sign_in(self, key: str, locale: str = "en-GB") -> Page:
        page = self.page(locale)
        page.goto("/")
        page.fill("#api_key", key)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r".*/inbox$"))
        return page


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)  # let charts finish drawing
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def console(services: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    settings = Settings(home=services.home, kafka_bootstrap=services.kafka,
                        es_url=services.es_url, namespace=f"console{int(time.time())}",
                        partitions=2, worker_batch_within_s=0.05,
                        brands=demo_file("brands.yml"))
    ensure_topics(settings)
    topics = TopicNames.for_settings(settings)
    log_dir = tmp_path_factory.mktemp("console-worker")
    teams_file = log_dir / "teams.yml"  # the worker scopes each team's alerts to its brands
    teams_file.write_text(yaml.safe_dump(TEAMS.model_dump()))
    worker = WorkerProcess(settings, log_dir, WEBCARE_BRANDS=str(demo_file("brands.yml")),
                           WEBCARE_TEAMS=str(teams_file))
    worker.start()
    producer = KafkaProducer(bootstrap_servers=services.kafka, acks="all", linger_ms=5)
    now = datetime.now(UTC)
    for mention_id, author, minutes, text, extra in SEED:
        producer.send(topics.raw, raw(mention_id, author, now - timedelta(minutes=minutes),
                                      text, **extra), key=mention_id.encode())
    producer.flush()
    es = Elasticsearch(services.es_url, request_timeout=30)
    alias = settings.index_name("mentions")
    wait_for(lambda: count_indexed(es, alias) >= len(SEED), 120, "seed indexed", worker.log)
    es.close()
    with serving(create_app(settings, TEAMS)) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_executable()),
                                             args=CHROMIUM_ARGS)
        try:
            yield Console(url, settings, worker, producer, topics, browser)
        finally:
            browser.close()
            producer.close()
            worker.stop()


def total(page: Page) -> int:
    return int(page.locator("#total").get_attribute("data-total") or -1)


def test_sign_in_and_filter_the_inbox(console: Console) -> None:
    page = console.sign_in(KEY_A)
    expect(page.locator("#total")).to_have_attribute("data-total", "9")
    complaint = page.locator("fieldset[data-facet=intent] input[value=complaint]")
    complaint_count = int(page.locator(
        "fieldset[data-facet=intent] label:has(input[value=complaint]) .n").inner_text())
    assert 0 < complaint_count < 9
    complaint.check()
    expect(page.locator("#total")).to_have_attribute("data-total", str(complaint_count))
    assert "intent=complaint" in page.url  # the filtered inbox has its own address
    for text in page.locator("#mentions article .text").all_inner_texts():
        assert TEAM_B_MARKER not in text
    shot(page, "inbox")
    complaint.uncheck()
    expect(page.locator("#total")).to_have_attribute("data-total", "9")
    page.fill("#q", "IKEA AND kapot")
    page.press("#q", "Enter")
    expect(page.locator("#total")).to_have_attribute("data-total", "1")
    assert page.locator("#mentions mark").first.inner_text().lower() in ("ikea", "kapot")
    page.fill("#q", "(storing AND")
    page.press("#q", "Enter")
    expect(page.locator("#query-error")).to_be_visible()
    shot(page, "inbox-query-error")


def test_the_inbox_scrolls_on_cursors(console: Console, monkeypatch: pytest.MonkeyPatch
                                      ) -> None:
    monkeypatch.setattr("console.search.PAGE", 4)  # the server runs in this process
    page = console.sign_in(KEY_A)
    page.set_viewport_size({"width": 1400, "height": 400})  # the next page below the fold
    page.goto("/inbox")
    items = page.locator("#mentions > li:not(.more)")
    expect(items).to_have_count(4)
    everything = total(page)
    page.wait_for_timeout(500)
    expect(items).to_have_count(4)  # nothing more until the reader scrolls
    for _ in range(10):
        page.mouse.wheel(0, 3000)
        page.wait_for_timeout(300)
    expect(items).to_have_count(everything)
    assert page.url.endswith("/inbox")  # scrolling is not a new address
    expect(page.locator("#mentions > li.more")).to_have_count(0)
    shown = [a.get_attribute("href") for a in page.locator(
        "#mentions article a[href^='/mention/']").all()]
    assert len(shown) == len(set(shown)) == everything  # no mention twice, none missing
    long_ago = (datetime.now(UTC) - timedelta(days=3)).date().isoformat()
    page.fill("#until", long_ago)
    page.press("#until", "Enter")
    expect(page.locator("#total")).to_have_attribute("data-total", "0")


def test_mention_view_shows_thread_cluster_and_author_history(console: Console) -> None:
    page = console.sign_in(KEY_A)
    page.goto("/mention/twitter:a3")
    replies = page.locator("section.thread").last
    expect(replies).to_contain_text("^Naomi")
    expect(replies).to_contain_text("seinstoring")
    expect(page.locator("section.cluster")).to_contain_text("@jan_k")
    history = page.locator("section.history")
    expect(history).to_contain_text("(2)")
    expect(history.locator(".leaning")).to_have_attribute("data-leaning", "negative")
    shot(page, "mention")
    page.goto("/mention/twitter:a4")  # the brand's reply: its parent is the question
    expect(page.locator("section.thread").first).to_contain_text("waarom rijdt de trein")


def test_preview_save_and_live_alert(console: Console) -> None:
    page = console.sign_in(KEY_A)
    page.goto("/subscriptions/new")
    page.fill("#f-name", "IKEA hashtag")
    page.fill("#f-hashtags", "ikea")
    page.click("#preview-button")
    expect(page.locator("#preview-count")).to_have_attribute("data-alerts", "2")
    today = datetime.now(UTC).date().isoformat()
    per_day = sum(int(n) for n in page.locator(
        "table.per-day tbody tr td:nth-child(2)").all_inner_texts())
    assert per_day == 2
    expect(page.locator("#preview canvas")).to_have_attribute("data-drawn", "1")
    shot(page, "subscription-preview")
    page.fill("#f-delivery-webhook-url", "http://127.0.0.1:9/hook")  # refused: loopback
    page.click("button[name=save]")
    expect(page.locator("[data-field='delivery.webhook.secret']")).to_be_visible()
    page.fill("#f-delivery-webhook-secret", "a-secret-of-sixteen-chars")
    page.click("button[name=save]")
    expect(page.locator("[data-field='delivery.webhook.url']")).to_contain_text("127.0.0.1")
    shot(page, "subscription-errors")
    page.fill("#f-delivery-webhook-url", "")
    page.click("button[name=save]")
    page.wait_for_url(re.compile(r".*/alerts$"))
    expect(page.locator("table.subs")).to_contain_text("IKEA hashtag")
    wait_for(lambda: "watching 1 subscriptions" in console.worker.log(), 60,
             "the worker loading the subscription", console.worker.log)
    expect(page.locator("#alert-feed")).to_be_attached()
    inbox = console.sign_in(KEY_A)  # a second tab: the inbox, open while the mention arrives
    before = total(inbox)
    page.wait_for_timeout(1500)  # the feed's consumer joins at the latest offset
    produced = time.monotonic()
    console.producer.send(console.topics.raw, raw(
        "live1", "nieuwe_klant", datetime.now(UTC), "Live: mijn IKEA kast is prachtig #ikea"),
        key=b"live1")
    console.producer.flush()
    expect(page.locator("#alert-feed li").first).to_contain_text("Live: mijn IKEA kast",
                                                                 timeout=30_000)
    on_screen = time.monotonic() - produced
    expect(inbox.locator("#mentions > li").first).to_contain_text("Live: mijn IKEA kast",
                                                                  timeout=30_000)
    expect(inbox.locator("#total")).to_have_attribute("data-total", str(before + 1))
    in_inbox = time.monotonic() - produced
    expect(inbox.locator("#mentions > li")).to_have_count(before + 1)  # nothing twice
    shot(inbox, "inbox-live")
    report_figures(f"console: produce to on screen: live alert {on_screen:.2f} s, inbox "
                   f"{in_inbox:.2f} s (polled every 3 s); preview counted {per_day} alerts "
                   f"on {today}")
    shot(page, "alerts")
    page.click("table.subs a:has-text('IKEA hashtag')")
    page.fill("#f-name", "IKEA hashtag, renamed")
    page.click("button[name=save]")
    page.wait_for_url(re.compile(r".*/alerts$"))
    expect(page.locator("table.subs")).to_contain_text("IKEA hashtag, renamed")
    page.click("table.subs button.danger")
    page.wait_for_url(re.compile(r".*/alerts$"))
    expect(page.locator("table.subs")).to_have_count(0)


def test_trends_render_with_data_and_export_csv(console: Console) -> None:
    page = console.sign_in(KEY_A)
    page.goto("/trends?range=24h&split=intents")
    for name in ("volume", "sov", "hashtags", "authors"):
        expect(page.locator(f"#chart-{name}")).to_have_attribute("data-drawn", "1")
    spec = orjson.loads(page.locator("#chart-volume").get_attribute("data-spec") or "{}")
    bars = sum(sum(v for v in s["data"] if v) for s in spec["series"] if not s.get("spikes"))
    assert bars >= 3  # intents counted over the day (a mention may have none)
    shot(page, "trends")
    response = page.request.get("/trends.csv?chart=share_of_voice&range=24h")
    lines = response.text().strip().splitlines()
    assert lines[0] == "brand,positive,neutral,negative"
    assert {line.split(",")[0] for line in lines[1:]} <= {"ns", "ikea"}
    page.goto("/inbox?range=24h")
    assert sum(int(x) for line in lines[1:] for x in line.split(",")[1:]) == total(page)


def test_service_page_shows_who_waits_the_level_agents_and_share_of_voice(
        console: Console) -> None:
    page = console.sign_in(KEY_A)
    # sanne88 complained at -600 and -500 minutes and asked at -60; ^Naomi answered at -55.
    wait_for(lambda: page.goto("/service?range=24h") and "^Naomi" in page.locator(
        "#agents").inner_text(), 60, "the agents table", console.worker.log)
    customers = page.locator("#waiting tbody td:nth-child(2)").all_inner_texts()
    assert "@jan_k" in customers  # the retweet @mentions NS: addressed, not answered
    assert "@sanne88" not in customers and "@piet" not in customers  # answered; a competitor's
    agents = page.locator("#agents tbody tr").first.inner_text()
    assert "^Naomi" in agents and "9.1 h" in agents  # first response after 9 h 5 min
    assert "100% answered in time (1 of 1)" in page.locator(".level-summary").inner_text()
    for name in ("level", "sov"):
        expect(page.locator(f"#chart-{name}")).to_have_attribute("data-drawn", "1")
    level = orjson.loads(page.locator("#chart-level").get_attribute("data-spec") or "{}")
    assert 100.0 in level["series"][0]["data"]  # the day sanne88's conversation opened
    assert "ikea: competitor" in page.locator("#share-of-voice").inner_text()
    shot(page, "service")


def test_team_b_never_sees_team_a(console: Console) -> None:
    page = console.sign_in(KEY_B)
    expect(page.locator("#total")).to_have_attribute("data-total", "2")
    body = page.locator("main").inner_text()
    assert TEAM_B_MARKER in body and "IKEA" not in body and "sanne88" not in body
    assert page.goto("/mention/twitter:a3").status == 404  # type: ignore[union-attr]
    page.goto("/trends?range=24h")
    spec = orjson.loads(page.locator("#chart-sov").get_attribute("data-spec") or "{}")
    assert spec["labels"] == ["kpn"]
    page.goto("/service?range=24h")
    assert "sanne88" not in page.locator("main").inner_text()
    page.goto("/alerts")
    assert "IKEA hashtag" not in page.locator("main").inner_text()
    shot(page, "team-b-inbox")


def test_changes_without_the_csrf_token_are_refused(console: Console) -> None:
    page = console.sign_in(KEY_A)
    request = page.request
    form: dict[str, str | float | bool] = {"name": "sneaky", "hashtags": "ikea",
                                           "delivery.sse": "1"}
    refused = request.post("/subscriptions", form=form, max_redirects=0)
    assert refused.status == 403
    assert request.post("/logout", max_redirects=0).status == 403
    assert request.post("/subscriptions-preview", form=form).status == 403
    page.goto("/alerts")
    assert "sneaky" not in page.locator("main").inner_text()
    token = page.locator("header input[name=csrf_token]").get_attribute("value")
    assert token
    accepted = request.post("/subscriptions", form={**form, "csrf_token": token},
                            max_redirects=0)
    assert accepted.status == 303
    fresh = console.page()
    fresh.goto("/login")
    assert fresh.request.post("/login", form={"api_key": KEY_A},
                              max_redirects=0).status == 403


def test_session_cookie_headers_and_languages(console: Console) -> None:
    page = console.sign_in(KEY_A, locale="nl-NL")
    cookies = {c["name"]: c for c in page.context.cookies()}
    session = cookies["webcare_session"]
    assert session["httpOnly"] and session["sameSite"] == "Strict"
    assert KEY_A not in session["value"] and KEY_A not in page.content()
    assert KEY_A not in page.url
    response = page.goto("/inbox")
    assert response is not None
    headers = response.headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    expect(page.locator("nav")).to_contain_text("Meldingen")  # Dutch from Accept-Language
    page.click(".langs a[lang=en]")
    expect(page.locator("nav")).to_contain_text("Alerts")
    page.keyboard.press("/")
    expect(page.locator("#q")).to_be_focused()
    page.locator("#q").blur()
    page.keyboard.press("j")
    expect(page.locator("#mentions > li").first).to_be_focused()
    page.click("header form button[type=submit]")  # sign out
    page.wait_for_url(re.compile(r".*/login$"))
    assert page.goto("/inbox") is not None
    assert "/login" in page.url


def test_a_broken_page_loads_no_script_from_elsewhere(console: Console) -> None:
    """Every script and stylesheet the pages load is served by the console itself."""
    page = console.sign_in(KEY_A)
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    for path in ("/inbox", "/alerts", "/trends", "/subscriptions/new"):
        page.goto(path)
    assert seen and all(url.startswith(console.url) for url in seen)
