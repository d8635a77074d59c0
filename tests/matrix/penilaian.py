"""Evaluation, follow-up and work-plan URLs. Objects are made on first use and kept on the world of the test.

Who reads an ASN's evaluation: the ASN (once final), their evaluators (superior, the OPD's Tim Evaluasi), the OPD's
Pimpinan, the Admin Instansi and Admin BKN; the Petugas Pengaduan and other tenants get a 404. Who changes: the Tim
Evaluasi (evaluates), the Admin Instansi (reopens, sets the organisation predikat, decides rewards, keeps the training
catalogue); a reader who may not change gets a 403.
"""

import datetime

from django.urls import reverse

from penilaian import services, services_tindak_lanjut
from penilaian.models import (
    Pelatihan,
    Penghargaan,
    Penilaian,
    PesertaPelatihan,
    RencanaKerja,
)
from penilaian.selectors import PeriodePenilaian
from tests.matrix import Route, expect

TAHUN = datetime.date.today().year
TW1 = PeriodePenilaian(Penilaian.Jenis.TRIWULAN, 1)
TERBAIK = {
    "hasil_kerja": "di_atas",
    "alasan_hasil_kerja": "Belum ada capaian; dinilai dari laporan kerja.",
    "perilaku": "di_atas",
    "perilaku_skor": dict.fromkeys(
        ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"), 3
    ),
    "umpan_balik": "Pertahankan.",
}


def _sekali(w, nama: str, buat):
    if not hasattr(w, nama):
        setattr(w, nama, buat())
    return getattr(w, nama)


def _final(w, pegawai) -> Penilaian:
    return services.penilaian_simpan(
        actor=w.users["tim_evaluasi"],
        pegawai=pegawai,
        tahun=TAHUN,
        periode=TW1,
        versi=0,
        data=services.DataPenilaian(**TERBAIK),
        finalkan=True,
    )


def penilaian(w) -> Penilaian:
    return _sekali(w, "_penilaian", lambda: _final(w, w.pegawai))


def penilaian_rekan(w) -> Penilaian:
    return _sekali(w, "_penilaian_rekan", lambda: _final(w, w.pegawai_lain))


def penilaian_instansi_lain(w) -> Penilaian:
    return _sekali(
        w,
        "_penilaian_lain",
        lambda: Penilaian.objects.create(
            pegawai=w.pegawai_instansi_lain,
            instansi=w.instansi_lain,
            tahun=TAHUN,
            jenis=Penilaian.Jenis.TRIWULAN,
            triwulan=1,
            status=Penilaian.Status.FINAL,
        ),
    )


def penghargaan(w) -> Penghargaan:
    """The reward recommended by the final Sangat Baik evaluation, still to decide."""
    return _sekali(w, "_penghargaan", lambda: Penghargaan.objects.get(penilaian=penilaian(w)))


def sertifikat(w) -> Penghargaan:
    def buat():
        p = services_tindak_lanjut.penghargaan_putuskan(
            actor=w.users["admin_instansi"], penghargaan=penghargaan(w), setuju=True
        )
        services_tindak_lanjut.sertifikat_buat(penghargaan_id=p.pk)
        p.refresh_from_db()
        return p

    return _sekali(w, "_sertifikat", buat)


def pelatihan(w) -> Pelatihan:
    return _sekali(
        w,
        "_pelatihan",
        lambda: Pelatihan.objects.create(
            instansi=w.instansi,
            topik="Manajemen waktu",
            tanggal_mulai=datetime.date(TAHUN, 4, 22),
            tanggal_selesai=datetime.date(TAHUN, 4, 24),
            penyelenggara="BKPSDM",
        ),
    )


def peserta(w) -> PesertaPelatihan:
    return _sekali(w, "_peserta", lambda: PesertaPelatihan.objects.create(pelatihan=pelatihan(w), pegawai=w.pegawai))


def peserta_rekan(w) -> PesertaPelatihan:
    return _sekali(
        w, "_peserta_rekan", lambda: PesertaPelatihan.objects.create(pelatihan=pelatihan(w), pegawai=w.pegawai_lain)
    )


def rencana(w) -> RencanaKerja:
    return _sekali(
        w,
        "_rencana",
        lambda: RencanaKerja.objects.create(
            pegawai=w.pegawai, instansi=w.instansi, tahun=TAHUN, triwulan=1, status=RencanaKerja.Status.DIAJUKAN
        ),
    )


def nilai_url(pegawai, periode="tw1"):
    return reverse("penilaian:nilai", args=[pegawai.pk, TAHUN, periode])


def _nilai_own(w):
    penilaian(w)
    return nilai_url(w.pegawai)


# Readers of w.pegawai's evaluation and follow-up; the Petugas Pengaduan and the other tenant get a 404.
READERS = expect(200, petugas_pengaduan=404, admin_lain=404)
READERS_NOT_ASN = expect(200, petugas_pengaduan=404, asn=404, admin_lain=404)
# Readers who may not change are refused with a 403.
ADMIN_CHANGES = expect(403, admin_instansi=302, petugas_pengaduan=404, admin_lain=404)
ADMIN_PAGE = expect(403, admin_instansi=200, petugas_pengaduan=404, admin_lain=404)
TIM_CHANGES = expect(403, tim_evaluasi=302, petugas_pengaduan=404, admin_lain=404)
EVERYONE = expect(200)
PUBLIC = expect(200, anon=200)
IN_INSTANSI = expect(200, admin_lain=404)
CATALOGUE_ADMIN = expect(403, admin_instansi=200, admin_lain=404)

ROUTES: list[Route] = [
    Route("penilaian:daftar", lambda w: reverse("penilaian:daftar"), EVERYONE),
    Route("penilaian:nilai (own, final)", _nilai_own, READERS),
    Route(
        "penilaian:nilai (a colleague)",
        lambda w: (penilaian_rekan(w), nilai_url(w.pegawai_lain))[1],
        READERS_NOT_ASN,
    ),
    Route(
        "penilaian:nilai (other instansi)",
        lambda w: (penilaian_instansi_lain(w), nilai_url(w.pegawai_instansi_lain))[1],
        expect(404, admin_lain=200),
    ),
    Route(
        "penilaian:nilai (not started)",
        lambda w: nilai_url(w.pegawai_lain, "tahunan"),
        READERS_NOT_ASN,
    ),
    # Only the evaluator saves; the ASN may read their own page but never change their own ratings (403).
    Route(
        "penilaian:nilai (POST, ASN's own)",
        lambda w: nilai_url(w.pegawai, "tw2"),
        expect(403, tim_evaluasi=302, petugas_pengaduan=404, admin_lain=404),
        method="post",
        data=lambda w: {"versi": 0, "aksi": "simpan", "hasil_kerja": "", "perilaku": ""},
    ),
    Route(
        "penilaian:nilai (POST, a colleague)",
        lambda w: nilai_url(w.pegawai_lain, "tw2"),
        expect(403, tim_evaluasi=302, petugas_pengaduan=404, asn=404, admin_lain=404),
        method="post",
        data=lambda w: {"versi": 0, "aksi": "simpan"},
    ),
    Route(
        "penilaian:akui",
        lambda w: reverse("penilaian:akui", args=[penilaian(w).pk]),
        expect(403, asn=302, petugas_pengaduan=404, admin_lain=404),
        method="post",
        data=lambda w: {},
    ),
    Route("penilaian:buka_ulang", lambda w: reverse("penilaian:buka_ulang", args=[penilaian(w).pk]), ADMIN_PAGE),
    Route(
        "penilaian:buka_ulang (post)",
        lambda w: reverse("penilaian:buka_ulang", args=[penilaian(w).pk]),
        ADMIN_CHANGES,
        method="post",
        data=lambda w: {"alasan": "Salah ketik skor perilaku."},
    ),
    Route("penilaian:riwayat", lambda w: reverse("penilaian:riwayat", args=[penilaian(w).pk]), READERS),
    Route(
        "penilaian:opd",
        lambda w: reverse("penilaian:opd", args=[w.opd.pk, TAHUN]),
        expect(200, petugas_pengaduan=404, asn=404, admin_lain=404),
    ),
    Route(
        "penilaian:opd (other OPD of the instansi)",
        lambda w: reverse("penilaian:opd", args=[w.opd_lain.pk, TAHUN]),
        expect(200, petugas_pengaduan=404, asn=404, admin_lain=404, pimpinan_opd=404, tim_evaluasi=404),
    ),
    Route(
        "penilaian:opd (other instansi)",
        lambda w: reverse("penilaian:opd", args=[w.opd_instansi_lain.pk, TAHUN]),
        expect(404, admin_lain=200),
    ),
    Route(
        "penilaian:predikat_opd",
        lambda w: reverse("penilaian:predikat_opd", args=[w.opd.pk, TAHUN]),
        expect(403, admin_instansi=302, petugas_pengaduan=404, asn=404, admin_lain=404),
        method="post",
        data=lambda w: {"predikat": "baik"},
    ),
    Route("penilaian:tindak_lanjut", lambda w: reverse("penilaian:tindak_lanjut"), EVERYONE),
    Route(
        "penilaian:penghargaan_putuskan",
        lambda w: reverse("penilaian:penghargaan_putuskan", args=[penghargaan(w).pk]),
        expect(403, admin_instansi=302, pimpinan_opd=404, petugas_pengaduan=404, admin_lain=404),
        method="post",
        data=lambda w: {"keputusan": "setuju", "bentuk": "sertifikat"},
    ),
    # The certificate: only to the ASN, their evaluators and the admins.
    Route(
        "penilaian:sertifikat",
        lambda w: reverse("penilaian:sertifikat", args=[sertifikat(w).pk]),
        expect(200, pimpinan_opd=404, petugas_pengaduan=404, admin_lain=404),
    ),
    Route("penilaian:verifikasi", lambda w: reverse("penilaian:verifikasi"), PUBLIC),
    Route(
        "penilaian:verifikasi_kode (a real code)",
        lambda w: reverse("penilaian:verifikasi_kode", args=[sertifikat(w).kode_tampil]),
        PUBLIC,
    ),
    Route(
        "penilaian:verifikasi_kode (a made-up code)",
        lambda w: reverse("penilaian:verifikasi_kode", args=["ABCD-EFGH-JKLM-NPQR-STUV"]),
        expect(404, anon=404),
    ),
    Route("penilaian:pelatihan_list", lambda w: reverse("penilaian:pelatihan_list"), EVERYONE),
    Route(
        "penilaian:pelatihan_tambah",
        lambda w: reverse("penilaian:pelatihan_tambah"),
        expect(403, admin_instansi=200, admin_lain=200),
    ),
    Route(
        "penilaian:pelatihan_tambah (post)",
        lambda w: reverse("penilaian:pelatihan_tambah"),
        expect(403, admin_instansi=302, admin_lain=302),
        method="post",
        data=lambda w: {
            "topik": "Bimtek SIAK",
            "penyelenggara": "Dukcapil",
            "tanggal_mulai": f"{TAHUN}-08-01",
            "tanggal_selesai": f"{TAHUN}-08-02",
        },
    ),
    Route(
        "penilaian:pelatihan_detail",
        lambda w: reverse("penilaian:pelatihan_detail", args=[pelatihan(w).pk]),
        IN_INSTANSI,
    ),
    Route(
        "penilaian:pelatihan_ubah",
        lambda w: reverse("penilaian:pelatihan_ubah", args=[pelatihan(w).pk]),
        CATALOGUE_ADMIN,
    ),
    Route(
        "penilaian:peserta_tambah",
        lambda w: reverse("penilaian:peserta_tambah", args=[pelatihan(w).pk]),
        expect(403, admin_instansi=302, admin_lain=404),
        method="post",
        data=lambda w: {"pegawai": w.pegawai_lain.pk},
    ),
    Route("penilaian:peserta_detail", lambda w: reverse("penilaian:peserta_detail", args=[peserta(w).pk]), READERS),
    Route(
        "penilaian:peserta_detail (a colleague)",
        lambda w: reverse("penilaian:peserta_detail", args=[peserta_rekan(w).pk]),
        READERS_NOT_ASN,
    ),
    Route(
        "penilaian:peserta_ubah",
        lambda w: reverse("penilaian:peserta_ubah", args=[peserta(w).pk]),
        ADMIN_CHANGES,
        method="post",
        data=lambda w: {"kehadiran": "hadir"},
    ),
    Route("penilaian:rencana", lambda w: reverse("penilaian:rencana", args=[w.pegawai.pk, TAHUN, 2]), READERS),
    Route(
        "penilaian:rencana (a colleague)",
        lambda w: reverse("penilaian:rencana", args=[w.pegawai_lain.pk, TAHUN, 2]),
        READERS_NOT_ASN,
    ),
    # Only the ASN drafts their own plan.
    Route(
        "penilaian:rencana (post)",
        lambda w: reverse("penilaian:rencana", args=[w.pegawai.pk, TAHUN, 2]),
        expect(403, asn=302, petugas_pengaduan=404, admin_lain=404),
        method="post",
        data=lambda w: {"versi": 0, "aksi": "simpan"},
    ),
    Route(
        "penilaian:rencana_putuskan",
        lambda w: reverse("penilaian:rencana_putuskan", args=[rencana(w).pk]),
        TIM_CHANGES,
        method="post",
        data=lambda w: {"versi": rencana(w).versi, "aksi": "setujui"},
    ),
]
