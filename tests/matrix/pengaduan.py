"""Complaint URLs. The public pages answer everyone; staff pages follow the roles' scope: another instansi's complaint
is a 404, and so is one not routed to the user's OPD."""

from django.core.files.base import ContentFile
from django.urls import reverse

from pengaduan import services, services_pelapor
from pengaduan.models import Lampiran
from tests.matrix import LOGIN, Route, expect

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _file(instansi, **kwargs):
    pengaduan, _kode = services_pelapor.pengaduan_file(
        instansi=instansi,
        kategori="adminduk",
        judul="Antrean KTP",
        isi="Lama sekali.",
        nama_pelapor="Pelapor",
        **kwargs,
    )
    return pengaduan


def _petugas(w):
    return w.users["petugas_pengaduan"]


def dirutekan(w, opd=None):
    """A complaint of `world.instansi` routed to `world.opd` (or another OPD), with one attachment."""
    kunci = f"_pgd_{(opd or w.opd).pk}"
    if not hasattr(w, kunci):
        p = _file(w.instansi)
        p = services.pengaduan_verify(actor=_petugas(w), pengaduan=p, versi=p.versi)
        p = services.pengaduan_route(actor=_petugas(w), pengaduan=p, versi=p.versi, opd=opd or w.opd)
        lampiran = Lampiran(pengaduan=p, nama_asli="bukti.pdf", jenis_konten="application/pdf", ukuran=len(PDF))
        lampiran.berkas.save("bukti.pdf", ContentFile(PDF), save=True)
        p.matriks_lampiran = lampiran
        setattr(w, kunci, p)
    return getattr(w, kunci)


def baru(w):
    if not hasattr(w, "_pgd_baru"):
        w._pgd_baru = _file(w.instansi)
    return w._pgd_baru


def instansi_lain(w):
    if not hasattr(w, "_pgd_lain"):
        w._pgd_lain = _file(w.instansi_lain)
    return w._pgd_lain


PUBLIC = expect(200, anon=200)
# Who reads every complaint of world.instansi (and, for OPD roles, those routed to their OPD).
READERS = expect(200, asn=404, admin_lain=404)

ROUTES: list[Route] = [
    Route("pengaduan:form", lambda w: reverse("pengaduan:form"), PUBLIC),
    Route(
        "pengaduan:form (empty POST)",
        lambda w: reverse("pengaduan:form"),
        expect(422, anon=422),
        method="post",
        data=lambda w: {"judul": ""},
    ),
    Route("pengaduan:terkirim", lambda w: reverse("pengaduan:terkirim"), PUBLIC),
    Route("pengaduan:lacak", lambda w: reverse("pengaduan:lacak"), PUBLIC),
    Route(
        "pengaduan:lacak (wrong code)",
        lambda w: reverse("pengaduan:lacak"),
        expect(422, anon=422),
        method="post",
        data=lambda w: {"kode": "ABCD-EFGH-JKMN"},
    ),
    # Without the code in this browser's session a complaint is not there, for staff too.
    Route(
        "pengaduan:lacak_detail",
        lambda w: reverse("pengaduan:lacak_detail", args=[dirutekan(w).pk]),
        expect(404, anon=404),
    ),
    Route(
        "pengaduan:lacak_balas",
        lambda w: reverse("pengaduan:lacak_balas", args=[dirutekan(w).pk]),
        expect(404, anon=404),
        method="post",
        data=lambda w: {"pesan": "Halo"},
    ),
    Route(
        "pengaduan:lacak_nilai",
        lambda w: reverse("pengaduan:lacak_nilai", args=[dirutekan(w).pk]),
        expect(404, anon=404),
        method="post",
        data=lambda w: {"penilaian": "5", "terselesaikan": "ya"},
    ),
    Route(
        "pengaduan:lacak_buka_kembali",
        lambda w: reverse("pengaduan:lacak_buka_kembali", args=[dirutekan(w).pk]),
        expect(404, anon=404),
        method="post",
        data=lambda w: {"alasan": "Belum selesai"},
    ),
    Route(
        "pengaduan:lacak_tidak_selesai",
        lambda w: reverse("pengaduan:lacak_tidak_selesai", args=[dirutekan(w).pk]),
        expect(404, anon=404),
        method="post",
        data=lambda w: {"catatan": ""},
    ),
    Route(
        "pengaduan:lacak_lampiran",
        lambda w: reverse("pengaduan:lacak_lampiran", args=[dirutekan(w).pk, dirutekan(w).matriks_lampiran.pk]),
        expect(404, anon=404),
    ),
    Route("pengaduan:daftar", lambda w: reverse("pengaduan:daftar"), expect(200, asn=404)),
    Route("pengaduan:detail", lambda w: reverse("pengaduan:detail", args=[dirutekan(w).pk]), READERS),
    Route(
        "pengaduan:detail (routed to another OPD)",
        lambda w: reverse("pengaduan:detail", args=[dirutekan(w, w.opd_lain).pk]),
        expect(200, asn=404, admin_lain=404, pimpinan_opd=404, tim_evaluasi=404),
    ),
    Route(
        "pengaduan:detail (not yet routed)",
        lambda w: reverse("pengaduan:detail", args=[baru(w).pk]),
        expect(200, asn=404, admin_lain=404, pimpinan_opd=404, tim_evaluasi=404),
    ),
    Route(
        "pengaduan:detail (other instansi)",
        lambda w: reverse("pengaduan:detail", args=[instansi_lain(w).pk]),
        expect(404, admin_lain=200),
    ),
    Route(
        "pengaduan:aksi (verify)",
        lambda w: reverse("pengaduan:aksi", args=[baru(w).pk]),
        # Readers who may not act get a 403; the OPD does not see an unrouted complaint at all.
        expect(403, petugas_pengaduan=302, pimpinan_opd=404, tim_evaluasi=404, asn=404, admin_lain=404),
        method="post",
        data=lambda w: {"aksi": "verifikasi", "verifikasi-versi": baru(w).versi},
    ),
    Route(
        "pengaduan:aksi (respond)",
        lambda w: reverse("pengaduan:aksi", args=[dirutekan(w).pk]),
        expect(403, pimpinan_opd=302, tim_evaluasi=302, asn=404, admin_lain=404),
        method="post",
        data=lambda w: {"aksi": "tanggapi", "tanggapi-versi": dirutekan(w).versi, "tanggapi-tanggapan": "Kami cek."},
    ),
    Route(
        "pengaduan:lampiran",
        lambda w: reverse("pengaduan:lampiran", args=[dirutekan(w).pk, dirutekan(w).matriks_lampiran.pk]),
        READERS,
    ),
]

assert LOGIN == 302
