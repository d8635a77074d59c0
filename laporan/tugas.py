"""Tugas saya: what each user must do now, with counts, deadlines in the instansi's zone and direct links.

One entry point, `tugas_untuk(user=…)`, reads the user's scope once and asks each of their roles for its items
(laporan/tugas_opd.py for the OPD roles and the ASN, laporan/tugas_instansi.py for the instansi-wide roles). Every
role counts its items with a few aggregate queries whatever the number of OPDs, indicators or complaints.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone

from indikator.models import Periode
from opd.lingkup import Lingkup, get_lingkup
from opd.models import Instansi

BATAS_SEGERA_HARI = 7  # a window closing within this many days is shown as urgent


@dataclass(frozen=True)
class Tugas:
    """One thing to do: how many, where to do it, and by when (a date in the instansi's zone)."""

    kode: str  # stable name of the kind of item (what the tests and the headline figures refer to)
    judul: str
    jumlah: int
    url: str
    keterangan: str = ""
    tenggat: datetime.date | None = None
    sisa_hari: int | None = None

    @property
    def segera(self) -> bool:
        return self.sisa_hari is not None and self.sisa_hari <= BATAS_SEGERA_HARI


@dataclass
class Kelompok:
    """The items of one role in one scope (an OPD, an instansi, the user themself)."""

    peran: str
    lingkup: str
    tugas: list[Tugas] = field(default_factory=list)

    @property
    def tertunda(self) -> list[Tugas]:
        return [t for t in self.tugas if t.jumlah]


@dataclass
class Konteks:
    """What every role's list shares, read once: the instansi the user works in or oversees, today's date in each
    one's zone, and their periods of the current and the previous year."""

    lingkup: Lingkup
    instansi: dict[int, Instansi]
    hari_ini: dict[int, datetime.date]
    periode: list[Periode]

    def periode_terbuka(self, instansi_id: int) -> list[Periode]:
        """The windows of this instansi open today (a reopened past period included), nearest deadline first."""
        today = self.hari_ini[instansi_id]
        return sorted(
            (
                p
                for p in self.periode
                if p.instansi_id == instansi_id and p.status_pada(today) == Periode.Status.TERBUKA
            ),
            key=lambda p: (p.ditutup, p.tahun, p.triwulan),
        )

    def periode_acuan(self, instansi_id: int) -> Periode | None:
        """The period whose data should be complete now: the latest open window, else the latest closed one."""
        terbuka = self.periode_terbuka(instansi_id)
        if terbuka:
            return max(terbuka, key=lambda p: (p.tahun, p.triwulan))
        today = self.hari_ini[instansi_id]
        ditutup = [p for p in self.periode if p.instansi_id == instansi_id and p.ditutup < today]
        return max(ditutup, key=lambda p: (p.tahun, p.triwulan)) if ditutup else None

    def sisa_hari(self, periode: Periode) -> int:
        return (periode.ditutup - self.hari_ini[periode.instansi_id]).days


def triwulan_dari_tanggal(tanggal: datetime.date) -> int:
    """The triwulan a date falls in: January–March is TW I … October–December is TW IV."""
    return (tanggal.month - 1) // 3 + 1


def konteks_untuk(lingkup: Lingkup) -> Konteks:
    """Two queries: the instansi, then their periods of this year and the last."""
    ids = lingkup.instansi_terkait
    instansi = {i.pk: i for i in Instansi.objects.filter(pk__in=ids)} if ids else {}
    sekarang = timezone.now()
    hari_ini = {pk: sekarang.astimezone(ZoneInfo(i.zona_waktu)).date() for pk, i in instansi.items()}
    periode: list[Periode] = []
    if instansi:
        tahun = max(hari_ini.values()).year
        periode = list(Periode.objects.filter(instansi_id__in=instansi, tahun__gte=tahun - 1, tahun__lte=tahun))
    return Konteks(lingkup=lingkup, instansi=instansi, hari_ini=hari_ini, periode=periode)


@dataclass
class Beranda:
    kelompok: list[Kelompok]

    @property
    def angka_utama(self) -> list[Tugas]:
        """The headline figures: every pending item, the most urgent first, at most six."""
        semua = [t for k in self.kelompok for t in k.tertunda]
        return sorted(semua, key=lambda t: (t.sisa_hari is None, t.sisa_hari or 0, -t.jumlah))[:6]

    @property
    def jumlah_tertunda(self) -> int:
        return sum(t.jumlah for k in self.kelompok for t in k.tugas)


def tugas_untuk(*, user) -> Beranda:
    """Each role's items for this user, in the order of the roles' work: OPD first, then instansi, then BKN."""
    from . import tugas_instansi, tugas_opd

    lingkup = get_lingkup(user)
    konteks = konteks_untuk(lingkup)
    kelompok: list[Kelompok] = []
    if lingkup.tim_opd:
        kelompok += tugas_opd.tugas_tim_evaluasi(konteks)
    if lingkup.pimpinan_opd:
        kelompok += tugas_opd.tugas_pimpinan(konteks)
    if lingkup.pegawai_id:
        kelompok += tugas_opd.tugas_asn(konteks)
    if lingkup.admin_instansi:
        kelompok += tugas_instansi.tugas_admin_instansi(konteks)
    if lingkup.petugas_instansi:
        kelompok += tugas_instansi.tugas_petugas_pengaduan(konteks)
    if lingkup.bkn_instansi:
        kelompok += tugas_instansi.tugas_admin_bkn(konteks)
    return Beranda(kelompok=kelompok)
