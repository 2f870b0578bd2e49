"""A real uvicorn process serving the hub on a free loopback port, for tests over real HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from core.settings import Environment, Settings

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
SERVER_SECRET = "http-test-secret-that-is-long-enough-for-hs256"
STARTUP_TIMEOUT_SECONDS = 30.0
SHUTDOWN_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class HubServer:
    """A running hub: where it listens and the settings it was started with."""

    base_url: str
    settings: Settings
    pid: int

    @property
    def graphql_url(self) -> str:
        return f"{self.base_url}/graphql"


def free_port() -> int:
    """Return a loopback port that is free now. Another process could take it before uvicorn binds it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def hub_server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    """Start ``uvicorn --factory core.app:create_app`` on the test database and stop it after the module."""
    settings = Settings(environment=Environment.TEST, database_url=database_url, secret=SERVER_SECRET)
    port = free_port()
    # The server runs in a fresh folder without a .env file, so a developer's .env cannot change its settings.
    work_dir = tmp_path_factory.mktemp("uvicorn")
    log_path = work_dir / "server.log"
    environment = {
        **_inherited_environment(),
        "PYTHONPATH": str(REPOSITORY_ROOT),
        "NONGFANG_DATABASE_URL": settings.database_url,
        "NONGFANG_ENVIRONMENT": settings.environment.value,
        "NONGFANG_SECRET": settings.secret,
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "core.app:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]

    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - the command is fixed, only the port varies
            command, cwd=work_dir, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        server = HubServer(base_url=f"http://127.0.0.1:{port}", settings=settings, pid=process.pid)
        _wait_until_healthy(process, server, log_path)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=SHUTDOWN_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=SHUTDOWN_TIMEOUT_SECONDS)


def _inherited_environment() -> dict[str, str]:
    """Pass the caller's environment on, less the hub's own settings, which the fixture sets."""
    return {name: value for name, value in os.environ.items() if not name.startswith("NONGFANG_")}


def _wait_until_healthy(process: subprocess.Popen[bytes], server: HubServer, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    last_error = "no response yet"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"uvicorn exited with code {process.returncode} before /healthz responded:\n{_tail(log_path)}")
        try:
            response = httpx.get(f"{server.base_url}/healthz", timeout=2)
        except httpx.TransportError as error:
            last_error = f"{type(error).__name__}: {error}"
        else:
            if response.status_code == 200:
                return
            last_error = f"HTTP {response.status_code}: {response.text}"
        time.sleep(0.1)
    pytest.fail(
        f"uvicorn at {server.base_url} did not respond on /healthz within {STARTUP_TIMEOUT_SECONDS} s "
        f"({last_error}):\n{_tail(log_path)}"
    )


def _tail(log_path: Path, lines: int = 40) -> str:
    return "\n".join(log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
