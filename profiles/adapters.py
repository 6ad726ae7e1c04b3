from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from profiles.models import ExpertProfile
from profiles.permissions import signed_in


class AccountAdapter(DefaultAccountAdapter):
    """After logging in, send people where their next step is."""

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
        if user.memberships.exists():
            return reverse("projects:dashboard")
        if not ExpertProfile.objects.filter(user=user, onboarded_at__isnull=False).exists():
            return reverse("profiles:me")
        return super().get_login_redirect_url(request)
