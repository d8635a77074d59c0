from django.urls import reverse

from tests.matrix import Route, expect

# Pages that show one OPD: everyone who may read that OPD (its instansi's roles and the OPD's own roles).
OPD_READERS = expect(200, asn=404, admin_lain=404)

ROUTES: list[Route] = [
    # Only a user linked to a Pegawai has a "Kinerja saya" page.
    Route("kinerja:saya", lambda w: reverse("kinerja:saya"), expect(404, asn=200)),
    Route(
        "kinerja:pegawai (own record)",
        lambda w: reverse("kinerja:pegawai", args=[w.pegawai.pk]),
        expect(200, admin_lain=404),
    ),
    Route(
        "kinerja:pegawai (a colleague)",
        lambda w: reverse("kinerja:pegawai", args=[w.pegawai_lain.pk]),
        expect(200, asn=404, admin_lain=404),
    ),
    Route(
        "kinerja:pegawai (other instansi)",
        lambda w: reverse("kinerja:pegawai", args=[w.pegawai_instansi_lain.pk]),
        expect(404, admin_lain=200),
    ),
    Route("kinerja:opd", lambda w: reverse("kinerja:opd", args=[w.opd.pk]), OPD_READERS),
    Route(
        "kinerja:opd (other OPD of the instansi)",
        lambda w: reverse("kinerja:opd", args=[w.opd_lain.pk]),
        expect(200, asn=404, admin_lain=404, pimpinan_opd=404, tim_evaluasi=404),
    ),
    Route(
        "kinerja:opd (other instansi)",
        lambda w: reverse("kinerja:opd", args=[w.opd_instansi_lain.pk]),
        expect(404, admin_lain=200),
    ),
]
