"""A published match round: each expert hears once, in one notice naming every project they
were invited to and why, rather than one notice per invitation."""

from collections.abc import Mapping

from notifications.models import Kind
from notifications.services.kinds.shared import excerpt, name_of, project_path
from notifications.services.notify import notification_create
from projects.models import Invitation


def round_invitations(*, round_id: int, invitation_ids: Mapping[int, list[int]]) -> None:
    for expert_id in sorted(invitation_ids):
        invitations = list(
            Invitation.objects.filter(pk__in=invitation_ids[expert_id])
            .select_related("project__institution", "expert__user", "invited_by")
            .order_by("pk")
        )
        if not invitations or not invitations[0].expert.user.is_active:
            continue
        first = invitations[0]
        titles = "; ".join(i.project.title for i in invitations)
        message = "\n".join(f"{i.project.title}: {i.message}" for i in invitations)
        notification_create(
            recipient=first.expert.user,
            kind=Kind.INVITATION_RECEIVED,
            key=f"invitation_received:round:{round_id}:expert:{expert_id}",
            target=first,
            payload={
                "project_title": titles,
                "institution_name": ", ".join(
                    sorted({i.project.institution.name for i in invitations})
                ),
                "inviter_name": name_of(first.invited_by),
                "message": excerpt(message),
                "expires_at": first.expires_at.isoformat(),
                "url": project_path(first.project_id, "#participate-title"),
                "count": len(invitations),
            },
        )
