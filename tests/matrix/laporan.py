"""Reports, download centre, dashboards and the public transparency pages. Jobs are made on first use and kept on the world object.

A job is visible to whoever asked for it, and an automatic (quarter-close) one to everyone who may read its data;
requesting or downloading a report of an object outside one's scope is a 404.
"""

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from laporan.models import BerkasLaporan, Laporan
from tests.matrix import Route, expect

TAHUN = 2026

OPD_READERS = expect(200, asn=404, admin_lain=404)
OPD_LAIN_READERS = expect(200, asn=404, admin_lain=404, pimpinan_opd=404, tim_evaluasi=404)
INSTANSI_READERS = expect(404, admin_bkn=200, admin_instansi=200, petugas_pengaduan=200)
INSTANSI_LAIN = expect(404, admin_lain=200)


def _job(w, key: str, **fields) -> Laporan:
    attr = f"_laporan_{key}"
    if not hasattr(w, attr):
        instansi = fields.pop("instansi")
        berkas = BerkasLaporan(
            instansi=instansi,
            kunci=f"matrix-{key}",
            versi_data="0" * 64,
            format="pdf",
            judul="Matriks",
            ukuran=8,
            dibuat_pada=timezone.now(),
            terakhir_dipakai=timezone.now(),
        )
        berkas.berkas.save("m.pdf", ContentFile(b"%PDF-1.4"), save=True)
        job = Laporan.objects.create(
            bahasa="id", instansi=instansi, tahun=TAHUN, status="selesai", berkas=berkas, **fields
        )
        setattr(w, attr, job)
    return getattr(w, attr)


def otomatis_opd(w):
    return _job(w, "opd", jenis="capaian_triwulan_opd", instansi=w.instansi, opd=w.opd, triwulan=1)


def milik_admin(w):
    return _job(
        w,
        "admin",
        jenis="capaian_triwulan_opd",
        instansi=w.instansi,
        opd=w.opd,
        triwulan=1,
        diminta_oleh=w.users["admin_instansi"],
    )


def otomatis_rekap(w):
    return _job(w, "rekap", jenis="rekap_instansi", instansi=w.instansi, triwulan=1)


def rekap_lain(w):
    return _job(w, "lain", jenis="rekap_instansi", instansi=w.instansi_lain, triwulan=1)


def penilaian_final(pegawai_attr: str):
    """A final TW I evaluation of the world's Pegawai (`pegawai` or `pegawai_lain`), made once; returns the Pegawai."""

    def get(w):
        from penilaian.models import Penilaian

        pegawai = getattr(w, pegawai_attr)
        Penilaian.objects.get_or_create(
            pegawai=pegawai,
            tahun=TAHUN,
            jenis="triwulan",
            triwulan=1,
            defaults={"instansi": w.instansi, "status": "final", "predikat": "baik"},
        )
        return pegawai

    return get


def dokumen_asn(w):
    penilaian_final("pegawai")(w)
    return _job(
        w,
        "asn",
        jenis="evaluasi_pegawai",
        instansi=w.instansi,
        opd=w.opd,
        pegawai=w.pegawai,
        triwulan=1,
        diminta_oleh=w.users["asn"],
    )


def minta(jenis: str, *, opd=None, instansi=None, pegawai=None, triwulan=1):
    def data(w):
        values = {"jenis": jenis, "tahun": TAHUN, "format": "pdf"}
        if triwulan:
            values["triwulan"] = triwulan
        if opd:
            values["opd"] = opd(w).pk
        if instansi:
            values["instansi"] = instansi(w).pk
        if pegawai:
            values["pegawai"] = pegawai(w).pk
        return values

    return data


ROUTES: list[Route] = [
    Route("laporan:index", lambda w: reverse("laporan:index"), expect(200)),
    Route("laporan:minta", lambda w: reverse("laporan:minta"), expect(200)),
    Route(
        "laporan:minta (POST, an OPD's report)",
        lambda w: reverse("laporan:minta"),
        expect(302, asn=404, admin_lain=404),
        method="post",
        data=minta("capaian_triwulan_opd", opd=lambda w: w.opd),
    ),
    Route(
        "laporan:minta (POST, another OPD of the instansi)",
        lambda w: reverse("laporan:minta"),
        expect(302, asn=404, admin_lain=404, pimpinan_opd=404, tim_evaluasi=404),
        method="post",
        data=minta("kinerja_tahunan_opd", opd=lambda w: w.opd_lain, triwulan=None),
    ),
    Route(
        "laporan:minta (POST, an OPD of another instansi)",
        lambda w: reverse("laporan:minta"),
        expect(404, admin_lain=302),
        method="post",
        data=minta("capaian_triwulan_opd", opd=lambda w: w.opd_instansi_lain),
    ),
    Route(
        "laporan:minta (POST, the instansi recap)",
        lambda w: reverse("laporan:minta"),
        expect(404, admin_bkn=302, admin_instansi=302, petugas_pengaduan=302),
        method="post",
        data=minta("rekap_instansi", instansi=lambda w: w.instansi),
    ),
    Route(
        "laporan:minta (POST, another instansi's recap)",
        lambda w: reverse("laporan:minta"),
        expect(404, admin_lain=302),
        method="post",
        data=minta("rekap_instansi", instansi=lambda w: w.instansi_lain),
    ),
    # A staff evaluation document: whoever may read that ASN's evaluations (not the Petugas Pengaduan), the ASN their
    # own once final.
    Route(
        "laporan:minta (POST, an ASN's evaluation document)",
        lambda w: reverse("laporan:minta"),
        expect(302, petugas_pengaduan=404, admin_lain=404),
        method="post",
        data=minta("evaluasi_pegawai", pegawai=penilaian_final("pegawai")),
    ),
    Route(
        "laporan:minta (POST, a colleague's evaluation document)",
        lambda w: reverse("laporan:minta"),
        expect(302, petugas_pengaduan=404, admin_lain=404, asn=404),
        method="post",
        data=minta("evaluasi_pegawai", pegawai=penilaian_final("pegawai_lain")),
    ),
    Route(
        "laporan:unduh (an ASN's own evaluation document)",
        lambda w: reverse("laporan:unduh", args=[dokumen_asn(w).pk]),
        expect(404, asn=200),
    ),
    Route(
        "laporan:detail (automatic OPD report)",
        lambda w: reverse("laporan:detail", args=[otomatis_opd(w).pk]),
        OPD_READERS,
    ),
    Route(
        "laporan:detail (another user's request)",
        lambda w: reverse("laporan:detail", args=[milik_admin(w).pk]),
        expect(404, admin_instansi=200),
    ),
    Route(
        "laporan:detail (automatic recap)",
        lambda w: reverse("laporan:detail", args=[otomatis_rekap(w).pk]),
        INSTANSI_READERS,
    ),
    Route(
        "laporan:detail (another instansi)",
        lambda w: reverse("laporan:detail", args=[rekap_lain(w).pk]),
        INSTANSI_LAIN,
    ),
    Route(
        "laporan:unduh (automatic OPD report)",
        lambda w: reverse("laporan:unduh", args=[otomatis_opd(w).pk]),
        OPD_READERS,
    ),
    Route(
        "laporan:unduh (another user's request)",
        lambda w: reverse("laporan:unduh", args=[milik_admin(w).pk]),
        expect(404, admin_instansi=200),
    ),
    Route(
        "laporan:unduh (automatic recap)",
        lambda w: reverse("laporan:unduh", args=[otomatis_rekap(w).pk]),
        INSTANSI_READERS,
    ),
    Route(
        "laporan:unduh (another instansi)",
        lambda w: reverse("laporan:unduh", args=[rekap_lain(w).pk]),
        INSTANSI_LAIN,
    ),
    Route("dasbor:index", lambda w: reverse("dasbor:index"), expect(200)),
    Route("dasbor:saya", lambda w: reverse("dasbor:saya"), expect(404, asn=200)),
    Route("dasbor:bkn", lambda w: reverse("dasbor:bkn"), expect(404, admin_bkn=200)),
    Route("dasbor:instansi", lambda w: reverse("dasbor:instansi", args=[w.instansi.pk]), INSTANSI_READERS),
    Route(
        "dasbor:instansi (another instansi)",
        lambda w: reverse("dasbor:instansi", args=[w.instansi_lain.pk]),
        INSTANSI_LAIN,
    ),
    Route("dasbor:opd", lambda w: reverse("dasbor:opd", args=[w.opd.pk]), OPD_READERS),
    Route(
        "dasbor:opd (another OPD of the instansi)",
        lambda w: reverse("dasbor:opd", args=[w.opd_lain.pk]),
        OPD_LAIN_READERS,
    ),
    Route(
        "dasbor:opd (another instansi)",
        lambda w: reverse("dasbor:opd", args=[w.opd_instansi_lain.pk]),
        INSTANSI_LAIN,
    ),
    # The public transparency pages answer everyone.
    Route("transparansi:publik", lambda w: reverse("transparansi:publik"), expect(200, anon=200)),
    Route(
        "transparansi:publik_opd", lambda w: reverse("transparansi:publik_opd", args=[w.opd.pk]), expect(200, anon=200)
    ),
    # The SIASN export and its check: the Admin Instansi and Admin BKN of the instansi; another tenant's instansi is a
    # 404 (admin_lain); every other role is refused.
    *(
        route
        for name in ("laporan:siasn", "laporan:siasn_json", "laporan:siasn_xlsx")
        for route in (
            Route(
                name,
                lambda w, name=name: f"{reverse(name)}?instansi={w.instansi.pk}&tahun={TAHUN}&periode=tw2",
                expect(403, admin_instansi=200, admin_bkn=200, admin_lain=404),
            ),
            Route(
                f"{name} (another instansi)",
                lambda w, name=name: f"{reverse(name)}?instansi={w.instansi_lain.pk}&tahun={TAHUN}&periode=tahunan",
                expect(403, admin_instansi=404, admin_bkn=404, admin_lain=200),
            ),
        )
    ),
    Route(
        "laporan:siasn (the form)",
        lambda w: reverse("laporan:siasn"),
        expect(403, admin_instansi=200, admin_bkn=200, admin_lain=200),
    ),
]
