"""``webcare ingest ...``: the ingest agents, each publishing raw mentions to ``mentions.raw``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from webcare.cli_support import clean_errors, settings_from


@click.group()
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
    from agents.webhook_server import PRODUCER_OPTIONS, create_receiver
    from core.topics import TopicNames, ensure_topics

    settings = settings_from(ctx)
    ensure_topics(settings)
    topics = TopicNames.for_settings(settings)
    producer = MentionProducer.for_settings(settings, topics.raw, **PRODUCER_OPTIONS)
    app = create_receiver(producer, meta_app_secret=settings.meta_app_secret,
                          meta_verify_token=settings.meta_verify_token,
                          generic_secret=settings.webhook_secret,
                          accounts=settings.meta_accounts,
                          max_body_bytes=settings.webhook_max_body_kb * 1024,
                          dead_letter_topic=topics.agents_dlq)
    uvicorn.run(app, host=host, port=port, log_level="info")
