"""GraphQL over HTTP conformance, checked by the graphql-http package's server audits.

The audits run in Node.js from tests/http/audit, where ``npm ci`` installs the pinned
graphql-http, against a real uvicorn process. They run on SQLite only, because the HTTP layer
does not depend on the database backend.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import skip_or_fail
from tests.http.conftest import HubServer

AUDIT_DIR = Path(__file__).resolve().parent / "audit"
AUDIT_TIMEOUT_SECONDS = 120

pytestmark = [
    pytest.mark.node,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]


@pytest.fixture(scope="module")
def node_executable() -> str:
    """Path of node, after checking that the audit's npm packages are installed."""
    node = shutil.which("node")
    if node is None:
        skip_or_fail("Node.js is not installed, so the GraphQL over HTTP audit cannot run")
    assert node is not None  # skip_or_fail always raises, but it is typed to return None
    if not (AUDIT_DIR / "node_modules" / "graphql-http").is_dir():
        skip_or_fail(f"graphql-http is not installed; run 'npm ci' in {AUDIT_DIR}")
    return node


@pytest.fixture(scope="module")
def audit_results(node_executable: str, hub_server: HubServer) -> list[dict[str, Any]]:
    """Every audit's id, name, requirement (MUST, SHOULD or MAY), status and reason."""
    completed = subprocess.run(  # noqa: S603 - runs the repository's own audit script
        [node_executable, "run-audits.mjs", hub_server.graphql_url],
        cwd=AUDIT_DIR,
        capture_output=True,
        text=True,
        timeout=AUDIT_TIMEOUT_SECONDS,
        check=False,
    )
    assert completed.returncode == 0, f"run-audits.mjs exited with {completed.returncode}: {completed.stderr}"
    results: list[dict[str, Any]] = json.loads(completed.stdout)["results"]
    return results


def failures_of(results: list[dict[str, Any]], requirement: str) -> list[str]:
    return [
        f"{result['id']} {result['name']}: {result['status']}: {result['reason']}"
        for result in results
        if result["requirement"] == requirement and result["status"] != "ok"
    ]


def test_audit_covers_must_requirements(audit_results: list[dict[str, Any]]) -> None:
    must_count = sum(1 for result in audit_results if result["requirement"] == "MUST")

    assert must_count > 0, "run-audits.mjs reported no MUST audits"


def test_every_must_audit_passes(audit_results: list[dict[str, Any]]) -> None:
    failures = failures_of(audit_results, "MUST")

    assert failures == [], "MUST audits failed:\n" + "\n".join(failures)


def test_every_should_audit_passes(audit_results: list[dict[str, Any]]) -> None:
    failures = failures_of(audit_results, "SHOULD")

    assert failures == [], "SHOULD audits failed:\n" + "\n".join(failures)
