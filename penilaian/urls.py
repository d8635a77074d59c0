from django.urls import path

from . import views

app_name = "penilaian"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("pegawai/<int:pegawai_pk>/<int:tahun>/<str:periode>/", views.nilai, name="nilai"),
    path("<int:pk>/akui/", views.akui, name="akui"),
    path("<int:pk>/buka-ulang/", views.buka_ulang, name="buka_ulang"),
    path("<int:pk>/riwayat/", views.riwayat, name="riwayat"),
    path("opd/<int:opd_pk>/<int:tahun>/", views.opd, name="opd"),
    path("opd/<int:opd_pk>/<int:tahun>/predikat/", views.predikat_opd, name="predikat_opd"),
    path("tindak-lanjut/", views.tindak_lanjut, name="tindak_lanjut"),
    path("penghargaan/<int:pk>/putuskan/", views.penghargaan_putuskan, name="penghargaan_putuskan"),
    path("penghargaan/<int:pk>/sertifikat/", views.sertifikat, name="sertifikat"),
    path("verifikasi/", views.verifikasi, name="verifikasi"),
    path("verifikasi/<str:kode>/", views.verifikasi_kode, name="verifikasi_kode"),
    path("pelatihan/", views.pelatihan_list, name="pelatihan_list"),
    path("pelatihan/tambah/", views.pelatihan_tambah, name="pelatihan_tambah"),
    path("pelatihan/<int:pk>/", views.pelatihan_detail, name="pelatihan_detail"),
    path("pelatihan/<int:pk>/ubah/", views.pelatihan_ubah, name="pelatihan_ubah"),
    path("pelatihan/<int:pk>/peserta/", views.peserta_tambah, name="peserta_tambah"),
    path("peserta/<int:pk>/", views.peserta_detail, name="peserta_detail"),
    path("peserta/<int:pk>/ubah/", views.peserta_ubah, name="peserta_ubah"),
    path("rencana/<int:pegawai_pk>/<int:tahun>/<int:triwulan>/", views.rencana, name="rencana"),
    path("rencana/<int:pk>/putuskan/", views.rencana_putuskan, name="rencana_putuskan"),
]
