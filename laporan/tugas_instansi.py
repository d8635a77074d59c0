"""Tugas saya of the instansi-wide roles (Admin Instansi, Petugas Pengaduan) and of Admin BKN: counted with aggregate
queries over all their instansi at once, never one query per OPD, instansi or complaint."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, FilteredRelation, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from evaluasi.models import Realisasi
from indikator.models import Indikator

from .tugas import BATAS_SEGERA_HARI, Kelompok, Konteks, Tugas

# -- hooks for features that count here once they exist --------------------------------------------------------------


def hook_anggaran_opd_tertinggal(*, instansi_ids: frozenset[int] | set[int]) -> dict[int, int]:
    """Per instansi, the OPDs that have not entered the budget (pagu and serapan) of the reference quarter. The
    budget is not recorded yet: nothing to count."""
    return {}


# -- shared ----------------------------------------------------------------------------------------------------------


def opd_tertinggal(konteks: Konteks, instansi_ids) -> dict[int, set[int]]:
    """Per instansi, its OPDs with an active indicator whose value for the reference period (the latest open
    window, else the latest closed one) is not verified yet. One query per distinct reference period (one in
    practice: every instansi follows the same calendar)."""
    per_periode: dict[tuple[int, int], list[int]] = defaultdict(list)
    for pk in instansi_ids:
        p = konteks.periode_acuan(pk)
        if p is not None:
            per_periode[(p.tahun, p.triwulan)].append(pk)
    hasil: dict[int, set[int]] = defaultdict(set)
    for (tahun, triwulan), ids in sorted(per_periode.items()):
        rows = (
            Indikator.objects.filter(instansi_id__in=ids, tahun=tahun, aktif=True)
            .annotate(r=FilteredRelation("realisasi_set", condition=Q(realisasi_set__triwulan=triwulan)))
            .values("instansi_id", "opd_id")
            .annotate(belum=Count("pk", filter=~Q(r__status=Realisasi.Status.DIVERIFIKASI) | Q(r__id__isnull=True)))
            .filter(belum__gt=0)
            .order_by()
        )
        for row in rows:
            hasil[row["instansi_id"]].add(row["opd_id"])
    return hasil


def _nama(konteks: Konteks, pk: int) -> str:
    return konteks.instansi[pk].nama


# -- Admin Instansi --------------------------------------------------------------------------------------------------


def _peringatan_distribusi(instansi_ids) -> dict[int, int]:
    """Per instansi, the OPDs whose staff's final annual predikat break a distribution rule of the organisation
    predikat set for the year (domain rule 6: warn, do not block). Three queries."""
    from penilaian import aturan
    from penilaian.models import Penilaian, PredikatOpd

    if not instansi_ids:
        return {}
    tahun_rows = PredikatOpd.objects.filter(instansi_id__in=instansi_ids).values_list(
        "opd_id", "instansi_id", "tahun", "predikat"
    )
    acuan = {(opd_id, tahun): (instansi_id, predikat) for opd_id, instansi_id, tahun, predikat in tahun_rows}
    if not acuan:
        return {}
    jumlah: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for opd_id, tahun, predikat, n in (
        Penilaian.objects.filter(
            instansi_id__in=instansi_ids,
            jenis=Penilaian.Jenis.TAHUNAN,
            status__in=(Penilaian.Status.FINAL, Penilaian.Status.DIAKUI),
            tahun__in={t for _opd, t in acuan},
            pegawai__aktif=True,
        )
        .exclude(predikat="")
        .values_list("pegawai__opd_id", "tahun", "predikat")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        jumlah[(opd_id, tahun)][predikat] = n
    hasil: dict[int, int] = defaultdict(int)
    for kunci, (instansi_id, predikat) in acuan.items():
        if kunci in jumlah and any(not h.terpenuhi for h in aturan.periksa_distribusi(predikat, jumlah[kunci])):
            hasil[instansi_id] += 1
    return hasil


def tugas_admin_instansi(konteks: Konteks) -> list[Kelompok]:
    """Per instansi: windows closing, OPDs behind, rewards to approve, distribution warnings. Three queries and
    one per reference period."""
    from penilaian.models import Penghargaan

    ids = sorted(konteks.lingkup.admin_instansi, key=lambda pk: _nama(konteks, pk))
    tertinggal = opd_tertinggal(konteks, ids)
    penghargaan = dict(
        Penghargaan.objects.filter(instansi_id__in=ids, status=Penghargaan.Status.DIREKOMENDASIKAN)
        .values_list("instansi_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    distribusi = _peringatan_distribusi(ids)
    anggaran = hook_anggaran_opd_tertinggal(instansi_ids=konteks.lingkup.admin_instansi)
    hasil = []
    for pk in ids:
        kelompok = Kelompok(peran=_("Admin Instansi"), lingkup=_nama(konteks, pk))
        for p in konteks.periode_terbuka(pk):
            sisa = konteks.sisa_hari(p)
            kelompok.tugas.append(
                Tugas(
                    "periode_ditutup",
                    _("Jendela pengisian %(periode)s segera ditutup") % {"periode": p.label}
                    if sisa <= BATAS_SEGERA_HARI
                    else _("Jendela pengisian %(periode)s terbuka") % {"periode": p.label},
                    1,
                    reverse("indikator:periode_list"),
                    tenggat=p.ditutup,
                    sisa_hari=sisa,
                )
            )
        acuan = konteks.periode_acuan(pk)
        kelompok.tugas += [
            Tugas(
                "opd_tertinggal",
                _("OPD belum lengkap (%(periode)s)") % {"periode": acuan.label} if acuan else _("OPD belum lengkap"),
                len(tertinggal.get(pk, ())),
                reverse("dasbor:instansi", args=[pk]),
            ),
            Tugas(
                "penghargaan",
                _("Rekomendasi penghargaan menunggu persetujuan"),
                penghargaan.get(pk, 0),
                reverse("penilaian:tindak_lanjut"),
            ),
            Tugas(
                "distribusi",
                _("OPD dengan peringatan distribusi predikat"),
                distribusi.get(pk, 0),
                reverse("penilaian:daftar"),
            ),
        ]
        if anggaran.get(pk):
            kelompok.tugas.append(
                Tugas(
                    "anggaran_tertinggal",
                    _("OPD belum mengisi anggaran"),
                    anggaran[pk],
                    reverse("dasbor:instansi", args=[pk]),
                )
            )
        hasil.append(kelompok)
    return hasil


# -- Petugas Pengaduan -----------------------------------------------------------------------------------------------


def tugas_petugas_pengaduan(konteks: Konteks) -> list[Kelompok]:
    """Per instansi: complaints to verify, to route, overdue. One query."""
    from pengaduan.models import Pengaduan
    from pengaduan.selectors import hari_ini_zona, q_terlambat

    P = Pengaduan.Status
    ids = sorted(konteks.lingkup.petugas_instansi, key=lambda pk: _nama(konteks, pk))
    rows = {
        row["instansi_id"]: row
        for row in Pengaduan.objects.filter(instansi_id__in=ids)
        .values("instansi_id")
        .annotate(
            verifikasi=Count("pk", filter=Q(status=P.DITERIMA)),
            disposisi=Count("pk", filter=Q(status=P.DIVERIFIKASI)),
            terlambat=Count("pk", filter=q_terlambat(hari_ini_zona())),
            dibuka_kembali=Count("pk", filter=Q(status=P.DIBUKA_KEMBALI)),
        )
        .order_by()
    }
    daftar = reverse("pengaduan:daftar")
    hasil = []
    for pk in ids:
        row = rows.get(pk, {})
        kelompok = Kelompok(peran=_("Petugas Pengaduan"), lingkup=_nama(konteks, pk))
        kelompok.tugas += [
            Tugas(
                "pengaduan_verifikasi",
                _("Pengaduan perlu diverifikasi"),
                row.get("verifikasi", 0),
                f"{daftar}?{urlencode({'status': P.DITERIMA})}",
            ),
            Tugas(
                "pengaduan_disposisi",
                _("Pengaduan perlu didisposisikan"),
                row.get("disposisi", 0),
                f"{daftar}?{urlencode({'status': P.DIVERIFIKASI})}",
            ),
            Tugas(
                "pengaduan_terlambat",
                _("Pengaduan melewati tenggat"),
                row.get("terlambat", 0),
                f"{daftar}?{urlencode({'terlambat': 'on'})}",
            ),
        ]
        if row.get("dibuka_kembali"):
            kelompok.tugas.append(
                Tugas(
                    "pengaduan_dibuka_kembali",
                    _("Pengaduan dibuka kembali"),
                    row["dibuka_kembali"],
                    f"{daftar}?{urlencode({'status': P.DIBUKA_KEMBALI})}",
                )
            )
        hasil.append(kelompok)
    return hasil


# -- Admin BKN -------------------------------------------------------------------------------------------------------


def tugas_admin_bkn(konteks: Konteks) -> list[Kelompok]:
    """The instansi overseen that have OPDs behind on the reference period. One query per reference period."""
    ids = konteks.lingkup.bkn_instansi
    tertinggal = opd_tertinggal(konteks, ids)
    nama = sorted(_nama(konteks, pk) for pk in ids if tertinggal.get(pk))
    kelompok = Kelompok(peran=_("Admin BKN"), lingkup=_("Instansi yang dipantau"))
    kelompok.tugas.append(
        Tugas(
            "instansi_tertinggal",
            _("Instansi dengan OPD belum lengkap"),
            len(nama),
            reverse("dasbor:bkn"),
            keterangan=", ".join(nama),
        )
    )
    return [kelompok]
