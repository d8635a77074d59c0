from django.urls import path

from . import views, views_opd, views_pelatihan, views_rencana, views_tindak_lanjut

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
]
