"""Domain models and rules, free of GraphQL and HTTP."""
