"""Idempotent demo data for local runs: users you can log in with, printed at the end."""

from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from chapters.demo import seed_chapters
from observatory.demo import seed_observatory
from profiles.demo import seed_experts, seed_institutions
from profiles.models import User
from projects.demo import seed_projects

DEMO_PASSWORD = "puentes-demo-2026"

DEMO_USERS: list[dict[str, Any]] = [
    {
        "email": "admin@puentes.example",
        "name": "Ana Moderadora",
        "is_staff": True,
        "is_superuser": True,
        "role": "platform admin",
    },
    {"email": "enlace@udg.example", "name": "Luis Enlace", "role": "liaison"},
    {"email": "experta@diaspora.example", "name": "María Experta", "role": "expert"},
]


class Command(BaseCommand):
    help = "Create demo users (and, as the platform grows, demo data). Safe to run twice."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Allow running with DEBUG off (never in prod)."
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("seed_demo creates known passwords; it runs only with DEBUG on.")
        for spec in DEMO_USERS:
            user, created = User.objects.get_or_create(
                email=spec["email"],
                defaults={
                    "name": spec["name"],
                    "is_staff": spec.get("is_staff", False),
                    "is_superuser": spec.get("is_superuser", False),
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
        seed_institutions(stdout=self.stdout)
        seed_experts(stdout=self.stdout)
        seed_projects(stdout=self.stdout)
        seed_chapters(stdout=self.stdout)
        seed_observatory(stdout=self.stdout)
        message = f"Demo data ready. Demo logins (password: {DEMO_PASSWORD}):"
        self.stdout.write(self.style.SUCCESS(message))
        for spec in DEMO_USERS:
            self.stdout.write(f"  {spec['role']:<15} {spec['email']}")
