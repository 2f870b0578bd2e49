"""Background tasks run by Celery: the transactional outbox relay, and later the integrations."""
