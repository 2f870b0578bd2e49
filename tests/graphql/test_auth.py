"""Bearer token checks at the /graphql endpoint: HS256, RS256 against a JWKS, and their failures."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from core.settings import Settings
from domain.clock import utc_now
from tests.graphql.conftest import World
from tests.graphql.support import send
from tests.graphql_client import GraphQLClient

ME = "query Me { me { login role } }"

JWKS_KEY_ID = "hub-test-key"


def claims(settings: Settings, login: str, **overrides: Any) -> dict[str, Any]:
    now = utc_now()
    values: dict[str, Any] = {
        "sub": login,
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "nbf": now,
        "exp": now + timedelta(minutes=5),
    }
    values.update(overrides)
    return values


def hs256_token(settings: Settings, login: str, *, secret: str | None = None, **overrides: Any) -> str:
    return jwt.encode(claims(settings, login, **overrides), secret or settings.secret, algorithm="HS256")


def forge_hmac(
    payload: dict[str, Any],
    secret: bytes,
    header: dict[str, str] | None = None,
    digest: Callable[[], Any] = hashlib.sha256,
) -> str:
    """Sign a token by hand where PyJWT refuses or warns: a PEM secret, a non-string claim, a short HS512 key."""

    def encode(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    body = {key: int(value.timestamp()) if isinstance(value, datetime) else value for key, value in payload.items()}
    header = header or {"alg": "HS256", "typ": "JWT"}
    signing_input = encode(json.dumps(header).encode()) + "." + encode(json.dumps(body).encode())
    signature = hmac.new(secret, signing_input.encode(), digest).digest()
    return signing_input + "." + encode(signature)


# --- HS256 --------------------------------------------------------------------------------


async def test_missing_token_is_unauthenticated(graphql: GraphQLClient) -> None:
    response = await graphql.execute(ME)

    assert response.status_code == 200
    assert response.body["data"] == {"me": None}
    assert response.errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert response.errors[0]["path"] == ["me"]
    assert response.errors[0]["message"] == "请先登录：请求缺少有效的 Bearer 令牌。"


async def test_missing_token_message_in_english(graphql: GraphQLClient) -> None:
    response = await graphql.execute(ME, language="en")

    assert response.errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert response.errors[0]["message"] == "Sign in first: the request has no valid bearer token."


async def test_valid_token_identifies_account(graphql: GraphQLClient, world: World) -> None:
    token = hs256_token(graphql.settings, world.gouxi_staff.login)

    response = await graphql.execute(ME, token=token)

    assert response.data["me"] == {"login": world.gouxi_staff.login, "role": "TOWNSHIP_STAFF"}


async def test_expired_token_gets_401(graphql: GraphQLClient, world: World) -> None:
    past = utc_now() - timedelta(hours=2)
    token = hs256_token(graphql.settings, world.gouxi_staff.login, iat=past, nbf=past, exp=past + timedelta(hours=1))

    response = await graphql.execute(ME, token=token)

    assert response.status_code == 401
    assert response.errors[0]["extensions"]["code"] == "TOKEN_EXPIRED"
    assert response.errors[0]["message"] == "登录令牌已过期，请重新登录。"
    assert "data" not in response.body


async def test_401_carries_bearer_challenge(graphql: GraphQLClient, world: World) -> None:
    token = hs256_token(
        graphql.settings, world.gouxi_staff.login, secret="another-secret-that-is-long-enough-for-hs256"
    )

    response = await send(graphql.app, "POST", headers={"Authorization": f"Bearer {token}"}, json={"query": ME})

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


async def test_forged_signature_is_invalid(graphql: GraphQLClient, world: World) -> None:
    token = hs256_token(
        graphql.settings, world.gouxi_staff.login, secret="another-secret-that-is-long-enough-for-hs256"
    )

    response = await graphql.execute(ME, token=token)

    assert response.status_code == 401
    assert response.errors[0]["extensions"]["code"] == "TOKEN_INVALID"


async def test_tampered_payload_is_invalid(graphql: GraphQLClient, world: World) -> None:
    header, _payload, signature = hs256_token(graphql.settings, world.gouxi_staff.login).split(".")
    other_payload = hs256_token(graphql.settings, world.kecheng_county.login).split(".")[1]

    response = await graphql.execute(ME, token=f"{header}.{other_payload}.{signature}")

    assert response.status_code == 401
    assert response.errors[0]["extensions"]["code"] == "TOKEN_INVALID"


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"iss": "another-issuer"}, id="wrong-issuer"),
        pytest.param({"aud": "another-audience"}, id="wrong-audience"),
        pytest.param({"nbf": utc_now() + timedelta(hours=1)}, id="not-yet-valid"),
        pytest.param({"sub": ""}, id="empty-subject"),
    ],
)
async def test_bad_claims_are_invalid(graphql: GraphQLClient, world: World, overrides: dict[str, Any]) -> None:
    token = hs256_token(graphql.settings, world.gouxi_staff.login, **overrides)

    response = await graphql.execute(ME, token=token)

    assert response.status_code == 401
    assert response.errors[0]["extensions"]["code"] == "TOKEN_INVALID"


@pytest.mark.parametrize("issuer", [None, 42, ["nongfang-hub"]])
async def test_non_string_issuer_is_invalid(graphql: GraphQLClient, world: World, issuer: object) -> None:
    values = claims(graphql.settings, world.gouxi_staff.login, iss=issuer)
    token = forge_hmac(values, graphql.settings.secret.encode())

    response = await graphql.execute(ME, token=token)

    assert response.status_code == 401
    assert response.errors[0]["extensions"]["code"] == "TOKEN_INVALID"


@pytest.mark.parametrize("subject", [42, None, ["login"]])
async def test_non_string_subject_is_invalid(graphql: GraphQLClient, world: World, subject: object) -> None:
    values = claims(graphql.settings, world.gouxi_staff.login, sub=subject)
    token = forge_hmac(values, graphql.settings.secret.encode())

    response = await graphql.execute(ME, token=token)

    assert response.status_code == 401
    assert response.errors[0]["extensions"]["code"] == "TOKEN_INVALID"


@pytest.mark.parametrize("claim", ["exp", "iat", "sub", "iss", "aud"])
async def test_missing_claim_is_invalid(graphql: GraphQLClient, world: World, claim: str) -> None:
    values = claims(graphql.settings, world.gouxi_staff.login)
    del values[claim]
    token = jwt.encode(values, graphql.settings.secret, algorithm="HS256")

    response = await graphql.execute(ME, token=token)

    assert response.status_code == 401
    assert response.errors[0]["extensions"]["code"] == "TOKEN_INVALID"


async def test_alg_none_is_invalid(graphql: GraphQLClient, world: World) -> None:
    token = jwt.encode(claims(graphql.settings, world.gouxi_staff.login), "", algorithm="none")

    response = await graphql.execute(ME, token=token)

    assert response.status_code == 401
    assert response.errors[0]["extensions"]["code"] == "TOKEN_INVALID"


async def test_hs512_is_not_accepted(graphql: GraphQLClient, world: World) -> None:
    values = claims(graphql.settings, world.gouxi_staff.login)
    header = {"alg": "HS512", "typ": "JWT"}
    token = forge_hmac(values, graphql.settings.secret.encode(), header, hashlib.sha512)

    response = await graphql.execute(ME, token=token)

    assert response.status_code == 401
    assert response.errors[0]["extensions"]["code"] == "TOKEN_INVALID"


async def test_unknown_login_is_account_not_found(graphql: GraphQLClient) -> None:
    response = await graphql.execute(ME, token=hs256_token(graphql.settings, "nobody-here"))

    assert response.status_code == 401
    assert response.errors[0]["extensions"]["code"] == "ACCOUNT_NOT_FOUND"


@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param("Basic dXNlcjpwYXNzd29yZA==", id="basic"),
        pytest.param("Bearer", id="bearer-without-token"),
        pytest.param("Bearer    ", id="bearer-blank"),
        pytest.param("Token abc.def.ghi", id="other-scheme"),
        pytest.param("Bearer not-a-jwt", id="not-a-jwt"),
    ],
)
async def test_malformed_authorization_gets_401(graphql: GraphQLClient, authorization: str) -> None:
    response = await send(graphql.app, "POST", headers={"Authorization": authorization}, json={"query": ME})

    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "TOKEN_INVALID"


async def test_lower_case_bearer_scheme_accepted(graphql: GraphQLClient, world: World) -> None:
    token = hs256_token(graphql.settings, world.gouxi_staff.login)

    response = await send(graphql.app, "POST", headers={"Authorization": f"bearer {token}"}, json={"query": ME})

    assert response.status_code == 200
    assert response.json()["data"]["me"]["login"] == world.gouxi_staff.login


async def test_401_message_in_english(graphql: GraphQLClient, world: World) -> None:
    past = utc_now() - timedelta(hours=2)
    token = hs256_token(graphql.settings, world.gouxi_staff.login, iat=past, nbf=past, exp=past + timedelta(hours=1))

    response = await graphql.execute(ME, token=token, language="en")

    assert response.status_code == 401
    assert response.errors[0]["message"] == "The token has expired; sign in again."


async def test_rs256_rejected_without_jwks(graphql: GraphQLClient, world: World) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = jwt.encode(claims(graphql.settings, world.gouxi_staff.login), key, algorithm="RS256")

    response = await graphql.execute(ME, token=token)

    assert response.status_code == 401
    assert response.errors[0]["extensions"]["code"] == "TOKEN_INVALID"


# --- RS256 against a JWKS -----------------------------------------------------------------


class JwksServer:
    """A JWKS endpoint on 127.0.0.1 serving one RSA public key, for an identity provider's role."""

    def __init__(self, private_key: rsa.RSAPrivateKey) -> None:
        jwk = RSAAlgorithm.to_jwk(private_key.public_key(), as_dict=True)
        jwk.update({"kid": JWKS_KEY_ID, "use": "sig", "alg": "RS256"})
        body = json.dumps({"keys": [jwk]}).encode()
        self.requests = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._http.serve_forever, kwargs={"poll_interval": 0.05}, name="jwks-test-server", daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._http.server_address[:2]
        return f"http://{host!s}:{port}/.well-known/jwks.json"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._http.shutdown()
        self._http.server_close()
        self._thread.join(timeout=5)


@pytest.fixture(scope="module")
def provider_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def jwks_server(provider_key: rsa.RSAPrivateKey) -> Iterator[JwksServer]:
    server = JwksServer(provider_key)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def rs256_client(
    make_client: Callable[[Settings], GraphQLClient], settings: Settings, jwks_server: JwksServer
) -> GraphQLClient:
    rs256_settings = settings.model_copy(update={"jwt_algorithms": ["HS256", "RS256"], "jwt_jwks_url": jwks_server.url})
    return make_client(rs256_settings)


def rs256_token(settings: Settings, login: str, key: rsa.RSAPrivateKey, key_id: str = JWKS_KEY_ID) -> str:
    return jwt.encode(claims(settings, login), key, algorithm="RS256", headers={"kid": key_id})


async def test_rs256_token_from_jwks_accepted(
    rs256_client: GraphQLClient, world: World, provider_key: rsa.RSAPrivateKey, jwks_server: JwksServer
) -> None:
    token = rs256_token(rs256_client.settings, world.gouxi_staff.login, provider_key)

    response = await rs256_client.execute(ME, token=token)

    assert response.status_code == 200
    assert response.data["me"]["login"] == world.gouxi_staff.login
    assert jwks_server.requests >= 1


async def test_rs256_other_key_rejected(rs256_client: GraphQLClient, world: World) -> None:
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = rs256_token(rs256_client.settings, world.gouxi_staff.login, other_key)

    response = await rs256_client.execute(ME, token=token)

    assert response.status_code == 401
    assert response.errors[0]["extensions"]["code"] == "TOKEN_INVALID"


async def test_rs256_unknown_key_id_rejected(
    rs256_client: GraphQLClient, world: World, provider_key: rsa.RSAPrivateKey
) -> None:
    token = rs256_token(rs256_client.settings, world.gouxi_staff.login, provider_key, key_id="rotated-away")

    response = await rs256_client.execute(ME, token=token)

    assert response.status_code == 401
    assert response.errors[0]["extensions"]["code"] == "TOKEN_INVALID"


async def test_rs256_expired_token_rejected(
    rs256_client: GraphQLClient, world: World, provider_key: rsa.RSAPrivateKey
) -> None:
    past = utc_now() - timedelta(hours=2)
    values = claims(rs256_client.settings, world.gouxi_staff.login, iat=past, nbf=past, exp=past + timedelta(hours=1))
    token = jwt.encode(values, provider_key, algorithm="RS256", headers={"kid": JWKS_KEY_ID})

    response = await rs256_client.execute(ME, token=token)

    assert response.status_code == 401
    assert response.errors[0]["extensions"]["code"] == "TOKEN_EXPIRED"


async def test_hs256_still_accepted_with_jwks(rs256_client: GraphQLClient, world: World) -> None:
    token = hs256_token(rs256_client.settings, world.gouxi_staff.login)

    response = await rs256_client.execute(ME, token=token)

    assert response.data["me"]["login"] == world.gouxi_staff.login


async def test_hs256_keyed_with_public_key_rejected(
    rs256_client: GraphQLClient, world: World, provider_key: rsa.RSAPrivateKey
) -> None:
    # Algorithm confusion: an attacker signs HS256 with the provider's public key as the secret.
    public_pem = provider_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = {"alg": "HS256", "typ": "JWT", "kid": JWKS_KEY_ID}
    token = forge_hmac(claims(rs256_client.settings, world.gouxi_staff.login), public_pem, header)

    response = await rs256_client.execute(ME, token=token)

    assert response.status_code == 401
    assert response.errors[0]["extensions"]["code"] == "TOKEN_INVALID"


async def test_overlong_token_lifetime_rejected(graphql: GraphQLClient, world: World) -> None:
    now = datetime.now(UTC)
    claims = {
        "sub": world.gouxi_staff.login,
        "iss": graphql.settings.jwt_issuer,
        "aud": graphql.settings.jwt_audience,
        "iat": now,
        "exp": now + timedelta(days=1000),
    }
    token = jwt.encode(claims, graphql.settings.secret, algorithm="HS256")

    response = await graphql.execute("{ me { login } }", token=token)

    assert response.status_code == 401
    assert response.errors[0]["extensions"]["code"] == "TOKEN_INVALID"
