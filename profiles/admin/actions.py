"""What the admin actions of every profiles admin share."""

from typing import cast

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.functional import Promise

from profiles.models import User

ACTION_FORM_TEMPLATE = "admin/profiles/action_form.html"


def action_form_page(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    *,
    action: str,
    title: str | Promise,
    intro: str | Promise,
    form: forms.Form,
    submit_label: str | Promise,
) -> TemplateResponse:
    """The intermediate page of an admin action that needs input (a reason, a target)."""
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "intro": intro,
        "queryset": queryset,
        "form": form,
        "action": action,
        "submit_label": submit_label,
        "opts": modeladmin.opts,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media + form.media,
    }
    return TemplateResponse(request, ACTION_FORM_TEMPLATE, context)


def staff_user(request: HttpRequest) -> User:
    """The moderator behind an admin request (the admin site lets only signed-in staff in)."""
    return cast(User, request.user)
