"""A person asking for a project's suggestions again (the liaison's "recompute" button)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from matching.models import MatchRun
from matching.services import match_run_create
from projects.models import Project

UNFINISHED = (MatchRun.Status.QUEUED, MatchRun.Status.RUNNING)


@transaction.atomic
def project_run_request(*, project_id: int) -> MatchRun:
    """A queued run for the caller to send (`project_matches_task`), unless one for the
    project is still queued or running: that one will serve, so this raises ValidationError
    (code `run_pending`). The project's row is locked, so two requests at once record one run;
    a run that is done or failed lets a new one start."""
    Project.objects.select_for_update().filter(pk=project_id).first()
    pending = MatchRun.objects.filter(
        scope=MatchRun.Scope.PROJECT, object_id=project_id, status__in=UNFINISHED
    )
    if pending.exists():
        raise ValidationError(
            _(
                "Ya estamos calculando las sugerencias de este proyecto: aparecerán aquí al "
                "terminar."
            ),
            code="run_pending",
        )
    return match_run_create(scope=MatchRun.Scope.PROJECT, object_id=project_id)
