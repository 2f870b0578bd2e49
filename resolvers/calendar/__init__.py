"""Official calendar resolvers."""
