"""Conversations from enriched mentions: threading (public replies, private channels, quiet
time, out-of-order arrival), figures, per-agent follow-ups, service-level deadlines and alerts,
through the real enricher and the pure ledger the worker runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import FrozenInstanceError, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest
from pydantic import ValidationError

from alerting.subscriptions import Subscription
from conversations.document import Policy
from conversations.ledger import Changes, apply_messages, sweep
from conversations.messages import ConversationMessage, threaded
from conversations.tracker import MAX_MESSAGES, Thread
from core.service_levels import ServiceLevelRule
from models.brands import parse_brands
from models.enrich import Enricher
from pipeline.sink import index_for
from schemas.mentions import EnrichedMention, RawMention
from tests.conftest import raw_mention_dict

T0 = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # a Tuesday, 11:00 in Amsterdam
QUIET = timedelta(hours=2)
RULE = ServiceLevelRule(within_minutes=30, warn_before_minutes=5, timezone="UTC")


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    return Enricher(parse_brands([
        {"id": "kpn", "name": "KPN", "handles": ["KPNwebcare"], "keywords": ["KPN"]},
        {"id": "ziggo", "name": "Ziggo", "handles": ["ziggo"], "keywords": ["Ziggo"]}]))


Post = Callable[..., tuple[EnrichedMention, list[ConversationMessage]]]
Say = Callable[..., list[ConversationMessage]]


@pytest.fixture
def post(enricher: Enricher) -> Post:
    """A mention as the worker indexes it, and its conversation messages."""
    def make(minutes: float, text: str, author: str = "sanne88", **fields: Any
             ) -> tuple[EnrichedMention, list[ConversationMessage]]:
        raw = RawMention.model_validate(raw_mention_dict(
            text=text, author={"handle": author},
            created_at=(T0 + timedelta(minutes=minutes)).isoformat(), **fields))
        mention: EnrichedMention = enricher.enrich(raw)
        return threaded(mention, index_for("mentions", mention))

    return make


@pytest.fixture
def say(post: Post) -> Say:
    """A mention's conversation messages."""
    return lambda *args, **fields: post(*args, **fields)[1]


KPN_POLICY = Policy(QUIET, "team-kpn", RULE)


def run(messages: list[ConversationMessage], store: dict[str, Thread] | None = None,
        policy: Policy = KPN_POLICY) -> Changes:
    return apply_messages({} if store is None else store, messages, lambda _b: policy)


def test_a_question_and_the_signed_reply_are_one_answered_conversation(post: Post) -> None:
    asked, question = post(0, "@KPNwebcare mijn internet ligt er al de hele dag uit, wanneer "
                              "is dit opgelost?", id="q1")
    answered, reply = post(12, "@sanne88 Vervelend dat je internet eruit ligt! Ik kijk het "
                               "voor je na. ^Naomi", author="KPNwebcare", id="r1",
                           in_reply_to={"author_handle": "sanne88", "id": "q1"})
    changes = run(question + reply)
    assert len(changes.conversations) == 1
    [doc] = changes.documents(T0 + timedelta(minutes=13))
    assert doc["status"] == "answered" and doc["brand"] == "kpn"
    assert doc["first_response_s"] == 720 and doc["first_response_agent"] == "^Naomi"
    assert doc["agents"] == ["^Naomi"] and doc["channel"] == "twitter"
    assert doc["sla_applies"] is True and doc["sla_met"] is True
    # Both mentions are indexed in its thread; the conversation spans their times.
    assert asked.threads == answered.threads == [doc["thread_id"]]
    assert (doc["started_at"], doc["last_activity_at"]) == (
        T0.isoformat(), (T0 + timedelta(minutes=12)).isoformat())
    assert answered.reply_tone == ["vervelend"] and asked.reply_tone == []
    assert orjson.loads(answered.event_json())["threads"] == [doc["thread_id"]]


def test_a_mention_of_two_brands_is_in_a_thread_of_each(post: Post) -> None:
    mention, messages = post(0, "@KPNwebcare en @ziggo liggen er allebei uit", id="t1")
    docs = run(messages).documents(T0)
    assert {d["brand"] for d in docs} == {"kpn", "ziggo"}
    assert sorted(mention.threads) == sorted(d["thread_id"] for d in docs)
    other, _ = post(1, "@KPNwebcare en @ziggo liggen er allebei uit", author="piet", id="t2")
    assert not set(other.threads) & set(mention.threads)  # another customer, other threads


def test_the_reply_arriving_before_the_question_gives_the_same_figures(say: Say) -> None:
    question = say(0, "@KPNwebcare waarom is mijn factuur zo hoog?", id="q2")
    reply = say(5, "@sanne88 Ik zoek het uit! ^Pim", author="KPNwebcare", id="r2",
                in_reply_to={"author_handle": "sanne88", "id": "q2"})
    in_order = run(question + reply).documents(T0)
    reversed_order = run(reply + question).documents(T0)
    for doc in (in_order[0], reversed_order[0]):
        assert (doc["first_response_s"], doc["first_response_agent"], doc["status"]) == (
            300, "^Pim", "answered")


def test_private_messages_thread_by_customer(say: Say) -> None:
    store: dict[str, Thread] = {}
    anna = say(0, "Hoi, mijn bestelling is niet aangekomen", author="31611111111",
               source="whatsapp", recipient="KPNwebcare", private=True, id="w1")
    bart = say(1, "Goedemiddag, ik heb een vraag over mijn abonnement", author="31622222222",
               source="whatsapp", recipient="KPNwebcare", private=True, id="w2")
    to_anna = say(3, "Hoi Anna, ik zoek het voor je uit *IL", author="KPNwebcare",
                  source="whatsapp", recipient="31611111111", private=True, id="w3")
    anna_again = say(4, "Dank je!", author="31611111111", source="whatsapp",
                     recipient="KPNwebcare", private=True, id="w4")
    changes = run(anna + bart + to_anna + anna_again, store)
    docs = {d["customer"]: d for d in changes.documents(T0 + timedelta(minutes=5))}
    assert set(docs) == {"31611111111", "31622222222"}
    assert docs["31611111111"]["customer_messages"] == 2
    assert docs["31611111111"]["first_response_agent"] == "*IL"
    assert docs["31611111111"]["private"] is True
    assert docs["31622222222"]["status"] == "open"
    [follow_up] = docs["31611111111"]["follow_ups"]
    assert (follow_up["agent"], follow_up["messages"]) == ("*IL", 1)
    assert docs["31622222222"]["follow_ups"] == []


def test_quiet_time_closes_answered_conversations_only(say: Say) -> None:
    store: dict[str, Thread] = {}
    first = run(say(0, "@KPNwebcare storing in Utrecht?", id="a1")
                + say(10, "@sanne88 Klopt, we werken eraan ^Naomi", author="KPNwebcare",
                      id="a2", in_reply_to={"author_handle": "sanne88", "id": "a1"}), store)
    [opened] = first.conversations
    later = run(say(10 + 121, "@KPNwebcare nu weer storing!", id="a3"), store)
    ids = set(later.conversations)
    assert opened in ids and len(ids) == 2  # the first one closed, a new one opened
    closed = later.conversations[opened][0]
    assert closed.closed_at == T0 + timedelta(minutes=10) + QUIET
    # A question nobody answered stays open however long it waits.
    waiting: dict[str, Thread] = {}
    run(say(0, "@KPNwebcare hallo??", author="piet", id="b1"), waiting)
    follow_up = run(say(600, "@KPNwebcare nog steeds geen antwoord", author="piet", id="b2"),
                    waiting)
    [doc] = follow_up.documents(T0)
    assert doc["customer_messages"] == 2 and doc["status"] == "open"
    assert not sweep(waiting, T0 + timedelta(days=1), lambda _b: Policy(QUIET), lambda _t: [],
                     timedelta(days=30)).conversations


def test_a_negative_conversation_turned_around_and_follow_ups_per_agent(say: Say) -> None:
    changes = run(
        say(0, "@KPNwebcare waardeloos, al drie dagen geen internet!!", id="c1")
        + say(20, "@sanne88 Sorry! Er komt morgen een monteur. ^Naomi", author="KPNwebcare",
              id="c2", in_reply_to={"author_handle": "sanne88", "id": "c1"})
        + say(40, "@KPNwebcare top, dank je wel voor de snelle hulp!", id="c3",
              in_reply_to={"author_handle": "KPNwebcare", "id": "c2"}))
    [doc] = changes.documents(T0)
    assert doc["start_sentiment"] == "negative" and doc["end_sentiment"] == "positive"
    assert doc["turned_around"] is True
    # Only c3 came after a signed reply: one follow-up for ^Naomi, a positive one.
    [follow_up] = doc["follow_ups"]
    assert {k: v for k, v in follow_up.items() if k != "score_sum"} == {
        "agent": "^Naomi", "messages": 1, "negative": 0, "positive": 1}
    assert follow_up["score_sum"] > 0


def subscription(**fields: Any) -> Subscription:
    base: dict[str, Any] = {"id": "sla1", "team": "team-kpn", "name": "Bijna te laat",
                            "service_level": True, "created_at": T0, "updated_at": T0}
    return Subscription.model_validate({**base, **fields})


def test_a_conversation_near_its_deadline_raises_one_alert(say: Say) -> None:
    store: dict[str, Thread] = {}
    policy = Policy(QUIET, "team-kpn", RULE)
    run(say(0, "@KPNwebcare waarom werkt mijn modem niet?", id="d1"), store, policy)
    watchers = {"team-kpn": [subscription(), subscription(id="other", brands=["ziggo"])],
                "team-x": [subscription(id="x", team="team-x")]}

    def tick(minutes: float) -> Changes:
        changes = sweep(store, T0 + timedelta(minutes=minutes), lambda _b: policy,
                        lambda team: watchers.get(team, []), timedelta(days=30))
        return changes

    assert not tick(20).alerts  # 10 minutes left: not yet
    [alert] = tick(26).alerts  # within the 5-minute warning: one alert, to the KPN watcher
    assert alert.kind == "service_level" and alert.subscription_id == "sla1"
    assert alert.service_level is not None
    assert alert.service_level.due_at == T0 + timedelta(minutes=30)
    assert not tick(27).alerts  # once
    missed = tick(31)
    [doc] = missed.documents(T0 + timedelta(minutes=31))
    assert doc["sla_met"] is False and doc["status"] == "open"
    assert not tick(32).conversations  # the miss is recorded once


def test_a_back_fill_long_past_its_deadline_is_a_miss_without_an_alert(say: Say) -> None:
    store: dict[str, Thread] = {}
    run(say(0, "@KPNwebcare waar blijft mijn monteur?", id="g1"), store)
    late = sweep(store, T0 + timedelta(hours=3), lambda _b: KPN_POLICY,
                 lambda _t: [subscription()], timedelta(days=30))
    [doc] = late.documents(T0 + timedelta(hours=3))
    assert not late.alerts and doc["sla_met"] is False


def test_service_level_counts_only_questions_and_complaints_addressed(say: Say) -> None:
    changes = run(say(0, "Ik las dat KPN een nieuwe directeur heeft", id="e1")
                  + say(1, "@KPNwebcare jullie zijn geweldig, dank!", author="fan", id="e2"))
    assert {d["sla_applies"] for d in changes.documents(T0)} == {False}


def test_a_reply_that_answers_nobody_opens_nothing(say: Say) -> None:
    assert say(0, "Vandaag onderhoud aan ons netwerk tussen 01:00 en 05:00.",
               author="KPNwebcare", id="f1") == []


def test_a_long_conversation_stays_small_and_keeps_its_counts(say: Say) -> None:
    store: dict[str, Thread] = {}
    first = say(0, "@KPNwebcare mijn internet doet het niet, wat is er aan de hand?", id="h0")
    more = [m for i in range(1, 100) for m in say(i, f"@KPNwebcare nog steeds niks {i}",
                                                   id=f"h{i}")]
    reply = say(100, "@sanne88 Helaas een storing, ik kijk mee. ^Naomi", author="KPNwebcare",
                id="hr", in_reply_to={"author_handle": "sanne88", "id": "h99"})
    after = [m for i in range(101, 141) for m in say(i, f"@KPNwebcare nog steeds stuk {i}",
                                                      id=f"h{i}")]
    changes = run(first + more + reply + after, store)
    [conversation] = [c for c, _ in changes.conversations.values()]
    assert len(conversation.messages) <= MAX_MESSAGES
    assert len(Thread(conversations=[conversation]).to_json()) < 20_000
    [doc] = changes.documents(T0 + timedelta(minutes=141))
    assert doc["customer_messages"] == 140 and doc["brand_messages"] == 1
    # The 40 messages after the reply are its follow-ups, those trimmed away included.
    assert conversation.earlier.follow_ups
    assert [(f["agent"], f["messages"], f["negative"]) for f in doc["follow_ups"]] == [
        ("^Naomi", 40, sum(m.sentiment == "negative" for m in after))]
    assert doc["started_at"] == T0.isoformat()
    assert doc["first_response_s"] == 100 * 60 and doc["first_response_agent"] == "^Naomi"
    assert doc["first_message"].startswith("@KPNwebcare mijn internet")
    assert doc["tone_flagged_replies"] == 1 and doc["intents"]


def test_kept_messages_share_repeated_values_and_still_copy_and_round_trip() -> None:
    """The tracker keeps open threads parsed: their messages share repeated strings and
    intent tuples (memory), without changing what a copy or the stored JSON holds."""
    thread = Thread()
    at = datetime(2026, 11, 20, 10, tzinfo=UTC)
    for n in range(3):
        thread.place(ConversationMessage.from_json(orjson.dumps({
            "doc_id": f"twitter:{n}", "index": "mentions-2026.11", "brand": "kpn",
            "source": "twitter", "customer": "anna", "private": False, "contact": "reactive",
            "from_brand": False, "author": "anna", "at": (at + timedelta(minutes=n)).isoformat(),
            "intents": ["complaint"], "text": f"storing {n}"})), timedelta(hours=2))
    for current in (thread, Thread.from_json(thread.to_json())):
        messages = current.conversations[0].messages
        assert not hasattr(messages[0], "__dict__")  # slots: no per-message dict
        assert len({id(m.customer) for m in messages}) == 1
        assert len({id(m.intents) for m in messages}) == 1
        assert [m.text for m in messages] == ["storing 0", "", ""]
    copied = replace(messages[1], text="changed")
    assert copied.text == "changed" and messages[1].text == ""
    with pytest.raises(FrozenInstanceError):
        messages[1].text = "changed"  # type: ignore[misc]
    assert Thread.from_json(thread.to_json()).to_json() == thread.to_json()


def test_a_message_refuses_unknown_fields_and_keeps_defaults_off_the_wire() -> None:
    message = ConversationMessage(
        doc_id="twitter:1", index="mentions-2026.11", brand="kpn", source="twitter",
        customer="anna", private=False, contact="reactive", from_brand=False, author="anna",
        at=datetime(2026, 11, 20, 10, tzinfo=UTC))
    sent = orjson.loads(message.to_json())
    assert "text" not in sent and "intents" not in sent and sent["at"] == "2026-11-20T10:00:00Z"
    assert ConversationMessage.from_json(message.to_json()) == message
    with pytest.raises(ValidationError, match="surprise"):
        ConversationMessage.from_json(orjson.dumps({**sent, "surprise": 1}))


def test_the_table_stores_threads_compressed_and_reads_those_stored_before() -> None:
    import zlib

    from pipeline.conversation_agent import read_thread, stored_thread

    thread = Thread()
    at = datetime(2026, 11, 20, 10, tzinfo=UTC)
    for n in range(30):
        thread.place(ConversationMessage(
            doc_id=f"twitter:{n}", index="mentions-2026.11", brand="kpn", source="twitter",
            customer="anna", private=False, contact="reactive", from_brand=False,
            author="anna", at=at + timedelta(minutes=n), text="storing"), timedelta(hours=2))
    stored = stored_thread(thread)
    assert len(stored) * 3 < len(thread.to_json())
    # Stored now (Zstandard), before that (zlib), and first (plain JSON).
    for value in (stored, zlib.compress(thread.to_json(), 1), thread.to_json()):
        assert read_thread(value).to_json() == thread.to_json()


def test_stored_threads_wait_in_the_store_for_one_changelog_batch() -> None:
    from pipeline.conversation_agent import TableThreads, read_thread

    class FakeTable(dict[bytes, bytes]):
        @property
        def data(self) -> dict[bytes, bytes]:
            return self

    table = FakeTable()
    threads = TableThreads(table)
    at = datetime(2026, 11, 20, 10, tzinfo=UTC)

    def with_message(n: int) -> Thread:
        thread = Thread()
        thread.place(ConversationMessage(
            doc_id=f"twitter:{n}", index="mentions-2026.11", brand="kpn", source="twitter",
            customer="anna", private=False, contact="reactive", from_brand=False,
            author="anna", at=at, text="storing"), timedelta(hours=2))
        return thread

    threads["a"], threads["b"] = with_message(1), with_message(2)
    threads["a"] = with_message(3)  # stored again before the batch went out: sent once
    stored = dict(threads.take_changelog())
    assert set(stored) == {b"a", b"b"} and stored == dict(table)
    assert read_thread(stored[b"a"]).conversations[0].messages[0].doc_id == "twitter:3"
    assert threads.take_changelog() == [] and list(threads) == ["a", "b"]
