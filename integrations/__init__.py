"""Clients of external bank and department systems, each with a simulator for tests."""
