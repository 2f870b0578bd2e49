"""Configuration read from environment variables prefixed ``NONGFANG_``."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"
    TEST = "test"


# Signs demo and test tokens only; production must set NONGFANG_SECRET.
DEVELOPMENT_SECRET = "dev-secret-change-me-at-least-32-bytes!"  # noqa: S105


class Settings(BaseSettings):
    """Hub settings; every limit that law or local policy may change lives here."""

    model_config = SettingsConfigDict(env_prefix="NONGFANG_", env_file=".env", extra="ignore")

    environment: Environment = Environment.DEVELOPMENT
    database_url: str = "sqlite+aiosqlite:///./nongfang.db"
    redis_url: str | None = None
    secret: str = Field(default=DEVELOPMENT_SECRET, min_length=32)

    # JWT: HS256 with `secret` by default; RS256 against an identity provider's JWKS when set.
    jwt_algorithms: list[str] = ["HS256"]
    jwt_issuer: str = "nongfang-hub"
    jwt_audience: str = "nongfang-hub"
    jwt_jwks_url: str | None = None
    token_lifetime_minutes: int = 8 * 60
    # Tokens whose exp - iat exceeds this are rejected, even when their signature is valid.
    max_token_lifetime_minutes: int = 24 * 60

    # GraphQL safety limits.
    max_query_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 2000
    max_query_cost: int = 5000
    max_page_size: int = 100
    # Largest HTTP request body accepted, in bytes; larger bodies get HTTP 413.
    max_body_bytes: int = 1_048_576

    # Working-day limits per approval step, in working days (statutory defaults).
    step_limit_days: dict[str, int] = {
        "ONLINE_APPLICATION": 0,
        "VILLAGE_PUBLICITY": 10,
        "VILLAGE_REVIEW": 5,
        "SITE_SURVEY": 5,
        "JOINT_MEETING": 5,
        "CONSTRUCTION_PUBLICITY": 15,
        "PERMIT_ISSUANCE": 10,
    }
    # A decision is due within this many working days of acceptance by the township.
    decision_limit_days: int = 20
    # Calendar days a notice stays posted before its step may pass.
    village_publicity_days: int = 7
    construction_publicity_days: int = 10

    demo_data_dir: Path = Path(__file__).parent / "data"

    @model_validator(mode="after")
    def _require_production_secret(self) -> Settings:
        if self.environment is Environment.PRODUCTION and self.secret == DEVELOPMENT_SECRET:
            raise ValueError("NONGFANG_SECRET must be set to a private value of at least 32 characters in production")
        return self

    @property
    def is_production(self) -> bool:
        return self.environment is Environment.PRODUCTION


@lru_cache
def get_settings() -> Settings:
    return Settings()
