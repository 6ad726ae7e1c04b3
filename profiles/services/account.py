"""Deleting an account (LFPDPPP right of cancellation): erase the person, keep the statistics."""

import secrets
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from profiles.choices import Visibility
from profiles.events import account_deleted, profile_changed
from profiles.models import (
    Education,
    ExpertProfile,
    Membership,
    MembershipInvitation,
    PortfolioItem,
    Skill,
    User,
)
from profiles.services.experts import profile_reindex

# Erased: everything that identifies or contacts the person. Kept on the anonymised profile
# for the network's statistics: country, origin state, fields, sector, collaboration types,
# approved skills, languages and the survey answers.
ERASED_PROFILE_VALUES: dict[str, Any] = {
    "headline": "",
    "bio": "",
    "city": "",
    "timezone": "",
    "origin_municipality": "",
    "current_position": "",
    "employer": "",
    "orcid": "",
    "linkedin_url": "",
    "website_url": "",
    "visibility": Visibility.HIDDEN,
    "is_paused": True,
}
DELETED_EMAIL_DOMAIN = "deleted.invalid"  # RFC 2606: can never receive mail


def _delete_sessions_of(user: User) -> None:
    # Django keeps no user → session index; scan the live sessions once.
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            session.delete()


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Erase the user's personal data in one transaction; the account can no longer log in.

    The caller must log the current request out afterwards (its session row is gone already).
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    old_email = user.email
    user.email = f"deleted-{user.pk}-{secrets.token_hex(6)}@{DELETED_EMAIL_DOMAIN}"
    user.name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    EmailAddress.objects.filter(user=user).delete()
    MembershipInvitation.objects.filter(email__iexact=old_email).delete()
    Membership.objects.filter(user=user).delete()
    _delete_sessions_of(user)

    profile = ExpertProfile.objects.filter(user=user).first()
    if profile is not None:
        for name, value in ERASED_PROFILE_VALUES.items():
            setattr(profile, name, value)
        profile.changed_at = timezone.now()
        profile.save()
        profile.states_of_interest.clear()
        Education.objects.filter(profile=profile).delete()
        PortfolioItem.objects.filter(profile=profile).delete()
        # Pending skills are the person's own free text, not yet part of the vocabulary.
        profile.skill_links.filter(skill__status=Skill.Status.PENDING).delete()
        profile_reindex(profile=profile)
        profile_changed.send(sender=ExpertProfile, profile_id=profile.pk)
    account_deleted.send(sender=User, user_id=user.pk)


__all__ = ["account_delete"]
