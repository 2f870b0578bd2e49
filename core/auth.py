"""JWT bearer tokens: minting for demo accounts and verification into an ``Actor``.

HS256 tokens are signed with ``NONGFANG_SECRET``. When ``NONGFANG_JWT_JWKS_URL`` is set and
``RS256`` is among ``NONGFANG_JWT_ALGORITHMS``, tokens of an external identity provider are
verified against its JWKS. Either way the token's ``sub`` is an account login, and role and
jurisdiction come from the hub's own account table.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache

import jwt
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.settings import Settings
from domain.accounts.actor import Actor
from domain.accounts.models import Account

logger = logging.getLogger(__name__)

ASYMMETRIC_ALGORITHMS = frozenset({"RS256", "RS384", "RS512", "ES256", "ES384"})


class TokenErrorCode(StrEnum):
    # Error codes, not credentials.
    TOKEN_EXPIRED = "TOKEN_EXPIRED"  # noqa: S105
    TOKEN_INVALID = "TOKEN_INVALID"  # noqa: S105
    ACCOUNT_NOT_FOUND = "ACCOUNT_NOT_FOUND"


class TokenError(Exception):
    def __init__(self, code: TokenErrorCode, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


def mint_token(settings: Settings, login: str, now: datetime) -> str:
    """Sign an HS256 token for ``login``, valid for ``token_lifetime_minutes``."""
    claims = {
        "sub": login,
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "nbf": now,
        "exp": now + timedelta(minutes=settings.token_lifetime_minutes),
    }
    return jwt.encode(claims, settings.secret, algorithm="HS256")


@lru_cache(maxsize=4)
def _jwks_client(url: str) -> jwt.PyJWKClient:
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=300)


async def decode_token(settings: Settings, token: str) -> str:
    """Verify signature, expiry, issuer and audience; return the subject login."""
    algorithms = list(settings.jwt_algorithms)
    try:
        header = jwt.get_unverified_header(token)
        algorithm = header.get("alg")
        if algorithm not in algorithms:
            raise TokenError(TokenErrorCode.TOKEN_INVALID, f"algorithm {algorithm!r} not allowed")

        if algorithm in ASYMMETRIC_ALGORITHMS:
            if not settings.jwt_jwks_url:
                raise TokenError(TokenErrorCode.TOKEN_INVALID, "no JWKS configured")
            client = _jwks_client(settings.jwt_jwks_url)
            key = (await asyncio.to_thread(client.get_signing_key_from_jwt, token)).key
        else:
            key = settings.secret

        claims = jwt.decode(
            token,
            key,
            algorithms=[algorithm],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "iat", "sub", "iss", "aud"]},
        )
    except jwt.ExpiredSignatureError as error:
        raise TokenError(TokenErrorCode.TOKEN_EXPIRED, "token expired") from error
    except jwt.PyJWTError as error:
        raise TokenError(TokenErrorCode.TOKEN_INVALID, str(error)) from error

    lifetime_seconds = claims["exp"] - claims["iat"]
    if lifetime_seconds > settings.max_token_lifetime_minutes * 60:
        raise TokenError(TokenErrorCode.TOKEN_INVALID, f"lifetime {lifetime_seconds} s exceeds the maximum")

    subject = claims["sub"]
    if not isinstance(subject, str) or not subject:
        raise TokenError(TokenErrorCode.TOKEN_INVALID, "sub is not a login")
    return subject


async def authenticate(session: AsyncSession, settings: Settings, token: str) -> Actor:
    """Turn a bearer token into the acting account, or raise ``TokenError``."""
    login = await decode_token(settings, token)
    account = await session.scalar(select(Account).where(Account.login == login))
    if account is None:
        raise TokenError(TokenErrorCode.ACCOUNT_NOT_FOUND, "no account for the token subject")

    return Actor(
        account_id=account.id,
        login=account.login,
        role=account.role,
        jurisdiction_code=account.jurisdiction_code,
        household_id=account.household_id,
    )
