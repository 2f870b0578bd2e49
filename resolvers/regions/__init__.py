"""Region resolvers and loaders."""
