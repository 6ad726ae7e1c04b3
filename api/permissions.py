"""Scopes: each API view declares the scope its reads and its writes need.

`read_scope` covers GET/HEAD/OPTIONS, `write_scope` the other methods; None means any valid
key. `institution_key_required` views act for the key's institution, so partner keys (which
have none) get 403.
"""

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from partners.models import ApiKey


def request_key(request: Request) -> ApiKey | None:
    return request.auth if isinstance(request.auth, ApiKey) else None


class ApiKeyScopes(BasePermission):
    message: str | Promise = _(
        "Esta API se usa con una clave de API: «Authorization: Bearer <clave>»."
    )
    code = "api_key_required"

    def has_permission(self, request: Request, view: Any) -> bool:
        key = request_key(request)
        if key is None:
            return False
        if getattr(view, "institution_key_required", False) and key.institution_id is None:
            self.message = _("Esta operación es para claves de una institución.")
            self.code = "institution_key_required"
            return False
        scope = (
            getattr(view, "read_scope", None)
            if request.method in SAFE_METHODS
            else getattr(view, "write_scope", None)
        )
        if scope and not key.has_scope(scope):
            self.message = _("Esta clave no tiene el permiso «%(scope)s».") % {"scope": scope}
            self.code = "insufficient_scope"
            return False
        return True
