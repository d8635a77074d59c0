"""Tugas saya of the OPD's roles (Tim Evaluasi, Pimpinan) and of the ASN: counted with aggregate queries over all
the user's OPDs at once, never one query per OPD or per row."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, FilteredRelation, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from evaluasi.models import Realisasi
from evaluasi.selectors import Q_BELUM
from indikator.models import Indikator
from opd.models import Opd

from .tugas import Kelompok, Konteks, Tugas, triwulan_dari_tanggal

S = Realisasi.Status


# -- hooks for features that count here once they exist --------------------------------------------------------------


def hook_anggaran_belum_diisi(*, opd_ids: frozenset[int] | set[int]) -> dict[int, int]:
    """Per OPD, the budget lines (pagu and serapan of the quarter) its Tim Evaluasi has not entered yet. The budget
    is not recorded yet: nothing to count."""
    return {}


def hook_keberatan_diputuskan(*, opd_ids: frozenset[int] | set[int]) -> dict[int, int]:
    """Per OPD, the objections (keberatan) of its staff to a final predikat that wait for the Pimpinan's decision
    (uphold or change, with a reason). A head of OPD's objection is decided outside the OPD (rule 4a) and is not
    counted. One query."""
    from django.db.models import F

    from penilaian.models import Keberatan

    if not opd_ids:
        return {}
    return dict(
        Keberatan.objects.filter(status=Keberatan.Status.DIAJUKAN, pegawai__opd_id__in=opd_ids)
        .exclude(pegawai_id=F("pegawai__opd__kepala_id"))
        .values_list("pegawai__opd_id")
        .annotate(n=Count("pk"))
        .order_by()
    )


def hook_kalibrasi_tertunda(*, opd_ids: frozenset[int] | set[int]) -> dict[int, int]:
    """Per OPD, the calibration sessions still open (ratings to adjust before the predikat are final). One query."""
    from penilaian.models import SesiKalibrasi

    if not opd_ids:
        return {}
    return dict(
        SesiKalibrasi.objects.filter(opd_id__in=opd_ids, status=SesiKalibrasi.Status.TERBUKA)
        .values_list("opd_id")
        .annotate(n=Count("pk"))
        .order_by()
    )


def hook_keberatan_terbuka(*, pegawai_id: int) -> int:
    """The final predikat of the ASN that they may still object to (the objection window of working days is open and
    no objection was filed since it was finalised). One query, four when an evaluation was finalised lately."""
    from datetime import timedelta

    from django.utils import timezone

    from penilaian.models import Penilaian
    from penilaian.selectors_keberatan import jendela_keberatan_banyak

    # A window is a few weeks of working days: evaluations finalised longer ago than this cannot have one open.
    baru = (
        Penilaian.objects.filter(
            pegawai_id=pegawai_id,
            status=Penilaian.Status.FINAL,
            difinalkan_pada__gte=timezone.now() - timedelta(days=120),
        )
        .select_related("instansi")
        .order_by()
    )
    daftar = list(baru)
    if not daftar:
        return 0
    jendela = jendela_keberatan_banyak(daftar=daftar, instansi=daftar[0].instansi)
    return sum(1 for j in jendela.values() if j.terbuka)


# -- Tim Evaluasi ----------------------------------------------------------------------------------------------------


def _url_grid(opd_id: int, tahun: int, triwulan: int, status: str = "") -> str:
    url = reverse("evaluasi:grid", args=[opd_id, tahun, triwulan])
    return f"{url}?{urlencode({'status': status})}" if status else url


def _hitung_realisasi(opd_ids: list[int], tahun: int, triwulan: int) -> dict[int, dict[str, int]]:
    """Per OPD, its active indicators of the year by the state of their value for the triwulan: one query."""
    rows = (
        Indikator.objects.filter(opd_id__in=opd_ids, tahun=tahun, aktif=True)
        .annotate(r=FilteredRelation("realisasi_set", condition=Q(realisasi_set__triwulan=triwulan)))
        .values("opd_id")
        .annotate(
            total=Count("pk"),
            belum=Count("pk", filter=Q_BELUM),
            dikembalikan=Count("pk", filter=Q(r__status=S.DIKEMBALIKAN)),
            diajukan=Count("pk", filter=Q(r__status=S.DIAJUKAN)),
            diverifikasi=Count("pk", filter=Q(r__status=S.DIVERIFIKASI)),
        )
        .order_by()
    )
    return {row["opd_id"]: row for row in rows}


def tugas_tim_evaluasi(konteks: Konteks) -> list[Kelompok]:
    """Per OPD and open entry window: values not entered, returned, waiting for verification; days left."""
    opds = list(Opd.objects.filter(pk__in=konteks.lingkup.tim_opd).order_by("nama"))
    per_periode: dict[tuple[int, int], list[int]] = defaultdict(list)
    for opd in opds:
        for p in konteks.periode_terbuka(opd.instansi_id):
            per_periode[(p.tahun, p.triwulan)].append(opd.pk)
    hitung = {kunci: _hitung_realisasi(ids, *kunci) for kunci, ids in sorted(per_periode.items())}
    anggaran = hook_anggaran_belum_diisi(opd_ids=konteks.lingkup.tim_opd)
    hasil = []
    for opd in opds:
        kelompok = Kelompok(peran=_("Tim Evaluasi OPD"), lingkup=opd.nama)
        terbuka = konteks.periode_terbuka(opd.instansi_id)
        for p in terbuka:
            angka = hitung[(p.tahun, p.triwulan)].get(opd.pk, {})
            sisa = konteks.sisa_hari(p)
            kelompok.tugas += [
                Tugas(
                    "belum_diisi",
                    _("Realisasi %(periode)s belum diisi") % {"periode": p.label},
                    angka.get("belum", 0),
                    _url_grid(opd.pk, p.tahun, p.triwulan, "belum"),
                    keterangan=_("dari %(n)s indikator") % {"n": angka.get("total", 0)},
                    tenggat=p.ditutup,
                    sisa_hari=sisa,
                ),
                Tugas(
                    "dikembalikan",
                    _("Realisasi %(periode)s dikembalikan untuk diperbaiki") % {"periode": p.label},
                    angka.get("dikembalikan", 0),
                    _url_grid(opd.pk, p.tahun, p.triwulan, S.DIKEMBALIKAN),
                    tenggat=p.ditutup,
                    sisa_hari=sisa,
                ),
                Tugas(
                    "menunggu_verifikasi",
                    _("Realisasi %(periode)s menunggu verifikasi") % {"periode": p.label},
                    angka.get("diajukan", 0),
                    _url_grid(opd.pk, p.tahun, p.triwulan, S.DIAJUKAN),
                    tenggat=p.ditutup,
                    sisa_hari=sisa,
                ),
            ]
        if not terbuka:
            kelompok.tugas.append(
                Tugas(
                    "jendela_tertutup", _("Tidak ada jendela pengisian yang terbuka"), 0, reverse("evaluasi:grid_index")
                )
            )
        if anggaran.get(opd.pk):
            kelompok.tugas.append(
                Tugas(
                    "anggaran_belum_diisi", _("Anggaran belum diisi"), anggaran[opd.pk], reverse("evaluasi:grid_index")
                )
            )
        hasil.append(kelompok)
    return hasil


# -- Pimpinan OPD ----------------------------------------------------------------------------------------------------


def tugas_pimpinan(konteks: Konteks) -> list[Kelompok]:
    """Per OPD: values to verify, staff evaluations to finalise, work plans to approve. Four queries."""
    from penilaian.models import Penilaian, RencanaKerja

    opd_ids = konteks.lingkup.pimpinan_opd
    opds = list(Opd.objects.filter(pk__in=opd_ids).order_by("nama"))
    verifikasi: dict[int, list[dict]] = defaultdict(list)
    for row in (
        Realisasi.objects.filter(indikator__opd_id__in=opd_ids, indikator__aktif=True, status=S.DIAJUKAN)
        .values("indikator__opd_id", "indikator__tahun", "triwulan")
        .annotate(n=Count("pk"))
        .order_by("indikator__opd_id", "-indikator__tahun", "-triwulan")
    ):
        verifikasi[row["indikator__opd_id"]].append(row)
    draf = dict(
        Penilaian.objects.filter(pegawai__opd_id__in=opd_ids, pegawai__aktif=True, status=Penilaian.Status.DRAF)
        .values_list("pegawai__opd_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rencana = dict(
        RencanaKerja.objects.filter(
            pegawai__opd_id__in=opd_ids, pegawai__aktif=True, status=RencanaKerja.Status.DIAJUKAN
        )
        .values_list("pegawai__opd_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    keberatan = hook_keberatan_diputuskan(opd_ids=opd_ids)
    kalibrasi = hook_kalibrasi_tertunda(opd_ids=opd_ids)
    daftar = reverse("penilaian:daftar")
    hasil = []
    for opd in opds:
        baris = verifikasi.get(opd.pk, [])
        # The grid of the latest quarter with values waiting, filtered to them.
        url = (
            _url_grid(opd.pk, baris[0]["indikator__tahun"], baris[0]["triwulan"], S.DIAJUKAN)
            if baris
            else reverse("evaluasi:grid_index_opd", args=[opd.pk])
        )
        kelompok = Kelompok(peran=_("Pimpinan OPD"), lingkup=opd.nama)
        kelompok.tugas += [
            Tugas("verifikasi", _("Realisasi menunggu verifikasi"), sum(r["n"] for r in baris), url),
            Tugas("penilaian_difinalkan", _("Penilaian pegawai belum final"), draf.get(opd.pk, 0), daftar),
            Tugas("rencana_disetujui", _("Rencana kerja menunggu persetujuan"), rencana.get(opd.pk, 0), daftar),
        ]
        if keberatan.get(opd.pk):
            kelompok.tugas.append(
                Tugas(
                    "keberatan",
                    _("Keberatan menunggu keputusan"),
                    keberatan[opd.pk],
                    reverse("penilaian:keberatan_daftar"),
                )
            )
        if kalibrasi.get(opd.pk):
            kelompok.tugas.append(
                Tugas(
                    "kalibrasi", _("Kalibrasi belum selesai"), kalibrasi[opd.pk], reverse("penilaian:kalibrasi_daftar")
                )
            )
        hasil.append(kelompok)
    return hasil


# -- ASN -------------------------------------------------------------------------------------------------------------


def tugas_asn(konteks: Konteks) -> list[Kelompok]:
    """The ASN's own: this quarter's targets, feedback to acknowledge, the work plan to draft, an objection window.
    Three queries."""
    from penilaian.models import Penilaian, RencanaKerja

    lingkup = konteks.lingkup
    pegawai_id = lingkup.pegawai_id
    today = konteks.hari_ini[lingkup.pegawai_instansi_id]
    tahun, triwulan = today.year, triwulan_dari_tanggal(today)
    target = Indikator.objects.filter(
        pegawai_id=pegawai_id, tahun=tahun, aktif=True, target_triwulan__triwulan=triwulan
    ).count()
    umpan_balik = Penilaian.objects.filter(pegawai_id=pegawai_id, status=Penilaian.Status.FINAL).count()
    rencana = (
        RencanaKerja.objects.filter(pegawai_id=pegawai_id, tahun=tahun, triwulan=triwulan)
        .values_list("status", flat=True)
        .first()
    )
    # A plan to draft: there are targets this quarter and no plan yet, or it is still a draft or was returned.
    perlu_rencana = 1 if target and rencana in (None, RencanaKerja.Status.DRAF, RencanaKerja.Status.DIKEMBALIKAN) else 0
    saya = reverse("kinerja:saya")
    label = _("TW %(tw)s %(tahun)s") % {"tw": ("I", "II", "III", "IV")[triwulan - 1], "tahun": tahun}
    kelompok = Kelompok(peran=_("ASN"), lingkup=_("Kinerja saya"))
    kelompok.tugas += [
        Tugas("target_triwulan", _("Target %(periode)s") % {"periode": label}, target, saya),
        Tugas("umpan_balik", _("Umpan balik menunggu tanda terima"), umpan_balik, saya),
        Tugas(
            "rencana_kerja",
            _("Rencana kerja %(periode)s perlu disusun") % {"periode": label},
            perlu_rencana,
            reverse("penilaian:rencana", args=[pegawai_id, tahun, triwulan]),
        ),
    ]
    keberatan = hook_keberatan_terbuka(pegawai_id=pegawai_id)
    if keberatan:
        kelompok.tugas.append(Tugas("keberatan_terbuka", _("Masa keberatan atas predikat terbuka"), keberatan, saya))
    return [kelompok]
