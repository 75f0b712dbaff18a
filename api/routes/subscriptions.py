"""Subscriptions of the key's team: create, list, read, replace, delete."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from alerting.outbound import refused_url
from alerting.subscriptions import Subscription, SubscriptionSpec
from api.deps import Services, ServicesDep, TeamDep
from api.preview import MAX_HOURS, preview_json, run_preview
from core.teams import Team

router = APIRouter(prefix="/v1/subscriptions", tags=["subscriptions"])


async def spec_problems(team: Team, services: Services, spec: SubscriptionSpec
                        ) -> list[tuple[str, str]]:
    """What the schema cannot know, as ``(field, reason)``: the team's brands, the server's
    e-mail and what alerts may reach (a webhook or Slack URL must be public: no loopback,
    private or metadata address)."""
    problems = []
    foreign = sorted(set(spec.brands) - set(team.brands))
    if foreign:
        problems.append(("brands", f"brands not in your team's scope: {foreign}"))
    if spec.delivery.email is not None and services.settings.smtp_host is None:
        problems.append(("delivery.email", "e-mail is not configured on this server (the "
                                           "operator sets WEBCARE_SMTP_HOST)"))
    refused = await refused_url(services.outbound, spec.delivery)
    if refused is not None:
        problems.append(refused)
    return problems


async def check_spec(team: Team, services: Services, spec: SubscriptionSpec) -> None:
    for where, reason in await spec_problems(team, services, spec):
        status = 403 if where == "brands" else 422
        raise HTTPException(status, reason if where == "brands" else f"{where}: {reason}")


@router.post("/preview")
async def preview_subscription(
    team: TeamDep, services: ServicesDep, spec: SubscriptionSpec,
    hours: Annotated[int, Query(ge=1, le=MAX_HOURS)] = 72,
) -> dict[str, Any]:
    """What this subscription would have alerted over the last ``hours`` of indexed
    mentions, by the stream's own matcher: counts per day and the newest samples."""
    foreign = sorted(set(spec.brands) - set(team.brands))
    if foreign:
        raise HTTPException(403, f"brands not in your team's scope: {foreign}")
    return preview_json(await run_preview(services, team, spec, hours))


@router.post("", status_code=201)
async def create_subscription(team: TeamDep, services: ServicesDep,
                              spec: SubscriptionSpec) -> Subscription:
    await check_spec(team, services, spec)
    await services.subscriptions.ensure()
    return await services.subscriptions.create(team.id, spec)


@router.get("")
async def list_subscriptions(team: TeamDep, services: ServicesDep) -> list[Subscription]:
    return await services.subscriptions.list(team.id)


@router.get("/{sub_id}")
async def get_subscription(team: TeamDep, services: ServicesDep, sub_id: str) -> Subscription:
    sub = await services.subscriptions.get(team.id, sub_id)
    if sub is None:
        raise HTTPException(404, f"no subscription {sub_id!r}")
    return sub


@router.put("/{sub_id}")
async def replace_subscription(team: TeamDep, services: ServicesDep, sub_id: str,
                               spec: SubscriptionSpec) -> Subscription:
    await check_spec(team, services, spec)
    sub = await services.subscriptions.replace(team.id, sub_id, spec)
    if sub is None:
        raise HTTPException(404, f"no subscription {sub_id!r}")
    return sub


@router.delete("/{sub_id}", status_code=204)
async def delete_subscription(team: TeamDep, services: ServicesDep, sub_id: str) -> None:
    if not await services.subscriptions.delete(team.id, sub_id):
        raise HTTPException(404, f"no subscription {sub_id!r}")
