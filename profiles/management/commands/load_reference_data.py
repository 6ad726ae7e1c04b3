from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from profiles.models import FieldOfScience, Skill, State
from profiles.reference_data import load_reference_data


class Command(BaseCommand):
    help = "Load or refresh states, fields of science and skills from profiles/data/."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_reference_data(State, FieldOfScience, Skill)
        self.stdout.write(self.style.SUCCESS(", ".join(f"{k}: {v}" for k, v in counts.items())))
