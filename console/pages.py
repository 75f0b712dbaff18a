"""Rendering: the Jinja templates (autoescaped) with what every page needs in its context."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from console.i18n import LANGUAGES, choose_language, translator
from console.session import CSRF_FIELD, CSRF_HEADER, SignedIn

TEMPLATES = Jinja2Templates(env=jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True, extensions=["jinja2.ext.do"]))


def _when(value: str | datetime | None) -> str:
    """A mention's time as the page shows it (UTC, minutes)."""
    if value is None:
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.strftime("%Y-%m-%d %H:%M")


def _web_link(url: str | None) -> str | None:
    """Only http(s) links are rendered as links: never ``javascript:`` from a payload."""
    return url if url and url.lower().startswith(("https://", "http://")) else None


def _series_of(column: int, table: Any, translate: Any) -> dict[str, Any]:
    """One chart series: a table's column (its label translated when it is a known value)."""
    name = table.columns[column]
    label = translate(f"value.{name}")
    return {"label": name if label == f"value.{name}" else label, "key": name,
            "data": [values[column] for _, values in table.rows]}


TEMPLATES.env.filters["when"] = _when
TEMPLATES.env.filters["series_of"] = _series_of
TEMPLATES.env.filters["web_link"] = _web_link
TEMPLATES.env.filters["query"] = lambda pairs: urlencode(pairs, doseq=True)


def render(request: Request, template: str, session: SignedIn | None = None,
           status: int = 200, **context: Any) -> HTMLResponse:
    lang = choose_language(request)
    return TEMPLATES.TemplateResponse(request, template, status_code=status, context={
        "t": translator(lang), "lang": lang, "languages": LANGUAGES, "session": session,
        "csrf_field": CSRF_FIELD, "csrf_header": CSRF_HEADER,
        "path": request.url.path, **context})
