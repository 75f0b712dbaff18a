"""``webcare api``: the API and, beside it in the same process, the console.

The console's pages read through the API's own services and team-scoped queries; they sign
in with an API key that becomes a session cookie, and every answer carries security headers
(a Content-Security-Policy that allows only this site's own scripts, styles and connections,
and no framing)."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from api.app import create_api
from console.pages import render
from console.session import CsrfRefused, NotSignedIn, Sessions
from console.views import alerts, auth, inbox, mention, service, trends
from core.settings import Settings
from core.teams import Teams

log = logging.getLogger("webcare.console")
STATIC = Path(__file__).parent / "static"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
# FastAPI's own /docs page loads Swagger UI from a CDN; it keeps its defaults.
API_DOCS = ("/docs", "/redoc", "/openapi.json")


def _secret(settings: Settings) -> str:
    if settings.console_secret is not None:
        return settings.console_secret.get_secret_value()
    log.warning("WEBCARE_CONSOLE_SECRET is not set: console sessions end when this process "
                "does and are not shared with other API processes")
    return secrets.token_urlsafe(32)


async def security_headers(request: Request,
                           call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    response.headers.setdefault("x-content-type-options", "nosniff")
    response.headers.setdefault("referrer-policy", "no-referrer")
    if not request.url.path.startswith(API_DOCS):
        response.headers.setdefault("content-security-policy", CSP)
        response.headers.setdefault("x-frame-options", "DENY")
    if response.headers.get("content-type", "").startswith("text/html"):
        response.headers.setdefault("cache-control", "no-store")
    return response


def add_console(app: FastAPI, settings: Settings) -> None:
    app.state.console_sessions = Sessions(
        _secret(settings), int(settings.console_session_hours * 3600), settings.console_https)

    async def not_signed_in(request: Request, _exc: Exception) -> Response:
        if request.headers.get("hx-request"):  # htmx follows this header, not a 303
            return Response(status_code=401, headers={"hx-redirect": "/login"})
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    async def csrf_refused(request: Request, _exc: Exception) -> HTMLResponse:
        return render(request, "refused.html", status=403)

    app.add_exception_handler(NotSignedIn, not_signed_in)
    app.add_exception_handler(CsrfRefused, csrf_refused)
    app.middleware("http")(security_headers)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (auth, inbox, mention, alerts, trends, service):
        app.include_router(module.router)


def create_app(settings: Settings, teams: Teams) -> FastAPI:
    app = create_api(settings, teams)
    add_console(app, settings)
    return app
