"""The read-only JSON API under /api/v1/: every list is cursor-paged and filtered by the parameters its endpoint
names (filters.py); every row comes through the apps' selectors with the token's scope, so another instansi's object
is a 404 as it is on the pages."""

import datetime
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import timezone
from rest_framework import exceptions, mixins, viewsets
from rest_framework.response import Response

from pengaduan.selectors import angka_pengaduan
from survei.models import UNSUR
from survei.selectors import ikm_per_opd

from . import selectors, serializers
from .filters import Filter, filter_class, sejak_riwayat
from .pagination import Halaman

RIWAYAT = "riwayat"  # updated_since reads the rows' simple_history entries


class BacaApi(viewsets.ReadOnlyModelViewSet):
    """A list and a detail of one kind of row. `pilih` is the selector; `saring` maps each filter to its lookup
    (`updated_since` to a timestamp field, or RIWAYAT)."""

    pilih = None
    saring: dict[str, str] = {}
    urutan: tuple[str, ...] = ("id",)
    pagination_class = Halaman

    @property
    def filter_class(self) -> type[Filter]:
        return filter_class(*self.saring)

    def get_queryset(self) -> QuerySet:
        return type(self).pilih(user=self.request.user)

    def get_object(self):
        try:
            int(self.kwargs[self.lookup_field])
        except ValueError:
            raise exceptions.NotFound from None
        return super().get_object()

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        if self.action != "list":
            return queryset
        return self.terapkan(queryset, self.nilai_filter())

    def nilai_filter(self) -> dict:
        f = self.filter_class(data=self.request.query_params)
        f.is_valid(raise_exception=True)
        return f.validated_data

    def terapkan(self, qs: QuerySet, nilai: dict) -> QuerySet:
        for nama, isi in nilai.items():
            lookup = self.saring[nama]
            if nama == "updated_since":
                qs = sejak_riwayat(qs, isi) if lookup == RIWAYAT else qs.filter(**{f"{lookup}__gte": isi})
            else:
                qs = qs.filter(**{lookup: isi})
        return qs


class InstansiViewSet(BacaApi):
    """The token's instansi (a list of one), with its achievement cap."""

    pilih = selectors.api_instansi
    serializer_class = serializers.InstansiSerializer
    saring = {"updated_since": RIWAYAT}


class OpdViewSet(BacaApi):
    pilih = selectors.api_opd
    serializer_class = serializers.OpdSerializer
    saring = {"updated_since": RIWAYAT}


class PegawaiViewSet(BacaApi):
    """Staff (ASN) of the instansi's OPDs, active or not."""

    pilih = selectors.api_pegawai
    serializer_class = serializers.PegawaiSerializer
    saring = {"opd": "opd_id", "updated_since": RIWAYAT}


class IndikatorViewSet(BacaApi):
    """IKU and IKI with their annual target and the target of each triwulan."""

    pilih = selectors.api_indikator
    serializer_class = serializers.IndikatorSerializer
    saring = {"tahun": "tahun", "opd": "opd_id", "updated_since": RIWAYAT}


class RealisasiViewSet(BacaApi):
    """Realisations with their workflow status (only `diverifikasi` values enter scores); ordered by last change."""

    pilih = selectors.api_realisasi
    serializer_class = serializers.RealisasiSerializer
    saring = {
        "tahun": "indikator__tahun",
        "triwulan": "triwulan",
        "opd": "indikator__opd_id",
        "updated_since": "diubah_pada",
    }
    urutan = ("diubah_pada", "id")


class CapaianViewSet(BacaApi):
    """Achievement per indicator and triwulan, as stored by the recalculation (this quarter, to date, capped)."""

    pilih = selectors.api_capaian
    serializer_class = serializers.CapaianSerializer
    saring = {"tahun": "tahun", "triwulan": "triwulan", "opd": "opd_id"}


class SkorOpdViewSet(BacaApi):
    pilih = selectors.api_skor_opd
    serializer_class = serializers.SkorOpdSerializer
    saring = {"tahun": "tahun", "triwulan": "triwulan", "opd": "opd_id"}


class SkorPegawaiViewSet(BacaApi):
    pilih = selectors.api_skor_pegawai
    serializer_class = serializers.SkorPegawaiSerializer
    saring = {"tahun": "tahun", "triwulan": "triwulan", "opd": "pegawai__opd_id"}


class PenilaianViewSet(BacaApi):
    """Final individual evaluations with their ratings and predikat; ordered by last change."""

    pilih = selectors.api_penilaian
    serializer_class = serializers.PenilaianSerializer
    saring = {"tahun": "tahun", "triwulan": "triwulan", "opd": "pegawai__opd_id", "updated_since": "diubah_pada"}
    urutan = ("diubah_pada", "id")


class PredikatOpdViewSet(BacaApi):
    pilih = selectors.api_predikat_opd
    serializer_class = serializers.PredikatOpdSerializer
    saring = {"tahun": "tahun", "opd": "opd_id", "updated_since": "ditetapkan_pada"}
    urutan = ("ditetapkan_pada", "id")


# -- figures per OPD -------------------------------------------------------------------------------------------------


class AngkaOpd(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Figures of each OPD of a page of OPDs, for `tahun` (default: this year in the instansi's zone)."""

    pagination_class = Halaman
    saring = {"tahun": "", "opd": "pk"}

    @property
    def filter_class(self) -> type[Filter]:
        return filter_class(*self.saring)

    def get_queryset(self) -> QuerySet:
        return selectors.api_opd(user=self.request.user)

    def hari_ini(self) -> datetime.date:
        return timezone.localdate(timezone=ZoneInfo(self.request.auth.instansi.zona_waktu))

    def list(self, request, *args, **kwargs) -> Response:
        f = self.filter_class(data=request.query_params)
        f.is_valid(raise_exception=True)
        nilai = f.validated_data
        qs = self.get_queryset()
        if "opd" in nilai:
            qs = qs.filter(pk=nilai["opd"])
        halaman = self.paginate_queryset(qs)
        tahun = nilai.get("tahun") or self.hari_ini().year
        baris = self.angka(halaman, tahun, nilai)
        return self.get_paginated_response(self.get_serializer(baris, many=True).data)


class StatistikPengaduanViewSet(AngkaOpd):
    """Complaints routed to each OPD in a year: received, answered, median working days to the first response, share
    answered within the deadline. Never a complaint's content or its reporter."""

    serializer_class = serializers.StatistikPengaduanSerializer

    def angka(self, halaman, tahun: int, nilai: dict) -> list[dict]:
        angka = angka_pengaduan(opd_ids=[o.pk for o in halaman], tahun=tahun, hari_ini=self.hari_ini())
        return [{"opd": o.pk, "tahun": tahun, **vars(angka[o.pk])} for o in halaman]


class HasilSurveiViewSet(AngkaOpd):
    """IKM of each OPD's satisfaction survey in a year, or in one `triwulan`."""

    serializer_class = serializers.HasilSurveiSerializer
    saring = {"tahun": "", "triwulan": "", "opd": "pk"}

    def angka(self, halaman, tahun: int, nilai: dict) -> list[dict]:
        triwulan = nilai.get("triwulan")
        return [
            {
                "opd": hasil.opd.pk,
                "tahun": tahun,
                "triwulan": triwulan,
                "jumlah_responden": hasil.hasil.jumlah_responden,
                "nrr": {u: v for (u, _label), v in zip(UNSUR, hasil.hasil.nrr, strict=True)},
                "ikm": hasil.hasil.ikm,
                "ikm_konversi": hasil.hasil.konversi,
                "mutu": hasil.hasil.mutu.value if hasil.hasil.mutu else None,
            }
            for hasil in ikm_per_opd(opd_list=list(halaman), tahun=tahun, triwulan=triwulan)
        ]
