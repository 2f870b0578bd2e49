"""The committed SDL snapshot matches the schema the code builds."""

from __future__ import annotations

from pathlib import Path

from core.settings import Environment, Settings
from schema.graph import build_schema

SNAPSHOT = Path(__file__).resolve().parents[2] / "schema" / "schema.graphql"


def test_snapshot_matches_schema() -> None:
    settings = Settings(environment=Environment.TEST, secret="test-secret-that-is-long-enough-for-hs256")

    built = build_schema(settings).as_str() + "\n"

    assert built == SNAPSHOT.read_text(encoding="utf-8"), (
        "schema/schema.graphql is out of date; run `nongfang schema --output schema/schema.graphql` and commit it"
    )


def test_snapshot_same_in_production() -> None:
    settings = Settings(environment=Environment.PRODUCTION, secret="production-secret-that-is-long-enough-for-hs256")

    built = build_schema(settings).as_str() + "\n"

    assert built == SNAPSHOT.read_text(encoding="utf-8"), "the production schema differs from the snapshot"
