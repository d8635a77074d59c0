"""Writes for realisations: entry, evidence, and the Draf → Diajukan → Diverifikasi / Dikembalikan workflow.

Every function is keyword-only and runs in one transaction; each change is kept by simple_history with its actor;
a change that moves a verified value enqueues the recalculation of the indicator on commit.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator.capaian import Polaritas, StatusCapaian, hitung_capaian
from indikator.models import Indikator, TargetTriwulan
from indikator.services import periode_get_or_create, periode_terbuka
from opd.lingkup import get_lingkup

from .bukti import periksa_berkas
from .models import BuktiDukung, Realisasi

NILAI_MAKS = Decimal("99999999999999")  # fits max_digits=18, decimal_places=4


class KonflikVersi(Exception):
    """Someone else saved this realisation after the form was loaded: the save is refused, nothing is overwritten."""

    def __init__(self, realisasi: Realisasi | None):
        self.realisasi = realisasi
        super().__init__(_("Nilai ini sudah diubah orang lain."))


def boleh_mengisi(user, indikator: Indikator) -> bool:
    return get_lingkup(user).can_enter_realisasi(indikator.opd_id, indikator.instansi_id)


def boleh_memverifikasi(user, indikator: Indikator) -> bool:
    lingkup = get_lingkup(user)
    return (
        lingkup.can_enter_realisasi(indikator.opd_id, indikator.instansi_id) or indikator.opd_id in lingkup.pimpinan_opd
    )


def parse_nilai(teks: str | None, *, indikator: Indikator) -> Decimal | None:
    """Read a typed value the Indonesian way ("1.234,5") or the plain way ("1234.5"). Blank is None."""
    teks = (teks or "").strip().replace(" ", "")
    if not teks:
        return None
    if "," in teks:
        teks = teks.replace(".", "").replace(",", ".")
    try:
        nilai = Decimal(teks)
    except InvalidOperation:
        raise ValidationError(_("Realisasi harus berupa angka, misalnya 12 atau 12,5."), code="bukan_angka")
    if not nilai.is_finite():
        raise ValidationError(_("Realisasi harus berupa angka, misalnya 12 atau 12,5."), code="bukan_angka")
    if nilai < 0:
        raise ValidationError(_("Realisasi tidak boleh negatif."), code="negatif")
    if nilai > NILAI_MAKS:
        raise ValidationError(_("Realisasi terlalu besar."), code="terlalu_besar")
    if -nilai.as_tuple().exponent > indikator.desimal and nilai != nilai.quantize(
        Decimal(1).scaleb(-indikator.desimal)
    ):
        raise ValidationError(
            _("Realisasi indikator ini paling banyak %(n)d angka di belakang koma.") % {"n": indikator.desimal},
            code="desimal",
        )
    return nilai


def capaian_pratinjau(*, indikator: Indikator, target: TargetTriwulan | None, nilai: Decimal | None, cap: Decimal):
    """The achievement of this quarter's value alone, as the grid previews it while the user types."""
    return hitung_capaian(
        polaritas=Polaritas(indikator.polaritas),
        realisasi=nilai,
        target_bawah=target.target_bawah if target else None,
        target_atas=target.target_atas if target else None,
        cap=cap,
    )


def _cek_periode(indikator: Indikator, triwulan: int) -> None:
    periode = periode_get_or_create(instansi=indikator.instansi, tahun=indikator.tahun, triwulan=triwulan)
    if not periode_terbuka(periode=periode):
        raise ValidationError(
            _("Periode %(periode)s tidak terbuka untuk pengisian (jendela %(buka)s – %(tutup)s).")
            % {
                "periode": periode,
                "buka": periode.dibuka.strftime("%d/%m/%Y"),
                "tutup": periode.ditutup.strftime("%d/%m/%Y"),
            },
            code="periode_ditutup",
        )


def _ambil_terkunci(*, indikator: Indikator, triwulan: int, versi: int) -> Realisasi:
    """The row, locked for this transaction, after checking that the caller saw its latest version."""
    realisasi = Realisasi.objects.select_for_update().filter(indikator=indikator, triwulan=triwulan).first()
    if realisasi is None:
        if versi != 0:
            raise KonflikVersi(None)
        return Realisasi(indikator=indikator, triwulan=triwulan, versi=0)
    if realisasi.versi != versi:
        raise KonflikVersi(realisasi)
    return realisasi


def _simpan(realisasi: Realisasi, actor) -> None:
    realisasi.versi += 1
    realisasi.diubah_oleh = actor
    realisasi._history_user = actor
    realisasi.full_clean()
    realisasi.save()


def _recalculate_on_commit(indikator_id: int) -> None:
    from .tasks import recalculate_indikator

    transaction.on_commit(lambda: recalculate_indikator.delay(indikator_ids=[indikator_id]))


@transaction.atomic
def realisasi_simpan(
    *,
    actor,
    indikator: Indikator,
    triwulan: int,
    versi: int,
    nilai: Decimal | None,
    kendala: str = "",
    solusi: str = "",
    bukti_tautan: str = "",
    bukti_teks: str = "",
    berkas: list | None = None,
) -> Realisasi:
    """Save a draft. Only the OPD's team (or its Admin Instansi), only while the period is open, only from Draf or
    Dikembalikan (which becomes Draf again), and only from the version the user saw."""
    if not boleh_mengisi(actor, indikator):
        raise PermissionDenied
    _cek_periode(indikator, triwulan)
    realisasi = _ambil_terkunci(indikator=indikator, triwulan=triwulan, versi=versi)
    if realisasi.pk and not realisasi.dapat_diubah:
        raise ValidationError(
            _("Realisasi berstatus %(status)s tidak dapat diubah.") % {"status": realisasi.get_status_display()},
            code="terkunci",
        )
    if indikator.sumber_realisasi == Indikator.SumberRealisasi.MANUAL:
        realisasi.nilai = nilai
    realisasi.kendala = kendala.strip()
    realisasi.solusi = solusi.strip()
    realisasi.bukti_tautan = bukti_tautan.strip()
    realisasi.bukti_teks = bukti_teks.strip()
    realisasi.status = Realisasi.Status.DRAF
    _simpan(realisasi, actor)
    for item in berkas or []:
        bukti_tambah(actor=actor, realisasi=realisasi, berkas=item)
    return realisasi


def bukti_tambah(*, actor, realisasi: Realisasi, berkas) -> BuktiDukung:
    """Attach an evidence file, checked by content and size; stored under a random name outside the web root."""
    if not boleh_mengisi(actor, realisasi.indikator):
        raise PermissionDenied
    if realisasi.pk is None or not realisasi.dapat_diubah:
        raise ValidationError(_("Bukti hanya dapat ditambahkan pada realisasi yang masih draf."), code="terkunci")
    _ekstensi, jenis_konten = periksa_berkas(berkas)
    bukti = BuktiDukung(
        realisasi=realisasi,
        nama_asli=berkas.name[:200],
        jenis_konten=jenis_konten,
        ukuran=berkas.size,
        diunggah_oleh=actor,
    )
    bukti.berkas.save(berkas.name, berkas, save=False)
    bukti.save()
    return bukti


@transaction.atomic
def bukti_hapus(*, actor, bukti: BuktiDukung) -> None:
    realisasi = bukti.realisasi
    if not boleh_mengisi(actor, realisasi.indikator):
        raise PermissionDenied
    if not realisasi.dapat_diubah:
        raise ValidationError(_("Bukti realisasi yang sudah diajukan tidak dapat dihapus."), code="terkunci")
    storage, name = bukti.berkas.storage, bukti.berkas.name
    bukti.delete()
    transaction.on_commit(lambda: storage.delete(name))


def _syarat_pengajuan(realisasi: Realisasi, target: TargetTriwulan | None, cap: Decimal) -> None:
    indikator = realisasi.indikator
    errors: dict[str, str] = {}
    if realisasi.nilai is None:
        errors["nilai"] = _("Isi nilai realisasi sebelum mengajukan.")
    else:
        capaian = capaian_pratinjau(indikator=indikator, target=target, nilai=realisasi.nilai, cap=cap)
        if capaian.status == StatusCapaian.OK and capaian.raw < 100:
            if not realisasi.kendala:
                errors["kendala"] = _("Capaian di bawah 100%: jelaskan kendalanya.")
            if not realisasi.solusi:
                errors["solusi"] = _("Capaian di bawah 100%: tuliskan solusi atau rencana tindak lanjut.")
    if not (realisasi.bukti_tautan or realisasi.bukti_teks or realisasi.bukti_set.exists()):
        errors["bukti"] = _("Lampirkan bukti dukung (berkas, tautan, atau keterangan) sebelum mengajukan.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def realisasi_ajukan(*, actor, realisasi: Realisasi, versi: int) -> Realisasi:
    """Draf → Diajukan, once the value, evidence and (under 100 %) kendala and solusi are there."""
    indikator = realisasi.indikator
    if not boleh_mengisi(actor, indikator):
        raise PermissionDenied
    _cek_periode(indikator, realisasi.triwulan)
    realisasi = _ambil_terkunci(indikator=indikator, triwulan=realisasi.triwulan, versi=versi)
    if realisasi.pk is None or not realisasi.dapat_diubah:
        raise ValidationError(_("Hanya realisasi berstatus Draf yang dapat diajukan."), code="status")
    target = TargetTriwulan.objects.filter(indikator=indikator, triwulan=realisasi.triwulan).first()
    _syarat_pengajuan(realisasi, target, indikator.instansi.batas_capaian)
    realisasi.status = Realisasi.Status.DIAJUKAN
    realisasi.diajukan_pada = timezone.now()
    realisasi.alasan_pengembalian = ""
    _simpan(realisasi, actor)
    return realisasi


@transaction.atomic
def realisasi_verifikasi(*, actor, realisasi: Realisasi, versi: int) -> Realisasi:
    """Diajukan → Diverifikasi: from now on the value counts in achievements, scores and reports."""
    indikator = realisasi.indikator
    if not boleh_memverifikasi(actor, indikator):
        raise PermissionDenied
    realisasi = _ambil_terkunci(indikator=indikator, triwulan=realisasi.triwulan, versi=versi)
    if realisasi.status != Realisasi.Status.DIAJUKAN:
        raise ValidationError(_("Hanya realisasi yang sudah diajukan yang dapat diverifikasi."), code="status")
    realisasi.status = Realisasi.Status.DIVERIFIKASI
    realisasi.diverifikasi_oleh = actor
    realisasi.diverifikasi_pada = timezone.now()
    _simpan(realisasi, actor)
    _recalculate_on_commit(indikator.pk)
    return realisasi


@transaction.atomic
def realisasi_kembalikan(*, actor, realisasi: Realisasi, versi: int, alasan: str) -> Realisasi:
    """Diajukan (or Diverifikasi) → Dikembalikan with a reason; the team corrects it as a draft."""
    indikator = realisasi.indikator
    if not boleh_memverifikasi(actor, indikator):
        raise PermissionDenied
    if not (alasan or "").strip():
        raise ValidationError({"alasan": _("Tuliskan alasan pengembalian.")})
    realisasi = _ambil_terkunci(indikator=indikator, triwulan=realisasi.triwulan, versi=versi)
    if realisasi.status not in (Realisasi.Status.DIAJUKAN, Realisasi.Status.DIVERIFIKASI):
        raise ValidationError(
            _("Hanya realisasi yang diajukan atau diverifikasi yang dapat dikembalikan."), code="status"
        )
    was_verified = realisasi.status == Realisasi.Status.DIVERIFIKASI
    realisasi.status = Realisasi.Status.DIKEMBALIKAN
    realisasi.alasan_pengembalian = alasan.strip()
    realisasi.diverifikasi_oleh = None
    realisasi.diverifikasi_pada = None
    _simpan(realisasi, actor)
    if was_verified:
        _recalculate_on_commit(indikator.pk)
    return realisasi
