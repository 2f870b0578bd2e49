"""Resolvers and data loaders that back the GraphQL schema."""
