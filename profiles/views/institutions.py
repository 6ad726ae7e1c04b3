"""Institution pages: register, public page, edit, members and invitations.

Each view authenticates, looks the institution up scoped to the user (out of scope is a 404),
validates a form and calls one service.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from network.web import error_messages, get_or_404, paginate, show_on_form
from profiles.forms.institutions import InstitutionForm, InvitationForm, RoleForm
from profiles.models import Membership
from profiles.permissions import AuthenticatedHttpRequest
from profiles.selectors import institutions as selectors
from profiles.services import institutions as services
from profiles.views.account import institution_side_required

MEMBERS_PER_PAGE = 50
INSTITUTIONS_PER_PAGE = 20


def _error_text(error: ValidationError) -> str:
    return " ".join(error_messages(error))


@login_required
@institution_side_required
@require_GET
def institution_mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    memberships = selectors.membership_list_for_user(user=request.user)
    page = paginate(request, memberships, INSTITUTIONS_PER_PAGE)
    return render(request, "profiles/institution_mine.html", {"page": page})


@login_required
@institution_side_required
@require_http_methods(["GET", "POST"])
def institution_register(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = InstitutionForm()
    if request.method == "POST":
        form = InstitutionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                institution = services.institution_register(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                show_on_form(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Registraste %(name)s. Quedará pendiente hasta que el equipo de la "
                        "plataforma la verifique; mientras tanto ya puedes invitar a tus colegas."
                    )
                    % {"name": institution.name},
                )
                return redirect("profiles:institution_detail", slug=institution.slug)
    return render(request, "profiles/institution_register.html", {"form": form})


@require_GET
def institution_detail(request: HttpRequest, slug: str) -> HttpResponse:
    institution, membership = get_or_404(
        selectors.institution_get_visible, slug=slug, user=request.user
    )
    return render(
        request,
        "profiles/institution_detail.html",
        {"institution": institution, "membership": membership},
    )


@login_required
@require_http_methods(["GET", "POST"])
def institution_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    institution = get_or_404(selectors.institution_get_administered, slug=slug, user=request.user)
    form = InstitutionForm(institution=institution)
    if request.method == "POST":
        form = InstitutionForm(request.POST, request.FILES, institution=institution)
        if form.is_valid():
            try:
                services.institution_update(
                    institution=institution, by=request.user, **form.changes()
                )
            except ValidationError as error:
                show_on_form(form, error)
                # The failed attempt may have changed the in-memory row; show the stored one.
                institution.refresh_from_db()
            else:
                messages.success(request, _("Guardamos los cambios."))
                return redirect("profiles:institution_detail", slug=institution.slug)
    return render(
        request, "profiles/institution_edit.html", {"form": form, "institution": institution}
    )


@login_required
@require_http_methods(["GET", "POST"])
def institution_members(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    institution, membership = get_or_404(
        selectors.institution_get_for_member, slug=slug, user=request.user
    )
    invite_form = InvitationForm()
    if request.method == "POST":
        if not membership.is_admin:
            raise PermissionDenied(_("Solo los administradores de la institución pueden invitar."))
        invite_form = InvitationForm(request.POST)
        if invite_form.is_valid():
            try:
                invitation = services.membership_invite(
                    institution=institution, by=request.user, **invite_form.cleaned_data
                )
            except ValidationError as error:
                show_on_form(invite_form, error)
            else:
                messages.success(
                    request,
                    _("Enviamos la invitación a %(email)s.") % {"email": invitation.email},
                )
                return redirect("profiles:institution_members", slug=institution.slug)
    members = selectors.membership_list_for_institution(institution=institution)
    page = paginate(request, members, MEMBERS_PER_PAGE)
    context = {
        "institution": institution,
        "membership": membership,
        "is_admin": membership.is_admin,
        "page": page,
        "invitations": (
            selectors.invitation_list_open(institution=institution) if membership.is_admin else []
        ),
        "invite_form": invite_form,
        "role_choices": Membership.Role.choices,
    }
    return render(request, "profiles/institution_members.html", context)


@login_required
@require_POST
def membership_remove(
    request: AuthenticatedHttpRequest, slug: str, membership_id: int
) -> HttpResponse:
    institution, _own = get_or_404(
        selectors.institution_get_for_member, slug=slug, user=request.user
    )
    membership = get_or_404(
        selectors.membership_get_for_institution, institution=institution, pk=membership_id
    )
    leaving = membership.user_id == request.user.pk
    try:
        services.membership_remove(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("profiles:institution_members", slug=institution.slug)
    if leaving:
        messages.success(request, _("Saliste de %(name)s.") % {"name": institution.name})
        return redirect("profiles:institution_mine")
    messages.success(
        request,
        _("%(person)s ya no es miembro de %(name)s.")
        % {"person": membership.user, "name": institution.name},
    )
    return redirect("profiles:institution_members", slug=institution.slug)


@login_required
@require_POST
def membership_change_role(
    request: AuthenticatedHttpRequest, slug: str, membership_id: int
) -> HttpResponse:
    institution, _own = get_or_404(
        selectors.institution_get_for_member, slug=slug, user=request.user
    )
    membership = get_or_404(
        selectors.membership_get_for_institution, institution=institution, pk=membership_id
    )
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Elige un rol válido."))
        return redirect("profiles:institution_members", slug=institution.slug)
    try:
        services.membership_change_role(
            membership=membership, by=request.user, role=form.cleaned_data["role"]
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("%(person)s ahora es %(role)s.")
            % {"person": membership.user, "role": membership.get_role_display().lower()},
        )
    return redirect("profiles:institution_members", slug=institution.slug)


@login_required
@require_POST
def membership_invitation_revoke(
    request: AuthenticatedHttpRequest, slug: str, invitation_id: int
) -> HttpResponse:
    institution, _own = get_or_404(
        selectors.institution_get_for_member, slug=slug, user=request.user
    )
    invitation = get_or_404(
        selectors.invitation_get_for_institution, institution=institution, pk=invitation_id
    )
    try:
        services.membership_invitation_revoke(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request, _("Revocamos la invitación a %(email)s.") % {"email": invitation.email}
        )
    return redirect("profiles:institution_members", slug=institution.slug)


@login_required
@require_http_methods(["GET", "POST"])
def membership_accept(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    invitation = get_or_404(selectors.invitation_get_by_token, token=token)
    institution = invitation.institution
    problem = ""
    already = None
    try:
        already = services.membership_invitation_check(invitation=invitation, user=request.user)
        if already is None and request.method == "POST":
            already = services.membership_invitation_accept(
                invitation=invitation, user=request.user
            )
            messages.success(request, _("Te uniste a %(name)s.") % {"name": institution.name})
            return redirect("profiles:institution_detail", slug=institution.slug)
    except ValidationError as error:
        problem = _error_text(error)
    except PermissionDenied as error:
        problem = str(error)
    if not problem and already is not None:
        messages.info(request, _("Ya eres miembro de %(name)s.") % {"name": institution.name})
        return redirect("profiles:institution_detail", slug=institution.slug)
    return render(
        request,
        "profiles/membership_accept.html",
        {"invitation": invitation, "problem": problem},
        status=403 if problem and request.method == "POST" else 200,
    )
