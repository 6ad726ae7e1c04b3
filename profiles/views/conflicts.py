"""Conflicts of interest: the person's declarations, declaring one, withdrawing one."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from network.web import redirect_next_or, show_on_form
from profiles.forms.conflicts import ConflictForm
from profiles.models import ExpertProfile, User
from profiles.selectors.conflicts import conflict_list_for
from profiles.services.conflicts import conflict_declare, conflict_withdraw


@login_required
@require_http_methods(["GET", "POST"])
def conflict_list(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        expert_id = form.cleaned_data["expert"]
        expert = (
            ExpertProfile.objects.filter(pk=expert_id).first()
            if expert_id
            else getattr(user, "expert_profile", None)
        )
        if expert is None:
            raise Http404
        try:
            conflict_declare(
                expert=expert,
                institution=form.cleaned_data["institution"],
                by=user,
                note=form.cleaned_data["note"],
            )
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("Conflicto de interés declarado."))
            return redirect_next_or(request, request.path)
    return render(
        request,
        "profiles/conflict_list.html",
        {"form": form, "conflicts": conflict_list_for(user)},
    )


@login_required
@require_POST
def conflict_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    conflict = conflict_list_for(user).filter(pk=pk).first()
    if conflict is None:
        raise Http404
    try:
        conflict_withdraw(conflict=conflict, by=user)
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(request, _("Conflicto retirado."))
    return redirect("profiles:conflicts")
