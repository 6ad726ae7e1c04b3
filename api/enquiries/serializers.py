"""Shapes of the enquiries endpoints: what a partner sends, and what it may read back (its
own words and the status; never the broker's notes nor anything about experts)."""

from typing import cast

from django_countries import countries as all_countries
from django_countries.fields import Country
from rest_framework import serializers

from enquiries.choices import EnquiryType, Urgency
from enquiries.models import TEXT_MAX_LENGTH, Enquiry
from profiles.choices import Sector


class EnquiryInputSerializer(serializers.Serializer):
    organisation = serializers.CharField(max_length=200)
    person_name = serializers.CharField(max_length=120)
    email = serializers.EmailField(max_length=254)
    text = serializers.CharField(min_length=20, max_length=TEXT_MAX_LENGTH)
    type = serializers.ChoiceField(choices=EnquiryType.choices)
    sector = serializers.ChoiceField(choices=Sector.choices, required=False, allow_blank=True)
    # A plain choice: django-countries' field turns some digits ("²") into a 500.
    countries = serializers.ListField(
        child=serializers.ChoiceField(choices=list(all_countries)), required=False, max_length=20
    )
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False)
    language = serializers.ChoiceField(choices=[("es", "es"), ("en", "en")], required=False)


class EnquirySerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    countries = serializers.SerializerMethodField()

    class Meta:
        model = Enquiry
        fields = [
            "id",
            "organisation",
            "person_name",
            "email",
            "text",
            "type",
            "sector",
            "countries",
            "urgency",
            "language",
            "status",
            "decline_reason",
            "outcome",
            "created_at",
            "confirmed_at",
            "first_response_at",
            "introduced_at",
            "closed_at",
        ]
        read_only_fields = fields

    def get_countries(self, enquiry: Enquiry) -> list[str]:
        return [country.code for country in cast(list[Country], enquiry.countries)]
