from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class CellSerializer(serializers.Serializer):
    value = serializers.IntegerField(
        allow_null=True, help_text=_("La cifra, o null cuando está oculta.")
    )
    hidden = serializers.ChoiceField(
        choices=["primary", "secondary"],
        allow_null=True,
        help_text=_(
            "«primary»: menos de min_cell personas; «secondary»: oculta para que otra no "
            "pueda deducirse; null: publicada."
        ),
    )


class RowSerializer(CellSerializer):
    key = serializers.CharField(help_text=_("Clave: país ISO, estado INEGI, campo, tipo…"))
    label = serializers.CharField()  # type: ignore[assignment]  # a field named "label"
    shown = serializers.CharField(help_text=_("Como la muestra la página: «12», «<5», «oculta»."))


class TableSerializer(serializers.Serializer):
    title = serializers.CharField()
    rows = RowSerializer(many=True)
    total = CellSerializer(allow_null=True)


class StatsSerializer(serializers.Serializer):
    period = serializers.CharField(help_text=_("Mes de la instantánea, AAAA-MM."))
    as_of = serializers.DateTimeField(help_text=_("Momento al que se contaron las cifras."))
    min_cell = serializers.IntegerField(help_text=_("Umbral de supresión."))
    headline = serializers.DictField(help_text=_("Cifras principales (celdas)."))
    tables = serializers.DictField(child=TableSerializer())
    amounts = serializers.ListField(child=serializers.DictField())
