"""Teams and their API keys (``WEBCARE_TEAMS``, YAML). Keys are stored as SHA-256 hashes;
``webcare teams new-key`` makes one. A team sees only its own brands' mentions, its own
subscriptions and alerts."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from core.config_files import load_yaml_model


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return "wc_" + secrets.token_urlsafe(32)


class Team(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
    name: str = ""
    brands: list[str] = Field(min_length=1, description="brand ids this team may see")
    api_keys: list[str] = Field(default_factory=list, description="SHA-256 hex of each key")

    @model_validator(mode="after")
    def _hashes(self) -> Team:
        for key in self.api_keys:
            if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
                raise ValueError("api_keys hold SHA-256 hex digests, never plain keys")
        return self


class Teams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    teams: list[Team] = Field(default_factory=list)

    def by_key(self, key: str) -> Team | None:
        digest = hash_key(key)
        for team in self.teams:
            if any(hmac.compare_digest(digest, stored) for stored in team.api_keys):
                return team
        return None

    def get(self, team_id: str) -> Team | None:
        return next((t for t in self.teams if t.id == team_id), None)


def load_teams(path: Path) -> Teams:
    return load_yaml_model(path, Teams, "teams file")
