"""Every endpoint that takes a POST: who posts it, what a valid (or nearly valid) body looks like, its fields.

tests/fuzz/test_cakupan.py walks the URL resolver and fails when a view that accepts POST is missing here, so a new
endpoint cannot escape the fuzzing of test_post.py.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from api.forms import TokenForm
from indikator.models import Periode
from opd.models import JenisNotifikasi
from opd.notifikasi import token_berhenti
from pengaduan.views import AKSI
from pengaduan.views_publik import SESI_LACAK
from tests.fuzz import formulir as f
from tests.matrix.api import token
from tests.matrix.evaluasi import bukti, grid_args
from tests.matrix.evaluasi import indikator as indikator_grid
from tests.matrix.indikator import _iku, _periode
from tests.matrix.opd import libur, notifikasi_asn
from tests.matrix.pengaduan import baru, dirutekan
from tests.matrix.penilaian import TAHUN as TAHUN_NILAI
from tests.matrix.penilaian import nilai_url, pelatihan, penghargaan, penilaian, peserta, rencana
from tests.matrix.penilaian_keberatan import keberatan, sesi
from tests.matrix.survei import layanan, undangan

# URL names whose POST is not the product's own form handling.
DI_LUAR = {
    "admin:": "Django's admin site, for superusers' housekeeping: its forms are generated from the models",
}


@dataclass
class Titik:
    nama: str  # the URL name
    url: Callable  # world -> path
    peran: str | None  # the world user who posts it (None: the public, without an account)
    dasar: Callable = lambda w: {}  # world -> a valid or nearly valid body
    medan: Callable = lambda w: []  # world -> the field names to vary
    berkas: Callable = lambda w: ()  # world -> the file fields
    sesi: Callable | None = None  # (world, client) -> None: what the browser holds before posting
    catatan: str = field(default="")


def _medan(kelas, *lain: str, prefix: str = "") -> Callable:
    """The fields of a form as its view builds it for world (dynamic fields included), plus other POST keys."""

    def _nama(w) -> list[str]:
        form = f.bangun(kelas, w)
        return [f"{prefix}-{n}" if prefix else n for n in form.fields] + list(lain)

    return _nama


def _periode_ditutup(w) -> Periode:
    return _periode(w, w.instansi, "ditutup")


def _lacak(w, client, pengaduan) -> None:
    sesi = client.session
    sesi[SESI_LACAK] = [pengaduan.pk]
    sesi.save()


def _uid(w) -> str:
    return urlsafe_base64_encode(force_bytes(w.users["admin_instansi"].pk))


def _password_reset_sesi(w, client) -> None:
    """Open the emailed link first: Django keeps its token in the session and asks for the password on another URL."""
    token = default_token_generator.make_token(w.users["admin_instansi"])
    client.get(reverse("password_reset_confirm", args=[_uid(w), token]))


def _grid_prefix(w) -> str:
    return f"r{indikator_grid(w).pk}"


INDIKATOR_SAH = {
    "jenis": "iku",
    "kode": "IKU-F",
    "nama": "Indikator uji",
    "satuan": "%",
    "polaritas": "maximize",
    "agregasi": "average",
    "desimal": "2",
    "bobot": "1",
    "sumber_realisasi": "manual",
    "target_bawah": "100",
    **{f"tw{q}_bawah": "25" for q in range(1, 5)},
    "utama": "on",
    "aktif": "on",
    "versi": "0",
}

TITIK: list[Titik] = [
    # Sign-in and account pages (Django's views with the product's forms and templates).
    Titik(
        "login",
        lambda w: reverse("login"),
        None,
        lambda w: {"username": "admin", "password": "rahasia-uji-123"},
        lambda w: ["username", "password", "next"],
    ),
    Titik("logout", lambda w: reverse("logout"), "tim_evaluasi", medan=lambda w: ["next"]),
    # The second factor: setting it up, new recovery codes, turning it off, the second sign-in step.
    Titik(
        "opd:dua_langkah_pasang",
        lambda w: reverse("opd:dua_langkah_pasang"),
        "asn",
        lambda w: {"kode": "123456"},
        lambda w: ["kode"],
    ),
    Titik("opd:kode_pemulihan", lambda w: reverse("opd:kode_pemulihan"), "asn"),
    Titik(
        "opd:dua_langkah_matikan",
        lambda w: reverse("opd:dua_langkah_matikan"),
        "asn",
        lambda w: {"kode": "123456"},
        lambda w: ["kode"],
    ),
    Titik(
        "opd:dua_langkah_verifikasi",
        lambda w: reverse("opd:dua_langkah_verifikasi"),
        "admin_instansi",
        lambda w: {"kode": "123456", "next": "/"},
        lambda w: ["kode", "next"],
    ),
    Titik(
        "password_change",
        lambda w: reverse("password_change"),
        "asn",
        lambda w: {
            "old_password": "rahasia-uji-123",
            "new_password1": "Kinerja-uji-2026!",
            "new_password2": "Kinerja-uji-2026!",
        },
        lambda w: ["old_password", "new_password1", "new_password2"],
    ),
    Titik(
        "password_reset",
        lambda w: reverse("password_reset"),
        None,
        lambda w: {"email": "admin@example.com"},
        lambda w: ["email"],
    ),
    Titik(
        "password_reset_confirm",
        lambda w: reverse("password_reset_confirm", args=[_uid(w), "set-password"]),
        None,
        lambda w: {"new_password1": "Kinerja-uji-2026!", "new_password2": "Kinerja-uji-2026!"},
        lambda w: ["new_password1", "new_password2"],
        sesi=_password_reset_sesi,
    ),
    Titik(
        "set_language",
        lambda w: reverse("set_language"),
        None,
        lambda w: {"language": "en", "next": "/"},
        lambda w: ["language", "next"],
    ),
    # opd
    Titik(
        "opd:lockout_reset",
        lambda w: reverse("opd:lockout_reset"),
        "admin_instansi",
        lambda w: {"username": "asn"},
        lambda w: ["username"],
    ),
    Titik(
        "opd:hari_libur",
        lambda w: reverse("opd:hari_libur"),
        "admin_instansi",
        lambda w: {"instansi": w.instansi.pk, "tanggal": "2026-08-17", "keterangan": "Hari Kemerdekaan"},
        _medan(f.HariLiburForm),
    ),
    Titik("opd:hari_libur_hapus", lambda w: reverse("opd:hari_libur_hapus", args=[libur(w).pk]), "admin_instansi"),
    Titik(
        "opd:pegawai_import",
        lambda w: reverse("opd:pegawai_import"),
        "admin_instansi",
        medan=_medan(f.PegawaiImportForm, "instansi"),
        berkas=lambda w: ("berkas",),
    ),
    # indikator
    Titik(
        "indikator:indikator_create",
        lambda w: reverse("indikator:indikator_create", args=[w.opd.pk, 2026]),
        "tim_evaluasi",
        lambda w: dict(INDIKATOR_SAH),
        _medan(f.IndikatorForm),
    ),
    Titik(
        "indikator:indikator_edit",
        lambda w: reverse("indikator:indikator_edit", args=[_iku(w).pk]),
        "tim_evaluasi",
        lambda w: {**INDIKATOR_SAH, "kode": _iku(w).kode, "versi": str(_iku(w).versi)},
        _medan(f.IndikatorForm),
    ),
    Titik(
        "indikator:indikator_copy",
        lambda w: reverse("indikator:indikator_copy", args=[w.opd.pk]),
        "tim_evaluasi",
        lambda w: {"dari_tahun": "2026", "ke_tahun": "2027"},
        _medan(f.SalinTahunForm),
    ),
    Titik(
        "indikator:periode_edit",
        lambda w: reverse("indikator:periode_edit", args=[_periode(w, w.instansi, "terbuka").pk]),
        "admin_instansi",
        lambda w: {"dibuka": "2026-03-01", "ditutup": "2026-04-10"},
        _medan(f.PeriodeJendelaForm),
    ),
    Titik(
        "indikator:periode_tutup",
        lambda w: reverse("indikator:periode_tutup", args=[_periode(w, w.instansi, "terbuka").pk]),
        "admin_instansi",
    ),
    Titik(
        "indikator:periode_buka_ulang",
        lambda w: reverse("indikator:periode_buka_ulang", args=[_periode_ditutup(w).pk]),
        "admin_instansi",
        lambda w: {"alasan": "Data terlambat.", "ditutup_baru": "2027-01-10"},
        _medan(f.PeriodeBukaUlangForm),
    ),
    # evaluasi
    Titik(
        "evaluasi:grid_baris",
        lambda w: reverse("evaluasi:grid_baris", args=[*grid_args(w), indikator_grid(w).pk]),
        "tim_evaluasi",
        lambda w: {f"{_grid_prefix(w)}-versi": "0", f"{_grid_prefix(w)}-nilai": "20", "aksi": "simpan"},
        lambda w: [*_medan(f.RealisasiBarisForm, prefix=_grid_prefix(w))(w), "aksi", "hanya_nilai"],
        berkas=lambda w: (f"{_grid_prefix(w)}-berkas",),
    ),
    Titik(
        "evaluasi:grid_excel_unggah",
        lambda w: reverse("evaluasi:grid_excel_unggah", args=grid_args(w)),
        "tim_evaluasi",
        medan=lambda w: ["unit"],
        berkas=lambda w: ("berkas",),
    ),
    Titik(
        "evaluasi:grid_ajukan",
        lambda w: reverse("evaluasi:grid_ajukan", args=grid_args(w)),
        "tim_evaluasi",
        lambda w: {"status": "draf"},
        lambda w: ["status", "unit", "pemegang", "bawah", "halaman", "pilih"],
    ),
    Titik(
        "evaluasi:grid_verifikasi",
        lambda w: reverse("evaluasi:grid_verifikasi", args=grid_args(w)),
        "pimpinan_opd",
        lambda w: {"pilih": [f"{indikator_grid(w).pk}:1"], "aksi": "verifikasi"},
        lambda w: ["pilih", "aksi", "alasan", "status", "unit", "halaman"],
    ),
    Titik("evaluasi:bukti_hapus", lambda w: reverse("evaluasi:bukti_hapus", args=[bukti(w).pk]), "tim_evaluasi"),
    # penilaian
    Titik(
        "penilaian:nilai",
        lambda w: nilai_url(w.pegawai_lain, "tw2"),
        "tim_evaluasi",
        lambda w: {
            "versi": "0",
            "aksi": "simpan",
            "hasil_kerja": "sesuai",
            "alasan_hasil_kerja": "Dinilai dari laporan kerja.",
            "perilaku": "sesuai",
            "alasan_perilaku": "Dinilai dari pengamatan.",
        },
        _medan(f.penilaian_forms.PenilaianForm, "aksi"),
    ),
    Titik(
        "penilaian:akui",
        lambda w: reverse("penilaian:akui", args=[penilaian(w).pk]),
        "asn",
        medan=lambda w: ["next"],
    ),
    Titik(
        "penilaian:buka_ulang",
        lambda w: reverse("penilaian:buka_ulang", args=[penilaian(w).pk]),
        "admin_instansi",
        lambda w: {"alasan": "Salah ketik skor perilaku."},
        _medan(f.penilaian_forms.AlasanForm),
    ),
    Titik(
        "penilaian:predikat_opd",
        lambda w: reverse("penilaian:predikat_opd", args=[w.opd.pk, TAHUN_NILAI]),
        "admin_instansi",
        lambda w: {"predikat": "baik"},
        _medan(f.penilaian_forms.PredikatOpdForm),
    ),
    Titik(
        "penilaian:penghargaan_putuskan",
        lambda w: reverse("penilaian:penghargaan_putuskan", args=[penghargaan(w).pk]),
        "admin_instansi",
        lambda w: {"keputusan": "setuju", "bentuk": "sertifikat"},
        _medan(f.penilaian_forms.PenghargaanPutusanForm),
    ),
    Titik(
        "penilaian:pelatihan_tambah",
        lambda w: reverse("penilaian:pelatihan_tambah"),
        "admin_instansi",
        lambda w: {
            "topik": "Bimtek SIAK",
            "penyelenggara": "Dukcapil",
            "tanggal_mulai": f"{TAHUN_NILAI}-08-01",
            "tanggal_selesai": f"{TAHUN_NILAI}-08-02",
        },
        _medan(f.penilaian_forms.PelatihanForm, "instansi"),
    ),
    Titik(
        "penilaian:pelatihan_ubah",
        lambda w: reverse("penilaian:pelatihan_ubah", args=[pelatihan(w).pk]),
        "admin_instansi",
        lambda w: {
            "topik": "Manajemen waktu",
            "penyelenggara": "BKPSDM",
            "tanggal_mulai": f"{TAHUN_NILAI}-04-22",
            "tanggal_selesai": f"{TAHUN_NILAI}-04-24",
        },
        _medan(f.penilaian_forms.PelatihanForm),
    ),
    Titik(
        "penilaian:peserta_tambah",
        lambda w: reverse("penilaian:peserta_tambah", args=[pelatihan(w).pk]),
        "admin_instansi",
        lambda w: {"pegawai": w.pegawai_lain.pk},
        _medan(f.penilaian_forms.PesertaTambahForm),
    ),
    Titik(
        "penilaian:peserta_ubah",
        lambda w: reverse("penilaian:peserta_ubah", args=[peserta(w).pk]),
        "admin_instansi",
        lambda w: {"kehadiran": "hadir"},
        _medan(f.penilaian_forms.PesertaUbahForm),
    ),
    Titik(
        "penilaian:rencana",
        lambda w: reverse("penilaian:rencana", args=[w.pegawai.pk, TAHUN_NILAI, 2]),
        "asn",
        lambda w: {"versi": "0", "aksi": "simpan"},
        _medan(f.penilaian_forms.RencanaKerjaForm, "aksi"),
    ),
    Titik(
        "penilaian:rencana_putuskan",
        lambda w: reverse("penilaian:rencana_putuskan", args=[rencana(w).pk]),
        "tim_evaluasi",
        lambda w: {"versi": str(rencana(w).versi), "aksi": "setujui"},
        _medan(f.penilaian_forms.RencanaPutusanForm, "aksi"),
    ),
    # laporan
    Titik(
        "laporan:minta",
        lambda w: reverse("laporan:minta"),
        "admin_instansi",
        lambda w: {"jenis": "capaian_triwulan_opd", "opd": w.opd.pk, "tahun": "2026", "triwulan": "1", "format": "pdf"},
        _medan(f.MintaLaporanForm),
    ),
    # pengaduan
    Titik(
        "pengaduan:form",
        lambda w: reverse("pengaduan:form"),
        None,
        lambda w: {
            "instansi": w.instansi.pk,
            "jenis": "pengaduan",
            "kategori": "adminduk",
            "judul": "Antrean KTP",
            "isi": "Antrean terlalu lama.",
            "nama_pelapor": "Warga",
            "kontak_pelapor": "warga@example.com",
        },
        _medan(f.pengaduan_forms.PengaduanForm),
        berkas=lambda w: ("lampiran",),
    ),
    Titik(
        "pengaduan:lacak",
        lambda w: reverse("pengaduan:lacak"),
        None,
        lambda w: {"kode": "ABCD-EFGH-JKMN"},
        _medan(f.pengaduan_forms.LacakForm),
    ),
    Titik(
        "pengaduan:lacak_balas",
        lambda w: reverse("pengaduan:lacak_balas", args=[dirutekan(w).pk]),
        None,
        lambda w: {"pesan": "Halo"},
        _medan(f.pengaduan_forms.BalasForm),
        sesi=lambda w, c: _lacak(w, c, dirutekan(w)),
    ),
    Titik(
        "pengaduan:lacak_nilai",
        lambda w: reverse("pengaduan:lacak_nilai", args=[dirutekan(w).pk]),
        None,
        lambda w: {"penilaian": "5", "terselesaikan": "ya"},
        _medan(f.pengaduan_forms.NilaiForm),
        sesi=lambda w, c: _lacak(w, c, dirutekan(w)),
    ),
    Titik(
        "pengaduan:lacak_buka_kembali",
        lambda w: reverse("pengaduan:lacak_buka_kembali", args=[dirutekan(w).pk]),
        None,
        lambda w: {"alasan": "Belum selesai"},
        _medan(f.pengaduan_forms.BukaKembaliForm),
        sesi=lambda w, c: _lacak(w, c, dirutekan(w)),
    ),
    Titik(
        "pengaduan:lacak_tidak_selesai",
        lambda w: reverse("pengaduan:lacak_tidak_selesai", args=[dirutekan(w).pk]),
        None,
        lambda w: {"catatan": "Belum selesai"},
        _medan(f.pengaduan_forms.TidakSelesaiForm),
        sesi=lambda w, c: _lacak(w, c, dirutekan(w)),
    ),
    Titik(
        "pengaduan:aksi",
        lambda w: reverse("pengaduan:aksi", args=[baru(w).pk]),
        "petugas_pengaduan",
        lambda w: {"aksi": "verifikasi", "verifikasi-versi": str(baru(w).versi)},
        lambda w: [
            "aksi",
            *sorted(
                {f"{a.nama}-{n}" for a in AKSI for n in a.form_class.base_fields} | {"verifikasi-opd", "disposisi-opd"}
            ),
        ],
    ),
    # survei
    Titik(
        "survei:survei",
        lambda w: reverse("survei:survei", args=[w.opd.pk]),
        None,
        lambda w: {**{f"u{i}": "4" for i in range(1, 10)}, "layanan": layanan(w).pk, "usia": "30"},
        _medan(f.SurveiForm),
    ),
    Titik(
        "survei:layanan_list",
        lambda w: reverse("survei:layanan_list"),
        "admin_instansi",
        lambda w: {"opd": w.opd.pk, "nama": "Layanan baru"},
        _medan(f.LayananForm),
    ),
    Titik(
        "survei:layanan_aktif",
        lambda w: reverse("survei:layanan_aktif", args=[layanan(w).pk]),
        "tim_evaluasi",
        lambda w: {"aktif": "0"},
        lambda w: ["aktif"],
    ),
    # Objections and calibration.
    Titik(
        "penilaian:keberatan_ajukan",
        lambda w: reverse("penilaian:keberatan_ajukan", args=[penilaian(w).pk]),
        "asn",
        lambda w: {"alasan": "Capaian TW I belum diverifikasi saat dinilai."},
        _medan(f.penilaian_forms.KeberatanForm),
        berkas=lambda w: ("bukti",),
    ),
    Titik(
        "penilaian:keberatan_putuskan",
        lambda w: reverse("penilaian:keberatan_putuskan", args=[keberatan(w).pk]),
        "pimpinan_opd",
        lambda w: {"keputusan": "kabulkan", "hasil_kerja": "di_atas", "perilaku": "di_atas", "alasan_keputusan": "Ya."},
        _medan(f.penilaian_forms.KeberatanPutusanForm),
    ),
    Titik(
        "penilaian:kalibrasi_buka",
        lambda w: reverse("penilaian:kalibrasi_buka"),
        "admin_instansi",
        lambda w: {"opd": w.opd.pk, "tahun": TAHUN_NILAI, "periode": "tw1"},
        lambda w: ["opd", "tahun", "periode"],
    ),
    Titik(
        "penilaian:kalibrasi_sesi",
        lambda w: reverse("penilaian:kalibrasi_sesi", args=[sesi(w).pk]),
        "admin_instansi",
        lambda w: {"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"},
        lambda w: ["form-TOTAL_FORMS", "form-INITIAL_FORMS", "form-0-penilaian", "form-0-hasil_kerja", "form-0-alasan"],
    ),
    Titik(
        "penilaian:kalibrasi_tutup",
        lambda w: reverse("penilaian:kalibrasi_tutup", args=[sesi(w).pk]),
        "admin_instansi",
        lambda w: {"catatan": "Selesai."},
        lambda w: ["catatan"],
    ),
    # Notifications: marking read, preferences, the unsubscribe link of an email (no account).
    Titik(
        "opd:notifikasi_baca",
        lambda w: reverse("opd:notifikasi_baca", args=[notifikasi_asn(w).pk]),
        "asn",
        medan=lambda w: ["next"],
    ),
    Titik("opd:notifikasi_baca_semua", lambda w: reverse("opd:notifikasi_baca_semua"), "asn"),
    Titik(
        "opd:notifikasi_preferensi",
        lambda w: reverse("opd:notifikasi_preferensi"),
        "asn",
        lambda w: {jenis.value: "aplikasi" for jenis in JenisNotifikasi},
        lambda w: [jenis.value for jenis in JenisNotifikasi],
    ),
    Titik(
        "opd:notifikasi_berhenti",
        lambda w: reverse(
            "opd:notifikasi_berhenti",
            args=[token_berhenti(user_id=w.users["asn"].pk, jenis=JenisNotifikasi.LAPORAN_SIAP)],
        ),
        None,
    ),
    Titik(
        "survei:undangan",
        lambda w: reverse("survei:undangan", args=[undangan(w).token]),
        None,
        lambda w: {**{f"u{i}": "4" for i in range(1, 10)}, "usia": "30"},
        lambda w: [*(f"u{i}" for i in range(1, 10)), "layanan", "usia", "jenis_kelamin", "saran"],
    ),
    # API tokens (the Admin Instansi's page).
    Titik(
        "api:token_list",
        lambda w: reverse("api:token_list"),
        "admin_instansi",
        lambda w: {"nama": "SIASN", "instansi": w.instansi.pk},
        _medan(TokenForm),
    ),
    Titik("api:token_revoke", lambda w: reverse("api:token_revoke", args=[token(w).pk]), "admin_instansi"),
]
