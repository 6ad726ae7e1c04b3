from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """Narrows the activity figures (needs, requests, engagements, outcomes) to the projects
    of one state or one institution, for a funder report; the public snapshot has none."""

    state_id: int | None = None
    institution_id: int | None = None

    def project_filter(self, prefix: str = "") -> dict[str, int]:
        lookups: dict[str, int] = {}
        if self.state_id is not None:
            lookups[f"{prefix}state_id"] = self.state_id
        if self.institution_id is not None:
            lookups[f"{prefix}institution_id"] = self.institution_id
        return lookups
