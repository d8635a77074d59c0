"""Writes for objections (keberatan) to a final predikat and for calibration sessions (domain.md, rule 7).

Every function is keyword-only, runs in one transaction, checks the actor's right itself, validates with
``full_clean()`` and keeps its history through simple_history with the actor. A changed predikat goes through the
evaluation itself (its history records the change) and brings its follow-up (reward, training) in line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opd.lingkup import get_lingkup
from opd.models import Opd, Pegawai

from . import aturan
from .models import Keberatan, Penilaian, PerubahanKalibrasi, SesiKalibrasi
from .selectors import PeriodePenilaian, figur_penilaian
from .selectors_keberatan import (
    boleh_kalibrasi,
    boleh_putuskan,
    dapat_dikalibrasi,
    jendela_keberatan,
)
from .selectors_opd import staf_opd
from .services import Kedaluwarsa, _simpan, _simpan_baru, _tindak_lanjut

RATING = {r.value for r in aturan.Rating}


def _ubah_rating(penilaian: Penilaian, hasil_kerja: str, perilaku: str, alasan: str, asal: str) -> None:
    """Set both ratings and the predikat they give; a rating that now differs from the system's suggestion carries
    the reason of the change as its justification (Penilaian.clean asks for one)."""
    if hasil_kerja != penilaian.hasil_kerja:
        penilaian.hasil_kerja = hasil_kerja
        if hasil_kerja != penilaian.hasil_kerja_saran:
            penilaian.alasan_hasil_kerja = f"{asal}: {alasan}"
    if perilaku != penilaian.perilaku:
        penilaian.perilaku = perilaku
        if perilaku != penilaian.perilaku_saran:
            penilaian.alasan_perilaku = f"{asal}: {alasan}"
    penilaian.predikat = aturan.predikat(hasil_kerja, perilaku).value


# -- objections ------------------------------------------------------------------------------------------------------


@transaction.atomic
def keberatan_ajukan(*, actor, penilaian: Penilaian, alasan: str, bukti=None) -> Keberatan:
    """The ASN objects to the predikat of their own final evaluation, within the instansi's working days after it
    was finalised, once per finalisation, with a reason and optionally an evidence file. The evaluator's superior
    at that moment is recorded as one of those who decide."""
    if get_lingkup(actor).pegawai_id != penilaian.pegawai_id:
        raise PermissionDenied
    penilaian = Penilaian.objects.select_for_update().select_related("instansi").get(pk=penilaian.pk)
    if not penilaian.sudah_final or not penilaian.predikat:
        raise ValidationError(_("Keberatan hanya dapat diajukan atas predikat penilaian yang sudah final."))
    jendela = jendela_keberatan(penilaian=penilaian)
    if jendela.keberatan is not None:
        raise ValidationError(_("Keberatan atas predikat ini sudah diajukan."), code="ganda")
    if not jendela.terbuka:
        raise ValidationError(
            _("Batas waktu keberatan sudah lewat (%(batas)s).") % {"batas": jendela.batas.strftime("%d/%m/%Y")},
            code="lewat",
        )
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Tuliskan alasan keberatan.")})
    atasan_penilai_id = None
    if penilaian.penilai_id:
        atasan_penilai_id = (
            Pegawai.objects.filter(user_id=penilaian.penilai_id).values_list("atasan_id", flat=True).first()
        )
    keberatan = Keberatan(
        penilaian=penilaian,
        pegawai_id=penilaian.pegawai_id,
        instansi_id=penilaian.instansi_id,
        alasan=alasan,
        atasan_penilai_id=atasan_penilai_id,
        diajukan_oleh=actor,
        hasil_kerja_sebelum=penilaian.hasil_kerja,
        perilaku_sebelum=penilaian.perilaku,
        predikat_sebelum=penilaian.predikat,
    )
    if bukti:
        keberatan.bukti = bukti
    keberatan.full_clean(validate_constraints=False)
    keberatan._history_user = actor
    _simpan_baru(keberatan)
    return keberatan


@transaction.atomic
def keberatan_putuskan(
    *, actor, keberatan: Keberatan, kabulkan: bool, alasan: str, hasil_kerja: str = "", perilaku: str = ""
) -> Keberatan:
    """Uphold the predikat (ditolak) or change it (dikabulkan: the two new ratings give the new predikat, which must
    differ), always with a reason. A change is written to the evaluation, which stays final; both predikat stay on the
    objection and in the evaluation's history."""
    keberatan = (
        Keberatan.objects.select_for_update()
        .select_related("pegawai", "pegawai__opd", "penilaian")
        .get(pk=keberatan.pk)
    )
    if not boleh_putuskan(get_lingkup(actor), keberatan):
        raise PermissionDenied
    if not keberatan.terbuka:
        raise ValidationError(_("Keberatan ini sudah diputuskan."), code="status")
    errors: dict[str, list[str]] = {}
    alasan = (alasan or "").strip()
    if not alasan:
        errors["alasan_keputusan"] = [_("Tuliskan alasan keputusan.")]
    penilaian = Penilaian.objects.select_for_update().get(pk=keberatan.penilaian_id)
    if not penilaian.sudah_final:
        raise ValidationError(
            _("Penilaian sedang dibuka ulang: putuskan keberatan setelah penilaian final kembali."), code="status"
        )
    if kabulkan:
        if hasil_kerja not in RATING:
            errors["hasil_kerja"] = [_("Pilih rating hasil kerja yang baru.")]
        if perilaku not in RATING:
            errors["perilaku"] = [_("Pilih rating perilaku kerja yang baru.")]
        if not errors and aturan.predikat(hasil_kerja, perilaku).value == penilaian.predikat:
            errors["hasil_kerja"] = [
                _("Rating ini menghasilkan predikat yang sama. Ubah rating, atau tolak keberatan.")
            ]
    if errors:
        raise ValidationError(errors)

    if kabulkan:
        _ubah_rating(penilaian, hasil_kerja, perilaku, alasan, _("Keberatan dikabulkan"))
        penilaian.versi += 1
        _simpan(penilaian, actor)
        _tindak_lanjut(
            penilaian,
            figur_penilaian(pegawai=keberatan.pegawai, tahun=penilaian.tahun, triwulan=penilaian.triwulan),
            actor,
        )
        keberatan.status = Keberatan.Status.DIKABULKAN
    else:
        keberatan.status = Keberatan.Status.DITOLAK
    keberatan.hasil_kerja_sesudah = penilaian.hasil_kerja
    keberatan.perilaku_sesudah = penilaian.perilaku
    keberatan.predikat_sesudah = penilaian.predikat
    keberatan.alasan_keputusan = alasan
    keberatan.diputuskan_oleh = actor
    keberatan.diputuskan_pada = timezone.now()
    _simpan(keberatan, actor)
    return keberatan


# -- calibration -----------------------------------------------------------------------------------------------------


@transaction.atomic
def sesi_kalibrasi_buka(*, actor, opd: Opd, tahun: int, periode: PeriodePenilaian) -> SesiKalibrasi:
    """Open the OPD's calibration session of the period, or return the one that exists (open or closed)."""
    if not boleh_kalibrasi(get_lingkup(actor), opd):
        raise PermissionDenied
    sesi = SesiKalibrasi.objects.filter(opd=opd, tahun=tahun, jenis=periode.jenis, triwulan=periode.triwulan).first()
    if sesi is not None:
        return sesi
    sesi = SesiKalibrasi(
        opd=opd,
        instansi_id=opd.instansi_id,
        tahun=tahun,
        jenis=periode.jenis,
        triwulan=periode.triwulan,
        dibuka_oleh=actor,
    )
    sesi.full_clean(validate_constraints=False, validate_unique=False)
    sesi._history_user = actor
    try:
        _simpan_baru(sesi)
    except Kedaluwarsa:
        # Opened by someone else meanwhile: theirs is the session.
        return SesiKalibrasi.objects.get(opd=opd, tahun=tahun, jenis=periode.jenis, triwulan=periode.triwulan)
    return sesi


@dataclass(frozen=True)
class UbahRating:
    """One row of the calibration screen as submitted: the evaluation, both ratings and the reason of a change."""

    penilaian_id: int
    hasil_kerja: str
    perilaku: str
    alasan: str = ""


@transaction.atomic
def kalibrasi_simpan(*, actor, sesi: SesiKalibrasi, baris: Iterable[UbahRating]) -> list[PerubahanKalibrasi]:
    """Apply the changed rows of an open session: each changed rating of a draft evaluation of the OPD's staff in
    the session's period, with its reason, is written to the evaluation (its history records it) and recorded as a
    PerubahanKalibrasi. Unchanged rows write nothing. Errors name the row: ``{penilaian_id: {field: [messages]}}``
    in the ValidationError's params; nothing is written when any row is refused."""
    sesi = SesiKalibrasi.objects.select_for_update().select_related("opd").get(pk=sesi.pk)
    if not boleh_kalibrasi(get_lingkup(actor), sesi.opd):
        raise PermissionDenied
    if not sesi.terbuka:
        raise ValidationError(_("Sesi kalibrasi sudah ditutup dan tidak dapat diubah."), code="ditutup")
    baris = list(baris)
    penilaian = {
        p.pk: p
        for p in Penilaian.objects.select_for_update().filter(
            pk__in=[b.penilaian_id for b in baris],
            pegawai__in=staf_opd(sesi.opd),
            tahun=sesi.tahun,
            jenis=sesi.jenis,
            triwulan=sesi.triwulan,
        )
    }
    galat: dict[int, dict[str, list[str]]] = {}
    ubah = []
    for b in baris:
        p = penilaian.get(b.penilaian_id)
        if p is None:
            raise PermissionDenied  # not a staff evaluation of this session: a forged row
        if (b.hasil_kerja, b.perilaku) == (p.hasil_kerja, p.perilaku):
            continue
        e: dict[str, list[str]] = {}
        if not dapat_dikalibrasi(p):
            e["hasil_kerja"] = [_("Penilaian ini sudah final atau belum lengkap: tidak dapat dikalibrasi.")]
        if b.hasil_kerja not in RATING:
            e["hasil_kerja"] = [_("Pilih rating hasil kerja.")]
        if b.perilaku not in RATING:
            e["perilaku"] = [_("Pilih rating perilaku kerja.")]
        if not b.alasan.strip():
            e["alasan"] = [_("Tuliskan alasan perubahan.")]
        if e:
            galat[b.penilaian_id] = e
        else:
            ubah.append((p, b))
    if galat:
        raise ValidationError(_("Perubahan belum disimpan: periksa baris yang ditandai."), params={"baris": galat})
    hasil = []
    for p, b in ubah:
        sebelum = (p.hasil_kerja, p.perilaku, p.predikat)
        _ubah_rating(p, b.hasil_kerja, b.perilaku, b.alasan.strip(), _("Kalibrasi"))
        p.versi += 1
        _simpan(p, actor)
        perubahan = PerubahanKalibrasi(
            sesi=sesi,
            penilaian=p,
            hasil_kerja_sebelum=sebelum[0],
            perilaku_sebelum=sebelum[1],
            predikat_sebelum=sebelum[2],
            hasil_kerja_sesudah=p.hasil_kerja,
            perilaku_sesudah=p.perilaku,
            predikat_sesudah=p.predikat,
            alasan=b.alasan.strip(),
            oleh=actor,
        )
        _simpan(perubahan, actor)
        hasil.append(perubahan)
    return hasil


@transaction.atomic
def sesi_kalibrasi_tutup(*, actor, sesi: SesiKalibrasi, catatan: str = "") -> SesiKalibrasi:
    """Close the session: it is read-only from then on, every change it made stays recorded."""
    sesi = SesiKalibrasi.objects.select_for_update().select_related("opd").get(pk=sesi.pk)
    if not boleh_kalibrasi(get_lingkup(actor), sesi.opd):
        raise PermissionDenied
    if not sesi.terbuka:
        raise ValidationError(_("Sesi kalibrasi sudah ditutup."), code="ditutup")
    sesi.status = SesiKalibrasi.Status.DITUTUP
    sesi.catatan = (catatan or "").strip()
    sesi.ditutup_oleh = actor
    sesi.ditutup_pada = timezone.now()
    _simpan(sesi, actor)
    return sesi


__all__ = [
    "UbahRating",
    "kalibrasi_simpan",
    "keberatan_ajukan",
    "keberatan_putuskan",
    "sesi_kalibrasi_buka",
    "sesi_kalibrasi_tutup",
]
