"""The lexical terms' counts over the indexed experts (kept apart from `matching.models`
for its size)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TermFrequency(models.Model):
    """How many indexed experts hold each lexical term: the IDF of a need's terms
    (`documents.term_frequencies`). Kept exact by triggers on ExpertIndex (migration 0012):
    every insert, delete and change of `lexical_terms` adjusts the counts in the same
    transaction, so the web and the workers weigh a need alike. The row '' counts experts."""

    term = models.CharField(_("término"), max_length=64, primary_key=True)
    experts = models.IntegerField(_("expertos que lo tienen"))

    class Meta:
        verbose_name = _("frecuencia de un término")
        verbose_name_plural = _("frecuencias de los términos")

    def __str__(self) -> str:
        return f"{self.term}: {self.experts}"
