"""Forms of the expert screens: the four profile sections, the directory filters, my data."""

from profiles.forms.experts.account import AccountDeleteForm
from profiles.forms.experts.directory import DirectoryForm
from profiles.forms.experts.knowledge import parse_skills
from profiles.forms.experts.sections import SectionForms

__all__ = ["AccountDeleteForm", "DirectoryForm", "SectionForms", "parse_skills"]
