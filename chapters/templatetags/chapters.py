"""`{% suggested_chapters %}`: chapters to join, from where the person lives and comes from.
Shown on the expert's own profile (where onboarding ends) and atop the chapter directory."""

from typing import Any

from django import template

from chapters.selectors.chapters import chapter_list_suggested
from profiles.permissions import signed_in

register = template.Library()


@register.inclusion_tag("chapters/_partials/suggested.html", takes_context=True)
def suggested_chapters(context: dict[str, Any]) -> dict[str, Any]:
    user = context.get("user")
    chapters = chapter_list_suggested(user=user) if signed_in(user) else []
    return {"chapters": chapters, "csrf_token": context.get("csrf_token")}
