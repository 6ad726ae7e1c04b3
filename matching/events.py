"""Domain events of the matching engine (ids only; subscribers enqueue on commit)."""

from django.dispatch import Signal

# New suggestions for a project. kwargs: project_id, expert_ids (profiles newly suggested)
matches_computed = Signal()

# New suggested projects for an expert. kwargs: profile_id, project_ids
expert_suggestions_computed = Signal()

# A match round was published: its invitations exist. kwargs: round_id, invitation_ids (per
# expert, {expert_id: [invitation ids]}) — one digest per expert, not one notice per invitation.
round_published = Signal()
