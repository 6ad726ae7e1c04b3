"""Admin inline formsets that never build more forms than there can be rows.

Django builds as many forms as a POST's *-TOTAL_FORMS says, up to absolute_max (max_num +
1000 by default): a forged count costs seconds per request. Inlines here set `max_num` to the
most rows they may hold and use BoundedInlineFormSet, whose absolute_max is that number (or
the rows that already exist, when there are more): a larger count gets Django's translated
"too many forms" error after building only that many forms (issue 18).
"""

from typing import Any

from django.forms.models import BaseInlineFormSet


class BoundedInlineFormSet(BaseInlineFormSet):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Rows saved before a limit existed (or by other means) must stay editable.
        limit = max(self.max_num, len(self.get_queryset()))
        self.max_num = self.absolute_max = limit
        self.validate_max = True
