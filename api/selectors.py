"""Reads of API tokens, and the scope a token reads with: the same selectors as the pages, seen as a reader of one
whole instansi."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from evaluasi.models import CapaianTriwulan, Realisasi, SkorOpd, SkorPegawai
from evaluasi.selectors import realisasi_for_user
from indikator.models import Indikator, TargetTriwulan
from indikator.selectors import indikator_for_user
from opd.lingkup import Lingkup, get_lingkup
from opd.models import Instansi, Opd, Pegawai, Peran
from opd.selectors import instansi_for_user, opd_for_user, pegawai_for_user
from penilaian.models import Penilaian, PredikatOpd
from penilaian.selectors import FINAL, penilaian_for_user

from .models import TokenApi, hash_kunci


def instansi_token_for_user(*, user) -> QuerySet[Instansi]:
    """Instansi whose tokens the user keeps: the Admin Instansi's own."""
    lingkup = get_lingkup(user)
    if lingkup.superuser:
        return Instansi.objects.order_by("nama")
    return Instansi.objects.filter(pk__in=lingkup.admin_instansi).order_by("nama")


def token_for_user(*, user) -> QuerySet[TokenApi]:
    lingkup = get_lingkup(user)
    qs = TokenApi.objects.select_related("instansi", "dibuat_oleh", "dicabut_oleh")
    if lingkup.superuser:
        return qs
    return qs.filter(instansi_id__in=lingkup.admin_instansi)


def token_get_for_user(*, user, pk: int) -> TokenApi:
    return get_object_or_404(token_for_user(user=user), pk=pk)


def token_by_kunci(kunci: str) -> TokenApi | None:
    """The token of a key, revoked or not (the caller tells them apart), with its instansi. One query."""
    return TokenApi.objects.select_related("instansi").filter(kunci_hash=hash_kunci(kunci)).first()


def lingkup_token(token: TokenApi) -> Lingkup:
    """A token reads its instansi as a reader of the whole instansi does (the Admin BKN's read scope, on one
    instansi): every OPD, its staff, indicators, realisations, scores, evaluations and figures; it changes nothing."""
    return Lingkup(
        user_id=None,
        bkn_instansi=frozenset({token.instansi_id}),
        peran=frozenset({Peran.ADMIN_BKN}),
    )


# -- what a token reads: the apps' selectors with the token's scope ------------------------------------------------
# Each returns a queryset of one kind of row, with what its serializer names loaded: a page costs the same number of
# queries for one row as for a hundred.


def api_instansi(*, user) -> QuerySet[Instansi]:
    return instansi_for_user(user=user)


def api_opd(*, user) -> QuerySet[Opd]:
    return opd_for_user(user=user)


def api_pegawai(*, user) -> QuerySet[Pegawai]:
    return pegawai_for_user(user=user)


def api_indikator(*, user) -> QuerySet[Indikator]:
    return indikator_for_user(user=user).prefetch_related(
        Prefetch("target_triwulan", queryset=TargetTriwulan.objects.order_by("triwulan"))
    )


def api_realisasi(*, user) -> QuerySet[Realisasi]:
    return realisasi_for_user(user=user)


def api_capaian(*, user) -> QuerySet[CapaianTriwulan]:
    return CapaianTriwulan.objects.filter(get_lingkup(user).opd_q("opd__"))


def api_skor_opd(*, user) -> QuerySet[SkorOpd]:
    return SkorOpd.objects.filter(get_lingkup(user).opd_q("opd__"))


def api_skor_pegawai(*, user) -> QuerySet[SkorPegawai]:
    return SkorPegawai.objects.filter(pegawai__in=pegawai_for_user(user=user).values("pk")).select_related("pegawai")


def api_penilaian(*, user) -> QuerySet[Penilaian]:
    """Final evaluations only: a draft is the evaluator's work in progress, not yet anyone's predikat."""
    return penilaian_for_user(user=user).filter(status__in=FINAL).select_related("pegawai")


def api_predikat_opd(*, user) -> QuerySet[PredikatOpd]:
    return PredikatOpd.objects.filter(get_lingkup(user).opd_q("opd__"))
