"""The ``nongfang`` console command: serve, migrate, seed, demo, token, schema."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

import uvicorn

from core.logging import configure_logging
from core.settings import Settings, get_settings

logger = logging.getLogger(__name__)

SCHEMA_SNAPSHOT = Path(__file__).resolve().parent.parent / "schema" / "schema.graphql"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    settings = get_settings()
    configure_logging(settings)
    return int(args.handler(args, settings) or 0)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nongfang", description="Nongfang Hub (农房一件事) command line.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="Serve the GraphQL hub with uvicorn.")
    _add_server_options(serve)
    serve.add_argument("--workers", type=int, default=1, help="Number of uvicorn worker processes.")
    serve.set_defaults(handler=_serve)

    migrate = commands.add_parser("migrate", help="Apply database migrations and load official regions.")
    migrate.set_defaults(handler=_migrate)

    seed = commands.add_parser("seed", help="Load the demo data set (skipped when already loaded).")
    seed.add_argument("--households", type=int, default=2000, help="Number of demo households.")
    seed.set_defaults(handler=_seed)

    demo = commands.add_parser("demo", help="Migrate, seed the demo data and serve, in one step.")
    _add_server_options(demo)
    demo.add_argument("--households", type=int, default=2000, help="Number of demo households.")
    demo.set_defaults(handler=_demo)

    token = commands.add_parser("token", help="Print a bearer token for an existing account.")
    token.add_argument("login", help="Account login, e.g. township-gouxi.")
    token.set_defaults(handler=_token)

    schema = commands.add_parser("schema", help="Print the GraphQL SDL, or write it with --output.")
    schema.add_argument("--output", type=Path, help="File to write, e.g. schema/schema.graphql.")
    schema.set_defaults(handler=_schema)
    return parser


def _add_server_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--host", default="127.0.0.1", help="Interface to listen on.")
    command.add_argument("--port", type=int, default=8000, help="TCP port to listen on.")


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    uvicorn.run(
        "core.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=None,
    )
    return 0


def _migrate(_args: argparse.Namespace, settings: Settings) -> int:
    from core.bootstrap import migrate_database

    migrate_database(settings)
    return 0


def _seed(args: argparse.Namespace, settings: Settings) -> int:
    from core.bootstrap import seed_database

    asyncio.run(seed_database(settings, households=args.households))
    return 0


def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from core.bootstrap import migrate_database, seed_database

    migrate_database(settings)
    asyncio.run(seed_database(settings, households=args.households))
    logger.info("demo_serving_next url=http://%s:%s/graphql", args.host, args.port)
    return _serve(argparse.Namespace(host=args.host, port=args.port, workers=1), settings)


def _token(args: argparse.Namespace, settings: Settings) -> int:
    from core.bootstrap import token_for

    token = asyncio.run(token_for(settings, args.login))
    if token is None:
        sys.stderr.write(
            f"nongfang: no account with login {args.login!r}; check the login, "
            "or run 'nongfang seed' on an empty database\n"
        )
        return 2
    print(token)  # noqa: T201
    return 0


def _schema(args: argparse.Namespace, settings: Settings) -> int:
    from schema.graph import build_schema

    sdl = build_schema(settings).as_str() + "\n"
    if args.output is None:
        print(sdl, end="")  # noqa: T201
    else:
        args.output.write_text(sdl, encoding="utf-8")
    return 0
