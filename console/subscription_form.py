"""The subscription form: HTML form fields to the API's ``SubscriptionSpec`` and back, and the
API's validation errors onto the field they concern. Field names are the spec's own paths
(``delivery.webhook.url``), so an error's location names its field."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from alerting.subscriptions import Subscription, SubscriptionSpec

LISTS = ("hashtags", "keywords", "languages", "sources")
CHOICES = ("brands", "contact", "intents")
SPIKE_NUMBERS = ("window_s", "baseline_windows", "factor", "min_mentions", "cooldown_s")
_SEPARATORS = re.compile(r"[,\n]")
Form = Mapping[str, list[str]]


def _first(form: Form, name: str) -> str:
    return (form.get(name) or [""])[0].strip()


def _split(text: str) -> list[str]:
    return [part.strip() for part in _SEPARATORS.split(text) if part.strip()]


def spec_data(form: Form, existing: Subscription | None = None) -> dict[str, Any]:
    """The spec as the API would receive it. A webhook secret left empty on an edit keeps the
    stored one (the page never shows it)."""
    data: dict[str, Any] = {"name": _first(form, "name")}
    for name in LISTS:
        data[name] = _split(_first(form, name))
    for name in CHOICES:
        data[name] = [v for v in form.get(name, []) if v]
    if query := _first(form, "query"):
        data["query"] = query
    labels = [v for v in form.get("sentiment.labels", []) if v]
    scores = {k: _first(form, f"sentiment.{k}") for k in ("max_score", "min_score")}
    if labels or any(scores.values()):
        data["sentiment"] = {"labels": labels, **{k: v for k, v in scores.items() if v}}
    delivery: dict[str, Any] = {"sse": bool(form.get("delivery.sse"))}
    if url := _first(form, "delivery.webhook.url"):
        secret = _first(form, "delivery.webhook.secret")
        if not secret and existing and existing.delivery.webhook:
            secret = existing.delivery.webhook.secret.get_secret_value()
        delivery["webhook"] = {"url": url, "secret": secret}
    if url := _first(form, "delivery.slack.url"):
        delivery["slack"] = {"url": url}
    if to := _first(form, "delivery.email.to"):
        delivery["email"] = {"to": _split(to)}
    data["delivery"] = delivery
    if form.get("spike.enabled"):
        spike: dict[str, Any] = {"metric": _first(form, "spike.metric") or "volume"}
        spike.update({k: v for k in SPIKE_NUMBERS if (v := _first(form, f"spike.{k}"))})
        data["spike"] = spike
    data["service_level"] = bool(form.get("service_level"))
    return data


def form_values(sub: SubscriptionSpec) -> dict[str, Any]:
    """What the form shows for a stored subscription (secrets left out)."""
    values: dict[str, Any] = {"name": sub.name, "query": sub.query or ""}
    for name in LISTS:
        values[name] = ", ".join(getattr(sub, name))
    for name in CHOICES:
        values[name] = [str(v) for v in getattr(sub, name)]
    sentiment = sub.sentiment
    values["sentiment.labels"] = [str(v) for v in sentiment.labels] if sentiment else []
    for key in ("max_score", "min_score"):
        score = getattr(sentiment, key) if sentiment else None
        values[f"sentiment.{key}"] = "" if score is None else str(score)
    delivery = sub.delivery
    values["delivery.sse"] = delivery.sse
    values["delivery.webhook.url"] = str(delivery.webhook.url) if delivery.webhook else ""
    values["delivery.webhook.has_secret"] = delivery.webhook is not None
    values["delivery.slack.url"] = str(delivery.slack.url) if delivery.slack else ""
    values["delivery.email.to"] = ", ".join(delivery.email.to) if delivery.email else ""
    values["spike.enabled"] = sub.spike is not None
    values["service_level"] = sub.service_level
    if sub.spike:
        values["spike.metric"] = sub.spike.metric
        for key in SPIKE_NUMBERS:
            values[f"spike.{key}"] = str(getattr(sub.spike, key))
    return values


def empty_values() -> dict[str, Any]:
    return form_values(SubscriptionSpec(name="-")) | {"name": ""}


def field_errors(error: ValidationError) -> dict[str, str]:
    """``{form field: message}``; a model-level error (no field) is filed under ``""``."""
    found: dict[str, str] = {}
    for item in error.errors():
        path = [str(p) for p in item["loc"] if isinstance(p, str)]
        where = ".".join(path)
        message = str(item["msg"]).removeprefix("Value error, ")
        found.setdefault(where, message)
    return found


def parse_spec(data: dict[str, Any]) -> tuple[SubscriptionSpec | None, dict[str, str]]:
    try:
        return SubscriptionSpec.model_validate(data), {}
    except ValidationError as error:
        return None, field_errors(error)


def posted_values(form: Form) -> dict[str, Any]:
    """The form as it was sent, to show it again beside its errors."""
    values: dict[str, Any] = {name: _first(form, name) for name in form
                              if name != "delivery.webhook.secret"}  # never sent back
    for name in (*CHOICES, "sentiment.labels"):
        values[name] = list(form.get(name, []))
    for name in ("delivery.sse", "spike.enabled", "service_level"):
        values[name] = bool(form.get(name))
    values["delivery.webhook.has_secret"] = False
    return values
