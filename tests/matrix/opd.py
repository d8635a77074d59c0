from django.urls import reverse

from opd.models import HariLibur, JenisNotifikasi
from opd.notifikasi import beri_tahu, token_berhenti
from tests.matrix import LOGIN, Route, expect


def libur(w):
    if not hasattr(w, "_libur"):
        w._libur = HariLibur.objects.create(instansi=w.instansi, tanggal="2026-12-24", keterangan="Cuti bersama")
    return w._libur


def notifikasi_asn(w):
    if not hasattr(w, "_notifikasi"):
        beri_tahu(users=[w.users["asn"]], jenis=JenisNotifikasi.LAPORAN_SIAP, teks="Laporan siap", tautan="/")
        w._notifikasi = w.users["asn"].notifikasi_set.get()
    return w._notifikasi


# Statuses for pages that list the OPDs and staff a user may read: everyone with an OPD or instansi role.
READERS = expect(200, asn=404)

ROUTES: list[Route] = [
    Route("home", lambda w: reverse("home"), expect(200)),
    Route("opd:opd_list", lambda w: reverse("opd:opd_list"), READERS),
    Route("opd:opd_detail", lambda w: reverse("opd:opd_detail", args=[w.opd.pk]), expect(200, asn=404, admin_lain=404)),
    Route(
        "opd:opd_detail (other OPD of the instansi)",
        lambda w: reverse("opd:opd_detail", args=[w.opd_lain.pk]),
        expect(200, asn=404, admin_lain=404, pimpinan_opd=404, tim_evaluasi=404),
    ),
    Route("opd:pegawai_list", lambda w: reverse("opd:pegawai_list"), READERS),
    Route(
        "opd:pegawai_detail (own record)",
        lambda w: reverse("opd:pegawai_detail", args=[w.pegawai.pk]),
        expect(200, admin_lain=404),
    ),
    Route(
        "opd:pegawai_detail (a colleague)",
        lambda w: reverse("opd:pegawai_detail", args=[w.pegawai_lain.pk]),
        expect(200, asn=404, admin_lain=404),
    ),
    Route(
        "opd:pegawai_detail (other instansi)",
        lambda w: reverse("opd:pegawai_detail", args=[w.pegawai_instansi_lain.pk]),
        expect(404, admin_lain=200),
    ),
    Route(
        "opd:pegawai_import",
        lambda w: reverse("opd:pegawai_import"),
        expect(404, admin_instansi=200, admin_lain=200),
    ),
    Route(
        "opd:pegawai_import_template",
        lambda w: reverse("opd:pegawai_import_template"),
        expect(404, admin_instansi=200, admin_lain=200),
    ),
    Route(
        "opd:lockout_list",
        lambda w: reverse("opd:lockout_list"),
        expect(404, admin_instansi=200, admin_bkn=200, admin_lain=200),
    ),
    Route(
        "opd:lockout_reset",
        lambda w: reverse("opd:lockout_reset"),
        # Nothing to unlock for this user name: 404 even for the admin; others may not unlock at all.
        expect(
            404,
            admin_instansi=404,
            admin_bkn=403,
            admin_lain=404,
            pimpinan_opd=403,
            tim_evaluasi=403,
            petugas_pengaduan=403,
            asn=403,
        ),
        method="post",
        data=lambda w: {"username": "tidak-ada"},
    ),
    Route(
        "admin:index",
        lambda w: reverse("admin:index"),
        expect(LOGIN, admin_bkn=200, admin_instansi=200, admin_lain=200),
    ),
    Route(
        "opd:hari_libur",
        lambda w: reverse("opd:hari_libur"),
        expect(404, admin_instansi=200, petugas_pengaduan=200, admin_lain=200),
    ),
    Route(
        "opd:hari_libur_hapus",
        lambda w: reverse("opd:hari_libur_hapus", args=[libur(w).pk]),
        expect(404, admin_instansi=302, petugas_pengaduan=302),
        method="post",
        data=lambda w: {},
    ),
    # The audit log: each admin reads their own instansi's entries (admin_lain theirs); other roles are refused.
    Route(
        "opd:audit",
        lambda w: reverse("opd:audit"),
        expect(403, admin_instansi=200, admin_bkn=200, admin_lain=200),
    ),
    Route(
        "opd:audit_csv",
        lambda w: reverse("opd:audit_csv"),
        expect(403, admin_instansi=200, admin_bkn=200, admin_lain=200),
    ),
    # The account's own security page and the second sign-in step: every signed-in user, for their own account.
    Route("opd:akun_keamanan", lambda w: reverse("opd:akun_keamanan"), expect(200)),
    Route("opd:dua_langkah_pasang", lambda w: reverse("opd:dua_langkah_pasang"), expect(200)),
    # No authenticator yet: nothing to renew, back to the security page.
    Route("opd:kode_pemulihan", lambda w: reverse("opd:kode_pemulihan"), expect(302), method="post", data=lambda w: {}),
    # A wrong code: the form again, with its error.
    Route(
        "opd:dua_langkah_matikan",
        lambda w: reverse("opd:dua_langkah_matikan"),
        expect(200),
        method="post",
        data=lambda w: {"kode": "000000"},
    ),
    # Past the second step already: on to the home page.
    Route("opd:dua_langkah_verifikasi", lambda w: reverse("opd:dua_langkah_verifikasi"), expect(302)),
    # Notifications: each user reads and marks their own; another user's is a 404. The unsubscribe link of an email
    # works without signing in (its signed token names the user and the kind).
    Route("opd:notifikasi", lambda w: reverse("opd:notifikasi"), expect(200)),
    Route("opd:notifikasi_jumlah", lambda w: reverse("opd:notifikasi_jumlah"), expect(200)),
    Route(
        "opd:notifikasi_baca (the ASN's)",
        lambda w: reverse("opd:notifikasi_baca", args=[notifikasi_asn(w).pk]),
        expect(404, asn=302),
        method="post",
        data=lambda w: {},
    ),
    Route(
        "opd:notifikasi_baca_semua",
        lambda w: reverse("opd:notifikasi_baca_semua"),
        expect(302),
        method="post",
        data=lambda w: {},
    ),
    Route("opd:notifikasi_preferensi", lambda w: reverse("opd:notifikasi_preferensi"), expect(200)),
    Route(
        "opd:notifikasi_berhenti",
        lambda w: reverse(
            "opd:notifikasi_berhenti",
            args=[token_berhenti(user_id=w.users["asn"].pk, jenis=JenisNotifikasi.LAPORAN_SIAP)],
        ),
        expect(200, anon=200),
    ),
]
