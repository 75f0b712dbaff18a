"""``webcare alerts|teams|kibana``: subscriptions, API keys and Kibana's saved objects."""

from __future__ import annotations

from pathlib import Path

import click

from webcare.cli_support import clean_errors, settings_from


@click.group()
def alerts() -> None:
    """Manage alert subscriptions."""


@alerts.command("list")
@click.option("--team", default=None)
@click.pass_context
@clean_errors
def alerts_list(ctx: click.Context, team: str | None) -> None:
    from webcare.commands import subscription_line, with_store

    for sub in with_store(settings_from(ctx), lambda store: store.list(team)):
        click.echo(subscription_line(sub))


@alerts.command("add")
@click.argument("spec", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--team", default="default", show_default=True)
@click.pass_context
@clean_errors
def alerts_add(ctx: click.Context, spec: Path, team: str) -> None:
    """Add a subscription from a YAML or JSON file."""
    from webcare.commands import read_spec, subscription_line, with_store

    parsed = read_spec(spec)
    sub = with_store(settings_from(ctx), lambda store: store.create(team, parsed))
    click.echo(subscription_line(sub))


@alerts.command("remove")
@click.argument("subscription_id")
@click.option("--team", default="default", show_default=True)
@click.pass_context
@clean_errors
def alerts_remove(ctx: click.Context, subscription_id: str, team: str) -> None:
    from webcare.commands import with_store

    if not with_store(settings_from(ctx), lambda store: store.delete(team, subscription_id)):
        raise click.ClickException(f"no subscription {subscription_id!r} for team {team!r}")
    click.echo(f"removed {subscription_id}")


@click.group()
def teams() -> None:
    """Teams and API keys."""


@teams.command("new-key")
def teams_new_key() -> None:
    """Make an API key: give the key to the team, put the hash in the teams file."""
    from core.teams import hash_key, new_key

    key = new_key()
    click.echo(f"key:  {key}")
    click.echo(f"hash: {hash_key(key)}   # add under the team's api_keys")


@click.group()
def kibana() -> None:
    """Kibana saved objects for analysts."""


@kibana.command("import")
@click.option("--url", default="http://localhost:5601", show_default=True)
@click.option("--space", default=None, help="Kibana space id (default space when omitted)")
@clean_errors
def kibana_import(url: str, space: str | None) -> None:
    """Import the data view, visualizations, dashboard and saved search (overwrites)."""
    from importlib import resources

    import httpx

    from core.errors import ServiceUnavailable

    ndjson = resources.files("deploy.kibana").joinpath("webcare.ndjson").read_bytes()
    prefix = f"/s/{space}" if space else ""
    try:
        response = httpx.post(f"{url.rstrip('/')}{prefix}/api/saved_objects/_import",
                              params={"overwrite": "true"}, headers={"kbn-xsrf": "webcare"},
                              files={"file": ("webcare.ndjson", ndjson)}, timeout=60)
    except httpx.HTTPError as exc:
        raise ServiceUnavailable("Kibana", url, "Is Kibana running?", exc) from None
    if response.status_code >= 300 or not response.json().get("success"):
        raise click.ClickException(f"Kibana refused the import: {response.text[:500]}")
    click.echo(f"imported {response.json().get('successCount')} saved objects into {url}")
