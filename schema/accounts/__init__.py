"""GraphQL types of accounts."""
