"""Objection, calibration and head-of-OPD URLs.

An objection is filed by the ASN (others who read the evaluation get a 403), read by whoever reads the evaluation,
and decided by the OPD's Pimpinan or the Admin Instansi (the evaluator, here the Tim Evaluasi, and other readers get a
403). A calibration session is run by the OPD's Tim Evaluasi and Pimpinan and the Admin Instansi, read by the Admin
BKN too; anyone else gets a 404. A head of OPD's appraisal is a 404 to the OPD's own roles (rule 4a).
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from penilaian import services_keberatan
from penilaian.models import Keberatan, SesiKalibrasi
from tests.factories import PegawaiFactory
from tests.matrix import Route, expect
from tests.matrix.penilaian import TAHUN, TW1, _sekali, nilai_url, penilaian


def keberatan(w) -> Keberatan:
    def buat():
        bukti = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti keberatan", content_type="application/pdf")
        return services_keberatan.keberatan_ajukan(
            actor=w.users["asn"], penilaian=penilaian(w), alasan="Capaian belum lengkap.", bukti=bukti
        )

    return _sekali(w, "_keberatan", buat)


def sesi(w) -> SesiKalibrasi:
    return _sekali(
        w,
        "_sesi",
        lambda: services_keberatan.sesi_kalibrasi_buka(
            actor=w.users["admin_instansi"], opd=w.opd, tahun=TAHUN, periode=TW1
        ),
    )


def sesi_instansi_lain(w) -> SesiKalibrasi:
    return _sekali(
        w,
        "_sesi_lain",
        lambda: services_keberatan.sesi_kalibrasi_buka(
            actor=w.users["admin_lain"], opd=w.opd_instansi_lain, tahun=TAHUN, periode=TW1
        ),
    )


def kepala_url(w) -> str:
    kepala = PegawaiFactory(opd=w.opd, jabatan="Kepala Dinas", jenis_jabatan="struktural")
    w.opd.kepala = kepala
    w.opd.save()
    return nilai_url(kepala)


ASN_FILES = expect(403, asn=200, petugas_pengaduan=404, admin_lain=404)
READERS = expect(200, petugas_pengaduan=404, admin_lain=404)
DECIDERS = expect(403, admin_instansi=302, pimpinan_opd=302, petugas_pengaduan=404, admin_lain=404)
KALIBRASI_READ = expect(200, petugas_pengaduan=404, asn=404, admin_lain=404)
KALIBRASI_CHANGE = expect(302, admin_bkn=403, petugas_pengaduan=404, asn=404, admin_lain=404)

ROUTES: list[Route] = [
    Route("penilaian:keberatan_daftar", lambda w: reverse("penilaian:keberatan_daftar"), expect(200)),
    Route(
        "penilaian:keberatan_ajukan", lambda w: reverse("penilaian:keberatan_ajukan", args=[penilaian(w).pk]), ASN_FILES
    ),
    Route(
        "penilaian:keberatan_ajukan (post)",
        lambda w: reverse("penilaian:keberatan_ajukan", args=[penilaian(w).pk]),
        expect(403, asn=302, petugas_pengaduan=404, admin_lain=404),
        method="post",
        data=lambda w: {"alasan": "Capaian TW I belum diverifikasi saat dinilai."},
    ),
    Route(
        "penilaian:keberatan_detail", lambda w: reverse("penilaian:keberatan_detail", args=[keberatan(w).pk]), READERS
    ),
    Route(
        "penilaian:keberatan_putuskan",
        lambda w: reverse("penilaian:keberatan_putuskan", args=[keberatan(w).pk]),
        DECIDERS,
        method="post",
        data=lambda w: {"keputusan": "tolak", "alasan_keputusan": "Predikat sudah sesuai capaian."},
    ),
    Route("penilaian:keberatan_bukti", lambda w: reverse("penilaian:keberatan_bukti", args=[keberatan(w).pk]), READERS),
    Route("penilaian:kalibrasi_daftar", lambda w: reverse("penilaian:kalibrasi_daftar"), expect(200)),
    Route(
        "penilaian:kalibrasi_buka",
        lambda w: reverse("penilaian:kalibrasi_buka"),
        # The Admin Instansi of another instansi may open sessions, only not of this OPD: a form error.
        expect(302, admin_bkn=403, petugas_pengaduan=403, asn=403, admin_lain=422),
        method="post",
        data=lambda w: {"opd": w.opd.pk, "tahun": TAHUN, "periode": "tw1"},
    ),
    Route("penilaian:kalibrasi_sesi", lambda w: reverse("penilaian:kalibrasi_sesi", args=[sesi(w).pk]), KALIBRASI_READ),
    Route(
        "penilaian:kalibrasi_sesi (other instansi)",
        lambda w: reverse("penilaian:kalibrasi_sesi", args=[sesi_instansi_lain(w).pk]),
        expect(404, admin_lain=200),
    ),
    Route(
        "penilaian:kalibrasi_sesi (post)",
        lambda w: reverse("penilaian:kalibrasi_sesi", args=[sesi(w).pk]),
        KALIBRASI_CHANGE,
        method="post",
        data=lambda w: {"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"},
    ),
    Route(
        "penilaian:kalibrasi_tutup",
        lambda w: reverse("penilaian:kalibrasi_tutup", args=[sesi(w).pk]),
        KALIBRASI_CHANGE,
        method="post",
        data=lambda w: {"catatan": "Selesai."},
    ),
    # Rule 4a: the head of the OPD is no business of the OPD's own roles.
    Route(
        "penilaian:nilai (head of the OPD)",
        kepala_url,
        expect(200, pimpinan_opd=404, tim_evaluasi=404, petugas_pengaduan=404, asn=404, admin_lain=404),
    ),
]
