from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp, SocialLogin
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from profiles.models import ExpertProfile, User
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

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        # Signed in straight after sign-up (sign-in with another account whose provider verified
        # the e-mail): the same first step as after a first login.
        return self.get_login_redirect_url(request)

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


class ProviderOff(Http404, SocialApp.DoesNotExist):
    """A provider that is not configured: a 404 for a request, still a DoesNotExist for
    allauth's own code that expects one."""


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Sign-in with other accounts (profiles/socialproviders.py): an existing account is entered
    only through an e-mail that both the provider and Puentes verified; anything else goes
    through the sign-up form (side, name) and, for an unverified e-mail, its verification."""

    def authenticate_by_email(self, sociallogin: SocialLogin) -> tuple[User, str] | None:
        # Only a verified local address: an account someone opened with another person's
        # e-mail (never confirmed) is not handed to whoever signs in with that e-mail.
        for address in sociallogin.email_addresses:
            if not address.verified or not self.can_authenticate_by_email(
                sociallogin, address.email
            ):
                continue
            local = (
                EmailAddress.objects.filter(email__iexact=address.email, verified=True)
                .select_related("user")
                .first()
            )
            if local is not None:
                return local.user, local.email
        return None

    def populate_user(self, request: HttpRequest, sociallogin: SocialLogin, data: dict) -> Any:
        user = super().populate_user(request, sociallogin, data)
        full = " ".join(filter(None, (data.get("first_name"), data.get("last_name"))))
        user.name = (data.get("name") or full or "").strip()[:200]
        return user

    def get_signup_form_initial_data(self, sociallogin: SocialLogin) -> dict:
        return {**super().get_signup_form_initial_data(sociallogin), "name": sociallogin.user.name}

    def get_app(self, request: HttpRequest, provider: str, client_id: str | None = None) -> Any:
        # A provider whose variables are unset has no app: its URLs answer 404, not 500.
        try:
            return super().get_app(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist as missing:
            raise ProviderOff from missing
