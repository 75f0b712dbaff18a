"""The ``webcare`` console command. Each subcommand builds the settings once and passes them on;
a WebcareError becomes one clear line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from webcare.errors import WebcareError
from webcare.settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])


def clean_errors(func: F) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except WebcareError as exc:
            click.echo(f"webcare: error: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def settings_from(ctx: click.Context) -> Settings:
    settings = ctx.obj
    assert isinstance(settings, Settings)
    return settings


def brands_option(command: F) -> F:
    """``--brands FILE`` after the subcommand as well (``webcare enrich --brands FILE``); it wins
    over one before it and over $WEBCARE_BRANDS."""

    @click.option("--brands", "brands_file", type=click.Path(path_type=Path), default=None,
                  help="Brands YAML file (default: $WEBCARE_BRANDS).")
    @wraps(command)
    def wrapper(*args: Any, brands_file: Path | None = None, **kwargs: Any) -> Any:
        if brands_file is not None:
            ctx = click.get_current_context()
            ctx.obj = settings_from(ctx).model_copy(update={"brands": brands_file})
        return command(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


@click.group()
@click.option("--brands", type=click.Path(path_type=Path), default=None,
              help="Brands YAML file (default: $WEBCARE_BRANDS).")
@click.pass_context
@clean_errors
def cli(ctx: click.Context, brands: Path | None) -> None:
    """Streaming media monitoring for webcare teams."""
    overrides: dict[str, object] = {"brands": brands} if brands else {}
    ctx.obj = load_settings(**overrides)


@cli.group()
def local() -> None:
    """Local Kafka + Elasticsearch for development (no Docker)."""


@local.command("up")
@click.pass_context
@clean_errors
def local_up(ctx: click.Context) -> None:
    """Start (or reuse) the local services and print their settings."""
    from deploy.local.stack import LocalStack

    for key, value in LocalStack(settings_from(ctx)).up().items():
        click.echo(f"{key}={value}")


@local.command("env")
@click.pass_context
@clean_errors
def local_env(ctx: click.Context) -> None:
    """Print `export` lines for the running local services (eval "$(webcare local env)")."""
    settings = settings_from(ctx)
    click.echo(f"export WEBCARE_KAFKA_BOOTSTRAP={settings.resolved_kafka()}")
    click.echo(f"export WEBCARE_ES_URL={settings.resolved_es()}")


@local.command("down")
@click.pass_context
@clean_errors
def local_down(ctx: click.Context) -> None:
    """Stop the worker, Elasticsearch and Kafka."""
    from deploy.local.stack import LocalStack

    stopped = LocalStack(settings_from(ctx)).down()
    click.echo(f"stopped: {', '.join(stopped)}" if stopped else "nothing was running")


@local.command("status")
@click.pass_context
@clean_errors
def local_status(ctx: click.Context) -> None:
    """Show whether each local service is up."""
    from deploy.local.stack import LocalStack

    rows = LocalStack(settings_from(ctx)).status()
    for row in rows:
        click.echo(row.line())


def main() -> None:
    cli(prog_name="webcare")


@cli.command()
@click.option("--loglevel", default="info", show_default=True)
@click.option("--role", "roles", multiple=True, type=click.Choice(["enrich", "alerts"]),
              help="run only these agents (default: all); one process per role scales out")
@brands_option
@click.pass_context
@clean_errors
def worker(ctx: click.Context, loglevel: str, roles: tuple[str, ...]) -> None:
    """Run the Faust worker: enrich mentions.raw into Elasticsearch and mentions.enriched;
    match and deliver alerts."""
    from pipeline.worker import run_worker

    run_worker(settings_from(ctx), loglevel=loglevel, roles=roles or ("enrich", "alerts"))


@cli.group()
def ingest() -> None:
    """Publish raw mentions to mentions.raw."""


@ingest.command("file")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--map", "mappings", multiple=True, metavar="OURS=THEIRS",
              help="field mapping for another tool's export, e.g. --map text=full_text "
                   "--map author.handle=screen_name")
@click.option("--rejects", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="write rejected rows (line, reason) as JSON Lines to this file")
@click.pass_context
@clean_errors
def ingest_file_cmd(ctx: click.Context, path: Path, mappings: tuple[str, ...],
                    rejects: Path | None) -> None:
    """Publish a JSON Lines (or .csv) file; bad lines are reported with their line number."""
    from agents.ingest_file import IngestReport, ingest_file

    mapping: dict[str, str] = {}
    for item in mappings:
        ours, sep, theirs = item.partition("=")
        if not sep or not ours or not theirs:
            raise click.BadParameter(f"{item!r}: expected OURS=THEIRS", param_hint="--map")
        mapping[ours.strip()] = theirs.strip()

    def progress(line: int, report: IngestReport) -> None:
        click.echo(f"\r{line:,} lines: {report.published:,} published, "
                   f"{len(report.rejected):,} rejected", err=True, nl=False)

    report = ingest_file(settings_from(ctx), path, mapping=mapping, rejects=rejects,
                         progress=progress if sys.stderr.isatty() else None)
    click.echo(f"published {report.published}, rejected {len(report.rejected)}, "
               f"failed deliveries {len(report.failed_deliveries)}", err=True)
    if report.failed_deliveries:
        sys.exit(1)


@ingest.command("feed")
@click.argument("feeds_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--once", is_flag=True, help="poll every feed once and exit")
@click.pass_context
@clean_errors
def ingest_feed(ctx: click.Context, feeds_file: Path, once: bool) -> None:
    """Poll RSS/Atom feeds (YAML: feeds: [{url, source, interval_s}]) into mentions.raw."""
    from agents.feed_agent import run_feeds

    run_feeds(settings_from(ctx), feeds_file, once=once, echo=lambda m: click.echo(m, err=True))


@ingest.command("bluesky")
@click.option("--url", default=None, help="Jetstream endpoint (default: $WEBCARE_JETSTREAM_URL)")
@click.pass_context
@clean_errors
def ingest_bluesky(ctx: click.Context, url: str | None) -> None:
    """Follow Bluesky's Jetstream; publish posts about the configured brands."""
    from agents.firehose import run_bluesky

    settings = settings_from(ctx)
    run_bluesky(settings, url or settings.jetstream_url)


@ingest.command("mastodon")
@click.option("--tag", "tags", multiple=True, help="hashtag timeline to follow (repeatable)")
@click.option("--public", is_flag=True, help="follow the public timeline too")
@click.option("--url", default=None, help="instance (default: $WEBCARE_MASTODON_URL)")
@click.pass_context
@clean_errors
def ingest_mastodon(ctx: click.Context, tags: tuple[str, ...], public: bool,
                    url: str | None) -> None:
    """Follow Mastodon hashtag and public timelines; publish statuses about the brands."""
    from agents.firehose import run_mastodon

    settings = settings_from(ctx)
    base = url or settings.mastodon_url
    if not base:
        raise click.UsageError("give --url or set WEBCARE_MASTODON_URL")
    timelines = [f"tag:{t.lstrip('#')}" for t in tags] + (["public"] if public else [])
    if not timelines:
        raise click.UsageError("give at least one --tag, or --public")
    run_mastodon(settings, base, timelines)


@ingest.command("webhook")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8080, show_default=True)
@click.pass_context
@clean_errors
def ingest_webhook(ctx: click.Context, host: str, port: int) -> None:
    """Receive Meta (Facebook, Messenger, Instagram, WhatsApp) and generic signed webhooks."""
    import uvicorn

    from agents.producer import MentionProducer
    from agents.webhook_server import create_receiver
    from pipeline.topics import TopicNames, ensure_topics

    settings = settings_from(ctx)
    ensure_topics(settings)
    producer = MentionProducer(settings.resolved_kafka(), TopicNames.for_settings(settings).raw)
    app = create_receiver(producer, meta_app_secret=settings.meta_app_secret,
                          meta_verify_token=settings.meta_verify_token,
                          generic_secret=settings.webhook_secret,
                          accounts=settings.meta_accounts,
                          max_body_bytes=settings.webhook_max_body_kb * 1024)
    uvicorn.run(app, host=host, port=port, log_level="info")


@cli.command()
@click.argument("input_file", type=click.File("rb"), default="-")
@brands_option
@click.pass_context
@clean_errors
def enrich(ctx: click.Context, input_file: Any) -> None:
    """Enrich raw mentions (JSON Lines, file or stdin) to JSON Lines on stdout, in order."""
    from webcare.enrich_command import enrich_stream

    rejected = enrich_stream(settings_from(ctx), input_file, sys.stdout.buffer,
                             lambda msg: click.echo(msg, err=True))
    if rejected:
        click.echo(f"{rejected} line(s) rejected", err=True)


@cli.command()
@click.argument("which", type=click.Choice(["raw", "enriched"]))
@clean_errors
def schema(which: str) -> None:
    """Print the JSON Schema of a raw or enriched mention."""
    import json

    from schemas.mentions import EnrichedMention, RawMention

    model = RawMention if which == "raw" else EnrichedMention
    click.echo(json.dumps(model.model_json_schema(), indent=2))


@cli.command()
@click.option("--timeout", default=300, show_default=True, help="seconds to wait for indexing")
@click.pass_context
@clean_errors
def demo(ctx: click.Context, timeout: int) -> None:
    """Start Kafka, Elasticsearch and the worker; index the bundled demo mentions."""
    from deploy.demo.run import run_demo

    run_demo(settings_from(ctx), timeout_s=timeout, echo=click.echo)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=None, help="default: $WEBCARE_API_PORT or 8000")
@click.pass_context
@clean_errors
def api(ctx: click.Context, host: str, port: int | None) -> None:
    """Serve the HTTP API (OpenAPI at /docs)."""
    from webcare.commands import run_api

    settings = settings_from(ctx)
    run_api(settings, host, port or settings.api_port)


@cli.command()
@click.argument("query", required=False)
@click.option("--brand", multiple=True)
@click.option("--hashtag", multiple=True)
@click.option("--contact", multiple=True, type=click.Choice(["reactive", "proactive"]))
@click.option("--intent", multiple=True,
              type=click.Choice(["question", "complaint", "compliment"]))
@click.option("--sentiment", multiple=True,
              type=click.Choice(["positive", "neutral", "negative"]))
@click.option("--language", multiple=True)
@click.option("--source", multiple=True)
@click.option("--team", default=None, help="search as this team (its brands only)")
@click.option("--size", type=click.IntRange(1, 500), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="one JSON document per line")
@click.pass_context
@clean_errors
def search(ctx: click.Context, query: str | None, brand: tuple[str, ...],
           hashtag: tuple[str, ...], contact: tuple[str, ...], intent: tuple[str, ...],
           sentiment: tuple[str, ...], language: tuple[str, ...], source: tuple[str, ...],
           team: str | None, size: int, as_json: bool) -> None:
    """Search indexed mentions, newest first (QUERY is a Boolean query)."""
    from api.queries import MentionFilters
    from models.query import QueryError
    from webcare.commands import dumps, search_mentions

    filters = MentionFilters(query, list(brand), list(hashtag), list(contact), list(intent),
                             list(sentiment), list(language), list(source))
    try:
        found = search_mentions(settings_from(ctx), filters, team, size)
    except QueryError as exc:
        raise click.UsageError(str(exc)) from None
    for doc in found:
        if as_json:
            click.echo(dumps(doc))
        else:
            click.echo(f"{doc['created_at'][:16]}  {doc['source']:<10} "
                       f"{doc['sentiment']['label']:<8} {doc['contact']:<9} "
                       f"{','.join(doc.get('intents', [])) or '-':<20} "
                       f"{','.join(doc.get('brands', []))}: {doc['text'][:80]!r}")


@cli.group()
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


@cli.group()
def teams() -> None:
    """Teams and API keys."""


@teams.command("new-key")
def teams_new_key() -> None:
    """Make an API key: give the key to the team, put the hash in the teams file."""
    from webcare.teams import hash_key, new_key

    key = new_key()
    click.echo(f"key:  {key}")
    click.echo(f"hash: {hash_key(key)}   # add under the team's api_keys")


@cli.group()
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

    from webcare.errors import ServiceUnavailable

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
