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
from core.service_levels import ServiceLevelRule


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
    competitors: list[str] = Field(
        default_factory=list, description="of its brands, those it watches but does not own "
        "(share of voice; no service level)")
    service_level: ServiceLevelRule | None = None

    @property
    def own_brands(self) -> list[str]:
        return [b for b in self.brands if b not in self.competitors]

    @model_validator(mode="after")
    def _hashes(self) -> Team:
        for key in self.api_keys:
            if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
                raise ValueError("api_keys hold SHA-256 hex digests, never plain keys")
        return self

    @model_validator(mode="after")
    def _competitors_are_brands(self) -> Team:
        unknown = sorted(set(self.competitors) - set(self.brands))
        if unknown:
            raise ValueError(f"competitors must be among the team's brands too: {unknown}")
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

    def service_levels(self) -> dict[str, tuple[str, ServiceLevelRule]]:
        """brand -> (the team that owns it, its rule): a brand's service level is its owner's.
        Where two teams own a brand, the first in the file sets it."""
        rules: dict[str, tuple[str, ServiceLevelRule]] = {}
        for team in self.teams:
            if team.service_level is not None:
                for brand in team.own_brands:
                    rules.setdefault(brand, (team.id, team.service_level))
        return rules


def load_teams(path: Path) -> Teams:
    return load_yaml_model(path, Teams, "teams file")
