"""Helpers shared by the projects views."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def error_messages(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def show_on_form(form: Any, error: ValidationError) -> None:
    """Show a service's ValidationError on the form (per field when it names one)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def redirect_next_or(request: HttpRequest, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)


def get_or_404(lookup: Callable[..., Any], **kwargs: Any) -> Any:
    try:
        return lookup(**kwargs)
    except ObjectDoesNotExist as error:
        raise Http404 from error
