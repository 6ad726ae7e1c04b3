"""Admin for sign-in with other accounts: which person is connected to which provider.

Providers come only from the environment (profiles/socialproviders.py): allauth's SocialApp admin
is removed so that no row can switch a provider on behind it; tokens are not stored."""

from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

for model in (SocialApp, SocialToken, SocialAccount):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(SocialAccount)
class SocialAccountAdmin(admin.ModelAdmin):
    list_display = ["person", "provider", "identity", "date_joined"]
    list_filter = ["provider"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__name", "uid"]
    raw_id_fields = ["user"]
    readonly_fields = ["provider", "uid", "extra_data", "last_login", "date_joined"]

    @admin.display(description=_("persona"), ordering="user__email")
    def person(self, account: SocialAccount) -> str:
        return str(account.user)

    @admin.display(description=_("identificador en el proveedor"), ordering="uid")
    def identity(self, account: SocialAccount) -> str:
        return account.uid
