"""What every ``webcare`` subcommand shares: settings from the click context, one clear
error line instead of a traceback, and the ``--brands`` option."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from core.errors import WebcareError
from core.settings import Settings

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
