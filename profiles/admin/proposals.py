"""Skills people propose (a term we had mapped onto another skill, or a missing one)."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from profiles.admin.actions import staff_user
from profiles.models import SkillProposal
from profiles.services.taxonomy import skill_proposal_close


@admin.register(SkillProposal)
class SkillProposalAdmin(admin.ModelAdmin):
    list_display = ["term", "known_as", "status", "proposed_by", "created_at"]
    list_filter = ["status"]
    search_fields = ["term", "note"]
    list_select_related = ["known_as", "proposed_by"]
    readonly_fields = ["term", "known_as", "note", "proposed_by", "status", "created_at"]
    actions = ["mark_added", "mark_declined"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # proposals come from the site; staff add skills in "Habilidades"

    def _close(self, request: HttpRequest, queryset: QuerySet, status: str) -> None:
        proposals = list(queryset.filter(status=SkillProposal.Status.OPEN))
        for proposal in proposals:
            skill_proposal_close(proposal=proposal, status=status, by=staff_user(request))
        self.message_user(
            request,
            ngettext(
                "Se cerró %(count)d propuesta.", "Se cerraron %(count)d propuestas.", len(proposals)
            )
            % {"count": len(proposals)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Marcar como añadidas al vocabulario"), permissions=["change"])
    def mark_added(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._close(request, queryset, SkillProposal.Status.ADDED)

    @admin.action(description=_("Descartar las propuestas seleccionadas"), permissions=["change"])
    def mark_declined(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._close(request, queryset, SkillProposal.Status.DECLINED)
