"""GraphQL types of households and members."""
