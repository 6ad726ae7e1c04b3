from django import forms
from django.utils.translation import gettext_lazy as _

from matching.models import MatchRound
from profiles.choices import CollaborationType
from profiles.models import Institution
from projects.choices import ProjectStatus
from projects.models import Project


class RoundForm(forms.ModelForm):
    """A round's settings and its needs: hand-picked, or every open need of a state and type."""

    projects = forms.ModelMultipleChoiceField(
        label=_("Necesidades elegidas a mano (opcional)"),
        queryset=Project.objects.none(),
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Estado de las necesidades"),
        required=False,
        choices=[
            ("", _("Abiertas (publicadas o en curso)")),
            (ProjectStatus.PUBLISHED, ProjectStatus.PUBLISHED.label),
            (ProjectStatus.IN_PROGRESS, ProjectStatus.IN_PROGRESS.label),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Tipo de colaboración"),
        required=False,
        choices=[("", _("Todos")), *CollaborationType.choices],
    )

    class Meta:
        model = MatchRound
        fields = [
            "name",
            "institution",
            "pool_field",
            "wanted",
            "max_load",
            "min_score",
            "group_by",
            "max_per_group",
            "objective",
        ]

    def __init__(self, *args: object, institutions: list[Institution], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["institution"].queryset = Institution.objects.filter(  # type: ignore[attr-defined]
            pk__in=[i.pk for i in institutions]
        )
        projects = Project.objects.filter(
            status__in=[ProjectStatus.PUBLISHED, ProjectStatus.IN_PROGRESS]
        ).order_by("title")
        if institutions:
            projects = projects.filter(institution__in=institutions)
        self.fields["projects"].queryset = projects  # type: ignore[attr-defined]


class WantedForm(forms.Form):
    wanted = forms.IntegerField(label=_("Expertos"), min_value=1, max_value=3)


class PinForm(forms.Form):
    pin = forms.ChoiceField(choices=[(v, v) for v in ("", "locked", "forbidden")], required=False)


class InviteNextForm(forms.Form):
    expert = forms.IntegerField(min_value=1)
