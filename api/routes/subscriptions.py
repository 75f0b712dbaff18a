"""Subscriptions of the key's team: create, list, read, replace, delete."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from alerting.outbound import refused_url
from alerting.subscriptions import Subscription, SubscriptionSpec
from api.deps import ServicesDep, TeamDep
from core.teams import Team

router = APIRouter(prefix="/v1/subscriptions", tags=["subscriptions"])


async def check_spec(team: Team, services: ServicesDep, spec: SubscriptionSpec) -> None:
    """What the schema cannot know: the team's brands, the server's e-mail and what alerts may
    reach (a webhook or Slack URL must be public: no loopback, private or metadata address)."""
    foreign = sorted(set(spec.brands) - set(team.brands))
    if foreign:
        raise HTTPException(403, f"brands not in your team's scope: {foreign}")
    if spec.delivery.email is not None and services.settings.smtp_host is None:
        raise HTTPException(422, "delivery.email: e-mail is not configured on this server "
                                 "(the operator sets WEBCARE_SMTP_HOST)")
    refused = await refused_url(services.outbound, spec.delivery)
    if refused is not None:
        raise HTTPException(422, f"{refused[0]}: {refused[1]}")


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
