"""Approval resolvers and loaders."""
