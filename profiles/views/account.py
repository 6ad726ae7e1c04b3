"""The account page (e-mail, password, sides, language, data, deletion) and the guards that keep
each side's screens for the people who chose that side."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from network.web import show_on_form
from profiles.choices import AccountRole
from profiles.forms import RoleForm
from profiles.permissions import AuthenticatedHttpRequest
from profiles.services.account import account_language_set, account_role_set

View = Callable[..., HttpResponse]


def _side_required(side: str) -> Callable[[View], View]:
    """Send someone who has not chosen `side` to the account page, saying how to add it,
    instead of opening the other side's wizard (a liaison never lands in the expert one)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: AuthenticatedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            allowed = user.acts_as_expert if side == "expert" else user.acts_as_institution
            if allowed or user.is_staff:
                return view(request, *args, **kwargs)
            messages.info(
                request,
                _("Para crear tu perfil de persona experta, añade ese papel a tu cuenta.")
                if side == "expert"
                else _("Para registrar una institución, añade ese papel a tu cuenta."),
            )
            return redirect("profiles:account")

        return wrapped

    return decorator


expert_side_required = _side_required("expert")
institution_side_required = _side_required("institution")


def _language_changed(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The site's language and the e-mails' (the preferred language) in one step."""
    language = request.POST.get("language", "")
    if language in dict(settings.LANGUAGES):
        account_language_set(user=request.user, language=language)
        with translation.override(language):  # the next page is in the new language already
            messages.success(request, _("Listo: cambiamos tu idioma."))
    response = redirect("profiles:account")
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        request.user.language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST" and "language" in request.POST:
        return _language_changed(request)
    form = RoleForm(request.POST or None, initial={"role": user.role})
    if request.method == "POST" and form.is_valid():
        try:
            account_role_set(user=user, role=form.cleaned_data["role"])
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("Listo: actualizamos lo que haces en Puentes."))
            return redirect("projects:dashboard")
    emails = EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    return render(
        request,
        "profiles/account.html",
        {"form": form, "emails": emails, "role_label": AccountRole(user.role).label},
    )
