"""Brand configuration: a YAML file of brands, validated strictly with errors that name the path
(``brands -> 3 -> handles``) before anything is consumed."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.config_files import read_yaml, validate
from query.syntax import parse


def _clean_terms(values: list[str], strip: str) -> list[str]:
    cleaned = [v.strip().lstrip(strip).strip() for v in values]
    if any(not v for v in cleaned):
        raise ValueError("empty entry")
    return cleaned


class Brand(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
    name: str = Field(min_length=1)
    handles: list[str] = Field(default_factory=list, description="accounts the brand owns")
    keywords: list[str] = Field(default_factory=list, description="names and aliases")
    hashtags: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(
        default_factory=list, description="a mention containing one of these is not the brand's"
    )
    query: str | None = Field(
        None, description='Boolean query that also selects the brand: "abn amro" AND NOT vacature'
    )
    # Short or ambiguous names ("AH" is also an interjection, "ING" an English suffix): they
    # count only with context, as ``ambiguous_needs`` says.
    ambiguous: list[str] = Field(
        default_factory=list, description="keywords that count only with context")
    context: list[str] = Field(
        default_factory=list, description="words that make an ambiguous keyword count")
    ambiguous_needs: Literal["case", "context", "case_or_context", "case_and_context"] = Field(
        "case_or_context", description="case: written exactly as listed (AH, not ah or Ah); "
        "context: a context word or another sign of the brand (a keyword, handle, hashtag)")

    @field_validator("query")
    @classmethod
    def _query_parses(cls, value: str | None) -> str | None:
        if value is not None:
            parse(value)  # raises QueryError (a ValueError) naming the problem
        return value

    @field_validator("handles")
    @classmethod
    def _handles(cls, values: list[str]) -> list[str]:
        return _clean_terms(values, "@")

    @field_validator("hashtags")
    @classmethod
    def _hashtags(cls, values: list[str]) -> list[str]:
        return _clean_terms(values, "#")

    @field_validator("keywords", "exclude", "ambiguous", "context")
    @classmethod
    def _keywords(cls, values: list[str]) -> list[str]:
        return _clean_terms(values, "")

    @model_validator(mode="after")
    def _ambiguous_are_keywords(self) -> Brand:
        """An ambiguous name is one of the brand's keywords, marked as needing context."""
        unknown = sorted({a.lower() for a in self.ambiguous} - {k.lower() for k in
                                                                 self.keywords})
        if unknown:
            raise ValueError(f"ambiguous names must be keywords too: {unknown}")
        return self

    @model_validator(mode="after")
    def _something_to_match(self) -> Brand:
        if not (self.handles or self.keywords or self.hashtags or self.query):
            raise ValueError("a brand needs at least one of handles, keywords, hashtags or query")
        return self


class BrandConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    brands: list[Brand] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> BrandConfig:
        seen: set[str] = set()
        for brand in self.brands:
            if brand.id in seen:
                raise ValueError(f"brand id {brand.id!r} is used twice")
            seen.add(brand.id)
        return self


def parse_brands(data: object, source: str = "brands") -> BrandConfig:
    if isinstance(data, list):  # a bare list of brands is accepted too
        data = {"brands": data}
    return validate(BrandConfig, data or {}, source)


def load_brands(path: Path) -> BrandConfig:
    return parse_brands(read_yaml(path, "brands file"), str(path))
