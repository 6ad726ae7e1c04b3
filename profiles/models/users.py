from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from profiles.choices import AccountRole
from profiles.models.institutions import Institution


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> "User":
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address. One `name` field: names vary by culture."""

    email = models.EmailField(_("correo electrónico"), max_length=254, unique=True)
    name = models.CharField(_("nombre"), max_length=200, blank=True)
    language = models.CharField(
        _("idioma preferido"), max_length=8, choices=settings.LANGUAGES, default="es"
    )
    # Chosen at sign-up, changed on the account page. Accounts made before the choice existed
    # keep both sides, as they had.
    role = models.CharField(
        _("qué haces en Puentes"),
        max_length=12,
        choices=AccountRole.choices,
        default=AccountRole.BOTH,
    )
    is_staff = models.BooleanField(
        _("equipo de la plataforma"),
        default=False,
        help_text=_("Puede entrar al panel de administración."),
    )
    is_active = models.BooleanField(_("activo"), default=True)
    # Set by profiles.services.account.account_suspend (with an audit entry and a notice);
    # a suspended account is also inactive, so it cannot sign in and its profile is unlisted.
    suspended_at = models.DateTimeField(_("suspendida desde"), null=True, blank=True)
    date_joined = models.DateTimeField(_("fecha de alta"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("usuario")
        verbose_name_plural = _("usuarios")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.name or self.email

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    @property
    def acts_as_expert(self) -> bool:
        """Sees the expert's onboarding, profile, suggestions and panel."""
        return self.role in (AccountRole.EXPERT, AccountRole.BOTH)

    @property
    def acts_as_institution(self) -> bool:
        """Sees the institution's registration, projects and panel."""
        return self.role in (AccountRole.INSTITUTION, AccountRole.BOTH)

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    @cached_property
    def is_network_member(self) -> bool:
        """An onboarded expert, a member of a verified institution, or platform staff.

        Cached on the instance: one request asks several times (menus, lists, pages)."""
        if self.is_staff:
            return True
        # One round trip for both ways in: every signed-in list and detail page asks.
        onboarded = User.objects.filter(pk=self.pk, expert_profile__onboarded_at__isnull=False)
        verified = Institution.objects.verified().filter(memberships__user=self.pk)
        return bool(
            User.objects.filter(pk=self.pk)
            .filter(models.Exists(onboarded) | models.Exists(verified))
            .exists()
        )
