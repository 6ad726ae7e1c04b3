"""Expert screens: my profile, onboarding, editing, preview, profile pages, directory, my data."""

import json
import time
from typing import Any
from urllib.parse import urlencode

from allauth.account import app_settings as allauth_settings
from allauth.account.authentication import get_authentication_records
from allauth.core.exceptions import ReauthenticationRequired
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from network.web import cached_cards, data_version, get_or_404, paginate
from profiles.choices import CollaborationType, Motivation, Sector
from profiles.forms.experts import AccountDeleteForm, DirectoryForm, SectionForms
from profiles.fragments import EXPERTS_DATA
from profiles.models import ExpertProfile
from profiles.permissions import AuthenticatedHttpRequest, is_network_member
from profiles.selectors import privacy
from profiles.selectors.experts import (
    AUDIENCE_INSTITUTION,
    AUDIENCE_MEMBER,
    AUDIENCE_PUBLIC,
    DIRECTORY_COUNT_CAP,
    DIRECTORY_PAGE_SIZE,
    audience_can_see,
    audience_of,
    profile_completeness,
    profile_get_for_editing,
    profile_get_for_owner,
    profile_get_visible,
    profile_list_directory,
    profile_started,
)
from profiles.services.account import account_delete as account_delete_service
from profiles.services.experts import (
    ONBOARDING_STEPS,
    SECTIONS,
    SectionSaved,
    profile_get_or_create,
    profile_onboarding_save,
    profile_section_save,
)
from profiles.views.account import expert_side_required

# URL slug and title of each section; onboarding step N is SECTIONS[N - 1].
SECTION_SLUGS = {
    "who": "quien-eres",
    "where": "donde-estas",
    "knowledge": "que-sabes",
    "offer": "que-ofreces",
}
SECTION_TITLES = {
    "who": gettext_lazy("Quién eres"),
    "where": gettext_lazy("Dónde estás y de dónde vienes"),
    "knowledge": gettext_lazy("Qué sabes"),
    "offer": gettext_lazy("Qué puedes ofrecer"),
}
PREVIEW_AUDIENCES = {
    "publico": (AUDIENCE_PUBLIC, gettext_lazy("El público")),
    "miembro": (AUDIENCE_MEMBER, gettext_lazy("Un miembro de la red")),
    "institucion": (AUDIENCE_INSTITUTION, gettext_lazy("Una institución verificada")),
}


def _steps(current: int, reached: int) -> list[dict[str, Any]]:
    return [
        {
            "number": n,
            "title": SECTION_TITLES[section],
            "is_current": n == current,
            "is_reachable": n <= reached,
            "url": reverse("profiles:onboarding", args=[n]),
        }
        for n, section in enumerate(SECTIONS, start=1)
    ]


def _choices() -> dict[str, Any]:
    # Labels for the array fields (templates cannot call get_FOO_display on them).
    return {
        "collaboration_choices": CollaborationType.choices,
        "sector_choices": Sector.choices,
        "motivation_choices": Motivation.choices,
    }


def _completeness(profile: ExpertProfile) -> dict[str, Any]:
    completeness = profile_completeness(profile=profile)
    return {
        "percent": completeness.percent,
        "missing": [
            {
                "label": item.label,
                "url": reverse("profiles:edit", args=[SECTION_SLUGS[item.section]]),
                "step": SECTIONS.index(item.section) + 1,
            }
            for item in completeness.missing
        ],
    }


def _section_context(profile: ExpertProfile, forms: SectionForms) -> dict[str, Any]:
    return {
        "profile": profile,
        "forms": forms,
        "form": forms.form,
        "formsets": forms.formsets,
        "completeness": _completeness(profile),
    }


def _announce_pending(request: HttpRequest, saved: SectionSaved) -> None:
    if saved.pending_skills:
        names = ", ".join(skill.name for skill in saved.pending_skills)
        messages.info(
            request,
            _(
                "Estas habilidades aún no están en nuestro vocabulario; quedan pendientes de "
                "revisión y ya aparecen en tu perfil: %(names)s."
            )
            % {"names": names},
        )
    edit_url = reverse("profiles:edit", args=[SECTION_SLUGS["knowledge"]])
    for term, skill in saved.renamed_skills:
        propose_url = (
            reverse("profiles:skill_propose") + "?" + urlencode({"termino": term, "next": edit_url})
        )
        messages.info(
            request,
            format_html(
                _(
                    "Guardamos «{term}» como «{skill}»: así la conocemos. ¿Es otra cosa? "
                    '<a href="{url}">Propónla como habilidad nueva</a>.'
                ),
                term=term,
                skill=skill.name,
                url=propose_url,
            ),
        )


@login_required
@expert_side_required
@require_GET
def me(request: AuthenticatedHttpRequest) -> HttpResponse:
    profile = profile_get_for_owner(user=request.user)
    if profile is None or not profile.is_onboarded:
        step = min(profile.onboarding_step, ONBOARDING_STEPS) if profile else 1
        return redirect("profiles:onboarding", step=step)
    return render(
        request,
        "profiles/expert_me.html",
        {
            "profile": profile,
            "completeness": _completeness(profile),
            "sections": [
                {
                    "title": SECTION_TITLES[name],
                    "url": reverse("profiles:edit", args=[SECTION_SLUGS[name]]),
                }
                for name in SECTIONS
            ],
            **_choices(),
        },
    )


@login_required
@expert_side_required
@require_http_methods(["GET", "POST"])
def onboarding(request: AuthenticatedHttpRequest, step: int) -> HttpResponse:
    if not 1 <= step <= ONBOARDING_STEPS:
        raise Http404
    reached = profile_get_or_create(user=request.user).onboarding_step
    if step > reached:
        # No skipping ahead: each step is saved before the next one opens.
        return redirect("profiles:onboarding", step=min(reached, ONBOARDING_STEPS))
    profile = profile_get_for_editing(user=request.user)
    section = SECTIONS[step - 1]
    forms = SectionForms(section=section, profile=profile, data=request.POST or None)
    if request.method == "POST" and forms.is_valid():
        try:
            saved = profile_onboarding_save(
                profile=profile, step=step, data=forms.payload(), by=request.user
            )
        except ValidationError as error:
            forms.add_error(error)
        else:
            _announce_pending(request, saved)
            if "stay" in request.POST:
                messages.success(request, _("Guardado. Puedes añadir más filas."))
                return redirect("profiles:onboarding", step=step)
            if step < ONBOARDING_STEPS:
                return redirect("profiles:onboarding", step=step + 1)
            messages.success(request, _("¡Listo! Ya formas parte de la red."))
            return redirect("profiles:me")
        profile = profile_get_for_editing(user=request.user)
    context = _section_context(profile, forms)
    context.update(
        step=step,
        steps=_steps(step, max(reached, step)),
        step_count=ONBOARDING_STEPS,
        title=SECTION_TITLES[section],
        previous_url=reverse("profiles:onboarding", args=[step - 1]) if step > 1 else "",
        is_last=step == ONBOARDING_STEPS,
    )
    return render(request, "profiles/onboarding_step.html", context)


@login_required
@expert_side_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, section: str) -> HttpResponse:
    by_slug = {slug: name for name, slug in SECTION_SLUGS.items()}
    if section not in by_slug:
        raise Http404
    profile_get_or_create(user=request.user)
    profile = profile_get_for_editing(user=request.user)
    name = by_slug[section]
    forms = SectionForms(section=name, profile=profile, data=request.POST or None)
    if request.method == "POST" and forms.is_valid():
        try:
            saved = profile_section_save(
                profile=profile, section=name, data=forms.payload(), by=request.user
            )
        except ValidationError as error:
            forms.add_error(error)
        else:
            _announce_pending(request, saved)
            messages.success(request, _("Cambios guardados."))
            if "stay" in request.POST:
                return redirect("profiles:edit", section=section)
            return redirect("profiles:me")
        profile = profile_get_for_editing(user=request.user)
    context = _section_context(profile, forms)
    context.update(
        title=SECTION_TITLES[name],
        section=name,
        sections=[
            {
                "title": SECTION_TITLES[n],
                "url": reverse("profiles:edit", args=[SECTION_SLUGS[n]]),
                "is_current": n == name,
            }
            for n in SECTIONS
        ],
    )
    return render(request, "profiles/expert_edit.html", context)


@login_required
@expert_side_required
@require_GET
def preview(request: AuthenticatedHttpRequest) -> HttpResponse:
    profile = profile_get_for_owner(user=request.user)
    if profile is None:
        return redirect("profiles:onboarding", step=1)
    key = request.GET.get("como", "miembro")
    if key not in PREVIEW_AUDIENCES:
        key = "miembro"
    audience, audience_label = PREVIEW_AUDIENCES[key]
    return render(
        request,
        "profiles/expert_preview.html",
        {
            "profile": profile,
            "audience": audience,
            "audience_key": key,
            "audience_label": audience_label,
            "audiences": [(k, label) for k, (_a, label) in PREVIEW_AUDIENCES.items()],
            "can_see": audience_can_see(profile=profile, audience=audience),
            "edit_offer_url": reverse("profiles:edit", args=[SECTION_SLUGS["offer"]]),
            **_choices(),
        },
    )


@require_GET
def expert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_or_404(profile_get_visible, user=request.user, pk=pk)
    return render(
        request,
        "profiles/expert_detail.html",
        {"profile": profile, "audience": audience_of(user=request.user), **_choices()},
    )


@login_required
@require_GET
def directory(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not is_network_member(request.user):
        return render(
            request,
            "profiles/directory_forbidden.html",
            {"has_profile": profile_started(user=request.user)},
            status=403,
        )
    form = DirectoryForm(request.GET)
    filters = form.filters()
    results = profile_list_directory(user=request.user, **filters)
    page = paginate(request, results, DIRECTORY_PAGE_SIZE, cap=DIRECTORY_COUNT_CAP)
    cached_cards(
        page,
        template="profiles/_partials/expert_card.html",
        name="profile",
        kind="expert",
        version=data_version(EXPERTS_DATA),
    )
    return render(
        request,
        "profiles/directory.html",
        {
            "form": form,
            "page_obj": page,
            "is_filtered": any(filters.values()),
            **_choices(),
        },
    )


@login_required
@require_GET
def my_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "profiles/my_data.html",
        {"profile": profile_get_for_owner(user=request.user)},
    )


@never_cache
@login_required
@require_GET
def my_data_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = privacy.my_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="puentes-mis-datos.json"'
    return response


def _require_recent_authentication(request: AuthenticatedHttpRequest) -> None:
    """Send a session whose last sign-in is older than ACCOUNT_REAUTHENTICATION_TIMEOUT
    through allauth's re-authentication page first (it brings the person back here)."""
    records = get_authentication_records(request, request.user)
    last = max((record.get("at", 0) for record in records), default=0)
    if time.time() - last >= allauth_settings.REAUTHENTICATION_TIMEOUT:
        raise ReauthenticationRequired


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_recent_authentication(request)
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        account_delete_service(user=request.user)
        logout(request)
        messages.success(
            request,
            _("Tu cuenta fue eliminada y tus datos personales borrados. Gracias por participar."),
        )
        return redirect("home")
    return render(request, "profiles/my_data_delete.html", {"form": form})
