"""Indicators and periods: the OPD team and the Admin Instansi change, the other readers read, an ASN sees own IKI.

Objects a URL needs are created on first use and kept on the world of the test.
"""

from django.urls import reverse

from indikator.models import Indikator, Periode
from tests.indikator.factories import buat_indikator, buat_periode
from tests.matrix import LOGIN, Route, expect


def _sekali(w, nama: str, buat):
    if not hasattr(w, nama):
        setattr(w, nama, buat())
    return getattr(w, nama)


def _iku(w) -> Indikator:
    return _sekali(w, "_iku", lambda: buat_indikator(opd=w.opd, kode="IKU-1"))


def _iki_sendiri(w) -> Indikator:
    return _sekali(
        w,
        "_iki_sendiri",
        lambda: buat_indikator(opd=w.opd, jenis="iki", pegawai=w.pegawai, kode="IKI-1", induk=_iku(w)),
    )


def _iki_rekan(w) -> Indikator:
    return _sekali(w, "_iki_rekan", lambda: buat_indikator(opd=w.opd, jenis="iki", pegawai=w.pegawai_lain))


def _iku_opd_lain(w) -> Indikator:
    return _sekali(w, "_iku_opd_lain", lambda: buat_indikator(opd=w.opd_lain))


def _iku_instansi_lain(w) -> Indikator:
    return _sekali(w, "_iku_instansi_lain", lambda: buat_indikator(opd=w.opd_instansi_lain))


def _periode(w, instansi, status: str) -> Periode:
    tahun = 2030 if status == Periode.Status.TERBUKA else 2020
    return _sekali(
        w,
        f"_periode_{instansi.pk}_{status}",
        lambda: buat_periode(instansi=instansi, tahun=tahun, triwulan=1, status=status),
    )


# Reading one OPD's indicators: its instansi's roles and the OPD's own roles.
OPD_READERS = expect(200, asn=404, admin_lain=404)
OPD_LAIN_READERS = expect(200, asn=404, admin_lain=404, pimpinan_opd=404, tim_evaluasi=404)
INSTANSI_LAIN = expect(404, admin_lain=200)
# Changing them: the OPD's Tim Evaluasi and the Admin Instansi; other readers 403, the rest 404.
OPD_CHANGERS = expect(403, admin_instansi=200, tim_evaluasi=200, asn=404, admin_lain=404)
OPD_LAIN_CHANGERS = expect(403, admin_instansi=200, tim_evaluasi=404, pimpinan_opd=404, asn=404, admin_lain=404)
ADMIN_ONLY = expect(404, admin_instansi=200)

ROUTES: list[Route] = [
    Route("indikator:index", lambda w: reverse("indikator:index"), expect(200)),
    Route("indikator:indikator_list", lambda w: reverse("indikator:indikator_list", args=[w.opd.pk]), OPD_READERS),
    Route(
        "indikator:indikator_list (other OPD of the instansi)",
        lambda w: reverse("indikator:indikator_list", args=[w.opd_lain.pk]),
        OPD_LAIN_READERS,
    ),
    Route(
        "indikator:indikator_list (other instansi)",
        lambda w: reverse("indikator:indikator_list", args=[w.opd_instansi_lain.pk]),
        INSTANSI_LAIN,
    ),
    Route(
        "indikator:indikator_create",
        lambda w: reverse("indikator:indikator_create", args=[w.opd.pk, 2026]),
        OPD_CHANGERS,
    ),
    Route(
        "indikator:indikator_create (POST, incomplete form)",
        lambda w: reverse("indikator:indikator_create", args=[w.opd.pk, 2026]),
        OPD_CHANGERS,
        method="post",
        data=lambda w: {"kode": ""},
    ),
    Route(
        "indikator:indikator_create (other OPD of the instansi)",
        lambda w: reverse("indikator:indikator_create", args=[w.opd_lain.pk, 2026]),
        OPD_LAIN_CHANGERS,
    ),
    Route(
        "indikator:indikator_create (other instansi)",
        lambda w: reverse("indikator:indikator_create", args=[w.opd_instansi_lain.pk, 2026]),
        INSTANSI_LAIN,
    ),
    Route("indikator:indikator_copy", lambda w: reverse("indikator:indikator_copy", args=[w.opd.pk]), OPD_CHANGERS),
    Route(
        "indikator:indikator_copy (POST, incomplete form)",
        lambda w: reverse("indikator:indikator_copy", args=[w.opd.pk]),
        OPD_CHANGERS,
        method="post",
        data=lambda w: {"dari_tahun": ""},
    ),
    Route(
        "indikator:indikator_copy (other instansi)",
        lambda w: reverse("indikator:indikator_copy", args=[w.opd_instansi_lain.pk]),
        INSTANSI_LAIN,
    ),
    Route(
        "indikator:indikator_detail (IKU)",
        lambda w: reverse("indikator:indikator_detail", args=[_iku(w).pk]),
        OPD_READERS,
    ),
    Route(
        "indikator:indikator_detail (own IKI)",
        lambda w: reverse("indikator:indikator_detail", args=[_iki_sendiri(w).pk]),
        expect(200, admin_lain=404),
    ),
    Route(
        "indikator:indikator_detail (a colleague's IKI)",
        lambda w: reverse("indikator:indikator_detail", args=[_iki_rekan(w).pk]),
        OPD_READERS,
    ),
    Route(
        "indikator:indikator_detail (other OPD of the instansi)",
        lambda w: reverse("indikator:indikator_detail", args=[_iku_opd_lain(w).pk]),
        OPD_LAIN_READERS,
    ),
    Route(
        "indikator:indikator_detail (other instansi)",
        lambda w: reverse("indikator:indikator_detail", args=[_iku_instansi_lain(w).pk]),
        INSTANSI_LAIN,
    ),
    Route(
        "indikator:indikator_edit (IKU)",
        lambda w: reverse("indikator:indikator_edit", args=[_iku(w).pk]),
        OPD_CHANGERS,
    ),
    Route(
        "indikator:indikator_edit (POST, incomplete form)",
        lambda w: reverse("indikator:indikator_edit", args=[_iku(w).pk]),
        OPD_CHANGERS,
        method="post",
        data=lambda w: {"nama": ""},
    ),
    Route(
        "indikator:indikator_edit (own IKI)",
        lambda w: reverse("indikator:indikator_edit", args=[_iki_sendiri(w).pk]),
        expect(403, admin_instansi=200, tim_evaluasi=200, admin_lain=404),
    ),
    Route(
        "indikator:indikator_edit (other OPD of the instansi)",
        lambda w: reverse("indikator:indikator_edit", args=[_iku_opd_lain(w).pk]),
        OPD_LAIN_CHANGERS,
    ),
    Route(
        "indikator:indikator_edit (other instansi)",
        lambda w: reverse("indikator:indikator_edit", args=[_iku_instansi_lain(w).pk]),
        INSTANSI_LAIN,
    ),
    Route(
        "indikator:periode_list",
        lambda w: reverse("indikator:periode_list"),
        expect(404, admin_instansi=200, admin_lain=200),
    ),
    Route(
        "indikator:periode_edit",
        lambda w: reverse("indikator:periode_edit", args=[_periode(w, w.instansi, "terbuka").pk]),
        ADMIN_ONLY,
    ),
    Route(
        "indikator:periode_edit (other instansi)",
        lambda w: reverse("indikator:periode_edit", args=[_periode(w, w.instansi_lain, "terbuka").pk]),
        INSTANSI_LAIN,
    ),
    Route(
        "indikator:periode_tutup",
        lambda w: reverse("indikator:periode_tutup", args=[_periode(w, w.instansi, "terbuka").pk]),
        expect(404, admin_instansi=302),
        method="post",
        data=lambda w: {},
    ),
    Route(
        "indikator:periode_tutup (GET)",
        lambda w: reverse("indikator:periode_tutup", args=[_periode(w, w.instansi, "terbuka").pk]),
        expect(405, anon=LOGIN),
    ),
    Route(
        "indikator:periode_tutup (other instansi)",
        lambda w: reverse("indikator:periode_tutup", args=[_periode(w, w.instansi_lain, "terbuka").pk]),
        expect(404, admin_lain=302),
        method="post",
        data=lambda w: {},
    ),
    Route(
        "indikator:periode_buka_ulang",
        lambda w: reverse("indikator:periode_buka_ulang", args=[_periode(w, w.instansi, "ditutup").pk]),
        ADMIN_ONLY,
    ),
    Route(
        "indikator:periode_buka_ulang (other instansi)",
        lambda w: reverse("indikator:periode_buka_ulang", args=[_periode(w, w.instansi_lain, "ditutup").pk]),
        INSTANSI_LAIN,
    ),
]
