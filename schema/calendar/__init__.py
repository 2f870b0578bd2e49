"""GraphQL types and mutations of the official holiday calendar."""
