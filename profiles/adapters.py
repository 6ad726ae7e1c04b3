from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from profiles.models import ExpertProfile
from profiles.permissions import signed_in


class AccountAdapter(DefaultAccountAdapter):
    """After logging in, send people where their next step is; tell a suspended person why
    they cannot sign in (only after the right password, so it reveals nothing to others)."""

    def respond_user_inactive(self, request: HttpRequest, user: AbstractBaseUser) -> HttpResponse:
        if getattr(user, "suspended_at", None) is not None:
            return render(request, "account/account_suspended.html", status=403)
        return super().respond_user_inactive(request, user)

    # Failed logins lock an account for a few minutes (ACCOUNT_RATE_LIMITS); a password reset
    # lifts the lock at once (allauth clears the count when the reset succeeds): say so.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Demasiados intentos fallidos. Espera unos minutos o, si es tu cuenta, restablece "
            "tu contraseña por correo para entrar de inmediato."
        ),
    }

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        user = request.user
        if not signed_in(user) or user.is_staff:
            return super().get_login_redirect_url(request)
        # Each side starts where its own first step is: an institution's registration, an
        # expert's wizard; both lead to the panel once done.
        if user.memberships.exists():
            return reverse("projects:dashboard")
        if user.acts_as_expert:
            if not ExpertProfile.objects.filter(user=user, onboarded_at__isnull=False).exists():
                return reverse("profiles:me")
            return super().get_login_redirect_url(request)
        return reverse("profiles:institution_register")
