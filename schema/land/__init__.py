"""GraphQL types of homesteads and houses."""
