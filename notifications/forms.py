from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from notifications.models import Frequency, Kind

# The order and grouping of the preferences page: what experts receive, then institutions.
# models.MANDATORY_KINDS are not offered: they are always e-mailed at once.
EXPERT_KINDS = [
    Kind.INVITATION_RECEIVED,
    Kind.INVITATION_EXPIRING,
    Kind.INTEREST_ACCEPTED,
    Kind.INTEREST_DECLINED,
    Kind.SUGGESTED_PROJECTS,
    Kind.ENGAGEMENT_FOLLOW_UP,
]
INSTITUTION_KINDS = [
    Kind.INTEREST_RECEIVED,
    Kind.INVITATION_ACCEPTED,
    Kind.INVITATION_DECLINED,
    Kind.SUGGESTED_EXPERTS,
    Kind.PROJECT_APPROVED,
    Kind.PROJECT_REJECTED,
    Kind.INSTITUTION_VERIFIED,
    Kind.INSTITUTION_REJECTED,
    Kind.MEMBERSHIP_INVITATION,
]
# Both sides of an engagement write to each other.
CONVERSATION_KINDS = [Kind.MESSAGE_RECEIVED]


class PreferencesForm(forms.Form):
    """One choice per kind: when to e-mail it. Fields are named after the kinds."""

    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in EXPERT_KINDS + INSTITUTION_KINDS + CONVERSATION_KINDS:
            self.fields[kind] = forms.ChoiceField(
                label=Kind(kind).label,
                choices=Frequency.choices,
                initial=current[kind],
                widget=forms.Select,
            )

    def groups(self) -> list[tuple[str | Promise, list[forms.BoundField]]]:
        return [
            (_("Como persona experta"), [self[kind] for kind in EXPERT_KINDS]),
            (_("Como miembro de una institución"), [self[kind] for kind in INSTITUTION_KINDS]),
            (_("En tus conversaciones"), [self[kind] for kind in CONVERSATION_KINDS]),
        ]
