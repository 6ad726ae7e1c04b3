"""The demo institutions now live in `profiles.demo`; `network/management/commands/seed_demo.py`
still imports `seed_institutions` from here, so this module re-exports it for that caller."""

from profiles.demo import seed_institutions

__all__ = ["seed_institutions"]
