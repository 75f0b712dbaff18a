"""A failure that is still there, against one the text says was solved: what turns neutral
wording negative, praise into sarcasm and a marker into a complaint."""

from __future__ import annotations

import pytest

from models.sentiment import reports_solved, states_a_problem


@pytest.mark.parametrize("text, solved", [
    ("De storing was binnen een uur verholpen", True),
    ("Internet werkt gelukkig weer", True),
    ("Bedankt voor het snel oplossen", True),
    ("De storing is nog niet opgelost", False),
    ("Het internet werkt weer niet", False),
    ("Wanneer is de storing opgelost?", False),
    ("al drie dagen geen internet, wanneer wordt dit opgelost", False),  # asks, without a mark
    ("Is de storing al opgelost", False),
])
def test_a_solution_is_reported_not_asked_about_or_denied(text: str, solved: bool) -> None:
    assert reports_solved(text, "nl") is solved


def test_a_solved_failure_is_no_longer_a_problem() -> None:
    assert states_a_problem("Ik sta al een uur op het perron", "nl")
    assert states_a_problem("Al drie dagen geen internet", "nl")
    assert not states_a_problem("De storing was binnen een uur verholpen", "nl")
    assert states_a_problem("De storing is nog niet opgelost", "nl")
    # Languages without a list of solutions keep every reported failure.
    assert not reports_solved("The outage was fixed within an hour", "en")


@pytest.mark.parametrize("text, problem", [
    ("@NS_online waarom rijdt de trein van 8:12 naar Amsterdam niet?", True),
    ("Ik heb nog niks teruggekregen", True),
    ("Reageert KPN nou echt niet meer op mails", True),
    ("Waarom niet? Goed idee van NS", False),  # agreeing, not a failure
    ("De trein rijdt niet alleen op tijd, hij is ook schoon", False),  # "not only"
])
def test_dutch_failures_with_the_verb_first(text: str, problem: bool) -> None:
    assert states_a_problem(text, "nl") is problem


def test_a_maar_clause_after_the_solution_takes_it_back() -> None:
    assert reports_solved("De storing is opgelost, alles doet het weer", "nl")
    assert not reports_solved("Het is opgelost, maar het duurt nu al tien dagen", "nl")
    # A later solved clause counts again.
    assert reports_solved("Eerst kapot, maar nu is het verholpen", "nl")
