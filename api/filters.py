"""The list filters of the API: `tahun`, `triwulan`, `opd` and `updated_since` (for an incremental sync). A value
that cannot be read is a 400 naming the parameter, never a silent empty list."""

import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class Filter(serializers.Serializer):
    tahun = serializers.IntegerField(
        required=False, min_value=2000, max_value=2100, help_text=_("Tahun anggaran, misalnya 2026.")
    )
    triwulan = serializers.IntegerField(required=False, min_value=1, max_value=4, help_text=_("Triwulan 1–4."))
    opd = serializers.IntegerField(required=False, min_value=1, help_text=_("ID OPD."))
    updated_since = serializers.DateTimeField(
        required=False,
        help_text=_(
            "Tanggal dan waktu ISO 8601 (misalnya 2026-04-01T00:00:00+08:00): hanya baris yang berubah sejak saat itu."
        ),
    )

    def validate_updated_since(self, nilai: datetime.datetime) -> datetime.datetime:
        if timezone.is_naive(nilai):
            raise serializers.ValidationError(_("Sertakan zona waktu, misalnya 2026-04-01T00:00:00+08:00 atau …Z."))
        return nilai


def filter_class(*nama: str) -> type[Filter]:
    """A Filter with only the named parameters (those that apply to one endpoint), for the schema and validation."""
    judul = "".join(n.title().replace("_", "") for n in nama)
    return type(f"Filter{judul}", (Filter,), {n: None for n in Filter._declared_fields if n not in nama})


def sejak_riwayat(qs: QuerySet, sejak: datetime.datetime) -> QuerySet:
    """Rows with a history entry (simple_history) at or after `sejak`: created or changed since then."""
    riwayat = qs.model.history.model
    return qs.filter(Exists(riwayat.objects.filter(id=OuterRef("pk"), history_date__gte=sejak)))
