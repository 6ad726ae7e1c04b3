"""The provider's pages: a login form, and django-oauth-toolkit's OAuth 2 / OIDC endpoints."""

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.urls import include, path
from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    """Claims from the test's table of people: the e-mail, and whether the provider vouches
    for it (`email_verified`), which is what Puentes must respect."""

    def get_additional_claims(self, request):
        person = settings.CONFIG["people"][request.user.username]
        return {
            "name": person["name"],
            "email": person["email"],
            "email_verified": person["email_verified"],
        }


urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
