"""Writes for complaints, the instansi's days off, services and survey answers.

Every function is keyword-only and runs in one transaction. A staff action names the version of the complaint the
user saw; a stale one is refused, never applied over someone else's step. Every step of a complaint is kept in
`RiwayatPengaduan` with who, when and the note. Figures the automatic indicator feeds read (first responses, survey
answers) enqueue the feed of that OPD on commit.
"""

import datetime
import logging
import re
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opd.lingkup import get_lingkup
from opd.models import Instansi, Opd, Pegawai

from . import akses
from .berkas import periksa_daftar_lampiran
from .hari_kerja import Kalender, selisih_hari_kerja, tenggat_hari_kerja
from .kalender import kalender_instansi, tanggal_lokal, triwulan_dari
from .kode import hash_kode, kode_baru
from .models import HariLibur, Jeda, Lampiran, Layanan, Pengaduan, ResponSurvei, RiwayatPengaduan

logger = logging.getLogger(__name__)

S = Pengaduan.Status

# Deadlines of domain.md, in working days (calendar days for the resolution).
HARI_VERIFIKASI = 3
HARI_RESPONS = 5
HARI_TUTUP_OTOMATIS = 10
HARI_KALENDER_PENYELESAIAN = 60

BISA_DITUNDA = (S.DITERIMA, S.DIVERIFIKASI, S.DIDISPOSISIKAN, S.DITINDAKLANJUTI)
_NIP = re.compile(r"(?<!\d)\d{18}(?!\d)")
TIDAK_BERUBAH = object()


class KonflikVersi(Exception):
    """Someone else acted on this complaint after the page was loaded: nothing is applied."""

    def __init__(self) -> None:
        super().__init__(_("Pengaduan ini sudah diubah orang lain. Muat ulang halaman lalu periksa lagi."))


# -- deadlines -------------------------------------------------------------------------------------------------------


def _jeda(pengaduan: Pengaduan) -> list[tuple[datetime.date, datetime.date | None]]:
    if pengaduan.pk is None:
        return []
    return [(j.tanggal_mulai, j.tanggal_selesai) for j in pengaduan.jeda_set.all()]


def _hari_jeda_kalender(jeda, sejak: datetime.date) -> int | None:
    """Calendar days on hold after `sejak`; None while a hold runs."""
    total = 0
    for mulai, selesai in jeda:
        if selesai is None:
            return None
        awal = max(mulai, sejak)
        if selesai > awal:
            total += (selesai - awal).days
    return total


def perbarui_tenggat(pengaduan: Pengaduan, *, kalender: Kalender | None = None) -> bool:
    """Compute every deadline of the complaint from its moments, its holds and the instansi's calendar.

    Verification and routing: 3 working days from receipt (or from the OPD giving it back). The OPD's first response:
    5 from routing. Resolution: 60 calendar days from verification (the file is complete), plus the days on hold.
    Automatic closing: 10 working days after the answer. Returns whether anything changed."""
    kalender = kalender or kalender_instansi(pengaduan.instansi_id)
    instansi = pengaduan.instansi
    jeda = _jeda(pengaduan)
    sebelum = (
        pengaduan.tenggat_verifikasi,
        pengaduan.tenggat_respons,
        pengaduan.tenggat_penyelesaian,
        pengaduan.tenggat_tutup,
    )
    mulai_verifikasi = max(filter(None, [pengaduan.tanggal_diterima, pengaduan.tanggal_dikembalikan]))
    pengaduan.tenggat_verifikasi = tenggat_hari_kerja(mulai_verifikasi, HARI_VERIFIKASI, kalender, jeda)
    if pengaduan.didisposisikan_pada:
        mulai = tanggal_lokal(instansi, pengaduan.didisposisikan_pada)
        pengaduan.tenggat_respons = tenggat_hari_kerja(mulai, HARI_RESPONS, kalender, jeda)
    else:
        pengaduan.tenggat_respons = None
    if pengaduan.diverifikasi_pada:
        mulai = tanggal_lokal(instansi, pengaduan.diverifikasi_pada)
        ditunda = _hari_jeda_kalender(jeda, mulai)
        pengaduan.tenggat_penyelesaian = (
            None if ditunda is None else mulai + datetime.timedelta(days=HARI_KALENDER_PENYELESAIAN + ditunda)
        )
    else:
        pengaduan.tenggat_penyelesaian = None
    if pengaduan.status == S.SELESAI and pengaduan.tanggal_selesai:
        pengaduan.tenggat_tutup = tenggat_hari_kerja(pengaduan.tanggal_selesai, HARI_TUTUP_OTOMATIS, kalender)
    else:
        pengaduan.tenggat_tutup = None
    return sebelum != (
        pengaduan.tenggat_verifikasi,
        pengaduan.tenggat_respons,
        pengaduan.tenggat_penyelesaian,
        pengaduan.tenggat_tutup,
    )


def _catat_respons_pertama(pengaduan: Pengaduan, sekarang: datetime.datetime, kalender: Kalender) -> None:
    """The OPD's first response since routing: its date and the working days it took, pauses left out."""
    if pengaduan.direspons_pada is not None:
        return
    instansi = pengaduan.instansi
    pengaduan.direspons_pada = sekarang
    pengaduan.tanggal_respons = tanggal_lokal(instansi, sekarang)
    mulai = tanggal_lokal(instansi, pengaduan.didisposisikan_pada)
    pengaduan.hari_respons = selisih_hari_kerja(mulai, pengaduan.tanggal_respons, kalender, _jeda(pengaduan))
    pengaduan.respons_tepat_waktu = pengaduan.hari_respons <= HARI_RESPONS


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
        transaction.on_commit(lambda tahun=tahun: feed_opd.delay(opd_id=opd_id, tahun=tahun))


def _atur_privasi(pengaduan: Pengaduan, anonim: bool | None, rahasia: bool | None) -> None:
    if anonim is not None:
        if not anonim and pengaduan.anonim_pelapor:
            raise ValidationError({"anonim": _("Pelapor memilih anonim; pilihan itu tidak dapat dibatalkan.")})
        pengaduan.anonim = anonim
    if rahasia is not None:
        if not rahasia and pengaduan.rahasia_pelapor:
            raise ValidationError({"rahasia": _("Pelapor memilih rahasia; pilihan itu tidak dapat dibatalkan.")})
        pengaduan.rahasia = rahasia


def _cocokkan_asn(instansi: Instansi, teks: str) -> Pegawai | None:
    """An ASN named by NIP in the complaint, when that NIP is one of the instansi's staff."""
    cocok = _NIP.search(teks or "")
    if not cocok:
        return None
    return Pegawai.objects.filter(nip=cocok.group(0), opd__instansi=instansi).first()


# -- the reporter ----------------------------------------------------------------------------------------------------


@transaction.atomic
def pengaduan_file(
    *,
    instansi: Instansi,
    kategori: str,
    judul: str,
    isi: str,
    jenis: str = Pengaduan.Jenis.PENGADUAN,
    opd_usulan: Opd | None = None,
    asn_dilaporkan: str = "",
    lokasi: str = "",
    tanggal_kejadian: datetime.date | None = None,
    nama_pelapor: str = "",
    kontak_pelapor: str = "",
    anonim: bool = False,
    rahasia: bool = False,
    lampiran: Sequence = (),
    sekarang: datetime.datetime | None = None,
) -> tuple[Pengaduan, str]:
    """File a complaint without an account. Returns it with its tracking code: the only time the code exists in
    clear, since only its hash is kept."""
    if opd_usulan is not None and opd_usulan.instansi_id != instansi.pk:
        raise ValidationError({"opd_usulan": _("OPD ini bukan bagian dari instansi yang dipilih.")})
    berkas = periksa_daftar_lampiran(list(lampiran))
    sekarang = sekarang or timezone.now()
    tanggal = tanggal_lokal(instansi, sekarang)
    if tanggal_kejadian and tanggal_kejadian > tanggal:
        raise ValidationError({"tanggal_kejadian": _("Tanggal kejadian tidak boleh setelah hari ini.")})
    while True:
        kode = kode_baru()
        if not Pengaduan.objects.filter(kode_hash=hash_kode(kode)).exists():
            break
    pengaduan = Pengaduan(
        instansi=instansi,
        kode_hash=hash_kode(kode),
        jenis=jenis,
        kategori=kategori,
        opd_usulan=opd_usulan,
        asn_dilaporkan=asn_dilaporkan.strip(),
        pegawai_terlapor=_cocokkan_asn(instansi, asn_dilaporkan),
        judul=judul.strip(),
        isi=isi.strip(),
        lokasi=lokasi.strip(),
        tanggal_kejadian=tanggal_kejadian,
        nama_pelapor=nama_pelapor.strip(),
        kontak_pelapor=kontak_pelapor.strip(),
        anonim=anonim,
        rahasia=rahasia,
        anonim_pelapor=anonim,
        rahasia_pelapor=rahasia,
        status=S.DITERIMA,
        diterima_pada=sekarang,
        tanggal_diterima=tanggal,
    )
    perbarui_tenggat(pengaduan)
    pengaduan.full_clean()
    pengaduan.save()
    _riwayat(pengaduan, dari="", ke=S.DITERIMA, pada=sekarang, pelapor=True)
    for item, jenis_konten in berkas:
        lampiran_obj = Lampiran(
            pengaduan=pengaduan, nama_asli=(item.name or "lampiran")[:200], jenis_konten=jenis_konten, ukuran=item.size
        )
        lampiran_obj.berkas.save(item.name or "lampiran", item, save=False)
        lampiran_obj.save()
    return pengaduan, kode


@transaction.atomic
def pengaduan_reply(*, pengaduan: Pengaduan, pesan: str, sekarang: datetime.datetime | None = None) -> Pengaduan:
    """The reporter writes back. On an answered complaint this disputes the answer and reopens it to the OPD."""
    pesan = _wajib_teks(pesan, "pesan", _("Tuliskan balasan Anda."))
    pengaduan = _ambil_terkunci(pengaduan, None)
    if pengaduan.status in Pengaduan.STATUS_AKHIR:
        raise ValidationError(_("Pengaduan yang sudah ditutup atau ditolak tidak dapat dibalas."), code="status")
    sekarang = sekarang or timezone.now()
    dari = pengaduan.status
    if dari == S.SELESAI:
        pengaduan.status = S.DITINDAKLANJUTI
        pengaduan.dibantah = True
    _riwayat(pengaduan, dari=dari, ke=pengaduan.status, pada=sekarang, pelapor=True, catatan=pesan)
    _simpan(pengaduan)
    return pengaduan


@transaction.atomic
def pengaduan_rate(
    *, pengaduan: Pengaduan, penilaian: int, terselesaikan: bool, sekarang: datetime.datetime | None = None
) -> Pengaduan:
    """The reporter rates the answer (1–5) and says whether the problem was solved. On an answered complaint a
    'solved' closes it now; 'not solved' disputes the answer and reopens it to the OPD."""
    if not (isinstance(penilaian, int) and 1 <= penilaian <= 5):
        raise ValidationError({"penilaian": _("Pilih nilai 1 sampai 5.")})
    sekarang = sekarang or timezone.now()
    pengaduan = _ambil_terkunci(pengaduan, None)
    if pengaduan.status not in Pengaduan.STATUS_DIJAWAB:
        raise ValidationError(_("Jawaban dapat dinilai setelah pengaduan dijawab."), code="status")
    # One rating per answer: a new answer after a dispute may be rated again.
    if pengaduan.dinilai_pada and (
        pengaduan.status == S.DITUTUP or pengaduan.dinilai_pada >= (pengaduan.diselesaikan_pada or sekarang)
    ):
        raise ValidationError(_("Jawaban ini sudah Anda nilai."), code="sudah_dinilai")
    pengaduan.penilaian = penilaian
    pengaduan.terselesaikan = terselesaikan
    pengaduan.dinilai_pada = sekarang
    dari = pengaduan.status
    if dari == S.SELESAI:
        if terselesaikan:
            pengaduan.status = S.DITUTUP
            pengaduan.ditutup_pada = sekarang
        else:
            pengaduan.status = S.DITINDAKLANJUTI
            pengaduan.dibantah = True
    catatan = _("Penilaian %(n)d dari 5; masalah %(hasil)s.") % {
        "n": penilaian,
        "hasil": _("terselesaikan") if terselesaikan else _("belum terselesaikan"),
    }
    _riwayat(pengaduan, dari=dari, ke=pengaduan.status, pada=sekarang, pelapor=True, catatan=catatan)
    _simpan(pengaduan)
    return pengaduan


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
        [S.DIDISPOSISIKAN, S.DITINDAKLANJUTI],
        _("Tanggapan hanya untuk pengaduan yang sedang ditangani OPD."),
    )
    sekarang = sekarang or timezone.now()
    dari = pengaduan.status
    kalender = kalender_instansi(pengaduan.instansi_id)
    _catat_respons_pertama(pengaduan, sekarang, kalender)
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
        [S.DIDISPOSISIKAN, S.DITINDAKLANJUTI],
        _("Hanya pengaduan yang sedang ditangani OPD yang dapat diselesaikan."),
    )
    sekarang = sekarang or timezone.now()
    dari = pengaduan.status
    kalender = kalender_instansi(pengaduan.instansi_id)
    pertama = pengaduan.direspons_pada is None
    _catat_respons_pertama(pengaduan, sekarang, kalender)
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


# -- the hourly job --------------------------------------------------------------------------------------------------


def _tahap_terlambat(pengaduan: Pengaduan, hari_ini: datetime.date) -> str | None:
    from .models import Eskalasi

    tenggat = pengaduan.tenggat_aktif
    if tenggat is None or hari_ini <= tenggat:
        return None
    if pengaduan.status in (S.DITERIMA, S.DIVERIFIKASI):
        return Eskalasi.Tahap.VERIFIKASI
    if pengaduan.status == S.DIDISPOSISIKAN:
        return Eskalasi.Tahap.RESPONS
    return Eskalasi.Tahap.PENYELESAIAN


def tenggat_periksa(*, sekarang: datetime.datetime | None = None) -> dict[str, int]:
    """Recompute the deadlines of every open complaint (an instansi may have added a day off), flag and escalate the
    overdue ones once per missed deadline, and close answered complaints 10 working days after the answer.

    Idempotent: a second run in the same hour changes nothing and sends nothing."""
    from .notifikasi import kirim_eskalasi

    sekarang = sekarang or timezone.now()
    hasil = {"diperiksa": 0, "terlambat": 0, "dieskalasi": 0, "ditutup": 0}
    kalender: dict[int, Kalender] = {}
    ids = list(
        Pengaduan.objects.filter(status__in=[*Pengaduan.STATUS_TERBUKA, S.SELESAI])
        .order_by("pk")
        .values_list("pk", "instansi_id")
    )
    for pk, instansi_id in ids:
        if instansi_id not in kalender:
            kalender[instansi_id] = kalender_instansi(instansi_id)
        with transaction.atomic():
            pengaduan = (
                Pengaduan.objects.select_for_update(of=("self",))
                .select_related("instansi", "opd__kepala__user")
                .filter(pk=pk, status__in=[*Pengaduan.STATUS_TERBUKA, S.SELESAI])
                .first()
            )
            if pengaduan is None:
                continue
            hasil["diperiksa"] += 1
            hari_ini = tanggal_lokal(pengaduan.instansi, sekarang)
            berubah = perbarui_tenggat(pengaduan, kalender=kalender[instansi_id])
            if pengaduan.status == S.SELESAI:
                if pengaduan.tenggat_tutup and hari_ini > pengaduan.tenggat_tutup:
                    pengaduan.status = S.DITUTUP
                    pengaduan.ditutup_pada = sekarang
                    _riwayat(
                        pengaduan,
                        dari=S.SELESAI,
                        ke=S.DITUTUP,
                        pada=sekarang,
                        sistem=True,
                        catatan=_("Ditutup otomatis: %(n)d hari kerja setelah dijawab tanpa sanggahan.")
                        % {"n": HARI_TUTUP_OTOMATIS},
                    )
                    _simpan(pengaduan, kalender[instansi_id])
                    hasil["ditutup"] += 1
                elif berubah:
                    pengaduan.save(update_fields=["tenggat_tutup", "diubah_pada"])
                continue
            tahap = _tahap_terlambat(pengaduan, hari_ini)
            if tahap is None:
                if pengaduan.terlambat_sejak is not None:
                    pengaduan.terlambat_sejak = None
                    berubah = True
            else:
                hasil["terlambat"] += 1
                if pengaduan.terlambat_sejak is None:
                    pengaduan.terlambat_sejak = sekarang
                    berubah = True
                if kirim_eskalasi(pengaduan=pengaduan, tahap=tahap, tenggat=pengaduan.tenggat_aktif, pada=sekarang):
                    hasil["dieskalasi"] += 1
            if berubah:
                pengaduan.save(
                    update_fields=[
                        "tenggat_verifikasi",
                        "tenggat_respons",
                        "tenggat_penyelesaian",
                        "tenggat_tutup",
                        "terlambat_sejak",
                        "diubah_pada",
                    ]
                )
    return hasil


def tenggat_hitung_ulang_instansi(*, instansi_id: int) -> int:
    """After the instansi's days off changed: the deadlines of its open complaints (no escalation here)."""
    kalender = kalender_instansi(instansi_id)
    jumlah = 0
    qs = Pengaduan.objects.filter(instansi_id=instansi_id, status__in=[*Pengaduan.STATUS_TERBUKA, S.SELESAI])
    for pengaduan in qs.select_related("instansi").prefetch_related("jeda_set"):
        if perbarui_tenggat(pengaduan, kalender=kalender):
            pengaduan.save(
                update_fields=[
                    "tenggat_verifikasi",
                    "tenggat_respons",
                    "tenggat_penyelesaian",
                    "tenggat_tutup",
                    "diubah_pada",
                ]
            )
            jumlah += 1
    return jumlah


# -- the instansi's days off -----------------------------------------------------------------------------------------


def _tenggat_ulang_on_commit(instansi_id: int) -> None:
    from .tasks import hitung_ulang_tenggat

    transaction.on_commit(lambda: hitung_ulang_tenggat.delay(instansi_id=instansi_id))


@transaction.atomic
def hari_libur_add(*, actor, instansi: Instansi, tanggal: datetime.date, keterangan: str) -> HariLibur:
    """An extra day off of the instansi (cuti bersama…): its open complaints' deadlines move on commit."""
    if not akses.boleh_kelola_libur(get_lingkup(actor), instansi.pk):
        raise PermissionDenied
    libur = HariLibur(instansi=instansi, tanggal=tanggal, keterangan=keterangan.strip(), dibuat_oleh=actor)
    # The unique date is checked by the database below, so the message can say what happened in plain words.
    libur.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            libur.save()
    except IntegrityError:
        raise ValidationError({"tanggal": _("Tanggal ini sudah tercatat sebagai hari libur.")})
    _tenggat_ulang_on_commit(instansi.pk)
    return libur


@transaction.atomic
def hari_libur_delete(*, actor, hari_libur: HariLibur) -> None:
    if not akses.boleh_kelola_libur(get_lingkup(actor), hari_libur.instansi_id):
        raise PermissionDenied
    instansi_id = hari_libur.instansi_id
    hari_libur.delete()
    _tenggat_ulang_on_commit(instansi_id)


# -- services and the survey -----------------------------------------------------------------------------------------


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
