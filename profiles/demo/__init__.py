"""Demo data for local runs (`manage.py seed_demo`): institutions with liaison users, and
diaspora experts. Kept out of the runtime modules; everything goes through the services."""

from profiles.demo.base import DEMO_PASSWORD
from profiles.demo.experts import EXPERTS, seed_experts
from profiles.demo.institutions import INSTITUTIONS, seed_institutions

__all__ = ["DEMO_PASSWORD", "EXPERTS", "INSTITUTIONS", "seed_experts", "seed_institutions"]
