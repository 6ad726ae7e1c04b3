"""Round pages (staff, or an institution admin for their own needs) and re-routing a
declined invitation (the project's members)."""

import csv
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from matching import learning
from matching import selectors as matching_selectors
from matching.models import MatchRound, RoundCandidate, RoundNeed
from matching.rounds import selectors, services, tasks
from matching.rounds.forms import InviteNextForm, PinForm, RoundForm, WantedForm
from network.web import get_or_404, paginate, show_on_form
from profiles.models import Institution, User
from projects.services.requests import invitation_create


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view here is login_required


def _institutions(user: User) -> list[Institution]:
    """The institutions whose rounds the user may create: none needed for staff."""
    return list(
        Institution.objects.filter(memberships__user=user, memberships__role="admin").order_by("pk")
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    institutions = _institutions(user)
    if not user.is_staff and not institutions:
        raise Http404
    form = RoundForm(request.POST or None, institutions=institutions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        settings = {k: data[k] for k in RoundForm.Meta.fields if k not in ("name", "institution")}
        try:
            match_round = services.round_create(
                by=user,
                name=data["name"],
                institution=data["institution"],
                project_ids=[p.pk for p in data["projects"]],
                status=data["status"],
                kind=data["kind"],
                **settings,
            )
        except (ValidationError, PermissionDenied) as error:
            show_on_form(form, ValidationError(str(getattr(error, "message", error))))
        else:
            tasks.round_run_task.delay(match_round.pk)
            return redirect("matching:rounds:detail", pk=match_round.pk)
    page = paginate(request, selectors.round_list_for(user), 20)
    return render(request, "matching/round_list.html", {"form": form, "page": page})


@login_required
@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    match_round = get_or_404(selectors.round_get_for, user=_user(request), pk=pk)
    context = selectors.round_review_page(match_round) if match_round.is_finished else {}
    return render(request, "matching/round_detail.html", {"round": match_round, **context})


@login_required
@require_GET
def round_status(request: HttpRequest, pk: int) -> HttpResponse:
    match_round = get_or_404(selectors.round_get_for, user=_user(request), pk=pk)
    response = render(request, "matching/_partials/round_status.html", {"round": match_round})
    if match_round.is_finished and getattr(request, "htmx", False):
        response["HX-Refresh"] = "true"
    return response


def _act(request: HttpRequest, match_round: MatchRound, action: object) -> HttpResponse:
    try:
        action()  # type: ignore[operator]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except (PermissionDenied, RoundCandidate.DoesNotExist, RoundNeed.DoesNotExist) as error:
        raise Http404 from error
    return redirect("matching:rounds:detail", pk=match_round.pk)


@login_required
@require_POST
def round_pin(request: HttpRequest, pk: int, candidate: int) -> HttpResponse:
    match_round = get_or_404(selectors.round_get_for, user=_user(request), pk=pk)
    form = PinForm(request.POST)
    pin = form.cleaned_data["pin"] if form.is_valid() else "?"
    return _act(
        request,
        match_round,
        lambda: services.round_pin(
            match_round=match_round, candidate_id=candidate, pin=pin, by=_user(request)
        ),
    )


@login_required
@require_POST
def round_wanted(request: HttpRequest, pk: int, project: int) -> HttpResponse:
    match_round = get_or_404(selectors.round_get_for, user=_user(request), pk=pk)
    form = WantedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Entre 1 y 3 expertos."))
        return redirect("matching:rounds:detail", pk=match_round.pk)
    return _act(
        request,
        match_round,
        lambda: services.round_need_wanted(
            match_round=match_round,
            project_id=project,
            wanted=form.cleaned_data["wanted"],
            by=_user(request),
        ),
    )


@login_required
@require_POST
def round_solve(request: HttpRequest, pk: int) -> HttpResponse:
    match_round = get_or_404(selectors.round_get_for, user=_user(request), pk=pk)
    # Only a finished round: one queued or running would be built by two runs at once.
    if match_round.status in (MatchRound.Status.SOLVED, MatchRound.Status.FAILED):
        MatchRound.objects.filter(pk=match_round.pk).update(status=MatchRound.Status.QUEUED)
        tasks.round_run_task.delay(match_round.pk)
    return redirect("matching:rounds:detail", pk=match_round.pk)


@login_required
@require_POST
def round_publish(request: HttpRequest, pk: int) -> HttpResponse:
    match_round = get_or_404(selectors.round_get_for, user=_user(request), pk=pk)

    def publish() -> None:
        result = services.round_publish(match_round=match_round, by=_user(request))
        messages.success(
            request,
            _("Enviamos %(sent)s invitaciones (%(skipped)s no se pudieron enviar).") % result,
        )

    return _act(request, match_round, publish)


@login_required
@require_GET
def round_csv(request: HttpRequest, pk: int) -> HttpResponse:
    match_round = get_or_404(selectors.round_get_for, user=_user(request), pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ronda-{match_round.pk}.csv"'
    csv.writer(response).writerows(selectors.round_csv_rows(match_round))
    return response


@login_required
@require_http_methods(["GET", "POST"])
def project_next(request: HttpRequest, pk: int) -> HttpResponse:
    """After a declined or expired invitation: the next best available experts, one click each
    to invite (never whoever declined, nor anyone in conflict)."""
    project = get_or_404(matching_selectors.project_get_for_suggestions, user=_user(request), pk=pk)
    candidates = selectors.next_candidates(project=project)
    if request.method == "POST":
        form = InviteNextForm(request.POST)
        offered = {c.expert.pk: c for c in candidates}
        if not form.is_valid() or form.cleaned_data["expert"] not in offered:
            raise Http404
        chosen = offered[form.cleaned_data["expert"]]
        reasons = "; ".join(chosen.reasons_es[:3])
        try:
            invitation_create(
                project=project,
                expert=chosen.expert,
                message=_("Te proponemos para este proyecto porque: %(reasons)s.")
                % {"reasons": reasons},
                by=_user(request),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as error:
            raise Http404 from error
        else:
            messages.success(request, _("Invitación enviada."))
        return redirect("matching:rounds:project_next", pk=project.pk)
    if not _user(request).is_staff:  # as on the suggestions page: staff are not the audience
        learning.suggestions_shown(matches=[c.match for c in candidates if c.match is not None])
    return render(
        request,
        "matching/project_next.html",
        {
            "project": project,
            "candidates": candidates,
            "closed": selectors.closed_invitations(project),
        },
    )
