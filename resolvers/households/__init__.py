"""Household resolvers and loaders."""
