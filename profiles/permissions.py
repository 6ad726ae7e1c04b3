"""Who is signed in, and who counts as a member of the network (members-only visibility and
the directory)."""

from typing import TypeGuard

from django.http import HttpRequest

from profiles.models.users import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request a view behind `login_required` receives: its user has signed in. An
    annotation for type checkers; Django still passes its own HttpRequest."""

    user: User


def signed_in(user: object) -> TypeGuard[User]:
    """Is `user` someone who signed in (not an anonymous visitor)?"""
    return isinstance(user, User) and user.is_authenticated


def is_network_member(user: object) -> bool:
    """An onboarded expert, a member of a verified institution, or platform staff."""
    return signed_in(user) and user.is_network_member
