"""The list filters of the API: `tahun`, `triwulan`, `opd` and `updated_since` (for an incremental sync). A value
that cannot be read is a 400 naming the parameter, never a silent empty list."""

import datetime
import re

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# RFC 3339 date-time, as the schema's `format: date-time` says: seconds and a zone (Z or ±hh:mm) are required.
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})")
PESAN_WAKTU = _(
    "Format waktu salah: pakai ISO 8601 lengkap dengan detik dan zona waktu, misalnya 2026-04-01T00:00:00+08:00 "
    "atau 2026-03-31T16:00:00Z."
)


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

    def to_internal_value(self, data):
        teks = data.get("updated_since") if hasattr(data, "get") else None
        if teks is not None and not RFC3339.fullmatch(teks):
            raise serializers.ValidationError({"updated_since": [PESAN_WAKTU]})
        return super().to_internal_value(data)


def filter_class(*nama: str) -> type[Filter]:
    """A Filter with only the named parameters (those that apply to one endpoint), for the schema and validation."""
    judul = "".join(n.title().replace("_", "") for n in nama)
    return type(f"Filter{judul}", (Filter,), {n: None for n in Filter._declared_fields if n not in nama})


def sejak_riwayat(qs: QuerySet, sejak: datetime.datetime) -> QuerySet:
    """Rows with a history entry (simple_history) at or after `sejak`: created or changed since then."""
    riwayat = qs.model.history.model
    return qs.filter(Exists(riwayat.objects.filter(id=OuterRef("pk"), history_date__gte=sejak)))
