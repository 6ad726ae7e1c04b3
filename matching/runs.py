"""A person asking for a project's suggestions again (the liaison's "recompute" button)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching.models import MatchRun
from matching.services import match_run_create, match_run_fail_stalled
from projects.models import Project

UNFINISHED = (MatchRun.Status.QUEUED, MatchRun.Status.RUNNING)


@transaction.atomic
def project_run_request(*, project_id: int) -> MatchRun:
    """A queued run for the caller to send (`project_matches_task`), unless one for the
    project is still queued or running: that one will serve, so this raises ValidationError
    (code `run_pending`). The project's row is locked, so two requests at once record one run;
    a run that is done or failed lets a new one start. So does a run still queued after
    MATCHING_RUN_STALL_SECONDS (its task was lost): it is failed as the sweeper would."""
    Project.objects.select_for_update().filter(pk=project_id).first()
    pending = MatchRun.objects.filter(
        scope=MatchRun.Scope.PROJECT, object_id=project_id, status__in=UNFINISHED
    )
    now = timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.MATCHING_RUN_STALL_SECONDS)
    lost = pending.filter(status=MatchRun.Status.QUEUED, progressed_at__lte=cutoff)
    for run in lost.select_for_update(skip_locked=True):  # a sweep settling it skips it too
        match_run_fail_stalled(run=run, now=now)
    if pending.exists():
        raise ValidationError(
            _(
                "Ya estamos calculando las sugerencias de este proyecto: aparecerán aquí al "
                "terminar."
            ),
            code="run_pending",
        )
    return match_run_create(scope=MatchRun.Scope.PROJECT, object_id=project_id)
