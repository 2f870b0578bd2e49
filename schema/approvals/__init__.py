"""GraphQL types, inputs and mutations of the approvals area."""
