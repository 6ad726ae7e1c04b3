"""Output shapes of chapters and events in the partner API: no personal data (member counts,
never members; seat counts, never attendees; never the online link)."""

from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries
from rest_framework import serializers

from api.reference.serializers import StateRefSerializer
from api.serializers import site_url
from chapters.models import Chapter, Event


class ChapterRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Chapter
        fields = ["id", "slug", "name_es", "name_en"]


class ChapterSerializer(serializers.ModelSerializer):
    # The code, not the Country: a node or coordination has none, and DRF's ChoiceField hands
    # an empty Country (not equal to "") to the JSON encoder, which cannot write it.
    country = serializers.ChoiceField(
        choices=list(all_countries),
        source="country.code",
        allow_blank=True,
        required=False,
        label=_("País"),
    )
    state = StateRefSerializer(allow_null=True)
    region = ChapterRefSerializer(allow_null=True)
    member_count = serializers.IntegerField()
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Chapter
        fields = [
            "id",
            "slug",
            "kind",
            "name_es",
            "name_en",
            "description_es",
            "description_en",
            "country",
            "city",
            "state",
            "region",
            "status",
            "founded_on",
            "visibility",
            "join_policy",
            "member_count",
            "web_url",
        ]

    def get_web_url(self, chapter: Chapter) -> str:
        return site_url("chapters:detail", chapter.slug)


class EventSerializer(serializers.ModelSerializer):
    chapter = ChapterRefSerializer(allow_null=True)
    is_online = serializers.SerializerMethodField()
    registered_count = serializers.IntegerField()
    waitlisted_count = serializers.IntegerField()
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "chapter",
            "kind",
            "title_es",
            "title_en",
            "description_es",
            "description_en",
            "starts_at",
            "ends_at",
            "timezone",
            "venue",
            "is_online",
            "capacity",
            "registered_count",
            "waitlisted_count",
            "visibility",
            "published_at",
            "web_url",
        ]

    def get_is_online(self, event: Event) -> bool:
        return bool(event.online_url)

    def get_web_url(self, event: Event) -> str:
        return site_url("chapters:event_detail", event.pk)
