"""Survey URLs. The survey answers everyone; the services and their QR codes are kept by the OPD's team and the
Admin Instansi, and another OPD's service is a 404."""

from django.urls import reverse

from survei.models import Layanan, UndanganSurvei
from tests.matrix import Route, expect


def layanan(w):
    if not hasattr(w, "_layanan"):
        w._layanan = Layanan.objects.create(opd=w.opd, nama="Perekaman KTP-el")
    return w._layanan


def undangan(w, *, dipakai: bool = False):
    from django.utils import timezone

    from survei.services import undangan_buat

    u = undangan_buat(opd=w.opd)
    if dipakai:
        UndanganSurvei.objects.filter(pk=u.pk).update(dipakai_pada=timezone.now())
    return u


PUBLIC = expect(200, anon=200)
OPD_KEEPERS = expect(404, admin_instansi=200, pimpinan_opd=200, tim_evaluasi=200, admin_lain=404)

ROUTES: list[Route] = [
    Route("survei:survei_index", lambda w: reverse("survei:survei_index"), PUBLIC),
    Route("survei:survei", lambda w: reverse("survei:survei", args=[w.opd.pk]), PUBLIC),
    Route(
        "survei:survei (empty POST)",
        lambda w: reverse("survei:survei", args=[w.opd.pk]),
        expect(422, anon=422),
        method="post",
        data=lambda w: {"u1": "4"},
    ),
    # The one-time invitation link: for whoever holds it, once; then a clear 410.
    Route("survei:undangan", lambda w: reverse("survei:undangan", args=[undangan(w).token]), PUBLIC),
    Route(
        "survei:undangan (used)",
        lambda w: reverse("survei:undangan", args=[undangan(w, dipakai=True).token]),
        expect(410, anon=410),
    ),
    Route(
        "survei:undangan (empty POST)",
        lambda w: reverse("survei:undangan", args=[undangan(w).token]),
        expect(422, anon=422),
        method="post",
        data=lambda w: {"u1": "4"},
    ),
    Route("survei:undangan (unknown)", lambda w: reverse("survei:undangan", args=["tidak-ada"]), expect(404, anon=404)),
    Route("survei:survei_terima_kasih", lambda w: reverse("survei:survei_terima_kasih", args=[w.opd.pk]), PUBLIC),
    Route(
        "survei:layanan_list",
        lambda w: reverse("survei:layanan_list"),
        expect(404, admin_instansi=200, pimpinan_opd=200, tim_evaluasi=200, admin_lain=200),
    ),
    Route(
        "survei:layanan_aktif",
        lambda w: reverse("survei:layanan_aktif", args=[layanan(w).pk]),
        expect(404, admin_instansi=302, pimpinan_opd=302, tim_evaluasi=302),
        method="post",
        data=lambda w: {"aktif": "0"},
    ),
    Route("survei:layanan_qr", lambda w: reverse("survei:layanan_qr", args=[layanan(w).pk]), OPD_KEEPERS),
    Route("survei:layanan_cetak", lambda w: reverse("survei:layanan_cetak", args=[layanan(w).pk]), OPD_KEEPERS),
    Route("survei:ikm", lambda w: reverse("survei:ikm"), expect(200, asn=404)),
]
