from django.urls import path

from . import views, views_kalibrasi, views_keberatan, views_opd, views_pelatihan, views_rencana, views_tindak_lanjut

app_name = "penilaian"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("pegawai/<int:pegawai_pk>/<int:tahun>/<str:periode>/", views.nilai, name="nilai"),
    path("<int:pk>/akui/", views.akui, name="akui"),
    path("<int:pk>/buka-ulang/", views.buka_ulang, name="buka_ulang"),
    path("<int:pk>/riwayat/", views.riwayat, name="riwayat"),
    path("opd/<int:opd_pk>/<int:tahun>/", views_opd.opd, name="opd"),
    path("opd/<int:opd_pk>/<int:tahun>/predikat/", views_opd.predikat_opd, name="predikat_opd"),
    path("tindak-lanjut/", views_tindak_lanjut.tindak_lanjut, name="tindak_lanjut"),
    path("penghargaan/<int:pk>/putuskan/", views_tindak_lanjut.penghargaan_putuskan, name="penghargaan_putuskan"),
    path("penghargaan/<int:pk>/sertifikat/", views_tindak_lanjut.sertifikat, name="sertifikat"),
    path("verifikasi/", views_tindak_lanjut.verifikasi, name="verifikasi"),
    path("verifikasi/<str:kode>/", views_tindak_lanjut.verifikasi_kode, name="verifikasi_kode"),
    path("pelatihan/", views_pelatihan.pelatihan_list, name="pelatihan_list"),
    path("pelatihan/tambah/", views_pelatihan.pelatihan_tambah, name="pelatihan_tambah"),
    path("pelatihan/<int:pk>/", views_pelatihan.pelatihan_detail, name="pelatihan_detail"),
    path("pelatihan/<int:pk>/ubah/", views_pelatihan.pelatihan_ubah, name="pelatihan_ubah"),
    path("pelatihan/<int:pk>/peserta/", views_pelatihan.peserta_tambah, name="peserta_tambah"),
    path("peserta/<int:pk>/", views_pelatihan.peserta_detail, name="peserta_detail"),
    path("peserta/<int:pk>/ubah/", views_pelatihan.peserta_ubah, name="peserta_ubah"),
    path("rencana/<int:pegawai_pk>/<int:tahun>/<int:triwulan>/", views_rencana.rencana, name="rencana"),
    path("rencana/<int:pk>/putuskan/", views_rencana.rencana_putuskan, name="rencana_putuskan"),
    path("keberatan/", views_keberatan.keberatan_daftar, name="keberatan_daftar"),
    path("<int:penilaian_pk>/keberatan/", views_keberatan.keberatan_ajukan, name="keberatan_ajukan"),
    path("keberatan/<int:pk>/", views_keberatan.keberatan_detail, name="keberatan_detail"),
    path("keberatan/<int:pk>/putuskan/", views_keberatan.keberatan_putuskan, name="keberatan_putuskan"),
    path("keberatan/<int:pk>/bukti/", views_keberatan.keberatan_bukti, name="keberatan_bukti"),
    path("kalibrasi/", views_kalibrasi.kalibrasi_daftar, name="kalibrasi_daftar"),
    path("kalibrasi/buka/", views_kalibrasi.kalibrasi_buka, name="kalibrasi_buka"),
    path("kalibrasi/<int:pk>/", views_kalibrasi.kalibrasi_sesi, name="kalibrasi_sesi"),
    path("kalibrasi/<int:pk>/tutup/", views_kalibrasi.kalibrasi_tutup, name="kalibrasi_tutup"),
]
