"""The GraphQL schema: types, inputs, error codes and root fields per area."""
