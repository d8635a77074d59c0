"""Realisation grid URLs. Objects are made on first use and kept on the world object."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluasi.models import BuktiDukung, Realisasi
from indikator.models import Indikator, Periode, TargetTriwulan
from tests.matrix import LOGIN, Route, expect

TAHUN = datetime.date.today().year


def indikator(w):
    if not hasattr(w, "_grid_indikator"):
        today = datetime.date.today()
        Periode.objects.update_or_create(
            instansi=w.instansi,
            tahun=TAHUN,
            triwulan=1,
            defaults={"dibuka": today - datetime.timedelta(days=3), "ditutup": today + datetime.timedelta(days=3)},
        )
        ind = Indikator.objects.create(
            opd=w.opd, tahun=TAHUN, kode="IKU-M", nama="Matriks", satuan="%", target_bawah=Decimal(100)
        )
        TargetTriwulan.objects.create(indikator=ind, triwulan=1, target_bawah=Decimal(25))
        w._grid_indikator = ind
    return w._grid_indikator


def bukti(w):
    if not hasattr(w, "_grid_bukti"):
        r = Realisasi.objects.create(indikator=indikator(w), triwulan=1, nilai=Decimal(5))
        b = BuktiDukung(realisasi=r, nama_asli="bukti.pdf", jenis_konten="application/pdf", ukuran=8)
        b.berkas.save("bukti.pdf", ContentFile(b"%PDF-1.4"), save=True)
        w._grid_bukti = b
    return w._grid_bukti


def grid_args(w):
    return [w.opd.pk, TAHUN, 1]


def grid_xlsx(w):
    """The grid's own download, uploaded back unchanged: a valid file that changes nothing."""
    from evaluasi.excel import grid_xlsx as buat
    from evaluasi.selectors import grid_rows

    indikator(w)
    data = buat(opd=w.opd, tahun=TAHUN, triwulan=1, rows=grid_rows(opd=w.opd, tahun=TAHUN, triwulan=1))
    return SimpleUploadedFile("realisasi.xlsx", data)


READERS = expect(200, asn=404, admin_lain=404)
WRITERS = expect(403, tim_evaluasi=302, admin_instansi=302, asn=404, admin_lain=404)

ROUTES: list[Route] = [
    Route(
        "evaluasi:grid_index",
        lambda w: reverse("evaluasi:grid_index"),
        expect(200, asn=404, pimpinan_opd=302, tim_evaluasi=302, admin_lain=302),
    ),
    Route("evaluasi:grid", lambda w: reverse("evaluasi:grid", args=grid_args(w)), READERS),
    Route(
        "evaluasi:grid_index_opd",
        lambda w: reverse("evaluasi:grid_index_opd", args=[w.opd.pk]),
        expect(302, asn=404, admin_lain=404),
    ),
    Route(
        "evaluasi:grid_baris",
        lambda w: reverse("evaluasi:grid_baris", args=[*grid_args(w), indikator(w).pk]),
        WRITERS,
        method="post",
        data=lambda w: {f"r{indikator(w).pk}-versi": 0, f"r{indikator(w).pk}-nilai": "20", "aksi": "simpan"},
    ),
    Route("evaluasi:grid_excel", lambda w: reverse("evaluasi:grid_excel", args=grid_args(w)), READERS),
    Route(
        "evaluasi:grid_excel_unggah",
        lambda w: reverse("evaluasi:grid_excel_unggah", args=grid_args(w)),
        expect(403, tim_evaluasi=200, admin_instansi=200, asn=404, admin_lain=404),
    ),
    Route(
        "evaluasi:grid_excel_unggah (post)",
        lambda w: reverse("evaluasi:grid_excel_unggah", args=grid_args(w)),
        expect(403, tim_evaluasi=200, admin_instansi=200, asn=404, admin_lain=404),
        method="post",
        data=lambda w: {"berkas": grid_xlsx(w)},
    ),
    Route(
        "evaluasi:grid_pratinjau",
        lambda w: reverse("evaluasi:grid_pratinjau", args=[*grid_args(w), indikator(w).pk]),
        READERS,
    ),
    Route(
        "evaluasi:grid_rinci",
        lambda w: reverse("evaluasi:grid_rinci", args=[*grid_args(w), indikator(w).pk]),
        READERS,
    ),
    Route(
        "evaluasi:grid_ajukan",
        lambda w: reverse("evaluasi:grid_ajukan", args=grid_args(w)),
        WRITERS,
        method="post",
        data=lambda w: {"status": "draf"},
    ),
    Route(
        "evaluasi:grid_verifikasi",
        lambda w: reverse("evaluasi:grid_verifikasi", args=grid_args(w)),
        expect(403, tim_evaluasi=302, admin_instansi=302, pimpinan_opd=302, asn=404, admin_lain=404),
        method="post",
        data=lambda w: {"pilih": [f"{indikator(w).pk}:1"]},
    ),
    Route("evaluasi:bukti_unduh", lambda w: reverse("evaluasi:bukti_unduh", args=[bukti(w).pk]), READERS),
    Route(
        "evaluasi:bukti_hapus",
        lambda w: reverse("evaluasi:bukti_hapus", args=[bukti(w).pk]),
        expect(403, tim_evaluasi=302, admin_instansi=302, asn=404, admin_lain=404),
        method="post",
        data=lambda w: {},
    ),
    Route("evaluasi:riwayat", lambda w: reverse("evaluasi:riwayat", args=[indikator(w).pk]), READERS),
]
assert LOGIN == 302
