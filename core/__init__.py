"""Application core: settings, database, auth, events, the ASGI app and the CLI."""
