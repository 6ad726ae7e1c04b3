"""The search box of the directory and the project list."""

from typing import Any

from django import forms

SEARCH_MAX_LENGTH = 200


class SearchField(forms.CharField):
    """Takes whatever is typed and cuts it at `max_length` instead of refusing it: a refused
    query left the list unfiltered, so 3,000 characters listed everyone (issue 12)."""

    def __init__(self, *, max_length: int = SEARCH_MAX_LENGTH, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cap = max_length
        self.widget.attrs["maxlength"] = str(max_length)

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value))[: self.cap]
