"""Writes for individual evaluations: saving and finalising (with the follow-up a final predikat produces),
acknowledging, reopening; and what every write of the app shares (the stale-version refusal, the admin check, saving
with history). The organisation predikat, rewards, training and work plans have their own modules (services_opd.py,
services_tindak_lanjut.py, services_pelatihan.py, services_rencana.py).

Every function is keyword-only, runs in one transaction, checks the actor's right itself (a command or a task
cannot skip it), validates with ``full_clean()`` and keeps its history through simple_history with the actor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opd.lingkup import get_lingkup
from opd.models import Pegawai

from . import aturan
from .kode import kode_baru
from .models import PembukaanPenilaian, Penghargaan, Penilaian, RekomendasiPelatihan, UmpanBalikIndikator
from .selectors import Figur, PeriodePenilaian, boleh_menilai, figur_penilaian

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
        penilaian.kode_verifikasi = kode_baru(Penilaian)
    penilaian.versi += 1
    penilaian._history_user = actor
    _simpan_baru(penilaian)
    _simpan_umpan_balik_indikator(penilaian, figur, data.umpan_balik_indikator, actor)
    if finalkan:
        _tindak_lanjut(penilaian, figur, actor)
        _beri_tahu_umpan_balik(penilaian)
    return penilaian


def _beri_tahu_umpan_balik(penilaian: Penilaian) -> None:
    """The ASN is told that the evaluation is final and its feedback waits for their acknowledgement."""
    from django.urls import reverse
    from django.utils import translation

    from opd.models import JenisNotifikasi
    from opd.notifikasi import beri_tahu

    user_id = penilaian.pegawai.user_id
    if user_id is None:
        return
    with translation.override("id"):
        periode = (
            _("tahunan %(tahun)s") % {"tahun": penilaian.tahun}
            if penilaian.jenis == Penilaian.Jenis.TAHUNAN
            else _("TW %(tw)s %(tahun)s")
            % {"tw": ("I", "II", "III", "IV")[penilaian.triwulan - 1], "tahun": penilaian.tahun}
        )
        teks = _("Penilaian %(periode)s Anda sudah final: baca umpan baliknya dan beri tanda terima.") % {
            "periode": periode
        }
    beri_tahu(
        users=[user_id],
        jenis=JenisNotifikasi.UMPAN_BALIK,
        teks=teks,
        tautan=reverse("kinerja:saya"),
        kunci=f"penilaian:{penilaian.pk}:{penilaian.versi}",
    )


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
    penilaian.kode_verifikasi = None  # its document no longer verifies; finalising again gives a new code
    penilaian.versi += 1
    _simpan(penilaian, actor)
    return pembukaan
