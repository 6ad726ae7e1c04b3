"""Partner API: a partner system (a chamber of commerce's CRM) submits enquiries for its own
requesters and follows their status. The partner vouches for its requesters, so its
enquiries enter the brokers' queue at once; it sees only the enquiries its key sent."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.request import Request
from rest_framework.response import Response

from api.base import KeyScopedGenericViewSet
from api.enquiries import examples
from api.enquiries.serializers import EnquiryInputSerializer, EnquirySerializer
from api.pagination import PagePagination
from api.schema import request_example, response_example
from enquiries.choices import Channel
from enquiries.models import Enquiry
from enquiries.services import intake
from partners.models import ApiScope

TAG = "Consultas"


@extend_schema_view(
    list=extend_schema(tags=[TAG], summary=_("Consultas enviadas con esta clave")),
    retrieve=extend_schema(
        tags=[TAG],
        summary=_("Una consulta y su estado"),
        examples=[response_example("La consulta", examples.ENQUIRY)],
    ),
)
class EnquiryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, KeyScopedGenericViewSet):
    queryset = Enquiry.objects.none()
    serializer_class = EnquirySerializer
    read_scope = ApiScope.ENQUIRIES_SUBMIT
    write_scope = ApiScope.ENQUIRIES_SUBMIT
    pagination_class = PagePagination
    filter_backends: list = []
    lookup_field = "public_id"
    lookup_value_regex = "[0-9a-f-]{36}"

    def get_queryset(self) -> QuerySet[Enquiry]:
        return Enquiry.objects.filter(partner_key_id=self.key.pk).order_by("-created_at", "-pk")

    @extend_schema(
        tags=[TAG],
        summary=_("Enviar una consulta"),
        description=_(
            "La consulta entra a la cola de los gestores; sigue su estado con GET o con el "
            "webhook `enquiry.status_changed`. Nada de las personas expertas viaja por aquí: "
            "la presentación llega por correo a quien consultó cuando una persona acepta."
        ),
        request=EnquiryInputSerializer,
        responses={201: EnquirySerializer},
        examples=[
            request_example("Enviar", examples.ENQUIRY_INPUT),
            response_example(
                "Recibida", {**examples.ENQUIRY, "status": "new"}, status_codes=["201"]
            ),
        ],
    )
    def create(self, request: Request) -> Response:
        serializer = EnquiryInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        enquiry = intake.enquiry_submit(
            data=dict(serializer.validated_data),
            channel=Channel.API,
            institution=self.key.institution,
            partner_key_id=self.key.pk,
        )
        return Response(EnquirySerializer(enquiry).data, status=status.HTTP_201_CREATED)
