"""Proposing a new skill: from the "we know this as …" message or the project form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from network.web import redirect_next_or, safe_next_url, show_on_form
from profiles.forms.skills import SkillProposalForm
from profiles.models import Skill
from profiles.permissions import AuthenticatedHttpRequest
from profiles.services.taxonomy import skill_propose as skill_propose_service


@login_required
@require_http_methods(["GET", "POST"])
def skill_propose(request: AuthenticatedHttpRequest) -> HttpResponse:
    initial = {"term": request.GET.get("termino", "")[:100]}
    form = SkillProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = skill_propose_service(
                term=form.cleaned_data["term"], note=form.cleaned_data["note"], by=request.user
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(
                request,
                _("Gracias: el equipo revisará «%(term)s» antes de añadirla al vocabulario.")
                % {"term": proposal.term},
            )
            return redirect_next_or(request, reverse("profiles:account"))
    # The term we would map it to: the cleaned one, or the one the link carried (a NUL byte,
    # which PostgreSQL text refuses, can only be hostile).
    term = form.cleaned_data.get("term", "") if form.is_bound else initial["term"]
    term = term.replace("\x00", "")
    known_as = Skill.objects.approved().matching_term(term).first() if term else None
    return render(
        request,
        "profiles/skill_propose.html",
        {
            "form": form,
            "known_as": known_as,
            "next": safe_next_url(request, request.POST.get("next") or request.GET.get("next")),
        },
    )
