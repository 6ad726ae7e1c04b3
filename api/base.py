"""What every partner API view shares: key authentication, scopes, throttling, the error
shape (settings.REST_FRAMEWORK), and the key the request was made with."""

from typing import TYPE_CHECKING, Any, cast

from django.db.models import QuerySet
from rest_framework import viewsets
from rest_framework.views import APIView

from api.permissions import ApiKeyScopes
from network.db_router import replica_alias
from partners.models import ApiKey
from profiles.models import User

# Type checkers see the mixins as the DRF views they are mixed into.
if TYPE_CHECKING:
    from rest_framework.generics import GenericAPIView as ViewBase
else:
    ViewBase = object


class KeyScopedMixin(ViewBase):
    permission_classes = [ApiKeyScopes]
    # Ids are integers: anything else never reaches a view (it is the API's 404).
    lookup_value_regex = "[0-9]+"
    read_scope: str | None = None
    write_scope: str | None = None
    institution_key_required = False
    # Service ValidationError field names → API field names, where they differ.
    service_field_map: dict[str, str] = {}

    @property
    def key(self) -> ApiKey:
        return cast(ApiKey, self.request.auth)  # ApiKeyScopes guarantees it

    @property
    def issuer(self) -> User:
        """Who the key acts as: its issuer (ApiKeyAuthentication makes them request.user), so
        services apply the site's rules to them."""
        return cast(User, self.request.user)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        # Lists tolerate a second of replica lag (network/db_router.py); one row, a command's
        # answer and everything read after a write stay on the primary.
        if getattr(self, "action", None) == "list":
            return queryset.using(replica_alias())
        return queryset

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if isinstance(getattr(self.request, "auth", None), ApiKey):
            context["key"] = self.request.auth
        return context


class KeyScopedAPIView(KeyScopedMixin, APIView):
    def get_serializer_context(self) -> dict[str, Any]:
        return {"request": self.request, "view": self, "key": self.request.auth}


class KeyScopedReadOnlyViewSet(KeyScopedMixin, viewsets.ReadOnlyModelViewSet):
    pass


class KeyScopedGenericViewSet(KeyScopedMixin, viewsets.GenericViewSet):
    pass
