"""Claim links: each imported person is e-mailed a signed link that expires; following it they
set a password and accept the privacy notice, and only then is their profile listed."""

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chapters.models import Chapter, MembershipState
from chapters.services import chapter_join, membership_approve
from imports.models import ImportedAccount
from imports.permissions import chapters_coordinated
from profiles.models import User
from profiles.services.experts import ONBOARDING_STEPS, profile_onboarding_save
from profiles.services.vetting import profile_vet

SALT = "imports.claim"
INVITATIONS_PER_BATCH = 200


class ClaimExpired(Exception):
    pass


def claim_token(account: ImportedAccount) -> str:
    return signing.dumps({"a": account.pk}, salt=SALT)


def claim_url(account: ImportedAccount) -> str:
    return settings.SITE_URL + reverse("imports:claim", kwargs={"token": claim_token(account)})


def account_from_token(token: str) -> ImportedAccount:
    """The account a link names: DoesNotExist when forged or altered, ClaimExpired when old.
    A claimed account is returned as it is (the page says so)."""
    max_age = settings.IMPORTS_CLAIM_MAX_AGE_DAYS * 86400
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ClaimExpired from error
    except signing.BadSignature as error:
        raise ImportedAccount.DoesNotExist from error
    return ImportedAccount.objects.select_related("user", "job__chapter").get(pk=data.get("a"))


# Placeholders rendered into the template once per language and chapter, then replaced per
# person: rendering a template for each of 10,000 people took most of the sending time.
NAME, URL = "\x00name\x00", "\x00url\x00"


def _render(language: str, chapter: Chapter | None) -> tuple[str, str]:
    with translation.override(language):
        context = {
            "name": NAME,
            "url": URL,
            "days": settings.IMPORTS_CLAIM_MAX_AGE_DAYS,
            "chapter": chapter,
        }
        return _("Tu perfil en Puentes te espera"), render_to_string(
            "imports/email/claim_invitation.txt", context
        )


def _messages(accounts: list[ImportedAccount]) -> list[EmailMultiAlternatives]:
    rendered: dict[tuple[str, int | None], tuple[str, str]] = {}
    messages = []
    for account in accounts:
        user, chapter = account.user, account.job.chapter if account.job else None
        key = (user.language, chapter.pk if chapter else None)
        if key not in rendered:
            rendered[key] = _render(user.language, chapter)
        subject, body = rendered[key]
        body = body.replace(NAME, user.name).replace(URL, claim_url(account))
        messages.append(EmailMultiAlternatives(subject, body, to=[user.email]))
    return messages


def claim_invitations_send(*, job_id: int) -> int:
    """E-mail the claim link to the job's people not invited yet; returns how many. Rows are
    locked (SKIP LOCKED) so two runs never mail the same person; a failed send rolls back its
    batch, which the next run sends again."""
    sent = 0
    connection = get_connection()
    while True:
        with transaction.atomic():
            accounts = list(
                ImportedAccount.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(job_id=job_id, invited_at__isnull=True, claimed_at__isnull=True)
                .select_related("user", "job__chapter")[:INVITATIONS_PER_BATCH]
            )
            if not accounts:
                return sent
            connection.send_messages(_messages(accounts))
            ImportedAccount.objects.filter(pk__in=[a.pk for a in accounts]).update(
                invited_at=timezone.now()
            )
            sent += len(accounts)


def _join_chapter(account: ImportedAccount, user: User) -> None:
    job = account.job
    if job is None or job.chapter is None:
        return
    try:
        membership = chapter_join(chapter=job.chapter, user=user)
        importer = job.created_by
        coordinates = importer is not None and (
            importer.is_staff or chapters_coordinated(importer).filter(pk=job.chapter.pk).exists()
        )
        if membership.state == MembershipState.REQUESTED and importer and coordinates:
            membership_approve(membership=membership, by=importer)
    except ValidationError:
        # A chapter closed or by invitation only since the import: the profile still counts.
        return


@transaction.atomic
def account_claim(*, account: ImportedAccount, password: str, consents: bool) -> User:
    """Set the password, record consent and complete the profile (listed from now on)."""
    account = (
        ImportedAccount.objects.select_for_update(of=("self",))
        .select_related("user", "job")
        .get(pk=account.pk)
    )
    if account.is_claimed:
        raise ValidationError(_("Este perfil ya fue reclamado: inicia sesión."))
    if not consents:
        raise ValidationError(
            {"consents": _("Para continuar debes aceptar el aviso de privacidad.")}
        )
    user = account.user
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    # The link reached this address: it is verified (allauth requires it to sign in).
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    profile = user.expert_profile
    profile_onboarding_save(
        profile=profile, step=ONBOARDING_STEPS, data={"privacy_consent": True}, by=user
    )
    if settings.NETWORK_MEMBERSHIP != "open" and account.job and account.job.created_by:
        # Staff or a coordinator chose to bring this person in: that is the approval.
        profile_vet(profile=profile, by=account.job.created_by, approved=True)
    _join_chapter(account, user)
    account.claimed_at = timezone.now()
    account.save(update_fields=["claimed_at"])
    return user


@transaction.atomic
def claim_invitation_resend(*, account: ImportedAccount, by: User) -> ImportedAccount:
    """E-mail a new claim link (with a new expiry) to a person who has not claimed the
    account; at most once per IMPORTS_RESEND_SECONDS for each account. Only staff and the
    coordinators of the job's chapter may (PermissionDenied otherwise)."""
    account = (
        ImportedAccount.objects.select_for_update(of=("self",))
        .select_related("user", "job__chapter")
        .get(pk=account.pk)
    )
    chapter = account.job.chapter if account.job else None
    if not by.is_staff and (
        chapter is None or not chapters_coordinated(by).filter(pk=chapter.pk).exists()
    ):
        raise PermissionDenied
    if account.is_claimed:
        raise ValidationError(_("Esta persona ya reclamó su perfil: no hace falta invitarla."))
    wait = datetime.timedelta(seconds=settings.IMPORTS_RESEND_SECONDS)
    if account.invited_at and account.invited_at > timezone.now() - wait:
        raise ValidationError(
            _("Ya enviaste una invitación a %(email)s hace poco: espera unos minutos.")
            % {"email": account.user.email}
        )
    get_connection().send_messages(_messages([account]))
    account.invited_at = timezone.now()
    account.save(update_fields=["invited_at"])
    return account
