"""Writes for the handling of complaints by the Petugas Pengaduan and the OPD, and the steps every write shares.

Every function is keyword-only and runs in one transaction. A staff action names the version of the complaint the
user saw; a stale one is refused, never applied over someone else's step. Every step of a complaint is kept in
`RiwayatPengaduan` with who, when and the note. Figures the automatic indicator feeds read (first responses) enqueue
the feed of that OPD on commit. The reporter's own steps are in services_pelapor.py, the hourly deadline check in
eskalasi.py, the deadlines themselves in tenggat.py.
"""

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opd import antrian, audit
from opd.hari_kerja import Kalender
from opd.kalender import kalender_instansi, tanggal_lokal
from opd.lingkup import get_lingkup
from opd.models import JenisAudit, Opd

from . import akses
from .models import Jeda, Pengaduan, RiwayatPengaduan, pengaduan_ditutup
from .tenggat import catat_respons_pertama, perbarui_tenggat

S = Pengaduan.Status

BISA_DITUNDA = (S.DITERIMA, S.DIVERIFIKASI, S.DIDISPOSISIKAN, S.DITINDAKLANJUTI)
TIDAK_BERUBAH = object()


class KonflikVersi(Exception):
    """Someone else acted on this complaint after the page was loaded: nothing is applied."""

    def __init__(self) -> None:
        super().__init__(_("Pengaduan ini sudah diubah orang lain. Muat ulang halaman lalu periksa lagi."))


# -- helpers ---------------------------------------------------------------------------------------------------------


def _riwayat(
    pengaduan: Pengaduan,
    *,
    dari: str,
    ke: str,
    pada: datetime.datetime,
    oleh=None,
    pelapor: bool = False,
    sistem: bool = False,
    catatan: str = "",
    publik: bool = True,
    opd: Opd | None = None,
) -> RiwayatPengaduan:
    if dari != ke:
        audit.catat(
            jenis=JenisAudit.PENGADUAN,
            user=oleh,
            instansi=pengaduan.instansi_id,
            objek=pengaduan,
            objek_teks=pengaduan.nomor,
            perubahan={"status": [dari or None, ke]},
            # Who acted when no account did: the hourly job or the reporter on the tracking page.
            keterangan="sistem" if sistem else "pelapor" if pelapor else "",
        )
    if ke == S.DITUTUP and dari != ke:
        pengaduan_id = pengaduan.pk
        transaction.on_commit(lambda: pengaduan_ditutup.send(sender=Pengaduan, pengaduan_id=pengaduan_id))
    return RiwayatPengaduan.objects.create(
        pengaduan=pengaduan,
        pada=pada,
        oleh=oleh,
        oleh_pelapor=pelapor,
        oleh_sistem=sistem,
        dari_status=dari,
        ke_status=ke,
        opd=opd,
        catatan=catatan.strip(),
        publik=publik,
    )


def _ambil_terkunci(pengaduan: Pengaduan, versi: int | None) -> Pengaduan:
    """The row, locked for this transaction; with a version, only if it is still the one the user saw."""
    terkunci = Pengaduan.objects.select_for_update(of=("self",)).select_related("instansi").get(pk=pengaduan.pk)
    if versi is not None and terkunci.versi != versi:
        raise KonflikVersi
    return terkunci


def _simpan(pengaduan: Pengaduan, kalender: Kalender | None = None) -> None:
    perbarui_tenggat(pengaduan, kalender=kalender)
    pengaduan.versi += 1
    pengaduan.full_clean()
    pengaduan.save()


def _wajib_status(pengaduan: Pengaduan, boleh: Sequence[str], pesan: str) -> None:
    if pengaduan.status not in boleh:
        raise ValidationError(pesan, code="status")


def _wajib_teks(teks: str, field: str, pesan: str) -> str:
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({field: pesan})
    return teks


def _wajib_petugas(actor, pengaduan: Pengaduan) -> None:
    if not akses.petugas(get_lingkup(actor), pengaduan.instansi_id):
        raise PermissionDenied


def _wajib_opd(actor, pengaduan: Pengaduan) -> None:
    if not akses.tim_opd(get_lingkup(actor), pengaduan.opd_id):
        raise PermissionDenied


def _feed_on_commit(opd_id: int | None, *tanggal: datetime.date | None) -> None:
    """Refresh the OPD's automatic indicators of the years these dates fall in, once the change is committed."""
    if opd_id is None:
        return
    from .tasks import feed_opd

    for tahun in sorted({t.year for t in tanggal if t is not None}):
        antrian.kirim_saat_commit(feed_opd, opd_id=opd_id, tahun=tahun)


def _atur_privasi(pengaduan: Pengaduan, anonim: bool | None, rahasia: bool | None) -> None:
    if anonim is not None:
        if not anonim and pengaduan.anonim_pelapor:
            raise ValidationError({"anonim": _("Pelapor memilih anonim; pilihan itu tidak dapat dibatalkan.")})
        pengaduan.anonim = anonim
    if rahasia is not None:
        if not rahasia and pengaduan.rahasia_pelapor:
            raise ValidationError({"rahasia": _("Pelapor memilih rahasia; pilihan itu tidak dapat dibatalkan.")})
        pengaduan.rahasia = rahasia


# -- the Petugas Pengaduan -------------------------------------------------------------------------------------------


@transaction.atomic
def pengaduan_verify(
    *,
    actor,
    pengaduan: Pengaduan,
    versi: int,
    catatan: str = "",
    anonim: bool | None = None,
    rahasia: bool | None = None,
    pegawai_terlapor=TIDAK_BERUBAH,
    sekarang: datetime.datetime | None = None,
) -> Pengaduan:
    """Diterima → Diverifikasi: the file is complete. The Petugas may make it anonim or rahasia (never undo the
    reporter's choice) and name the ASN it is about."""
    _wajib_petugas(actor, pengaduan)
    pengaduan = _ambil_terkunci(pengaduan, versi)
    _wajib_status(pengaduan, [S.DITERIMA], _("Hanya pengaduan berstatus Diterima yang dapat diverifikasi."))
    _atur_privasi(pengaduan, anonim, rahasia)
    if pegawai_terlapor is not TIDAK_BERUBAH:
        if pegawai_terlapor is not None and pegawai_terlapor.opd.instansi_id != pengaduan.instansi_id:
            raise ValidationError({"pegawai_terlapor": _("ASN terlapor harus pegawai instansi ini.")})
        pengaduan.pegawai_terlapor = pegawai_terlapor
    sekarang = sekarang or timezone.now()
    pengaduan.status = S.DIVERIFIKASI
    pengaduan.diverifikasi_pada = sekarang
    _riwayat(pengaduan, dari=S.DITERIMA, ke=S.DIVERIFIKASI, pada=sekarang, oleh=actor, catatan=catatan, publik=False)
    _simpan(pengaduan)
    return pengaduan


@transaction.atomic
def pengaduan_set_privacy(
    *, actor, pengaduan: Pengaduan, versi: int, anonim: bool, rahasia: bool, sekarang: datetime.datetime | None = None
) -> Pengaduan:
    """The Petugas makes a complaint anonim or rahasia (or undoes their own choice, never the reporter's)."""
    _wajib_petugas(actor, pengaduan)
    pengaduan = _ambil_terkunci(pengaduan, versi)
    _atur_privasi(pengaduan, anonim, rahasia)
    catatan = _("Kerahasiaan diatur: anonim %(a)s, rahasia %(r)s.") % {
        "a": _("ya") if anonim else _("tidak"),
        "r": _("ya") if rahasia else _("tidak"),
    }
    _riwayat(
        pengaduan,
        dari=pengaduan.status,
        ke=pengaduan.status,
        pada=sekarang or timezone.now(),
        oleh=actor,
        catatan=catatan,
        publik=False,
    )
    _simpan(pengaduan)
    return pengaduan


def _akhiri(actor, pengaduan: Pengaduan, versi: int, alasan: str, ke: str, sekarang=None) -> Pengaduan:
    _wajib_petugas(actor, pengaduan)
    alasan = _wajib_teks(alasan, "alasan", _("Tuliskan alasannya: pelapor akan membacanya."))
    pengaduan = _ambil_terkunci(pengaduan, versi)
    _wajib_status(
        pengaduan,
        [S.DITERIMA, S.DIVERIFIKASI],
        _("Hanya pengaduan yang belum didisposisikan yang dapat ditolak atau dinyatakan bukan wewenang."),
    )
    sekarang = sekarang or timezone.now()
    dari = pengaduan.status
    pengaduan.status = ke
    pengaduan.alasan = alasan
    pengaduan.ditutup_pada = sekarang
    _riwayat(pengaduan, dari=dari, ke=ke, pada=sekarang, oleh=actor, catatan=alasan)
    _simpan(pengaduan)
    return pengaduan


@transaction.atomic
def pengaduan_reject(
    *, actor, pengaduan: Pengaduan, versi: int, alasan: str, sekarang: datetime.datetime | None = None
) -> Pengaduan:
    """→ Ditolak, with the reason the reporter reads."""
    return _akhiri(actor, pengaduan, versi, alasan, S.DITOLAK, sekarang)


@transaction.atomic
def pengaduan_not_authority(
    *, actor, pengaduan: Pengaduan, versi: int, alasan: str, sekarang: datetime.datetime | None = None
) -> Pengaduan:
    """→ Bukan wewenang (not the pemda's to handle), with the reason and where to turn instead."""
    return _akhiri(actor, pengaduan, versi, alasan, S.BUKAN_WEWENANG, sekarang)


@transaction.atomic
def pengaduan_hold(
    *, actor, pengaduan: Pengaduan, versi: int, alasan: str, sekarang: datetime.datetime | None = None
) -> Pengaduan:
    """→ Ditunda: the deadline clocks stop until the Petugas resumes it (waiting for the reporter's documents…)."""
    _wajib_petugas(actor, pengaduan)
    alasan = _wajib_teks(alasan, "alasan", _("Tuliskan alasan penundaan: pelapor akan membacanya."))
    pengaduan = _ambil_terkunci(pengaduan, versi)
    _wajib_status(pengaduan, BISA_DITUNDA, _("Pengaduan ini tidak dapat ditunda pada statusnya sekarang."))
    sekarang = sekarang or timezone.now()
    dari = pengaduan.status
    pengaduan.status_sebelum_tunda = dari
    pengaduan.status = S.DITUNDA
    pengaduan.alasan = alasan
    Jeda.objects.create(pengaduan=pengaduan, mulai=sekarang, tanggal_mulai=tanggal_lokal(pengaduan.instansi, sekarang))
    _riwayat(pengaduan, dari=dari, ke=S.DITUNDA, pada=sekarang, oleh=actor, catatan=alasan)
    _simpan(pengaduan)
    return pengaduan


@transaction.atomic
def pengaduan_resume(
    *, actor, pengaduan: Pengaduan, versi: int, catatan: str = "", sekarang: datetime.datetime | None = None
) -> Pengaduan:
    """Ditunda → the state it was in; the clocks run again from the next working day."""
    _wajib_petugas(actor, pengaduan)
    pengaduan = _ambil_terkunci(pengaduan, versi)
    _wajib_status(pengaduan, [S.DITUNDA], _("Hanya pengaduan yang ditunda yang dapat dilanjutkan."))
    sekarang = sekarang or timezone.now()
    jeda = pengaduan.jeda_set.select_for_update().get(selesai__isnull=True)
    jeda.selesai = sekarang
    jeda.tanggal_selesai = max(tanggal_lokal(pengaduan.instansi, sekarang), jeda.tanggal_mulai)
    jeda.save()
    pengaduan.status = pengaduan.status_sebelum_tunda or S.DITERIMA
    pengaduan.status_sebelum_tunda = ""
    pengaduan.alasan = ""
    _riwayat(pengaduan, dari=S.DITUNDA, ke=pengaduan.status, pada=sekarang, oleh=actor, catatan=catatan, publik=False)
    _simpan(pengaduan)
    _feed_on_commit(pengaduan.opd_id, pengaduan.tenggat_respons)
    return pengaduan


@transaction.atomic
def pengaduan_route(
    *, actor, pengaduan: Pengaduan, versi: int, opd: Opd, catatan: str = "", sekarang: datetime.datetime | None = None
) -> Pengaduan:
    """Diverifikasi (or Didisposisikan, to route it elsewhere before the OPD responded) → Didisposisikan to an OPD of
    the same instansi; the OPD's 5 working days start."""
    _wajib_petugas(actor, pengaduan)
    pengaduan = _ambil_terkunci(pengaduan, versi)
    _wajib_status(
        pengaduan,
        [S.DIVERIFIKASI, S.DIDISPOSISIKAN],
        _("Pengaduan harus diverifikasi dulu sebelum didisposisikan."),
    )
    if opd.instansi_id != pengaduan.instansi_id:
        raise ValidationError({"opd": _("OPD tujuan harus OPD instansi ini.")})
    lama_opd, lama_tenggat = pengaduan.opd_id, pengaduan.tenggat_respons
    sekarang = sekarang or timezone.now()
    dari = pengaduan.status
    pengaduan.status = S.DIDISPOSISIKAN
    pengaduan.opd = opd
    pengaduan.didisposisikan_pada = sekarang
    pengaduan.direspons_pada = None
    pengaduan.tanggal_respons = None
    pengaduan.hari_respons = None
    pengaduan.respons_tepat_waktu = None
    _riwayat(
        pengaduan, dari=dari, ke=S.DIDISPOSISIKAN, pada=sekarang, oleh=actor, catatan=catatan, publik=False, opd=opd
    )
    _simpan(pengaduan)
    if lama_opd and lama_opd != opd.pk:
        _feed_on_commit(lama_opd, lama_tenggat)
    _feed_on_commit(opd.pk, pengaduan.tenggat_respons)
    return pengaduan


# -- the OPD ---------------------------------------------------------------------------------------------------------


@transaction.atomic
def pengaduan_respond(
    *, actor, pengaduan: Pengaduan, versi: int, tanggapan: str, sekarang: datetime.datetime | None = None
) -> Pengaduan:
    """The OPD responds: Didisposisikan → Ditindaklanjuti (its first response, which the response-time indicator
    counts), or a further progress note while it handles the complaint. The reporter reads it."""
    _wajib_opd(actor, pengaduan)
    tanggapan = _wajib_teks(tanggapan, "tanggapan", _("Tuliskan tanggapan untuk pelapor."))
    pengaduan = _ambil_terkunci(pengaduan, versi)
    _wajib_status(
        pengaduan,
        [S.DIDISPOSISIKAN, S.DITINDAKLANJUTI, S.DIBUKA_KEMBALI],
        _("Tanggapan hanya untuk pengaduan yang sedang ditangani OPD."),
    )
    sekarang = sekarang or timezone.now()
    dari = pengaduan.status
    kalender = kalender_instansi(pengaduan.instansi_id)
    catat_respons_pertama(pengaduan, sekarang, kalender)
    pengaduan.status = S.DITINDAKLANJUTI
    _riwayat(
        pengaduan, dari=dari, ke=S.DITINDAKLANJUTI, pada=sekarang, oleh=actor, catatan=tanggapan, opd=pengaduan.opd
    )
    _simpan(pengaduan, kalender)
    if dari == S.DIDISPOSISIKAN:
        _feed_on_commit(pengaduan.opd_id, pengaduan.tanggal_respons, pengaduan.tenggat_respons)
    return pengaduan


@transaction.atomic
def pengaduan_answer(
    *, actor, pengaduan: Pengaduan, versi: int, jawaban: str, sekarang: datetime.datetime | None = None
) -> Pengaduan:
    """The OPD answers and marks it done: → Selesai. Closed automatically after 10 working days unless the reporter
    disputes the answer."""
    _wajib_opd(actor, pengaduan)
    jawaban = _wajib_teks(jawaban, "jawaban", _("Tuliskan jawaban untuk pelapor."))
    pengaduan = _ambil_terkunci(pengaduan, versi)
    _wajib_status(
        pengaduan,
        [S.DIDISPOSISIKAN, S.DITINDAKLANJUTI, S.DIBUKA_KEMBALI],
        _("Hanya pengaduan yang sedang ditangani OPD yang dapat diselesaikan."),
    )
    sekarang = sekarang or timezone.now()
    dari = pengaduan.status
    kalender = kalender_instansi(pengaduan.instansi_id)
    pertama = pengaduan.direspons_pada is None
    catat_respons_pertama(pengaduan, sekarang, kalender)
    pengaduan.status = S.SELESAI
    pengaduan.jawaban = jawaban
    pengaduan.dibantah = False
    pengaduan.diselesaikan_pada = sekarang
    pengaduan.tanggal_selesai = tanggal_lokal(pengaduan.instansi, sekarang)
    _riwayat(pengaduan, dari=dari, ke=S.SELESAI, pada=sekarang, oleh=actor, catatan=jawaban, opd=pengaduan.opd)
    _simpan(pengaduan, kalender)
    if pertama:
        _feed_on_commit(pengaduan.opd_id, pengaduan.tanggal_respons, pengaduan.tenggat_respons)
    return pengaduan


@transaction.atomic
def pengaduan_return(
    *, actor, pengaduan: Pengaduan, versi: int, alasan: str, sekarang: datetime.datetime | None = None
) -> Pengaduan:
    """The OPD gives back a complaint that is not its own, before responding: Didisposisikan → Diverifikasi, and the
    Petugas has 3 working days again to route it."""
    _wajib_opd(actor, pengaduan)
    alasan = _wajib_teks(alasan, "alasan", _("Tuliskan mengapa pengaduan ini bukan untuk OPD Anda."))
    pengaduan = _ambil_terkunci(pengaduan, versi)
    _wajib_status(pengaduan, [S.DIDISPOSISIKAN], _("Hanya pengaduan yang belum ditanggapi yang dapat dikembalikan."))
    sekarang = sekarang or timezone.now()
    opd, tenggat = pengaduan.opd, pengaduan.tenggat_respons
    pengaduan.status = S.DIVERIFIKASI
    pengaduan.opd = None
    pengaduan.didisposisikan_pada = None
    pengaduan.tanggal_dikembalikan = tanggal_lokal(pengaduan.instansi, sekarang)
    _riwayat(
        pengaduan,
        dari=S.DIDISPOSISIKAN,
        ke=S.DIVERIFIKASI,
        pada=sekarang,
        oleh=actor,
        catatan=alasan,
        publik=False,
        opd=opd,
    )
    _simpan(pengaduan)
    _feed_on_commit(opd.pk if opd else None, tenggat)
    return pengaduan
