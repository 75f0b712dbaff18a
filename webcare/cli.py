"""The ``webcare`` console command. Each subcommand builds the settings once and passes them on;
a WebcareError becomes one clear line on stderr and a non-zero exit, never a traceback. The
``ingest`` commands are in ``webcare.ingest_cli``; ``alerts``, ``teams`` and ``kibana`` in
``webcare.admin_cli``."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, get_args

import click

from core.settings import load_settings
from pipeline.role_processes import ROLES, become_supervisor
from schemas.mentions import ContactType, Intent, SentimentLabel
from webcare.admin_cli import alerts, kibana, teams
from webcare.cli_support import brands_option, clean_errors, settings_from
from webcare.ingest_cli import ingest


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
@click.option("--secure", is_flag=True,
              help="Elasticsearch over HTTPS with a user, Kafka over SASL_SSL (certificates "
                   "made here)")
@click.pass_context
@clean_errors
def local_up(ctx: click.Context, secure: bool) -> None:
    """Start (or reuse) the local services and print their settings."""
    from deploy.local.stack import LocalStack

    for key, value in LocalStack(settings_from(ctx)).up(secure=secure).items():
        click.echo(f"{key}={value}")


@local.command("env")
@click.pass_context
@clean_errors
def local_env(ctx: click.Context) -> None:
    """Print `export` lines for the running local services (eval "$(webcare local env)")."""
    from deploy.local.stack import LocalStack

    settings = settings_from(ctx)
    click.echo(f"export WEBCARE_KAFKA_BOOTSTRAP={settings.resolved_kafka()}")
    click.echo(f"export WEBCARE_ES_URL={settings.resolved_es()}")
    for key, value in LocalStack(settings).credentials().items():
        click.echo(f"export {key}={value}")


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
@click.option("--role", "roles", multiple=True, type=click.Choice(ROLES),
              help="run these agents in this process (repeat it for both); without it, one "
                   "process per role, watched by this one")
@brands_option
@click.pass_context
@clean_errors
def worker(ctx: click.Context, loglevel: str, roles: tuple[str, ...]) -> None:
    """Run the Faust worker: enrich mentions.raw into Elasticsearch and mentions.enriched;
    match and deliver alerts."""
    settings = settings_from(ctx)  # a settings error ends it here, once, not in each role
    if not roles:
        become_supervisor(sys.argv[1:])  # the same arguments, and --role, for each role
    from pipeline.worker import run_worker

    run_worker(settings, loglevel=loglevel, roles=roles)


@cli.command()
@click.argument("input_file", type=click.File("rb"), default="-")
@brands_option
@click.pass_context
@clean_errors
def enrich(ctx: click.Context, input_file: Any) -> None:
    """Enrich raw mentions (JSON Lines, file or stdin) to JSON Lines on stdout, in order."""
    from models.enrich import enricher_from_settings, settle
    from webcare.enrich_command import enrich_stream

    enricher = enricher_from_settings(settings_from(ctx))
    settle(enricher)
    rejected = enrich_stream(enricher, input_file, sys.stdout.buffer,
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
@click.option("--contact", multiple=True, type=click.Choice(get_args(ContactType)))
@click.option("--intent", multiple=True, type=click.Choice(get_args(Intent)))
@click.option("--sentiment", multiple=True, type=click.Choice(get_args(SentimentLabel)))
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
    from query.syntax import QueryError
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


@cli.command()
@click.option("--team", default=None, help="this team's own brands (default: every brand)")
@click.option("--since", type=click.DateTime(), default=None, help="UTC; default 7 days ago")
@click.option("--until", type=click.DateTime(), default=None, help="UTC; default now")
@click.option("--csv", "as_csv", is_flag=True, help="comma-separated, for a spreadsheet")
@click.pass_context
@clean_errors
def report(ctx: click.Context, team: str | None, since: datetime | None,
           until: datetime | None, as_csv: bool) -> None:
    """A period's service KPIs: volume per channel, sentiment, questions, complaints,
    conversations answered and open, response times, service level, per agent."""
    from conversations.reports import Scope
    from webcare.commands import team_brands
    from webcare.report_command import gather, render

    settings = settings_from(ctx)
    end = (until or datetime.now(UTC).replace(tzinfo=None)).replace(tzinfo=UTC)
    start = (since or (end - timedelta(days=7)).replace(tzinfo=None)).replace(tzinfo=UTC)
    if start >= end:
        raise click.UsageError("--since must come before --until")
    scope = Scope(team_brands(settings, team, own=True), start, end)
    click.echo(render(gather(settings, scope), start, end, as_csv), nl=False)


@cli.command()
@click.argument("task", type=click.Choice(["sentiment", "intents"]))
@click.argument("data", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--base", required=True,
              help="local path (or name, with --allow-download) of the model to start from, "
                   "e.g. a multilingual BERT or RoBERTa")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="folder for the fine-tuned model (loads with options.model)")
@click.option("--epochs", type=click.IntRange(1), default=3, show_default=True)
@click.option("--learning-rate", type=float, default=3e-5, show_default=True)
@click.option("--batch-size", type=click.IntRange(1), default=16, show_default=True)
@click.option("--max-length", type=click.IntRange(8), default=128, show_default=True)
@click.option("--dev-share", type=click.FloatRange(0.01, 0.5), default=0.1, show_default=True)
@click.option("--device", default="auto", show_default=True, help="auto, cpu, cuda, cuda:1")
@click.option("--allow-download", is_flag=True, help="let transformers fetch --base by name")
@clean_errors
def train(task: str, data: Path, base: str, out: Path, epochs: int, learning_rate: float,
          batch_size: int, max_length: int, dev_share: float, device: str,
          allow_download: bool) -> None:
    """Fine-tune a transformers model for sentiment.transformers.v1 or intents.transformers.v1
    from JSON Lines (text and label, or text and intents); keeps the best epoch on a dev
    part split off by content."""
    from models.training.finetune import TrainSettings, finetune

    settings = TrainSettings(epochs=epochs, learning_rate=learning_rate,
                             batch_size=batch_size, max_length=max_length,
                             dev_share=dev_share, device=device,
                             local_files_only=not allow_download)
    record = finetune("sentiment" if task == "sentiment" else "intents", data, base, out,
                      settings)
    for epoch in record["epochs"]:
        click.echo(f"epoch {epoch['epoch']}: dev macro-F1 {epoch['dev_macro_f1']:.3f} "
                   f"({epoch['seconds']} s)")
    click.echo(f"wrote {out} (best dev macro-F1 {record['best_dev_macro_f1']:.3f}, "
               f"{record['train']} train / {record['dev']} dev examples, {record['device']})")


for group in (ingest, alerts, teams, kibana):
    cli.add_command(group)
