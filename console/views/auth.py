"""Signing in with an API key, signing out, and the interface language switch."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from console.i18n import LANG_COOKIE, LANGUAGES
from console.pages import render
from console.session import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    CsrfRefused,
    Sessions,
    SignedIn,
    csrf_checked,
    sessions,
)
from core.teams import Teams

router = APIRouter(include_in_schema=False)
SessionsDep = Annotated[Sessions, Depends(sessions)]


def _local_path(target: str | None) -> str:
    """Only a path on this site: never an open redirect."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/inbox"


@router.get("/")
async def home(request: Request, store: SessionsDep) -> RedirectResponse:
    signed = store.read(request, request.app.state.teams)
    return RedirectResponse("/inbox" if signed else "/login", status_code=303)


def login_page(request: Request, store: Sessions, error: str | None = None,
               status: int = 200) -> HTMLResponse:
    token, cookie = store.login_token()
    page = render(request, "login.html", status=status, login_token=token, error=error,
                  next=_local_path(request.query_params.get("next")))
    page.set_cookie(LOGIN_COOKIE, cookie, max_age=3600, httponly=True, samesite="strict",
                    secure=store.https, path="/login")
    return page


@router.get("/login")
async def login_form(request: Request, store: SessionsDep) -> HTMLResponse:
    return login_page(request, store)


@router.post("/login", response_model=None)
async def login(request: Request, store: SessionsDep, api_key: Annotated[str, Form()] = "",
                csrf_token: Annotated[str, Form()] = "",
                next: Annotated[str, Form()] = "/inbox") -> Response:
    if not store.login_token_valid(request, csrf_token):
        raise CsrfRefused()
    teams: Teams = request.app.state.teams
    team = teams.by_key(api_key.strip()) if api_key.strip() else None
    if team is None:
        return login_page(request, store, error="login.unknown_key", status=401)
    response = RedirectResponse(_local_path(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, store.issue(team, api_key.strip()),
                        max_age=store.max_age_s, httponly=True, samesite="strict",
                        secure=store.https)
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


@router.post("/logout")
async def logout(_session: Annotated[SignedIn, Depends(csrf_checked)]) -> RedirectResponse:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/lang/{code}")
async def choose_language(code: str, next: str = "/inbox") -> RedirectResponse:
    """Only a display preference (a cookie), not a change on the server."""
    response = RedirectResponse(_local_path(next), status_code=303)
    if code in LANGUAGES:
        response.set_cookie(LANG_COOKIE, code, max_age=365 * 86400, samesite="lax")
    return response
