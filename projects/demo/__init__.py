"""Demo collaboration needs for local runs: ~20 projects across the region's states and
collaboration types, with interests, invitations, engagements and outcomes.

`seed_projects()` uses whatever institutions (with members) and onboarded experts exist —
run `profiles.demo.seed_institutions` and `profiles.demo.seed_experts` first —
and skips gracefully when there are too few. Everything goes through projects.services, so
the workflow log, events and capacity rules apply as in real use. Idempotent: a project is
keyed by (institution, title); one that exists is left as it is, with its activity.
"""

from projects.demo.catalogue import PROJECTS, DemoProject
from projects.demo.seeder import seed_projects

__all__ = ["PROJECTS", "DemoProject", "seed_projects"]
