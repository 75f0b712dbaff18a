"""Alerts for proactive teams: the live feed, the history, and the team's subscriptions
(listed, created, edited, deleted, and previewed on indexed mentions before saving)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from alerting.alerts import Alert
from alerting.subscriptions import Subscription
from api.deps import Services, ServicesDep
from api.live import take_slot, team_alerts
from api.preview import MAX_HOURS, run_preview
from api.routes.subscriptions import get_subscription, spec_problems
from console.i18n import Translate, choose_language, translator
from console.pages import TEMPLATES, render
from console.session import SignedIn
from console.subscription_form import (
    empty_values,
    form_values,
    parse_spec,
    posted_values,
    spec_data,
)
from console.views.deps import ChangeDep, SessionDep
from console.views.forms import posted

router = APIRouter(include_in_schema=False)
PREVIEW_HOURS = (24, 72, 168, 336, MAX_HOURS)


async def recent_alerts(services: Services, team: str, size: int = 50) -> list[dict[str, Any]]:
    found = await services.search(services.settings.index_name("alerts"), {
        "query": {"bool": {"filter": [{"term": {"team": team}}]}}, "size": size,
        "sort": [{"created_at": "desc"}, {"id": "asc"}]})
    return [h["_source"] for h in found["hits"]["hits"]] if found else []


@router.get("/alerts")
async def alerts_page(request: Request, session: SessionDep,
                      services: ServicesDep) -> HTMLResponse:
    subscriptions = await services.subscriptions.list(session.team.id)
    return render(request, "alerts.html", session, subscriptions=subscriptions,
                  history=await recent_alerts(services, session.team.id))


def alert_event(alert: Alert, translate: Translate) -> bytes:
    """One SSE event whose data is the alert drawn as a list item (htmx's SSE extension puts
    it on top of the feed)."""
    html = TEMPLATES.get_template("alert_item.html").render(
        alert=alert.model_dump(mode="json", exclude_none=True), fresh=True, t=translate)
    data = "".join(f"data: {line}\n" for line in html.strip().splitlines())
    return f"event: alert\nid: {alert.id}\n{data}\n".encode()


@router.get("/alerts/live")
async def live_feed(request: Request, session: SessionDep,
                    services: ServicesDep) -> StreamingResponse:
    take_slot(services, session.team.id)
    translate = translator(choose_language(request))

    async def events() -> AsyncIterator[bytes]:
        async for item in team_alerts(services, session.team.id, request.is_disconnected):
            yield b": keep-alive\n\n" if item is None else alert_event(item[0], translate)

    return StreamingResponse(events(), media_type="text/event-stream",
                             headers={"cache-control": "no-store"})


def form_page(request: Request, session: SignedIn, values: dict[str, Any],
              errors: dict[str, str], sub: Subscription | None = None,
              status: int = 200) -> HTMLResponse:
    return render(request, "subscription_form.html", session, status=status, values=values,
                  errors=errors, sub=sub, brands=session.team.brands,
                  preview_hours=PREVIEW_HOURS)


@router.get("/subscriptions/new")
async def new_subscription(request: Request, session: SessionDep) -> HTMLResponse:
    values = empty_values() | {"delivery.sse": True}
    return form_page(request, session, values, {})


@router.get("/subscriptions/{sub_id}/edit")
async def edit_subscription(request: Request, session: SessionDep, services: ServicesDep,
                            sub_id: str) -> HTMLResponse:
    sub = await get_subscription(session.team, services, sub_id)
    return form_page(request, session, form_values(sub), {}, sub)


async def _save(request: Request, session: SignedIn, services: Services,
                existing: Subscription | None) -> Response:
    form = await posted(request)
    spec, errors = parse_spec(spec_data(form, existing))
    if spec is not None:
        errors = dict(await spec_problems(session.team, services, spec))
    if spec is None or errors:
        return form_page(request, session, posted_values(form), errors, existing, status=422)
    await services.subscriptions.ensure()
    if existing is None:
        await services.subscriptions.create(session.team.id, spec)
    else:
        await services.subscriptions.replace(session.team.id, existing.id, spec)
    return RedirectResponse("/alerts", status_code=303)


@router.post("/subscriptions", response_model=None)
async def create(request: Request, session: ChangeDep, services: ServicesDep) -> Response:
    return await _save(request, session, services, None)


@router.post("/subscriptions/{sub_id}", response_model=None)
async def update(request: Request, session: ChangeDep, services: ServicesDep,
                 sub_id: str) -> Response:
    existing = await get_subscription(session.team, services, sub_id)
    return await _save(request, session, services, existing)


@router.post("/subscriptions/{sub_id}/delete")
async def delete(session: ChangeDep, services: ServicesDep, sub_id: str) -> RedirectResponse:
    if not await services.subscriptions.delete(session.team.id, sub_id):
        raise HTTPException(404, f"no subscription {sub_id!r}")
    return RedirectResponse("/alerts", status_code=303)


@router.post("/subscriptions-preview")
async def preview(request: Request, session: ChangeDep, services: ServicesDep,
                  hours: Annotated[int, Form()] = 72) -> HTMLResponse:
    """What the form, as it is now, would have alerted: drawn under the form, not saved. A
    POST (it carries the whole form) with the CSRF token like every other."""
    data = spec_data(await posted(request))
    data["name"] = data["name"] or "preview"
    spec, errors = parse_spec(data)
    foreign = sorted(set(spec.brands) - set(session.team.brands)) if spec else []
    if spec is None or foreign:
        return render(request, "preview.html", session, status=422, preview=None,
                      errors=errors or {"brands": str(foreign)})
    result = await run_preview(services, session.team, spec,
                               min(max(hours, 1), MAX_HOURS))
    return render(request, "preview.html", session, preview=result, errors={},
                  peak=max(result.per_day.values(), default=0))
