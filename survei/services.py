"""Writes for the services citizens rate and for their survey answers. Keyword-only, one transaction each; a survey
answer enqueues the IKM feed of its OPD on commit."""

import datetime
import secrets
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opd import antrian
from opd.kalender import tanggal_lokal, triwulan_dari
from opd.lingkup import get_lingkup
from opd.models import Opd

from . import akses
from .models import Layanan, ResponSurvei, UndanganSurvei


def _feed_on_commit(opd_id: int, tanggal: datetime.date) -> None:
    """Refresh the OPD's IKM-fed indicators of the year of this date, once the answer is committed."""
    from .tasks import feed_opd

    antrian.kirim_saat_commit(feed_opd, opd_id=opd_id, tahun=tanggal.year)


@transaction.atomic
def layanan_add(*, actor, opd: Opd, nama: str) -> Layanan:
    if not akses.boleh_kelola_layanan(get_lingkup(actor), opd.pk, opd.instansi_id):
        raise PermissionDenied
    layanan = Layanan(opd=opd, nama=" ".join(nama.split()))
    layanan.full_clean(validate_constraints=False)
    if Layanan.objects.filter(opd=opd, nama__iexact=layanan.nama).exists():
        raise ValidationError({"nama": _("OPD ini sudah mempunyai layanan dengan nama itu.")})
    layanan.save()
    return layanan


@transaction.atomic
def layanan_set_active(*, actor, layanan: Layanan, aktif: bool) -> Layanan:
    if not akses.boleh_kelola_layanan(get_lingkup(actor), layanan.opd_id, layanan.opd.instansi_id):
        raise PermissionDenied
    layanan.aktif = aktif
    layanan.save(update_fields=["aktif"])
    return layanan


@transaction.atomic
def survei_submit(
    *,
    opd: Opd,
    skor: Sequence[int | None],
    layanan: Layanan | None = None,
    usia: int | None = None,
    jenis_kelamin: str = "",
    pendidikan: str = "",
    pekerjaan: str = "",
    saran: str = "",
    sekarang: datetime.datetime | None = None,
) -> ResponSurvei:
    """One respondent's answers. The period is the date in the OPD's instansi zone."""
    if layanan is not None and layanan.opd_id != opd.pk:
        raise ValidationError({"layanan": _("Layanan ini bukan milik OPD yang dipilih.")})
    if len(skor) != 9:
        raise ValidationError(_("Survei terdiri atas sembilan unsur."))
    sekarang = sekarang or timezone.now()
    tanggal = tanggal_lokal(opd.instansi, sekarang)
    respon = ResponSurvei(
        instansi_id=opd.instansi_id,
        opd=opd,
        layanan=layanan,
        diisi_pada=sekarang,
        tanggal=tanggal,
        tahun=tanggal.year,
        triwulan=triwulan_dari(tanggal),
        usia=usia,
        jenis_kelamin=jenis_kelamin,
        pendidikan=pendidikan,
        pekerjaan=pekerjaan,
        saran=saran.strip(),
        **{f"u{i}": nilai for i, nilai in enumerate(skor, start=1)},
    )
    respon.full_clean()
    respon.save()
    _feed_on_commit(opd.pk, tanggal)
    return respon


class UndanganTidakBerlaku(Exception):
    """The invitation link is unknown or was already used: nothing is recorded."""


@transaction.atomic
def undangan_buat(
    *,
    opd: Opd,
    asal: str = "",
    dikirim_ke: str = "",
    layanan: Layanan | None = None,
    sekarang: datetime.datetime | None = None,
) -> UndanganSurvei | None:
    """A one-time survey invitation for the OPD's service. Idempotent per origin (`asal`): a second call for the same
    closed complaint returns None and creates nothing."""
    if asal and UndanganSurvei.objects.filter(asal=asal).exists():
        return None
    return UndanganSurvei.objects.create(
        token=secrets.token_urlsafe(24),
        instansi_id=opd.instansi_id,
        opd=opd,
        layanan=layanan,
        asal=asal,
        dikirim_ke=dikirim_ke[:150],
        dibuat_pada=sekarang or timezone.now(),
    )


@transaction.atomic
def survei_submit_undangan(*, undangan: UndanganSurvei, sekarang: datetime.datetime | None = None, **jawaban):
    """The answers given through an invitation link: recorded once. The row is locked, so two tabs posting at the
    same moment record one response; the second gets UndanganTidakBerlaku."""
    terkunci = UndanganSurvei.objects.select_for_update().filter(pk=undangan.pk, dipakai_pada__isnull=True).first()
    if terkunci is None:
        raise UndanganTidakBerlaku
    sekarang = sekarang or timezone.now()
    respon = survei_submit(opd=undangan.opd, sekarang=sekarang, **jawaban)
    terkunci.dipakai_pada = sekarang
    terkunci.save(update_fields=["dipakai_pada"])
    return respon
