"""Writes of the reporter, who has no account: filing a complaint, writing back, rating the answer.

The same rules as the staff's steps (services.py): keyword-only, one transaction each, every step kept in
`RiwayatPengaduan`.
"""

import datetime
import re
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opd.kalender import tanggal_lokal
from opd.models import Instansi, Opd, Pegawai

from .berkas import periksa_daftar_lampiran
from .kode import hash_kode, kode_baru
from .models import Lampiran, Pengaduan
from .services import S, _ambil_terkunci, _riwayat, _simpan, _wajib_teks
from .tenggat import perbarui_tenggat

_NIP = re.compile(r"(?<!\d)\d{18}(?!\d)")


def _cocokkan_asn(instansi: Instansi, teks: str) -> Pegawai | None:
    """An ASN named by NIP in the complaint, when that NIP is one of the instansi's staff."""
    cocok = _NIP.search(teks or "")
    if not cocok:
        return None
    return Pegawai.objects.filter(nip=cocok.group(0), opd__instansi=instansi).first()


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


def _wajib_dalam_masa_tutup(pengaduan: Pengaduan, sekarang: datetime.datetime) -> None:
    """Only an answered complaint, and only up to the day it would close by itself (10 working days after the
    answer)."""
    if pengaduan.status != S.SELESAI:
        raise ValidationError(
            _("Hanya pengaduan yang sudah dijawab dan belum ditutup yang dapat diproses."), code="status"
        )
    if pengaduan.tenggat_tutup and tanggal_lokal(pengaduan.instansi, sekarang) > pengaduan.tenggat_tutup:
        raise ValidationError(_("Masa sanggah 10 hari kerja setelah jawaban sudah lewat."), code="lewat")


@transaction.atomic
def pengaduan_reopen(*, pengaduan: Pengaduan, alasan: str, sekarang: datetime.datetime | None = None) -> Pengaduan:
    """The reporter reopens an answered complaint whose answer did not solve the problem: Selesai → Dibuka kembali,
    once, within the 10 working days before it closes. The OPD's response clock starts again
    (`tenggat_respons_ulang`, 5 working days); the OPD answers it as before."""
    alasan = _wajib_teks(alasan, "alasan", _("Tuliskan mengapa jawaban belum menyelesaikan masalah Anda."))
    sekarang = sekarang or timezone.now()
    pengaduan = _ambil_terkunci(pengaduan, None)
    _wajib_dalam_masa_tutup(pengaduan, sekarang)
    if pengaduan.dibuka_kembali_pada is not None:
        raise ValidationError(_("Pengaduan ini sudah pernah dibuka kembali."), code="sudah_dibuka_kembali")
    pengaduan.status = S.DIBUKA_KEMBALI
    pengaduan.dibantah = True
    pengaduan.dibuka_kembali_pada = sekarang
    _riwayat(
        pengaduan,
        dari=S.SELESAI,
        ke=S.DIBUKA_KEMBALI,
        pada=sekarang,
        pelapor=True,
        catatan=alasan,
        opd=pengaduan.opd,
    )
    _simpan(pengaduan)
    return pengaduan


@transaction.atomic
def pengaduan_mark_unresolved(
    *, pengaduan: Pengaduan, catatan: str = "", sekarang: datetime.datetime | None = None
) -> Pengaduan:
    """The reporter closes an answered complaint as not solved (*tidak selesai*): Selesai → Ditutup, with
    `terselesaikan` False, within the 10 working days before it would close by itself."""
    sekarang = sekarang or timezone.now()
    pengaduan = _ambil_terkunci(pengaduan, None)
    _wajib_dalam_masa_tutup(pengaduan, sekarang)
    pengaduan.status = S.DITUTUP
    pengaduan.ditutup_pada = sekarang
    pengaduan.terselesaikan = False
    teks = _("Ditutup oleh pelapor: masalah tidak selesai.")
    catatan = (catatan or "").strip()
    _riwayat(
        pengaduan,
        dari=S.SELESAI,
        ke=S.DITUTUP,
        pada=sekarang,
        pelapor=True,
        catatan=f"{teks} {catatan}" if catatan else teks,
    )
    _simpan(pengaduan)
    return pengaduan
