"""Demo data: villages, households, land, accounts and applications in every approval state."""

from core.seed.accounts import DEMO_ACCOUNTS, DemoAccount
from core.seed.demo import SeedSummary, seed_demo

__all__ = ["DEMO_ACCOUNTS", "DemoAccount", "SeedSummary", "seed_demo"]
