"""GraphQL types of regions."""
