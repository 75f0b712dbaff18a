"""Signing in to the console: an API key becomes a signed, HttpOnly session cookie.

The cookie holds the team, the SHA-256 of the key that signed in (so revoking the key in the
teams file ends its sessions) and the session's CSRF token; never the key itself. Every
request that changes something carries that token in a form field or the ``X-CSRF-Token``
header (htmx sends it from the page's ``hx-headers``); the cookie is also ``SameSite=Strict``.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from fastapi import Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from core.teams import Team, Teams, hash_key

SESSION_COOKIE = "webcare_session"
LOGIN_COOKIE = "webcare_login"  # the sign-in form's own CSRF token (double submit)
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


class NotSignedIn(Exception):
    """No valid session: pages redirect to the sign-in form."""


class CsrfRefused(Exception):
    """A change without this session's CSRF token: answered 403."""


@dataclass(frozen=True)
class SignedIn:
    team: Team
    csrf: str


class Sessions:
    def __init__(self, secret: str, max_age_s: int, https: bool) -> None:
        self._sessions = URLSafeTimedSerializer(secret, salt="webcare-console-session")
        self._logins = URLSafeTimedSerializer(secret, salt="webcare-console-login")
        self.max_age_s = max_age_s
        self.https = https

    def issue(self, team: Team, key: str) -> str:
        return self._sessions.dumps({"team": team.id, "key": hash_key(key),
                                     "csrf": secrets.token_urlsafe(24)})

    def read(self, request: Request, teams: Teams) -> SignedIn | None:
        cookie = request.cookies.get(SESSION_COOKIE)
        if not cookie:
            return None
        try:
            data = self._sessions.loads(cookie, max_age=self.max_age_s)
        except BadSignature:  # also an expired one
            return None
        team = teams.get(str(data.get("team")))
        key_hash = str(data.get("key"))
        if team is None or not any(hmac.compare_digest(key_hash, k) for k in team.api_keys):
            return None
        return SignedIn(team, str(data.get("csrf")))

    def login_token(self) -> tuple[str, str]:
        """``(token for the form, signed cookie value)`` for the sign-in form."""
        token = secrets.token_urlsafe(24)
        return token, self._logins.dumps(token)

    def login_token_valid(self, request: Request, token: str) -> bool:
        try:
            expected = self._logins.loads(request.cookies.get(LOGIN_COOKIE, ""), max_age=3600)
        except BadSignature:
            return False
        return bool(token) and hmac.compare_digest(str(expected), token)


def sessions(request: Request) -> Sessions:
    found: Sessions = request.app.state.console_sessions
    return found


def signed_in(request: Request) -> SignedIn:
    teams: Teams = request.app.state.teams
    found = sessions(request).read(request, teams)
    if found is None:
        raise NotSignedIn()
    return found


async def csrf_checked(request: Request) -> SignedIn:
    """The session, for a request that changes something: its CSRF token must come along."""
    session = signed_in(request)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()  # Starlette keeps it: the endpoint reads it again
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, session.csrf):
        raise CsrfRefused()
    return session
