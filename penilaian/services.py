"""Writes for evaluations, organisation predikat, rewards, training and work plans.

Every function is keyword-only, runs in one transaction, checks the actor's right itself (a command or a task
cannot skip it), validates with ``full_clean()`` and keeps its history through simple_history with the actor. Work
that is slow (rendering a certificate) is enqueued on commit.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator.models import Indikator
from opd.lingkup import get_lingkup
from opd.models import Instansi, Opd, Pegawai

from . import aturan
from .models import (
    AturanPenilaian,
    Pelatihan,
    PembukaanPenilaian,
    Penghargaan,
    Penilaian,
    PesertaPelatihan,
    PredikatOpd,
    RekomendasiPelatihan,
    RencanaAksi,
    RencanaKerja,
    UmpanBalikIndikator,
)
from .selectors import (
    KODE_ALFABET,
    PANJANG_KODE,
    Figur,
    PeriodePenilaian,
    batas_organisasi,
    boleh_menilai,
    figur_penilaian,
    skor_opd_tahunan,
)

PERLU_PELATIHAN = (aturan.Predikat.BUTUH_PERBAIKAN, aturan.Predikat.KURANG, aturan.Predikat.SANGAT_KURANG)


class Kedaluwarsa(Exception):
    """Someone else saved this after the form was loaded: the save is refused, nothing is overwritten."""

    def __init__(self, terbaru=None):
        self.terbaru = terbaru
        super().__init__(_("Data ini sudah diubah orang lain."))


def _cek_admin(actor, instansi_id: int) -> None:
    if not get_lingkup(actor).is_admin_instansi(instansi_id):
        raise PermissionDenied


def _simpan(obj, actor) -> None:
    obj.full_clean()
    obj._history_user = actor
    obj.save()


def _simpan_baru(obj) -> None:
    """Save; a row that another user created meanwhile (a race the locks cannot see: there was no row to lock) is
    refused as stale rather than failing."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise Kedaluwarsa(None)


# -- individual evaluation -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DataPenilaian:
    """What the evaluator typed. Ratings are Rating values or "" (not decided yet); scores 1–3 or None."""

    hasil_kerja: str = ""
    alasan_hasil_kerja: str = ""
    perilaku_skor: Mapping[str, int | None] = field(default_factory=dict)
    perilaku: str = ""
    alasan_perilaku: str = ""
    umpan_balik: str = ""
    umpan_balik_indikator: Mapping[int, str] = field(default_factory=dict)


@transaction.atomic
def penilaian_simpan(
    *,
    actor,
    pegawai: Pegawai,
    tahun: int,
    periode: PeriodePenilaian,
    versi: int,
    data: DataPenilaian,
    finalkan: bool = False,
) -> Penilaian:
    """Save the evaluation as a draft or finalise it.

    Only the ASN's evaluator (superior or the OPD's Tim Evaluasi), never the ASN; only while it is not final; only
    from the version the evaluator saw. The suggestions are recomputed from the stored achievements at every save and
    kept beside the decided ratings; a decided rating that differs from its suggestion needs a justification
    (Penilaian.clean). Finalising needs the seven BerAKHLAK scores, both ratings and the overall feedback, and then
    produces the follow-up: a reward recommendation for Sangat Baik, a training recommendation for Butuh Perbaikan
    and below.
    """
    if not boleh_menilai(get_lingkup(actor), pegawai):
        raise PermissionDenied
    penilaian = (
        Penilaian.objects.select_for_update()
        .filter(pegawai=pegawai, tahun=tahun, jenis=periode.jenis, triwulan=periode.triwulan)
        .first()
    )
    if penilaian is None:
        if versi != 0:
            raise Kedaluwarsa(None)
        penilaian = Penilaian(
            pegawai=pegawai,
            instansi_id=pegawai.opd.instansi_id,
            tahun=tahun,
            jenis=periode.jenis,
            triwulan=periode.triwulan,
            versi=0,
        )
    elif penilaian.versi != versi:
        raise Kedaluwarsa(penilaian)
    if penilaian.sudah_final:
        raise ValidationError(
            _("Penilaian ini sudah final. Perubahan hanya dapat dilakukan setelah Admin Instansi membukanya ulang."),
            code="final",
        )

    figur = figur_penilaian(pegawai=pegawai, tahun=tahun, triwulan=periode.triwulan)
    penilaian.hasil_kerja_saran = figur.saran.rating.value if figur.saran.rating else ""
    penilaian.hasil_kerja = data.hasil_kerja or ""
    penilaian.alasan_hasil_kerja = (data.alasan_hasil_kerja or "").strip()
    for nama in aturan.NILAI_BERAKHLAK:
        setattr(penilaian, nama, data.perilaku_skor.get(nama))
    skor = penilaian.skor_perilaku
    lengkap = all(s is not None for s in skor)
    penilaian.perilaku_saran = aturan.saran_perilaku(skor).value if lengkap else ""
    penilaian.perilaku = data.perilaku or ""
    penilaian.alasan_perilaku = (data.alasan_perilaku or "").strip()
    penilaian.predikat = (
        aturan.predikat(penilaian.hasil_kerja, penilaian.perilaku).value
        if penilaian.hasil_kerja and penilaian.perilaku
        else ""
    )
    penilaian.skor = figur.skor.skor if figur.skor else None
    penilaian.umpan_balik = (data.umpan_balik or "").strip()
    penilaian.penilai = actor

    errors: dict[str, list[str]] = {}
    try:
        # The database enforces one evaluation per period; a race on it is refused as stale by _simpan_baru.
        penilaian.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if finalkan:
        for nama, nilai in zip(aturan.NILAI_BERAKHLAK, skor, strict=True):
            if nilai is None:
                errors.setdefault(nama, []).append(_("Beri nilai 1, 2 atau 3 sebelum memfinalkan."))
        if not penilaian.hasil_kerja:
            errors.setdefault("hasil_kerja", []).append(_("Tetapkan rating hasil kerja sebelum memfinalkan."))
        if not penilaian.perilaku:
            errors.setdefault("perilaku", []).append(_("Tetapkan rating perilaku kerja sebelum memfinalkan."))
        if not penilaian.umpan_balik:
            errors.setdefault("umpan_balik", []).append(_("Tuliskan umpan balik umum sebelum memfinalkan."))
    if errors:
        raise ValidationError(errors)

    if finalkan:
        penilaian.status = Penilaian.Status.FINAL
        penilaian.difinalkan_oleh = actor
        penilaian.difinalkan_pada = timezone.now()
    penilaian.versi += 1
    penilaian._history_user = actor
    _simpan_baru(penilaian)
    _simpan_umpan_balik_indikator(penilaian, figur, data.umpan_balik_indikator, actor)
    if finalkan:
        _tindak_lanjut(penilaian, figur, actor)
    return penilaian


def _simpan_umpan_balik_indikator(penilaian: Penilaian, figur: Figur, teks: Mapping[int, str], actor) -> None:
    """Per-indicator feedback for the ASN's own active indicators; blank removes it. Unchanged rows are not saved,
    so they add no history."""
    ada = {u.indikator_id: u for u in UmpanBalikIndikator.objects.filter(penilaian=penilaian)}
    for baris in figur.baris:
        isi = (teks.get(baris.indikator.pk) or "").strip()
        lama = ada.get(baris.indikator.pk)
        capaian = baris.capaian.capaian if baris.capaian is not None else None
        ekspektasi = baris.ekspektasi.value if baris.ekspektasi else ""
        if not isi:
            if lama is not None:
                lama._history_user = actor
                lama.delete()
            continue
        if lama is not None and (lama.isi, lama.capaian, lama.ekspektasi) == (isi, capaian, ekspektasi):
            continue
        obj = lama or UmpanBalikIndikator(penilaian=penilaian, indikator=baris.indikator)
        obj.isi, obj.capaian, obj.ekspektasi = isi, capaian, ekspektasi
        _simpan(obj, actor)


def _tindak_lanjut(penilaian: Penilaian, figur: Figur, actor) -> None:
    """Keep the follow-up in line with the final predikat: Sangat Baik → a reward recommendation; Butuh Perbaikan,
    Kurang/Misconduct, Sangat Kurang → a training recommendation. A recommendation (even an approved certificate)
    whose predikat no longer qualifies after a reopening is cancelled, so its certificate no longer verifies."""
    predikat = aturan.Predikat(penilaian.predikat)
    penghargaan = Penghargaan.objects.select_for_update().filter(penilaian=penilaian).first()
    if predikat is aturan.Predikat.SANGAT_BAIK:
        if penghargaan is None:
            penghargaan = Penghargaan(penilaian=penilaian, pegawai=penilaian.pegawai, instansi=penilaian.instansi)
            _simpan(penghargaan, actor)
        elif penghargaan.status == Penghargaan.Status.DIBATALKAN:
            lama = penghargaan.berkas.name
            penghargaan.status = Penghargaan.Status.DIREKOMENDASIKAN
            penghargaan.diputuskan_oleh = penghargaan.diputuskan_pada = penghargaan.kode_verifikasi = None
            penghargaan.berkas = ""
            penghargaan.berkas_dibuat_pada = None
            penghargaan.catatan = ""
            _simpan(penghargaan, actor)
            _hapus_berkas_on_commit(Penghargaan._meta.get_field("berkas").storage, lama)
    elif penghargaan is not None and penghargaan.status in (
        Penghargaan.Status.DIREKOMENDASIKAN,
        Penghargaan.Status.DISETUJUI,
    ):
        penghargaan.status = Penghargaan.Status.DIBATALKAN
        _simpan(penghargaan, actor)

    rekomendasi = RekomendasiPelatihan.objects.select_for_update().filter(penilaian=penilaian).first()
    if predikat in PERLU_PELATIHAN:
        if rekomendasi is None:
            rekomendasi = RekomendasiPelatihan(
                penilaian=penilaian, pegawai=penilaian.pegawai, instansi=penilaian.instansi
            )
        if rekomendasi.pk is None or rekomendasi.status in (
            RekomendasiPelatihan.Status.DIREKOMENDASIKAN,
            RekomendasiPelatihan.Status.DIBATALKAN,
        ):
            rekomendasi.status = RekomendasiPelatihan.Status.DIREKOMENDASIKAN
            rekomendasi.aspek_perilaku = [n for n in aturan.NILAI_BERAKHLAK if getattr(penilaian, n) == 1]
            _simpan(rekomendasi, actor)
            rekomendasi.indikator.set(_indikator_kurang(figur))
    elif rekomendasi is not None and rekomendasi.status == RekomendasiPelatihan.Status.DIREKOMENDASIKAN:
        rekomendasi.status = RekomendasiPelatihan.Status.DIBATALKAN
        _simpan(rekomendasi, actor)


def _indikator_kurang(figur: Figur) -> list[int]:
    """The indicators that fell short: below expectation; when none is (the rating was overridden, or perilaku
    decided it), those under 100 %."""
    bawah = [b.indikator.pk for b in figur.baris if b.ekspektasi is aturan.Rating.DI_BAWAH]
    if bawah:
        return bawah
    return [
        b.indikator.pk
        for b in figur.baris
        if b.capaian is not None and b.capaian.capaian is not None and b.capaian.capaian < 100
    ]


def _hapus_berkas_on_commit(storage, name: str) -> None:
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def penilaian_akui(*, actor, penilaian: Penilaian) -> Penilaian:
    """The ASN acknowledges that they read the final evaluation and its feedback. Only the ASN, only once."""
    if get_lingkup(actor).pegawai_id != penilaian.pegawai_id:
        raise PermissionDenied
    penilaian = Penilaian.objects.select_for_update().get(pk=penilaian.pk)
    if penilaian.status != Penilaian.Status.FINAL:
        raise ValidationError(_("Hanya penilaian yang sudah final dan belum diakui yang dapat diakui."), code="status")
    penilaian.status = Penilaian.Status.DIAKUI
    penilaian.diakui_pada = timezone.now()
    penilaian.versi += 1
    _simpan(penilaian, actor)
    return penilaian


@transaction.atomic
def penilaian_buka_ulang(*, actor, penilaian: Penilaian, alasan: str) -> PembukaanPenilaian:
    """An Admin Instansi reopens a final evaluation as a draft, recording who, when, why and from which status.
    Its follow-up is brought in line when it is finalised again."""
    _cek_admin(actor, penilaian.instansi_id)
    penilaian = Penilaian.objects.select_for_update().get(pk=penilaian.pk)
    if not penilaian.sudah_final:
        raise ValidationError(_("Hanya penilaian yang sudah final yang dapat dibuka ulang."), code="status")
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Tuliskan alasan pembukaan ulang.")})
    pembukaan = PembukaanPenilaian(penilaian=penilaian, oleh=actor, alasan=alasan, status_sebelumnya=penilaian.status)
    pembukaan.full_clean()
    pembukaan.save()
    penilaian.status = Penilaian.Status.DRAF
    penilaian.diakui_pada = None
    penilaian.versi += 1
    _simpan(penilaian, actor)
    return pembukaan


# -- organisation predikat -----------------------------------------------------------------------------------------


@transaction.atomic
def predikat_opd_tetapkan(*, actor, opd: Opd, tahun: int, predikat: str, catatan: str = "") -> PredikatOpd:
    """The Admin Instansi sets the OPD's organisation predikat for the year; the score and the suggestion it was set
    against are kept with it."""
    _cek_admin(actor, opd.instansi_id)
    skor = skor_opd_tahunan(opd=opd, tahun=tahun)
    saran = aturan.saran_predikat_organisasi(
        skor.skor if skor else None,
        batas_organisasi(AturanPenilaian.objects.filter(instansi_id=opd.instansi_id).first()),
    )
    obj = PredikatOpd.objects.select_for_update().filter(opd=opd, tahun=tahun).first() or PredikatOpd(
        opd=opd, instansi_id=opd.instansi_id, tahun=tahun
    )
    obj.predikat = predikat
    obj.predikat_saran = saran.value if saran else ""
    obj.skor = skor.skor if skor else None
    obj.triwulan_skor = skor.triwulan if skor else None
    obj.catatan = (catatan or "").strip()
    obj.ditetapkan_oleh = actor
    _simpan(obj, actor)
    return obj


# -- rewards -------------------------------------------------------------------------------------------------------


def kode_verifikasi_baru() -> str:
    """20 symbols of a 32-letter alphabet from the OS's secure generator: 100 bits, not guessable."""
    while True:
        kode = "".join(secrets.choice(KODE_ALFABET) for _i in range(PANJANG_KODE))
        if not Penghargaan.objects.filter(kode_verifikasi=kode).exists():
            return kode


@transaction.atomic
def penghargaan_putuskan(
    *, actor, penghargaan: Penghargaan, setuju: bool, bentuk: str = "", catatan: str = ""
) -> Penghargaan:
    """The Admin Instansi approves (choosing certificate and/or incentive) or declines (with a reason) a reward
    recommendation. An approved certificate gets its verification code now and its PDF from the reports queue."""
    _cek_admin(actor, penghargaan.instansi_id)
    penghargaan = Penghargaan.objects.select_for_update(of=("self",)).select_related("penilaian").get(pk=penghargaan.pk)
    if penghargaan.status != Penghargaan.Status.DIREKOMENDASIKAN:
        raise ValidationError(_("Rekomendasi ini sudah diputuskan."), code="status")
    if not penghargaan.penilaian.sudah_final:
        raise ValidationError(_("Penilaiannya sedang dibuka ulang; putuskan setelah final kembali."), code="status")
    catatan = (catatan or "").strip()
    if setuju:
        penghargaan.status = Penghargaan.Status.DISETUJUI
        penghargaan.bentuk = bentuk or Penghargaan.Bentuk.SERTIFIKAT
        if penghargaan.dengan_sertifikat:
            penghargaan.kode_verifikasi = kode_verifikasi_baru()
    else:
        if not catatan:
            raise ValidationError({"catatan": _("Tuliskan alasan penolakan.")})
        penghargaan.status = Penghargaan.Status.DITOLAK
    penghargaan.catatan = catatan
    penghargaan.diputuskan_oleh = actor
    penghargaan.diputuskan_pada = timezone.now()
    _simpan(penghargaan, actor)
    if penghargaan.status == Penghargaan.Status.DISETUJUI and penghargaan.dengan_sertifikat:
        _render_on_commit(penghargaan.pk)
    return penghargaan


def _render_on_commit(penghargaan_id: int) -> None:
    from .tasks import render_sertifikat

    transaction.on_commit(lambda: render_sertifikat.delay(penghargaan_id=penghargaan_id))


def sertifikat_buat(*, penghargaan_id: int) -> bool:
    """Render and store the certificate PDF of an approved reward. Idempotent: nothing happens when the reward is
    gone, not (or no longer) approved, has no certificate, or already has its file. Returns whether it rendered."""
    from .sertifikat import render_sertifikat_pdf

    with transaction.atomic():
        penghargaan = (
            Penghargaan.objects.select_for_update(of=("self",))
            .select_related("pegawai", "pegawai__opd", "instansi", "penilaian", "diputuskan_oleh")
            .filter(pk=penghargaan_id)
            .first()
        )
        if (
            penghargaan is None
            or penghargaan.status != Penghargaan.Status.DISETUJUI
            or not penghargaan.dengan_sertifikat
            or not penghargaan.kode_verifikasi
            or penghargaan.berkas
        ):
            return False
        pdf = render_sertifikat_pdf(penghargaan)
        penghargaan.berkas.save("sertifikat.pdf", ContentFile(pdf), save=False)
        penghargaan.berkas_dibuat_pada = timezone.now()
        penghargaan.save(update_fields=["berkas", "berkas_dibuat_pada"])
    return True


# -- training ------------------------------------------------------------------------------------------------------

FIELD_PELATIHAN = ("topik", "deskripsi", "tanggal_mulai", "tanggal_selesai", "penyelenggara", "tempat")


@transaction.atomic
def pelatihan_simpan(*, actor, instansi: Instansi, data: Mapping, pelatihan: Pelatihan | None = None) -> Pelatihan:
    """Add a training to the instansi's catalogue, or change one."""
    _cek_admin(actor, instansi.pk)
    if pelatihan is not None and pelatihan.instansi_id != instansi.pk:
        raise PermissionDenied
    obj = pelatihan or Pelatihan(instansi=instansi)
    for nama in FIELD_PELATIHAN:
        if nama in data:
            setattr(obj, nama, data[nama])
    _simpan(obj, actor)
    return obj


def _sinkron_rekomendasi(peserta: PesertaPelatihan, actor) -> None:
    rekomendasi = peserta.rekomendasi
    if rekomendasi is None or rekomendasi.status == RekomendasiPelatihan.Status.DIBATALKAN:
        return
    status = {
        PesertaPelatihan.Kehadiran.TERDAFTAR: RekomendasiPelatihan.Status.DIJADWALKAN,
        PesertaPelatihan.Kehadiran.HADIR: RekomendasiPelatihan.Status.SELESAI,
        PesertaPelatihan.Kehadiran.TIDAK_HADIR: RekomendasiPelatihan.Status.DIREKOMENDASIKAN,
    }[peserta.kehadiran]
    if rekomendasi.status != status:
        rekomendasi.status = status
        _simpan(rekomendasi, actor)


def _indikator_pegawai(pegawai: Pegawai, ids: Iterable[int]) -> list[int]:
    """Only the participant's own IKI may be related to their participation."""
    return list(
        Indikator.objects.filter(pk__in=list(ids), pegawai=pegawai, jenis=Indikator.Jenis.IKI).values_list(
            "pk", flat=True
        )
    )


@transaction.atomic
def peserta_tambah(
    *, actor, pelatihan: Pelatihan, pegawai: Pegawai, rekomendasi: RekomendasiPelatihan | None = None
) -> PesertaPelatihan:
    """Register an ASN of the instansi for a training, optionally answering their training recommendation. The
    related indicators start as the participant's indicators of the training's year with the codes the
    recommendation named (or the named ones themselves when they are of that year)."""
    _cek_admin(actor, pelatihan.instansi_id)
    if pegawai.opd.instansi_id != pelatihan.instansi_id:
        raise ValidationError({"pegawai": _("Peserta harus pegawai instansi penyelenggara.")})
    if PesertaPelatihan.objects.filter(pelatihan=pelatihan, pegawai=pegawai).exists():
        raise ValidationError({"pegawai": _("Pegawai ini sudah terdaftar pada pelatihan ini.")})
    ids: list[int] = []
    if rekomendasi is not None:
        if rekomendasi.pegawai_id != pegawai.pk:
            raise ValidationError({"rekomendasi": _("Rekomendasi itu untuk pegawai lain.")})
        kode = list(rekomendasi.indikator.values_list("kode", flat=True))
        ids = list(
            Indikator.objects.filter(
                pegawai=pegawai, jenis=Indikator.Jenis.IKI, tahun=pelatihan.tanggal_mulai.year, kode__in=kode
            ).values_list("pk", flat=True)
        )
    peserta = PesertaPelatihan(pelatihan=pelatihan, pegawai=pegawai, rekomendasi=rekomendasi)
    _simpan(peserta, actor)
    peserta.indikator.set(ids)
    _sinkron_rekomendasi(peserta, actor)
    return peserta


@transaction.atomic
def peserta_ubah(*, actor, peserta: PesertaPelatihan, kehadiran: str, indikator_ids: Iterable[int]) -> PesertaPelatihan:
    """Record attendance and choose the related indicators (the participant's own IKI only)."""
    _cek_admin(actor, peserta.pelatihan.instansi_id)
    peserta = PesertaPelatihan.objects.select_for_update(of=("self",)).select_related("rekomendasi").get(pk=peserta.pk)
    peserta.kehadiran = kehadiran
    _simpan(peserta, actor)
    peserta.indikator.set(_indikator_pegawai(peserta.pegawai, indikator_ids))
    _sinkron_rekomendasi(peserta, actor)
    return peserta


# -- work plans ----------------------------------------------------------------------------------------------------


@transaction.atomic
def rencana_simpan(
    *,
    actor,
    pegawai: Pegawai,
    tahun: int,
    triwulan: int,
    versi: int,
    aksi: Mapping[int, tuple[str, str]],
    ajukan: bool = False,
) -> RencanaKerja:
    """The ASN drafts (or submits) their work plan for a triwulan: per active indicator, the actions and when.
    Only the ASN; only a draft or a returned plan; only from the version they saw. Submitting needs an action for
    every indicator."""
    if get_lingkup(actor).pegawai_id != pegawai.pk:
        raise PermissionDenied
    rencana = RencanaKerja.objects.select_for_update().filter(pegawai=pegawai, tahun=tahun, triwulan=triwulan).first()
    if rencana is None:
        if versi != 0:
            raise Kedaluwarsa(None)
        rencana = RencanaKerja(
            pegawai=pegawai, instansi_id=pegawai.opd.instansi_id, tahun=tahun, triwulan=triwulan, versi=0
        )
    elif rencana.versi != versi:
        raise Kedaluwarsa(rencana)
    if not rencana.dapat_diubah:
        raise ValidationError(
            _("Rencana kerja berstatus %(status)s tidak dapat diubah.") % {"status": rencana.get_status_display()},
            code="status",
        )
    indikator = list(
        Indikator.objects.filter(pegawai=pegawai, tahun=tahun, jenis=Indikator.Jenis.IKI, aktif=True).order_by("kode")
    )
    if ajukan:
        kosong = [i.kode for i in indikator if not (aksi.get(i.pk, ("", ""))[0] or "").strip()]
        if not indikator:
            raise ValidationError(_("Belum ada IKI tahun ini untuk direncanakan."), code="kosong")
        if kosong:
            raise ValidationError(
                _("Tuliskan rencana aksi untuk setiap indikator sebelum mengajukan (belum: %(kode)s).")
                % {"kode": ", ".join(kosong)},
                code="belum_lengkap",
            )
        rencana.status = RencanaKerja.Status.DIAJUKAN
        rencana.diajukan_pada = timezone.now()
    elif rencana.status == RencanaKerja.Status.DIKEMBALIKAN:
        rencana.status = RencanaKerja.Status.DRAF
    rencana.versi += 1
    rencana.full_clean(validate_unique=False, validate_constraints=False)
    rencana._history_user = actor
    _simpan_baru(rencana)
    ada = {a.indikator_id: a for a in RencanaAksi.objects.filter(rencana=rencana)}
    for ind in indikator:
        teks, jadwal = aksi.get(ind.pk, ("", ""))
        teks, jadwal = (teks or "").strip(), (jadwal or "").strip()
        lama = ada.get(ind.pk)
        if not teks:
            if lama is not None:
                lama._history_user = actor
                lama.delete()
            continue
        if lama is not None and (lama.aksi, lama.jadwal) == (teks, jadwal):
            continue
        obj = lama or RencanaAksi(rencana=rencana, indikator=ind)
        obj.aksi, obj.jadwal = teks, jadwal
        _simpan(obj, actor)
    return rencana


@transaction.atomic
def rencana_putuskan(*, actor, rencana: RencanaKerja, versi: int, setuju: bool, catatan: str = "") -> RencanaKerja:
    """The superior (or the OPD's Tim Evaluasi) approves a submitted plan, or returns a submitted or approved one
    with a note for the ASN to revise."""
    if not boleh_menilai(get_lingkup(actor), rencana.pegawai):
        raise PermissionDenied
    rencana = RencanaKerja.objects.select_for_update(of=("self",)).select_related("pegawai").get(pk=rencana.pk)
    if rencana.versi != versi:
        raise Kedaluwarsa(rencana)
    catatan = (catatan or "").strip()
    if setuju:
        if rencana.status != RencanaKerja.Status.DIAJUKAN:
            raise ValidationError(_("Hanya rencana kerja yang diajukan yang dapat disetujui."), code="status")
        rencana.status = RencanaKerja.Status.DISETUJUI
    else:
        if rencana.status not in (RencanaKerja.Status.DIAJUKAN, RencanaKerja.Status.DISETUJUI):
            raise ValidationError(_("Hanya rencana kerja yang diajukan atau disetujui yang dapat dikembalikan."))
        if not catatan:
            raise ValidationError({"catatan": _("Tuliskan catatan agar pegawai tahu apa yang perlu diperbaiki.")})
        rencana.status = RencanaKerja.Status.DIKEMBALIKAN
    rencana.catatan_atasan = catatan
    rencana.diputuskan_oleh = actor
    rencana.diputuskan_pada = timezone.now()
    rencana.versi += 1
    _simpan(rencana, actor)
    return rencana
